"""The classroom: what a class uses (the shell REPL, the lesson presenter and runner,
slides). It stands above shell/ (the bash-like machine) and lessons/ (their format)."""
