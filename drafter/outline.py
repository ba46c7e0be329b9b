"""A report's heading tree, recognised from numbering text (一、/（一）/1./（1）), not styles.

Paragraphs attach to their heading; run-in headings ("1.深化改革。正文…") are
split into lead and body; inline 一是…二是… runs are listed; a body that appears
twice (web pages often print it twice) is detected and reported once.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .reader import Para, SourceDocument, reader_rules

_YEAR = re.compile(r"(20\d{2})\s*年")
_REGION = re.compile(r"([\u4e00-\u9fa5]{1,10}?(?:自治区|自治州|自治县|新区|街道|省|市|区|县|旗|盟|镇|乡))")
_DATE = re.compile(r"(20\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})")
_ISSUER = re.compile(r"^[\u4e00-\u9fa5]{2,20}(人民政府|管理委员会|委员会|局|办公室)$")


@dataclass
class Heading:
    level: int  # 1..4; 5 for an inline 一是…
    label: str  # 一、 / （一） / 1. / （1） / 一是
    title: str  # heading text without its label (original script)
    norm_title: str  # normalised title, for mapping
    para: Para
    runin: bool = False
    body: list[Para] = field(default_factory=list)  # paragraphs under it (run-in remainder first)
    runin_body: str = ""  # original text after a run-in lead
    children: list["Heading"] = field(default_factory=list)
    inline: list["Heading"] = field(default_factory=list)
    section: str | None = None
    part: str | None = None
    confidence: float = 0.0
    runner_up: tuple[str, float] | None = None
    reason: str = ""

    @property
    def text(self) -> str:
        return self.para.text if not self.runin else f"{self.label}{self.title}"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def body_norm(self) -> str:
        return "".join(p.norm for p in self.body)


@dataclass
class Duplicate:
    first_line: int
    repeat_line: int
    paragraphs: int
    chars: int


@dataclass
class Outline:
    source: SourceDocument
    title: str = ""
    title_norm: str = ""
    kind: str = "report"  # report | plan
    region: str = ""
    year: int | None = None
    issuer: str = ""
    date: _dt.date | None = None
    preamble: list[Para] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)  # top level
    duplicates: list[Duplicate] = field(default_factory=list)
    trailing: list[Para] = field(default_factory=list)  # signature and date lines

    def walk(self):
        for heading in self.headings:
            yield from heading.walk()


@lru_cache(maxsize=1)
def _heading_patterns() -> tuple[tuple[int, re.Pattern], ...]:
    return tuple((h["level"], re.compile(h["pattern"])) for h in reader_rules()["headings"])


def build_outline(source: SourceDocument) -> Outline:
    outline = Outline(source)
    paragraphs = source.content()
    paragraphs, outline.duplicates = _drop_duplicates(paragraphs)
    paragraphs, outline.trailing = _split_trailing(paragraphs)
    _find_title(outline, paragraphs)
    body = [p for p in paragraphs if not _is_title_line(p, outline)]
    body = _drop_leading_issuer(outline, body)
    _build_tree(outline, body)
    _infer_meta(outline, source)
    return outline


# ── headings ───────────────────────────────────────────────────────────────

def match_heading(para: Para) -> Heading | None:
    if para.kind != "para":
        return None
    for level, pattern in _heading_patterns():
        found = pattern.match(para.norm)
        if found:
            return _make_heading(level, para, found)
    return None


def _make_heading(level: int, para: Para, found: re.Match) -> Heading | None:
    label = para.norm[: found.start(2)].strip()
    norm_rest = found.group(2).strip()
    original_rest = _original_after_label(para.text, len(label))
    rules = reader_rules()
    stop = norm_rest.find("。")
    if 0 <= stop < rules["runin_max_chars"] and stop < len(norm_rest) - 1:
        return _runin(level, label, para, original_rest, norm_rest, stop)
    if len(norm_rest) <= rules["heading_max_chars"] and stop in (-1, len(norm_rest) - 1):
        return Heading(level, label, original_rest.rstrip("。"), norm_rest.rstrip("。"), para)
    comma = norm_rest.find("，")
    if 0 < comma < rules["runin_max_chars"]:
        return _runin(level, label, para, original_rest, norm_rest, comma)
    return None  # a long numbered paragraph with no lead: body text, not a heading


def _runin(level, label, para, original_rest, norm_rest, stop) -> Heading:
    heading = Heading(level, label, original_rest[:stop], norm_rest[:stop], para, runin=True)
    heading.runin_body = original_rest[stop + 1:].strip()
    return heading


def _original_after_label(text: str, label_len: int) -> str:
    """The original text after its numbering label (normalisation keeps character counts)."""
    stripped = text.strip()
    return stripped[label_len:].strip()


def inline_items(text: str) -> list[tuple[str, str]]:
    """(label, lead) for each 一是/二是… run inside a paragraph, numbered consecutively."""
    pattern = re.compile(reader_rules()["inline_enumeration"])
    found, expected = [], 1
    from .document import cn_number

    for match in pattern.finditer(text):
        if match.group(1) != cn_number(expected):
            continue
        rest = text[match.end():]
        stop = min([i for i in (rest.find("。"), rest.find("；")) if i >= 0] or [min(len(rest), 30)])
        found.append((match.group(0), rest[:stop]))
        expected += 1
    return found if len(found) >= 2 else []


def _build_tree(outline: Outline, paragraphs: list[Para]) -> None:
    stack: list[Heading] = []
    for para in paragraphs:
        heading = match_heading(para)
        if heading is None:
            target = stack[-1].body if stack else outline.preamble
            target.append(para)
            continue
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        (stack[-1].children if stack else outline.headings).append(heading)
        stack.append(heading)
    for heading in outline.walk():
        _attach_inline(heading)


def _attach_inline(heading: Heading) -> None:
    texts = ([heading.runin_body] if heading.runin else []) + [p.norm for p in heading.body]
    for text in texts:
        for label, lead in inline_items(text):
            heading.inline.append(Heading(5, label, lead, lead, heading.para))


# ── duplicates, title, trailing signature ──────────────────────────────────

def _drop_duplicates(paragraphs: list[Para]) -> tuple[list[Para], list[Duplicate]]:
    """Remove a block of consecutive paragraphs that repeats an earlier block exactly."""
    minimum = reader_rules()["duplicate_min_paragraphs"]
    seen: dict[str, int] = {}
    keep, duplicates, i = [], [], 0
    while i < len(paragraphs):
        j = seen.get(paragraphs[i].norm)
        run = _run_length(paragraphs, j, i) if j is not None else 0
        if run >= minimum:
            chars = sum(len(p.norm) for p in paragraphs[i:i + run])
            duplicates.append(Duplicate(paragraphs[j].line, paragraphs[i].line, run, chars))
            i += run
            continue
        seen.setdefault(paragraphs[i].norm, i)
        keep.append(paragraphs[i])
        i += 1
    return keep, duplicates


def _run_length(paragraphs: list[Para], first: int, second: int) -> int:
    run = 0
    while second + run < len(paragraphs) and first + run < second and \
            paragraphs[first + run].norm == paragraphs[second + run].norm:
        run += 1
    return run


def _split_trailing(paragraphs: list[Para]) -> tuple[list[Para], list[Para]]:
    """Signature and date lines at the end belong to no section."""
    trailing = []
    while paragraphs and (_is_date_line(paragraphs[-1]) or paragraphs[-1].style in ("署名", "成文日期")
                          or (trailing and _ISSUER.match(paragraphs[-1].norm))):
        trailing.insert(0, paragraphs.pop())
        if len(trailing) >= 3:
            break
    return paragraphs, trailing


def _is_date_line(para: Para) -> bool:
    return bool(re.fullmatch(r"\s*20\d{2}年\d{1,2}月\d{1,2}日\s*", para.norm))


def _is_title_line(para: Para, outline: Outline) -> bool:
    """The title, or a repeat of it with a date after it (web pages print both)."""
    return bool(outline.title_norm) and _DATE.sub("", para.norm).strip(" -") == outline.title_norm


def _find_title(outline: Outline, paragraphs: list[Para]) -> None:
    rules = reader_rules()
    for para in paragraphs:
        if match_heading(para) is not None:
            break
        if para.style == "公文标题" or (len(para.norm) <= rules["title_max_chars"]
                                        and any(w in para.norm for w in rules["title_words"])):
            outline.title = _DATE.sub("", para.text).strip(" -")
            outline.title_norm = _DATE.sub("", para.norm).strip(" -")
            return


def _drop_leading_issuer(outline: Outline, body: list[Para]) -> list[Para]:
    """A web page may open with the issuer's name on its own line (“下城區人民政府”): it is metadata."""
    if body and _ISSUER.match(body[0].norm):
        outline.issuer = body[0].text
        return body[1:]
    return body


def _infer_meta(outline: Outline, source: SourceDocument) -> None:
    from .normalize import normalize

    title = normalize(outline.title)
    rules = reader_rules()
    if any(w in title for w in rules["plan_words"]) and not any(w in title for w in rules["report_words"]):
        outline.kind = "plan"
    outline.year = _first_year([title] + [h.norm_title for h in outline.headings] + [p.norm for p in outline.preamble])
    outline.region = _region(title) or _region(normalize(outline.issuer))
    outline.date = _publication_date(source, outline)


def _first_year(texts: list[str]) -> int | None:
    for text in texts:
        found = _YEAR.search(text)
        if found:
            return int(found.group(1))
    return None


def _region(text: str) -> str:
    text = _YEAR.sub("", text).replace("度", "", 1) if text else ""
    found = _REGION.search(text)
    return found.group(1) if found else ""


def _publication_date(source: SourceDocument, outline: Outline) -> _dt.date | None:
    candidates = [p.norm for p in outline.trailing] + [p.norm for p in source.paragraphs[:12]]
    for text in candidates:
        found = _DATE.search(text)
        if found:
            try:
                return _dt.date(*map(int, found.groups()))
            except ValueError:
                continue
    return None
