"""The error that ends ``pip install``.

Ports pip/_internal/exceptions.py (``InstallationError``).
"""

from __future__ import annotations


class InstallError(Exception):
    """Ends ``pip install`` with ``ERROR: <message>`` and exit 1."""


class ResolutionTooDeepError(Exception):
    """pip's ``ResolutionTooDeepError``: resolvelib ran past pip's 200,000 rounds."""
