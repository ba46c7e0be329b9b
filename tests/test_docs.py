"""Every command is documented in the README and has Chinese help; the README starts with the two set-up commands."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

COMMANDS = [
    "build",
    "format",
    "fonts",
    "init",
    "outline",
    "import",
    "check",
    "crosscheck",
    "review",
    "corpus add",
    "corpus list",
    "corpus remove",
    "plan",
    "corpus check",
    "corpus repair",
    "serve",
]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_documented(cli, command):
    result = cli(*command.split(), "--help")
    assert result.returncode == 0
    assert re.search(r"[\u4e00-\u9fff]", result.stdout), "help text must be Chinese"
    assert f"drafter {command}" in README or f"`{command.split()[-1]}" in README


def test_readme_starts_with_the_two_setup_commands():
    first_block = README.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(first_block) == 2
    assert first_block[0].startswith("pip install -e . && drafter build examples/")
    assert first_block[1] == "pip install -e '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest" in ci
