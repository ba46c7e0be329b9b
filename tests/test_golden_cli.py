"""Pinned command-line output: what users see must not change by accident.

Each case runs the real CLI from the project root (so paths in the output are
relative and stable) against a fresh corpus seeded from seeds/, and compares
stdout — or the file the command writes — with tests/golden/cli/<case>.txt.
Refresh deliberately with `python -m pytest tests/test_golden_cli.py --update-golden`.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden" / "cli"
SEED_QINGPU = "seeds/004_a3845e6a491bb007.txt"
SEED_YUANBAOSHAN = "seeds/001_d1cfad51e7d0ded7.txt"
SEED_XIACHENG = "seeds/003_3fdb355039b4e6e4.txt"
SEED_YANGPU = "seeds/000_f45f303019acc275.txt"
EXAMPLE = "examples/明湖区2024.yaml"

CASES = {
    "check_qingpu_text": ["check", SEED_QINGPU],
    "check_qingpu_json": ["check", SEED_QINGPU, "--format", "json"],
    "check_yuanbaoshan_json": ["check", SEED_YUANBAOSHAN, "--format", "json", "--no-reuse"],
    "check_example_json": ["check", EXAMPLE, "--format", "json"],
    "outline_yuanbaoshan": ["outline", SEED_YUANBAOSHAN],
    "outline_xiacheng_json": ["outline", SEED_XIACHENG, "--format", "json"],
    "build_example_txt": ["build", EXAMPLE, "--format", "txt"],
    "crosscheck_seeds_json": ["crosscheck", "seeds", "--format", "json"],
    "import_yangpu": ["import", SEED_YANGPU, "-o", "{out}"],
    "init_skeleton": ["init", "--region", "明湖区", "--year", "2025", "-o", "{out}"],
    "init_from_example": ["init", "--from", "{tmp}/明湖区2024.yaml", "-o", "{out}"],
}
# cases run in their temporary folder, with the example copied there: what they write names
# last year's file relative to the new one, and that path must not depend on the machine
IN_TMP = {"init_from_example"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_output_is_unchanged(case, tmp_path, update_golden):
    out = tmp_path / "out.yaml"
    if case in IN_TMP:
        shutil.copy(ROOT / EXAMPLE, tmp_path)
        args = [a.format(out="out.yaml", tmp=".") for a in CASES[case]]
    else:
        args = [a.format(out=out) for a in CASES[case]]
    if args[0] in ("check", "crosscheck"):
        args += ["--db", str(tmp_path / "corpus.sqlite")] if args[0] == "check" else []
    result = run_cli(*args, cwd=tmp_path if case in IN_TMP else ROOT)
    assert result.returncode in (0, 1), result.stderr
    actual = out.read_text(encoding="utf-8") if "{out}" in CASES[case] else result.stdout
    golden = GOLDEN / f"{case}.txt"
    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), (
        f"output of `drafter {' '.join(CASES[case])}` changed"
    )
