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


def peak_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM).

    Not ru_maxrss: for a child that counts the parent's memory at fork time as well."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# `python -c MEASURED PEAK_FILE ARGS…` runs `python -m drafter ARGS…` and, on exit, writes its
# peak resident memory (MB) to PEAK_FILE.
MEASURED = """
import atexit, runpy, sys
peak_file, sys.argv = sys.argv[1], ["drafter", *sys.argv[2:]]

def report():
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            open(peak_file, "w").write(str(int(line.split()[1]) / 1024))

atexit.register(report)
runpy.run_module("drafter", run_name="__main__", alter_sys=True)
"""
