"""import -> build -> outline keeps the report's structure; bad reports exit 2 with a message."""

from __future__ import annotations

import json

import pytest

from drafter.drafting.loader import load_year_data
from tests.conftest import ROOT

REPORT_SEEDS = [
    "000_f45f303019acc275.txt",
    "001_d1cfad51e7d0ded7.txt",
    "003_3fdb355039b4e6e4.txt",
    "004_a3845e6a491bb007.txt",
]


def _sections(cli, path) -> list[str]:
    result = cli("outline", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [h["section"] for h in json.loads(result.stdout)]


@pytest.mark.parametrize("seed", REPORT_SEEDS)
def test_round_trip_import_build_outline(cli, tmp_path, seed):
    data, docx = tmp_path / "data.yaml", tmp_path / "built.docx"
    imported = cli("import", ROOT / "seeds" / seed, "-o", data)
    assert imported.returncode == 0, imported.stderr
    built = cli("build", data, "-o", docx)
    assert built.returncode == 0, built.stderr
    assert _sections(cli, docx) == _sections(cli, ROOT / "seeds" / seed)


def test_import_infers_metadata_and_figures(cli, tmp_path):
    data = tmp_path / "ybs.yaml"
    assert cli("import", ROOT / "seeds" / "001_d1cfad51e7d0ded7.txt", "-o", data).returncode == 0
    year = load_year_data(data)
    assert (year.meta.region, year.meta.year, year.meta.level) == ("元宝山区", 2023, "区县政府")
    assert year.sections["disputes"].metrics["行政复议"] == {"收到": 37, "受理": 36, "审结": 34}
    text = data.read_text(encoding="utf-8")
    assert "# 来自：" in text and "收到行政复议申请37件" in text
    assert text.count("政府职能依法全面履行") == 1  # the duplicated body is imported once


def test_import_of_a_plan_says_so_and_needs_a_year(cli, tmp_path):
    plan = ROOT / "seeds" / "002_80de4b8a374a576b.txt"
    result = cli("import", plan, "-o", tmp_path / "plan.yaml")
    assert result.returncode == 2 and "--year" in result.stderr
    result = cli("import", plan, "-o", tmp_path / "plan.yaml", "--year", "2021")
    assert result.returncode == 0 and "这是一份规划" in result.stderr
    assert cli("build", tmp_path / "plan.yaml", "-o", tmp_path / "plan.docx").returncode == 0


def test_outline_text_names_sections_parts_and_confidence(cli):
    result = cli("outline", ROOT / "seeds" / "003_3fdb355039b4e6e4.txt")
    assert result.returncode == 0
    assert (
        "→ first_responsible（党政主要负责人履行推进法治建设第一责任人职责情况）0.95"
        in result.stdout
    )
    json_result = cli("outline", ROOT / "seeds" / "003_3fdb355039b4e6e4.txt", "-f", "json")
    first = json.loads(json_result.stdout)[0]
    assert {"text", "level", "section", "part", "confidence", "line"} <= set(first)
    assert first["line"] == 6 and first["level"] == 1


def test_outline_says_a_plan_is_a_plan(cli):
    result = cli("outline", ROOT / "seeds" / "002_80de4b8a374a576b.txt")
    assert result.returncode == 0 and "这是一份规划" in result.stderr and "[规划；" in result.stdout


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "文件是空的"),
        ("binary.txt", bytes(range(256)) * 4, "不是文本文件"),
        ("broken.docx", b"PK\x03\x04garbage", "不是有效的 .docx 文件"),
    ],
)
def test_bad_reports_exit_2(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    for command in (["outline", path], ["import", path, "-o", tmp_path / "out.yaml"]):
        result = cli(*command)
        assert (
            result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
        )
    assert not (tmp_path / "out.yaml").exists()


def test_outline_of_a_built_docx_uses_numbering_not_styles(cli, tmp_path):
    from tests.conftest import EXAMPLE

    docx = tmp_path / "example.docx"
    assert cli("build", EXAMPLE, "-o", docx).returncode == 0
    sections = _sections(cli, docx)
    assert sections[0] == "achievements" and sections[1] == "leadership"
    assert {"shortcomings", "first_responsible", "next_year", "other"} <= set(sections)
