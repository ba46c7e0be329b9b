"""A long-lived process that runs drafter commands for the fuzz test, under resource limits.

It caps its own address space (DRAFTER_FUZZ_MEMORY_MB, default 500) before importing
drafter, then reads one JSON request per line ({"args": [...]}) and answers one JSON line:
exit code, stderr, seconds taken and the process's peak resident memory so far (VmHWM). A case
that tries to allocate past the cap fails inside drafter (MemoryError: exit 3); a case
that hangs is killed by the test, which reads answers with a timeout.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.inprocess


def main() -> None:
    """Serve requests until stdin closes."""
    cap = int(os.environ.get("DRAFTER_FUZZ_MEMORY_MB", "500")) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from tests.inprocess import peak_mb, run_in_process

    root = Path(__file__).resolve().parent.parent
    for warm_up in (  # imports (jinja2, python-docx, jieba, the corpus) before the first timed case
        ["build", root / "examples" / "明湖区2024.yaml", "--format", "txt"],
        ["check", root / "seeds" / "004_a3845e6a491bb007.txt", "--format", "json"],
    ):
        run_in_process(*warm_up)
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        result = run_in_process(*request["args"])
        answer = {
            "code": result.returncode,
            "stderr": result.stderr[-4000:],
            "seconds": time.monotonic() - started,
            "peak_mb": peak_mb(),
        }
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
