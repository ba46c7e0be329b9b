"""The shape of the code: packages import only downward, modules and functions stay small,
ruff passes, and the command line starts without the heavy libraries."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"
# Lower ranks are imported by higher ones, never the other way; equal ranks not at all.
RANKS = {
    "core": 0,
    "read": 1,
    "drafting": 2,
    "checks": 3,
    "reuse": 3,
    "plans": 3,
    "review": 4,
    "api": 5,
    "cli": 6,
    "web": 6,
}
# What the command line may reach besides the library entry: error types and safe file writing.
# `drafter serve` starts the web app, the library's other face.
CLI_MAY_IMPORT = {"api", "core", "cli", "web"}
# The web app, like the command line, is a face on the library: drafter.api and drafter.core.
WEB_MAY_IMPORT = {"api", "core", "web"}
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 300, 40
HEAVY = ("jinja2", "docx", "jieba", "opencc", "numpy", "rapidfuzz", "rich")


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _package_of(path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py") if len(parts) > 1 or parts[0] == "api.py" else ""


def _imported_packages(path) -> set[str]:
    """drafter packages a module imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for drafter/x.py
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            up = node.level - 1
            if up > depth:
                continue
            base = list(path.relative_to(PACKAGE).parts[:-1])[: depth - up]
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.add(target[0])
            else:  # `from . import x` at the package root
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("drafter."):
            found.add(node.module.split(".")[1])
    return {p for p in found if p in RANKS}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_down(path):
    package = _package_of(path)
    if package not in RANKS:
        return  # drafter/__init__.py and __main__.py sit above everything
    for other in _imported_packages(path) - {package}:
        if package in ("cli", "web"):
            allowed = CLI_MAY_IMPORT if package == "cli" else WEB_MAY_IMPORT
            assert other in allowed, (
                f"{path.name}: {package} calls drafter.api, not drafter.{other}"
            )
        else:
            assert RANKS[other] < RANKS[package], f"{package} must not import {other} ({path.name})"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_are_small(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{path.name} has over {MAX_MODULE_LINES} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}:{node.name} has {length} lines"


def test_every_package_says_what_it_owns_and_may_import():
    for package in RANKS:
        init = PACKAGE / package / "__init__.py"
        if init.exists():
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
            assert "Imports:" in doc, f"drafter/{package}/__init__.py must say what it may import"


def test_ruff_passes():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is installed with the test extras: pip install -e '.[test]'")
    lint = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run([ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout


def _imported(argv: list[str], modules: tuple[str, ...]) -> str:
    """Which of modules a `drafter` command line imported (its stderr is the list)."""
    probe = (
        f"import sys\nfrom drafter.cli import main\nsys.argv = {['drafter', *argv]!r}\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(','.join(m for m in {modules!r} if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""


def test_help_imports_no_heavy_library():
    found = _imported(["--help"], HEAVY)
    assert found == "", f"`drafter --help` imported: {found}"


def test_check_without_reuse_leaves_the_corpus_alone():
    """--no-reuse opens no corpus, so numpy and the index code are never loaded."""
    seed = str(ROOT / "seeds" / "000_f45f303019acc275.txt")
    found = _imported(["check", seed, "--no-reuse", "--fail-on", "never"], ("numpy",))
    assert found == "", f"`drafter check --no-reuse` imported: {found}"


def test_check_without_a_plan_loads_no_plan_code(tmp_path):
    """A check against a corpus that holds no plan of the unit loads none of the plan modules
    (规划对账 costs nothing when there is nothing to reconcile)."""
    seed = str(ROOT / "seeds" / "000_f45f303019acc275.txt")
    db = str(tmp_path / "corpus.sqlite")
    argv = ["check", seed, "--db", db, "--fail-on", "never"]
    found = _imported(argv, ("drafter.plans.reconcile", "drafter.plans.coverage"))
    assert found == "", f"`drafter check` imported: {found}"
