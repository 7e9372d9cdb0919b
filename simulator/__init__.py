"""venvsim: a simulator of Python's global install versus virtual environments."""

__version__ = "0.1.0"
