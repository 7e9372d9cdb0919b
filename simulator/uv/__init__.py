"""uv 0.13.8 on the simulated machine: ``uv venv``, ``uv pip`` and friends.

Module names follow uv's own crates where that helps reading beside uv's
source: ``settings`` (uv-settings), ``virtualenv`` (uv-virtualenv),
``pip`` (uv's ``commands/pip``), ``cli`` (uv-cli, the dispatch).
"""
