"""Library entry point for `drafter check`."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .check import run_checks
from .checkinput import CheckInput, load_check_input
from .checkreport import render_text, to_json
from .findings import Finding
from .schema import Schema

if TYPE_CHECKING:  # reusecheck pulls in numpy and the corpus: import it only when used
    from .reusecheck import ReuseReport


@dataclass
class CheckResult:
    input: CheckInput
    findings: list[Finding]
    reuse: "ReuseReport | None" = None

    def json(self) -> dict:
        data = to_json(self.input, self.findings)
        if self.reuse is not None:
            data["summary"]["reuse"] = self.reuse.summary()
        return data

    def text(self) -> str:
        from .checkreport import render_reuse_summary

        text = render_text(self.input, self.findings)
        return text + (render_reuse_summary(self.input, self.reuse) if self.reuse is not None else "")


def check(path: Path | str, schema: Schema | None = None, *, reuse: bool = False, db: Path | str | None = None,
          region: str | None = None, year: int | None = None) -> CheckResult:
    """Run every completeness rule on year-data YAML or a draft (.docx/.txt/.md), and optionally
    the reuse check against a corpus of past reports (default: the user's corpus, seeded with seeds/)."""
    check_input = load_check_input(path, schema)
    if region:
        check_input.region = region
    if year:
        check_input.year = year
    findings = run_checks(check_input)
    report = None
    if reuse:
        from .corpus import Corpus, default_db_path
        from .reusecheck import analyse
        from .reusecheck import findings as reuse_findings

        with Corpus(db or default_db_path()) as corpus:
            report = analyse(check_input, corpus)
        findings = findings + reuse_findings(report)
    return CheckResult(check_input, findings, report)


def annotate(result: CheckResult, output: Path, force: bool = False) -> int:
    """Write a .docx copy of the draft (or of the draft built from YAML) with a comment per finding."""
    from .annotate import annotate_docx

    if result.input.source == "yaml":
        from .api import draft

        with tempfile.TemporaryDirectory() as tmp:
            built = Path(tmp) / "draft.docx"
            draft(result.input.file, built)
            return annotate_docx(built, result.findings, {}, output, force)
    if not result.input.file.lower().endswith(".docx"):
        from .errors import UserError

        raise UserError("--annotate 需要 .docx 草稿或年度数据 YAML（文本草稿没有可加批注的 Word 文件）")
    return annotate_docx(Path(result.input.file), result.findings, _anchors(result), output, force)


def _anchors(result: CheckResult) -> dict[int, int]:
    """Finding index -> paragraph number in the .docx, where the finding's location names one."""
    by_location: dict[str, int] = {}
    for passage in result.input.passages:
        if passage.anchor is not None:
            by_location.setdefault(passage.location, passage.anchor)
    return {i: by_location[f.location] for i, f in enumerate(result.findings) if f.location in by_location}


def crosscheck(paths: list[Path]) -> list[dict]:
    """Every report against every other (the upper-level office's view): pairs sorted by shared share."""
    from .corpus import parse_report
    from .reuse import ReuseSettings, crosscheck_sentences
    from .units import sentences_of

    settings = ReuseSettings.load()
    reports = [parse_report(Path(p)) for p in paths]
    documents = [[s.masked for i, (_, _, text) in enumerate(r.paragraphs) for s in sentences_of(text, i, normalised=True)
                  if len(s.masked) >= settings.min_sentence_chars] for r in reports]
    sizes = [sum(len(s) for s in doc) for doc in documents]
    shared = crosscheck_sentences(documents, settings, [r.issuer for r in reports])
    pairs = [{"a": reports[a].file, "b": reports[b].file, "a_issuer": reports[a].issuer, "b_issuer": reports[b].issuer,
              "shared_chars": chars, "share": round(chars / sizes[a], 4) if sizes[a] else 0.0}
             for (a, b), chars in shared.items()]
    return sorted(pairs, key=lambda p: (-p["share"], p["a"], p["b"]))
