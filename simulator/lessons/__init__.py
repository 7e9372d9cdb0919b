"""Lessons: the format, the checks, the runner."""
