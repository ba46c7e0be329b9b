"""Shared fixtures: the project root, the example, and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.inprocess import run_in_process

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "明湖区2024.yaml"
PREVIOUS = ROOT / "examples" / "明湖区2023.yaml"

META = """\
报告:
  地区: 明湖区
  层级: 区县政府
  年度: 2024
  署名: 明湖区人民政府
  日期: 2025-03-06
"""


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/* from current output"
    )


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def write(tmp_path):
    """Write dedented text to a file under tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding=encoding)
        return path

    return _write


SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def isolated_corpus(tmp_path_factory):
    """Tests never touch the user's own corpus: the library and every CLI run use this one."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    old = os.environ.get("DRAFTER_DB")
    os.environ["DRAFTER_DB"] = str(path)
    yield path
    if old is None:
        os.environ.pop("DRAFTER_DB", None)
    else:
        os.environ["DRAFTER_DB"] = old


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    """Tests leave the user's cache folder alone (the gazetteer is built once per session)."""
    old = os.environ.get("DRAFTER_CACHE")
    os.environ["DRAFTER_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("DRAFTER_CACHE", None)
    else:
        os.environ["DRAFTER_CACHE"] = old


def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli


def require_tools(*tools: str) -> None:
    """Skip when a real client is missing here; under CI (CI=true) that is a failure."""
    import shutil

    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {missing} (see .ci/run)")
        pytest.skip(f"needs {missing}: apt-get install libreoffice-writer-nogui poppler-utils")


@pytest.fixture
def drafter():
    """Run a drafter command in-process: drafter("build", path, "-o", out).returncode …"""
    return run_in_process
