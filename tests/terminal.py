"""Reading what a command drew on a pseudo-terminal (the progress bar is drawn only there)."""

from __future__ import annotations

import os


def drained(primary: int) -> bytes:
    """Everything written to the pseudo-terminal until its last writer closes it (Linux
    reports the end as EIO rather than an empty read)."""
    drawn = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    return drawn
