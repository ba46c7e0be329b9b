"""One task run in a second process while this one does something else.

A review's Excel workbook takes as long to write as its dashboard and its JSON together, and
each is one thread of Python: written by a forked copy of the process, the workbook costs no
time of its own on a machine with two cores. Where there is no fork (Windows), or no second
core, the task simply runs first. Either way its error is raised here, as the task raised it.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def alongside(task: Callable[[], None]) -> Iterator[None]:
    """Run task in a forked child while the body runs; wait for it after the body (also when
    the body fails) and raise what the task raised."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        task()
        yield
        return
    for stream in (sys.stdout, sys.stderr):  # else the child would write their buffers again
        stream.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the task, report how it ended, never return to the caller
        os.close(read_end)
        _child(task, write_end)
    os.close(write_end)
    try:
        yield
    finally:
        failure = _wait(pid, read_end)
    if failure is not None:
        raise failure


def _child(task: Callable[[], None], pipe: int) -> None:
    code = 0
    try:
        task()
        outcome = b""
    except BaseException as exc:  # noqa: BLE001 — handed to the parent, which raises it
        code = 1
        try:
            outcome = pickle.dumps(exc)
        except Exception:  # noqa: BLE001 — an error that cannot be pickled: its text
            outcome = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
    try:
        with os.fdopen(pipe, "wb") as out:
            out.write(outcome)
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _wait(pid: int, pipe: int) -> BaseException | None:
    with os.fdopen(pipe, "rb") as report:
        outcome = report.read()
    _, status = os.waitpid(pid, 0)
    if outcome:
        return pickle.loads(outcome)
    if os.waitstatus_to_exitcode(status) != 0:
        return RuntimeError(f"后台进程异常退出（状态 {status}）")
    return None
