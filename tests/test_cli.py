"""The real command line: exit codes, Chinese messages, nothing lost or half-written."""

from __future__ import annotations

import re

import pytest

from drafter.drafting.docx_dump import dump_docx
from tests.conftest import EXAMPLE, META, PREVIOUS


def leftovers(directory) -> list[str]:
    return sorted(
        p.name for p in directory.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"
    )


def test_build_example_writes_docx_without_warnings(cli, tmp_path):
    out = tmp_path / "报告.docx"
    result = cli("build", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "警告" not in result.stderr
    assert out.is_file() and "明湖区2024年法治政府建设情况报告" in dump_docx(out)


def test_build_refuses_to_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "报告.docx"
    out.write_bytes(b"user's own file")
    result = cli("build", EXAMPLE, "-o", out)
    assert result.returncode == 2
    assert "输出文件已存在" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"user's own file"
    assert cli("build", EXAMPLE, "-o", out, "--force").returncode == 0
    assert out.read_bytes() != b"user's own file"


@pytest.mark.parametrize(
    "name, text, expected",
    [
        (
            "malformed.yaml",
            META + "行政执法:\n  事项:\n    - 要点: 甲\n     内容: 乙\n",
            r"malformed\.yaml:\d+:\d+: YAML 格式错误",
        ),
        (
            "types.yaml",
            META.replace("年度: 2024", "年度: 明年") + "其他情况: [无。]\n",
            r"types\.yaml:4:\d+: 应当是整数",
        ),
        (
            "section.yaml",
            META + "行政执发: [甲。]\n",
            r"section\.yaml:7:1: 未知的键“行政执发”.*\n.*是否想写“行政执法”",
        ),
        (
            "key.yaml",
            META + "行政执法:\n  事像: [甲。]\n",
            r"key\.yaml:8:3: 未知的键“事像”.*\n.*是否想写“事项”",
        ),
        (
            "metric.yaml",
            META + "矛盾纠纷化解:\n  - 纠错率{{ 行政复议.纠错率 }}。\n",
            r"metric\.yaml:8:\d+: 叙述引用了“行政复议\.纠错率”",
        ),
        (
            "flow.yaml",
            META + "矛盾纠纷化解: [纠错率{{ 行政复议.纠错率 }}。]\n",
            r"flow\.yaml:7:\d+: YAML 格式错误：方括号列表的写法有误",
        ),
    ],
)
def test_bad_input_is_located_exit_2_and_leaves_no_output(
    cli, tmp_path, write, name, text, expected
):
    data = write(name, text)
    out = tmp_path / "out.docx"
    result = cli("build", data, "-o", out)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("错误："), result.stderr
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and leftovers(tmp_path) == []


def test_non_utf8_input(cli, tmp_path):
    data = tmp_path / "gbk.yaml"
    data.write_bytes(META.encode("gbk"))
    result = cli("build", data, "-o", tmp_path / "out.docx")
    assert result.returncode == 2 and "文件不是 UTF-8 编码" in result.stderr
    assert "gbk.yaml:1:" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_missing_template_variable_through_cli(cli, tmp_path, write):
    template = tmp_path / "tpl"
    template.mkdir()
    (template / "report.j2").write_text(
        "# {{ report.title }}\n收到{{ 行政复议.收到 }}件\n", encoding="utf-8"
    )
    result = cli(
        "build",
        write("d.yaml", META + "其他情况: [无。]\n"),
        "-o",
        tmp_path / "o.docx",
        "-t",
        template,
    )
    assert result.returncode == 2
    assert re.search(r"report\.j2:2: 模板使用了“行政复议\.收到”", result.stderr), result.stderr
    assert not (tmp_path / "o.docx").exists()


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("build").returncode == 2
    result = cli("build", EXAMPLE, "-f", "odt")
    assert result.returncode == 2 and "未知的输出格式" in result.stderr
    result = cli("build", EXAMPLE, "-f", "pdf")  # a PDF is a file: -o is needed
    assert result.returncode == 2 and "-o" in result.stderr
    result = cli("build", tmp_path / "none.yaml", "-o", tmp_path / "x.docx")
    assert result.returncode == 2 and "找不到" in result.stderr


def test_preview_formats_print_to_terminal(cli):
    text = cli("build", EXAMPLE, "--format", "txt")
    assert text.returncode == 0 and "一、2024年推进法治政府建设的主要举措和成效" in text.stdout
    markdown = cli("build", EXAMPLE, "--format", "md")
    assert markdown.returncode == 0 and markdown.stdout.startswith(
        "# 明湖区2024年法治政府建设情况报告"
    )
    assert "## 二、2024年推进法治政府建设存在的不足和原因" in markdown.stdout


def test_init_writes_a_complete_skeleton(cli, tmp_path):
    out = tmp_path / "明湖区2025.yaml"
    result = cli("init", "--region", "明湖区", "--year", "2025", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    from drafter.core.schema import load_schema

    for section in load_schema().sections:
        assert f"\n{section.key}:" in text, section.key
        for group in section.metrics:
            assert f"    {group.key}:" in text
            for count in group.counts:  # each count carries its unit and meaning as a comment
                assert f"      {count.key}: ~  # {count.unit}，{count.title}" in text
    assert "\n  年度: 2025\n" in text
    assert "# 由 drafter init 生成。填好后运行：drafter build 本文件 -o 报告.docx" in text
    assert (
        cli("init", "--region", "明湖区", "--year", "2025", "-o", out).returncode == 2
    )  # no overwrite


def test_init_from_last_year_clears_numbers_and_marks_narrative(cli, tmp_path):
    out = tmp_path / "next.yaml"
    result = cli("init", "--from", PREVIOUS, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "年度: 2024" in text and "日期: ~" in text
    # this year's counts are cleared; last year's are kept as 上年, for 同比
    assert "      收到: ~" in text and "      收到: 152" not in text
    assert "上年: {收到: 152, 受理: 140, 审结: 133, 纠错: 21}" in text
    assert "【待改写】上年原文" in text and "要点: 提升执法质量" in text
    from drafter.drafting.loader import load_year_data

    data = load_year_data(out)  # the carried-over file is valid year data
    assert data.meta.year == 2024 and not any(sd.has_content() for sd in data.sections.values())
    assert data.previous_values()["行政复议"]["收到"] == 152
    assert data.lineage_path().resolve() == PREVIOUS.resolve()


def test_help_is_chinese(cli):
    result = cli("--help")
    assert result.returncode == 0 and "法治政府建设年度报告" in result.stdout
    for command in ("build", "init"):
        assert cli(command, "--help").returncode == 0
