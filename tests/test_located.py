"""Located YAML: libyaml and the pure-Python parser give the same data and the same marks;
errors keep the messages we explain in Chinese; the limits table is complete and documented."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.core import limits
from drafter.core.errors import DataError, UserError
from drafter.core.located import _build, fast_loader, parse_located
from tests.conftest import ROOT

PROJECT_YAML = sorted(
    [*ROOT.glob("examples/*.yaml"), ROOT / "sections.yaml", *ROOT.glob("templates/*/*.yaml")]
    + list((ROOT / "drafter" / "rules").glob("*.yaml"))
)


def both(text: str):
    fast = _build(text, "t.yaml", True, fast_loader())
    slow = _build(text, "t.yaml", True, yaml.SafeLoader)
    return fast, slow


def test_libyaml_is_used_when_pyyaml_has_it():
    assert fast_loader() is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("path", PROJECT_YAML, ids=lambda p: p.name)
def test_both_parsers_agree_on_the_project_files(path):
    fast, slow = both(path.read_text(encoding="utf-8"))
    assert fast.data == slow.data and fast.marks == slow.marks
    assert fast.key_marks == slow.key_marks and not fast.problems


letters = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\x85\u2028\u2029"
)  # YAML line breaks such as U+0085 do not survive a dump
scalars = st.one_of(
    st.integers(-(10**15), 10**15),
    st.text(alphabet=letters, max_size=12),
    st.booleans(),
    st.none(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
trees = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(letters, min_size=1, max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(tree=trees, flow=st.booleans())
def test_both_parsers_agree_on_any_document(tree, flow):
    text = yaml.safe_dump({"根": tree}, allow_unicode=True, default_flow_style=flow)
    fast, slow = both(text)
    assert fast.data == slow.data == {"根": tree}
    assert fast.marks == slow.marks and fast.key_marks == slow.key_marks


def test_aliases_expand_to_copies_located_at_the_alias():
    located = parse_located("a: &x [1, 2]\nb: *x\n", "t.yaml")
    assert located.data == {"a": [1, 2], "b": [1, 2]}
    assert located.data["a"] is not located.data["b"]
    assert located.marks[("b",)] == (2, 4)


def test_syntax_errors_keep_the_chinese_explanations():
    with pytest.raises(DataError) as info:
        parse_located("报告:\n  地区: 甲\n 层级: 乙\n", "t.yaml")
    assert re.search(r"t\.yaml:3:\d+: YAML 格式错误：", str(info.value))
    with pytest.raises(DataError, match="不能用 Tab 缩进"):
        parse_located("报告:\n\t地区: 甲\n", "t.yaml")


def test_merge_keys_and_duplicates_are_reported_together():
    with pytest.raises(DataError) as info:
        parse_located("a: &x {k: 1}\nb:\n  <<: *x\n  k: 2\n  k: 3\n", "t.yaml")
    text = str(info.value)
    assert "不支持 YAML 合并键" in text and "键“k”重复出现" in text


def test_every_limit_is_documented_and_used():
    table = limits.table()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "drafter").rglob("*.py"))
    for name, row in table.items():
        line = f"| `{name}` | {row.describe()} | {row.what} |"
        assert line in readme, f"README's table of limits lacks or misstates: {line}"
        assert f'"{name}"' in code, f"no code reads the limit {name}"
        assert row.what and row.default > 0
    for used in set(
        re.findall(r'(?:value|exceeded|LimitHit|limit_problem|check_size)\(\s*"(\w+)"', code)
    ):
        assert used in table, f"code uses a limit missing from limits.yaml: {used}"


def test_limits_are_raised_by_environment(monkeypatch):
    monkeypatch.setenv("DRAFTER_LIMIT_YAML_DEPTH", "3")
    with pytest.raises(UserError, match="DRAFTER_LIMIT_YAML_DEPTH=6"):
        parse_located("a: [[[[1]]]]\n", "t.yaml")
    monkeypatch.setenv("DRAFTER_LIMIT_YAML_DEPTH", "80")
    assert parse_located("a: [[[[1]]]]\n", "t.yaml").data == {"a": [[[[1]]]]}
    for bad in ("abc", "-1", "0", "nan", "inf"):
        monkeypatch.setenv("DRAFTER_LIMIT_YAML_DEPTH", bad)
        with pytest.raises(UserError, match="DRAFTER_LIMIT_YAML_DEPTH"):
            limits.value("yaml_depth")
