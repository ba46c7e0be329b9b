"""Reading real reports nobody here wrote: ../shared/devset (77 openings, hand-labelled).

Skipped when the devset is absent (a fresh CI machine may not have it). With
`pytest -s` each test prints its figures and every miss. The devset's headings are
never copied into sections.yaml or a rule file: a test checks that too.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from drafter.core.normalize import normalize
from drafter.core.resources import sections_path
from drafter.core.ruletable import RULES_DIR
from drafter.read.report import outline_file
from drafter.read.unit import resolve_unit
from tests.conftest import ROOT

DEVSET = ROOT.parent / "shared" / "devset"
pytestmark = pytest.mark.skipif(not (DEVSET / "LABELS.tsv").exists(), reason="no ../shared/devset")


def _rows(name: str) -> list[dict]:
    with open(DEVSET / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@lru_cache(maxsize=None)
def _outline(file: str):
    return outline_file(DEVSET / "reports" / file)


def _key(text: str) -> str:
    return re.sub(r"\s", "", normalize(text))


def _find(headings: list, start: int, label_text: str) -> int | None:
    """The first heading at or after start whose text and the labelled line agree."""
    key = _key(label_text)
    for i in range(start, len(headings)):
        text = _key(headings[i].text)
        shorter = min(len(text), len(key))
        if shorter >= 3 and text[:shorter] == key[:shorter]:
            return i
    return None


def _score():
    results = []  # (file, heading, label, got, item)
    by_file: dict[str, list[dict]] = {}
    for row in _rows("LABELS.tsv"):
        by_file.setdefault(row["file"], []).append(row)
    for file, rows in by_file.items():
        headings, at = list(_outline(file).walk()), 0
        for row in rows:
            found = _find(headings, at, row["heading"])
            got = headings[found].section if found is not None else "（未识别为标题）"
            at = found + 1 if found is not None else at
            item = bool(re.match(r"\s*[一二三四五六七八九十]是", row["heading"]))
            results.append((file, row["heading"], row["label"], got, item))
    return results


def test_heading_to_section_accuracy_on_the_devset():
    results = _score()
    for name, subset in (
        ("numbered headings", [r for r in results if not r[4]]),
        ("一是 items", [r for r in results if r[4]]),
        ("overall", results),
    ):
        right = sum(1 for r in subset if r[2] == r[3])
        print(f"\ndevset {name}: {right}/{len(subset)} = {right / len(subset):.1%}")
    for file, heading, label, got, _ in results:
        if label != got:
            print(f"  miss: {file} {heading[:30]}: 应为 {label}，得到 {got}")
    right = sum(1 for r in results if r[2] == r[3])
    assert right / len(results) >= 0.93  # the three `unknown` rows count as misses


def _independent_sources() -> str:
    """Text the rules may quote: the seeds and the official requirements (../shared/domain.md)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    domain = ROOT.parent / "shared" / "domain.md"
    texts += [domain.read_text(encoding="utf-8")] if domain.exists() else []
    return _key("\n".join(texts))


def test_no_alias_or_keyword_is_a_devset_heading():
    """Words the rules share with a devset heading must come from the seeds or the official
    texts (工作开展情况 is seed 001's heading and the 督察工作规定's wording alike)."""
    headings = {
        _key(re.sub(r"^\s*\S{1,4}?[、)）.．]|^\s*[一二三四五六七八九十]是", "", r["heading"]))
        for r in _rows("LABELS.tsv")
    }
    headings |= {_key(r["heading"]) for r in _rows("LABELS.tsv")}
    schema = yaml.safe_load(sections_path().read_text(encoding="utf-8"))
    words = set()
    for section in schema["sections"]:
        words |= {_key(a["text"]) for a in section["aliases"]}
        words |= {_key(k) for k in section["keywords"]} | {_key(a) for a in section["also"]}
    for path in RULES_DIR.glob("*.yaml"):
        words |= set(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    shared = {w for w in headings & words if w and w not in _independent_sources()}
    assert not shared, f"devset headings copied into the rules: {shared}"


def _strings(node):
    if isinstance(node, str):
        yield _key(node)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_unit_identity_on_the_devset():
    rows, right, ambiguous, misses = _rows("INDEX.tsv"), 0, 0, []
    for row in rows:
        unit, want = _outline(row["file"]).unit, resolve_unit(row["region"])
        same = (
            bool(set(unit.codes) & set(want.codes)) and unit.below == want.below
            if want.codes
            else unit.name == want.name
        )
        if same and unit.source != "文件名":  # the file name is the last resort, not counted here
            right += 1
            ambiguous += len(unit.codes) > 1
        else:
            misses.append(
                f"{row['file']}: 应为 {want.name}，得到 {unit.name or '无'}（{unit.source}）"
            )
    print(f"\nunit identity: {right}/{len(rows)} = {right / len(rows):.1%} ({ambiguous} of them")
    print("  name towns that share their name with others and the text says no more)")
    for miss in misses:
        print("  miss:", miss)
    assert right / len(rows) >= 0.95


def test_check_raises_none_of_the_false_alarms_seen_on_real_reports():
    """`drafter check --no-reuse` on every devset file, its findings listed per file: the
    unit's own name and its parents are never another area's; the combined party and
    government wording counts for both heads; no part with text below it is empty."""
    from drafter.api import check
    from drafter.read.places import related

    wrong = []
    for row in _rows("INDEX.tsv"):
        result = check(DEVSET / "reports" / row["file"], reuse=False)
        print(f"\n{row['file']}（{result.report.region}）")
        for finding in result.findings:
            print(f"  {finding.rule} {finding.message[:60]}")
        own = resolve_unit(row["region"]).codes
        for finding in result.findings:
            if finding.rule == "place.foreign":
                codes = resolve_unit(re.search("“(.+?)”", finding.message).group(1)).codes
                if own and any(related(code, own) for code in codes):
                    wrong.append(f"{row['file']}: {finding.message}")
            text = result.report.text_of(part="first_responsible")
            if finding.rule == "structure.one_head" and "党政主要负责人" in text:
                wrong.append(f"{row['file']}: {finding.message}")
            if finding.rule == "structure.empty" and finding.part == "achievements":
                wrong.append(f"{row['file']}: {finding.message}")
            if finding.rule == "date.late":
                wrong.append(f"{row['file']}: {finding.message}（节选没有成文日期）")
    assert not wrong, "\n".join(wrong)


def test_import_needs_no_region_and_the_result_builds(tmp_path):
    import drafter
    from drafter.api import import_report

    for row in _rows("INDEX.tsv"):
        text, outline = import_report(DEVSET / "reports" / row["file"])
        data = tmp_path / f"{Path(row['file']).stem}.yaml"
        data.write_text(text, encoding="utf-8")
        built = drafter.draft(data, fmt="txt")
        assert built.text.strip(), row["file"]
        assert yaml.safe_load(text)["报告"]["地区"] == outline.region, row["file"]
