"""The command line: option parsing, one library call per command, printing and exit
codes. No logic of its own; heavy modules are imported inside the commands so that
`drafter --help` stays fast.

Imports: drafter.api (and drafter.core for error types and safe writing).
"""

import os
import sys

from ..core.errors import UserError
from . import (  # noqa: F401 — registers the commands
    check_commands,
    corpus_commands,
    draft_commands,
    format_commands,
    plan_commands,
    read_commands,
    review_commands,
    serve_commands,
)
from .app import EXIT_INTERNAL, EXIT_USAGE, app, err

__all__ = ["main"]


def main() -> None:
    """Run the CLI: map drafter's errors to exit codes, never show a traceback to a user."""
    try:
        app()  # typer handles usage errors itself: message and exit code 2
    except UserError as exc:
        err(f"错误：{exc}")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        err("已中断。")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — last resort: never a bare traceback for users
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        err(f"内部错误（drafter 的缺陷，请连同输入文件报告）：{type(exc).__name__}: {exc}")
        sys.exit(EXIT_INTERNAL)
