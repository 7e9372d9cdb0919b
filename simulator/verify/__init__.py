"""The real side of the verifier: replay a scenario on real CPython venv and pip 26.3.

``simulator.verify.replay.replay(path)`` builds the machine in a temporary folder
(``machine``), with tiny real wheels and a simple index (``wheels``), runs the steps
in one real bash and returns the shape of ``venvsim run FILE --json``.
"""
