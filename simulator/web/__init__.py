"""venvsim in the browser: ``build`` writes the static site, ``serve`` serves it, ``page`` is the
Python the page runs on Pyodide (the shell one line at a time, its picture as SVG)."""
