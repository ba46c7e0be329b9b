"""What a review found: one row a report (and a row for each expected unit that sent none),
the copy pairs (who took how much from whom), and its outputs."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Problem, UserError
from ..read.unit import resolve_unit, same_unit

JSON_VERSION = 1


@dataclass
class ReviewResult:
    """The rows of a review, in the order of the files; missing units last."""

    rows: list[dict]
    year: int | None
    checked: _dt.date
    slip_pdfs: list[str] = field(default_factory=list)

    def add_missing(self, expected: list[str]) -> None:
        """A row for each expected unit with no report (of the year under review, if given)."""
        for name in expected:
            unit = resolve_unit(name)
            if not any(
                r["status"] == "checked"
                and same_unit(r["unit"], unit.name)
                and (self.year is None or r["year"] == self.year)
                for r in self.rows
            ):
                from .rows import missing_row

                self.rows.append(missing_row(unit.name, unit.level, self.year))

    def pairs(self) -> list[dict]:
        """Each report with each source it takes from (self: the unit's earlier report;
        cross: another unit's), most characters first."""
        out = []
        for row in self.rows:
            for source in row.get("reuse", {}).get("sources", []):
                kind = "self" if same_unit(source["issuer"], row["unit"]) else "cross"
                out.append(
                    {
                        "unit": row["unit"],
                        "year": row["year"],
                        "file": row["file"],
                        "kind": kind,
                        "source_unit": source["issuer"],
                        "source_year": source["year"],
                        "source_title": source["title"],
                        "source_file": source["file"],
                        "chars": source["chars"],
                        "share": source["share"],
                    }
                )
        return sorted(out, key=lambda p: (-p["chars"], p["file"], p["source_file"]))

    def counts(self) -> dict:
        """How many reports were checked, could not be read, and how many units are missing."""
        status = [r["status"] for r in self.rows]
        return {s: status.count(s) for s in ("checked", "unreadable", "missing")}

    def worst(self) -> int:
        """The highest severity found (2 error, 1 warning, 0 info, -1 nothing); a unit that
        sent nothing or a file that cannot be read is an error."""
        levels = {"info": 0, "warning": 1, "error": 2}
        found = [2 for r in self.rows if r["status"] != "checked"]
        found += [levels[f["severity"]] for r in self.rows for f in r.get("findings", [])]
        return max(found, default=-1)

    def json(self) -> dict:
        """The documented JSON form (version 1) of `drafter review`."""
        return {
            "version": JSON_VERSION,
            "year": self.year,
            "date": self.checked.isoformat(),
            **self.counts(),
            "rows": self.rows,
            "pairs": self.pairs(),
        }

    def lines(self) -> list[tuple[str, str | None]]:
        """The terminal table as (line, style) pairs."""
        from .output import table_lines

        return table_lines(self)

    def html(self) -> str:
        """The self-contained HTML dashboard."""
        from .dashboard import dashboard_html

        return dashboard_html(self)

    def write_xlsx(self, path: Path, force: bool = False) -> None:
        """The workbook: units, findings, copy pairs (written whole, or not at all)."""
        from .workbook import write_workbook

        write_workbook(self, path, force)


def read_expected(path: Path) -> list[str]:
    """The units expected to report, one a line (blank lines and # comments skipped)."""
    from ..read.source import read_bytes
    from ..read.text_files import decode_text

    text, _ = decode_text(read_bytes(path), str(path))
    names = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    names = [n for n in names if n]
    if not names:
        raise UserError([Problem("名单文件中没有单位名称（每行一个）", str(path))])
    return names
