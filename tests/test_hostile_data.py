"""Hostile and broken year data, narrative and templates: each case of issue 11 exits 2 with a
located Chinese message (never 3, never a traceback), quickly, and leaves no output file."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.conftest import EXAMPLE, ROOT

ANCHOR = "专题学习2次"  # a sentence of the example's first narrative item (line 26)


def example_with(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def narrative(expr: str) -> str:
    return example_with(ANCHOR, "专题学习" + expr + "次")


def billion_laughs() -> str:
    lines, previous = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'], "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
        previous = name
    return "\n".join(lines) + "\n"


def refused(drafter, tmp_path, text: str, *expected: str, name="data.yaml", args=()):
    """Build text as year data; assert exit 2 naming the file and each expected phrase."""
    data = tmp_path / name
    data.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out.docx"
    started = time.monotonic()
    result = drafter("build", data, "-o", out, *args)
    elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr
    assert name in result.stderr, result.stderr
    for phrase in expected:
        assert phrase in result.stderr, result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))
    return result, elapsed


# ── YAML itself ─────────────────────────────────────────────────────────────


def test_billion_laughs_stops_at_the_node_limit_at_once(drafter, tmp_path):
    _, elapsed = refused(drafter, tmp_path, billion_laughs(), "yaml_nodes".upper())
    assert elapsed < 2  # 9^9 values were never built


def test_billion_laughs_in_a_template_layout(drafter, tmp_path):
    template = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates" / "default", template)
    (template / "layout.yaml").write_text(billion_laughs(), encoding="utf-8")
    result = drafter("build", EXAMPLE, "-o", tmp_path / "o.docx", "-t", template)
    assert result.returncode == 2 and "layout.yaml:" in result.stderr
    assert "DRAFTER_LIMIT_YAML_NODES" in result.stderr


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("报告: &a [*a]\n", "递归引用"),
        ("报告: *nowhere\n", "未定义的锚点“nowhere”"),
        ("报告: " + "[" * 1000 + "]" * 1000 + "\n", "DRAFTER_LIMIT_YAML_DEPTH"),
        ("".join("  " * i + f"k{i}:\n" for i in range(1000)), "YAML 的嵌套层数"),
        ("报告: 1\n---\n报告: 2\n", "只能有一个文档"),
        ("? [a, b]\n: 1\n", "键必须是文字"),
    ],
    ids=["recursive-alias", "undefined-alias", "deep-flow", "deep-block", "two-docs", "list-key"],
)
def test_structure_faults(drafter, tmp_path, text, phrase):
    refused(drafter, tmp_path, text, phrase)


@pytest.mark.parametrize(
    "old, new, phrase",
    [
        ("日期: 2025-03-06", "日期: 2025-02-30", "data.yaml:10:7: 日期“2025-02-30”不存在"),
        ("日期: 2025-03-06", "日期: 2025-13-01", "日期“2025-13-01”不存在"),
        ("地区: 明湖区", "地区: !foo 明湖区", "不支持的 YAML 标签“!foo”"),
        ("地区: 明湖区", "地区: !!python/name:os.system 明湖区", "“!!python/name:os.system”"),
        ("地区: 明湖区", "地区: !!binary aGVsbG8=", "“!!binary”"),
        ("署名: 明湖区人民政府", '署名: "明湖区\\ud800人民政府"', "U+D800"),
        ("署名: 明湖区人民政府", '署名: "明湖区\\x07人民政府"', "U+0007"),
        ("区委理论学习", "区委\x07理论学习", "不可见的控制字符 U+0007"),
        ("区委理论学习", "区委\ud800理论学习", "文件不是 UTF-8 编码"),
        ("会前学法: 11", "会前学法: 1" + "0" * 400, "DRAFTER_LIMIT_COUNT_MAX"),
        ("会前学法: 11", "会前学法: 1" + "0" * 5000, "位数过多"),
        ("全程网办: 1219", "全程网办: 1" + "0" * 30, "指标计数的数值不能超过"),
        ("全程网办: 1219", "全程网办: .inf", "这里是 inf"),
    ],
    ids=[
        "feb-30",
        "month-13",
        "tag-foo",
        "tag-python",
        "tag-binary",
        "escaped-surrogate",
        "escaped-control",
        "raw-control",
        "raw-surrogate",
        "count-10e400",
        "count-5000-digits",
        "rate-numerator-10e30",
        "count-inf",
    ],
)
def test_value_faults(drafter, tmp_path, old, new, phrase):
    refused(drafter, tmp_path, example_with(old, new), phrase)


def test_text_handed_to_the_library_is_checked_too():
    from drafter.core.errors import DataError
    from drafter.drafting.loader import parse_year_data

    with pytest.raises(DataError, match="孤立的代理项 U\\+D800"):
        parse_year_data(narrative("\ud800"), "草稿.yaml")


def test_a_file_over_the_size_limit_is_refused_before_reading(drafter, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_LIMIT_YAML_FILE_MB", "0.01")
    refused(drafter, tmp_path, narrative("甲" * 5000), "DRAFTER_LIMIT_YAML_FILE_MB=0.02")


# ── narrative Jinja ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "expr, phrase",
    [
        ("{% for i in range(10**8) %}x{% endfor %}", "range() 的长度"),
        ("{{ 9 ** 9999999 }}", "计算出的整数的位数"),
        (
            "{% set n = namespace(v=9) %}{% for i in range(99) %}{% set n.v = n.v * n.v %}"
            "{% endfor %}",
            "计算出的整数的位数",
        ),
        ("{{ 'x' * 10**10 }}", "这里要生成 10,000,000,000 字"),
        ("{{ 'x' | center(10**10) }}", "一段文字"),
        ("{{ 'x'.ljust(10**10) }}", "一段文字"),
        ("{{ '{:>9999999999}'.format(1) }}", "一段文字"),
        ("{{ '%9999999999d' % 1 }}", "一段文字"),
        ("{{ (1).to_bytes(10**9, 'big') }}", "一段文字"),
        ("{{ (['x' * 1000000] * 1000) | join }}", "一段文字"),
        ("{{ ('x' * 100000) | replace('x', 'y' * 100000) }}", "一段文字"),
        (
            "{% set n = namespace(s='x') %}{% for i in range(99) %}{% set n.s = n.s ~ n.s %}"
            "{% endfor %}",
            "一段文字",
        ),
        (
            "{% set n = namespace(l=[]) %}{% for i in range(99999) %}"
            "{% set n.l = n.l + ['x' * 1000000] %}{% endfor %}",
            "文字总量",
        ),
        ("{{ 1 / 0 }}", "除数为 0"),
        ("{{ ().__class__.__bases__ }}", "出于安全考虑"),
        ("{{ 0 | cn }}", "cn 只能把"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "递归过深"),
        ("{{ " + "(" * 400 + "1" + ")" * 400 + " }}", "嵌套过深"),
        ("{{ lipsum(10**9) }}", "未知的名称“lipsum”"),
        ("{{ '\\x07' }}", "无法写入 Word 的字符 U+0007"),
        ("{{ '\\ud800' }}", "无法写入 Word 的字符 U+D800"),
    ],
    ids=lambda v: v[:24],
)
def test_narrative_resource_and_runtime_faults(drafter, tmp_path, expr, phrase):
    result, elapsed = refused(drafter, tmp_path, narrative(expr), phrase)
    assert "data.yaml:26:11:" in result.stderr  # the item that holds the expression
    assert elapsed < 5


def test_wall_clock_budget_stops_nested_loops(drafter, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_LIMIT_RENDER_SECONDS", "0.5")
    loops = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    _, elapsed = refused(drafter, tmp_path, narrative(loops), "渲染时间", "=1")
    assert elapsed < 3
    over_string = "{% set s = 'x' * 9999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    refused(drafter, tmp_path, narrative(over_string), "DRAFTER_LIMIT_RENDER_SECONDS")


def test_bounded_sandbox_still_renders_ordinary_jinja(drafter, tmp_path):
    data = tmp_path / "ok.yaml"
    data.write_text(
        narrative("{{ 2 ** 10 }}{{ '-' * 3 }}{{ [1, 2] | join('、') }}{{ 400 | cn }}"),
        encoding="utf-8",
    )
    result = drafter("build", data, "--format", "txt")
    assert result.returncode == 0, result.stderr
    assert "专题学习1024---1、2四百次" in result.stdout


# ── template folders ───────────────────────────────────────────────────────


@pytest.fixture
def template(tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates" / "default", folder)
    return folder


def build_with(drafter, tmp_path, template):
    out = tmp_path / "o.docx"
    result = drafter("build", EXAMPLE, "-o", out, "-t", template)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    return result.stderr


@pytest.mark.parametrize(
    "source, phrase",
    [
        ("{% include 'report.j2' %}", "递归过深"),
        ("{% extends 'report.j2' %}", "递归过深"),
        ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "递归过深"),
        ("{% include '../outside.j2' %}", "找不到模板"),
        ("{% for i in range(10**9) %}{% endfor %}", "range()"),
        ("{{ report.title * 10**8 }}", "一段文字"),
        ("# 标题\x07\n", "不可见的控制字符 U+0007"),
        ("# {{ '\\x1b' }}\n", "无法写入 Word 的字符 U+001B"),
    ],
    ids=[
        "self-include",
        "self-extends",
        "recursive-macro",
        "dotdot",
        "range",
        "repeat",
        "raw-control",
        "made-control",
    ],
)
def test_hostile_templates(drafter, tmp_path, template, source, phrase):
    (template / "report.j2").write_text(source, encoding="utf-8")
    stderr = build_with(drafter, tmp_path, template)
    assert "report.j2" in stderr and phrase in stderr, stderr


@pytest.mark.parametrize("name", ["report.j2", "part.j2", "layout.yaml"])
def test_links_out_of_the_template_folder_are_not_followed(drafter, tmp_path, template, name):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-CONTENT\n", encoding="utf-8")
    (template / name).unlink(missing_ok=True)
    (template / name).symlink_to(secret)
    if name == "part.j2":
        (template / "report.j2").write_text("# 标题\n{% include 'part.j2' %}\n", encoding="utf-8")
    stderr = build_with(drafter, tmp_path, template)
    assert "指向目录之外的链接" in stderr and name in stderr
    assert "SECRET-CONTENT" not in stderr


def test_links_inside_the_template_folder_are_fine(drafter, tmp_path, template):
    (template / "body.j2").write_text((template / "report.j2").read_text(encoding="utf-8"))
    (template / "report.j2").unlink()
    (template / "report.j2").symlink_to(template / "body.j2")
    result = drafter("build", EXAMPLE, "-o", tmp_path / "o.docx", "-t", template)
    assert result.returncode == 0, result.stderr
