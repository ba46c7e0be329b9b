"""The command line: option parsing, one library call per command, printing and exit
codes. No logic of its own; heavy modules are imported inside the commands so that
`drafter --help` stays fast.

Imports: drafter.api (and drafter.core for error types).
"""

from .app import main

__all__ = ["main"]
