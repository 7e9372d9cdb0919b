"""The bash-like shell: parsing a line, running it, the prompt."""
