"""The real CLI entry (drafter.cli.main) run inside this process: the same parsing, exit codes
and messages as `python -m drafter`, without the start-up cost. Used by the tests and by the
fuzz worker."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass


@dataclass
class Run:
    """What a command printed and how it exited (the shape of subprocess.CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


def run_in_process(*args) -> Run:
    """Run `drafter *args` through drafter.cli.main and capture what it printed."""
    from drafter.cli import main

    out, err, old_argv = io.StringIO(), io.StringIO(), sys.argv
    sys.argv, code = ["drafter", *map(str, args)], 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        sys.argv = old_argv
    return Run(code, out.getvalue(), err.getvalue())
