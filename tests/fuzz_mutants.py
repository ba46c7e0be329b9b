"""The fuzz test's mutation corpus, built from the project's own files, and the hypothesis
strategies that mutate it the way a hostile or careless user would.

Seeds: the example year data (2023, 2024), an `init` skeleton and a minimal file; the five
seed reports as .txt/.md and as .docx, and the example built to .docx. Mutations: values
replaced by hostile ones (dates, huge numbers, tags, aliases, control characters, Jinja that
loops, multiplies or raises), tokens inserted, lines deleted, duplicated, re-indented or cut,
encodings changed, bytes flipped, zip members dropped or their declared sizes falsified,
document.xml broken in its structure.
"""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

HOSTILE_VALUES = [
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "1" + "0" * 30,
    "1" + "0" * 400,
    "9" * 5000,
    "-5",
    ".inf",
    ".nan",
    "1.0e400",
    "0x1F",
    "0o17",
    "1_000",
    "~",
    "null",
    "yes",
    "[]",
    "{}",
    "!foo x",
    "!!python/name:os.system x",
    "!!binary aGk=",
    "!!set {a, b}",
    "!!omap []",
    "&a [*a]",
    "*nowhere",
    '"\\ud800"',
    '"\\x07"',
    '"\\0"',
    "\x07",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    "'",
    '"',
    "|",
    ">-",
    "- ",
    ": ",
    "? ",
    "<<: *a",
    "'" + "甲" * 3000 + "'",
]
JINJA = [
    "{{ 年度 }}",
    "{{ 行政复议.审结 }}",
    "{{ 行政复议.纠错率 }}",
    "{{ 1/0 }}",
    "{{ 9 ** 9999999 }}",
    "{{ 'x' * 10**10 }}",
    "{% for i in range(10**8) %}x{% endfor %}",
    "{{ 400 | cn }}",
    "{{ 0 | cn }}",
    "{{ 'a' | cn }}",
    "{{ ().__class__ }}",
    "{{ lipsum() }}",
    "{{ }}",
    "{% %}",
    "{{ 年度",
    "{% for %}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{# #}",
    "{{ '{:>99999999}'.format(1) }}",
    "{{ ('x' * 99999) | replace('x', 'yy' * 999) }}",
    "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
    "{{ 地区 ~ 地区 }}",
    "{{ range(3) | list }}",
    "{{ 下一年度 - 1 }}",
    "{{ 2 ** 64 }}",
]
BENIGN_JINJA = [
    "{{ 年度 }}",
    "{{ 上一年度 }}",
    "{{ 地区 }}",
    "{{ 行政复议.收到 }}",
    "{{ 2 ** 10 }}",
    "{{ '-' * 3 }}",
    "{{ 12 | cn }}",
    "{% if 年度 > 2000 %}是{% endif %}",
    "{{ [1, 2] | join('、') }}",
    "{% for i in range(3) %}{{ i }}{% endfor %}",
    "{# 注释 #}",
    "{{ '%05d' % 7 }}",
]
TOKENS = [
    ": ",
    "- ",
    "  ",
    "\t",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "'",
    '"',
    "---\n",
    "...\n",
    "\n",
    "\\",
    "%",
    "@",
    "`",
    "|",
    ">",
    "{{",
    "}}",
    "{%",
    "%}",
    "\x00",
    "\x07",
    "\r",
    "报告",
    "事项",
    "内容",
    "指标",
    "要点",
    "小标题",
    "大纲",
    "编号",
]
BILLION_LAUGHS = 'lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


@lru_cache(maxsize=1)
def yaml_seeds() -> tuple[str, ...]:
    """Year-data texts: the examples, an init skeleton, a minimal file."""
    from drafter import api

    skeleton, _ = api.init(region="明湖区", year=2025)
    examples = [
        (ROOT / "examples" / n).read_text(encoding="utf-8")
        for n in ("明湖区2024.yaml", "明湖区2023.yaml")
    ]
    minimal = (
        "报告: {地区: 明湖区, 层级: 区县政府, 年度: 2024, 署名: 明湖区人民政府, 日期: 2025-03-06}\n"
        "行政执法:\n  事项:\n    - 要点: 甲\n      内容: 办理{{ 行政复议.收到 }}件。\n"
        "矛盾纠纷化解:\n  指标:\n    行政复议: {收到: 12, 受理: 10, 审结: 9, 纠错: 1}\n"
    )
    return (*examples, *examples, minimal, skeleton)  # the skeleton alone never builds


@lru_cache(maxsize=1)
def text_seeds() -> tuple[str, ...]:
    """The seed reports as text."""
    return tuple(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def document_xml(paragraphs: list[str]) -> str:
    """A minimal Word body with one w:p per paragraph."""
    esc = [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in paragraphs]
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in esc)
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """A .docx (zip) of the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def docx_seeds() -> tuple[dict[str, bytes], ...]:
    """Member dicts of: the example built by drafter, and each seed report as a bare .docx."""
    from drafter import api

    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "example.docx"
        api.draft(ROOT / "examples" / "明湖区2024.yaml", built)
        with zipfile.ZipFile(built) as archive:
            seeds = [{i.filename: archive.read(i) for i in archive.infolist()}]
    for text in text_seeds():
        lines = [line for line in text.split("\n") if line.strip()]
        seeds.append({"word/document.xml": document_xml(lines).encode()})
    return tuple(seeds)


# ── text-level mutations (a list of lines in, a list of lines out) ───────────


def _pick(draw, lines: list[str]) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def _replace_value(draw, lines):
    i = _pick(draw, lines)
    head, sep, _ = lines[i].partition(": ")
    value = draw(st.sampled_from(HOSTILE_VALUES + JINJA) | st.text(max_size=20))
    lines[i] = head + (sep or ": ") + value
    return lines


def _insert_token(draw, lines):
    i = _pick(draw, lines)
    at = draw(st.integers(0, len(lines[i]) if lines else 0))
    token = draw(st.sampled_from(TOKENS + JINJA) | st.characters())
    lines[i : i + 1] = [lines[i][:at] + token + lines[i][at:]] if lines else [token]
    return lines


def _delete(draw, lines):
    i = _pick(draw, lines)
    return lines[:i] + lines[i + draw(st.integers(1, 5)) :]


def _duplicate(draw, lines):
    i = _pick(draw, lines)
    return (
        lines[: i + 1]
        + lines[i : i + draw(st.integers(1, 8))] * draw(st.integers(1, 40))
        + lines[i + 1 :]
    )


def _indent(draw, lines):
    i = _pick(draw, lines)
    if lines:
        shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
        lines[i] = " " * shift + lines[i] if shift > 0 else lines[i][-shift:]
    return lines


def _truncate(draw, lines):
    return lines[: _pick(draw, lines) + 1]


def _append(draw, lines):
    extra = draw(
        st.sampled_from(
            [BILLION_LAUGHS, "a: &x [*x]\n", "报告: " + "[" * 200 + "]" * 200, "x" * 3000]
        )
    )
    return lines + extra.split("\n")


def _narrative(draw, lines):
    """Jinja or odd characters inside a narrative line (one without a key)."""
    prose = [i for i, line in enumerate(lines) if line.strip() and ": " not in line] or [0]
    i = draw(st.sampled_from(prose))
    at = draw(st.integers(0, len(lines[i])))
    odd = st.text(alphabet="甲乙，。；（）“”%{}|#-@\\ \u3000\u2028", max_size=12)
    piece = draw(st.sampled_from(BENIGN_JINJA) | st.sampled_from(JINJA) | odd)
    lines[i] = lines[i][:at] + piece + lines[i][at:]
    return lines


def _number(draw, lines):
    """A count replaced by another number: small, large, negative, fractional."""
    counts = [i for i, s in enumerate(lines) if s.rstrip()[-1:].isdigit() and ": " in s] or [0]
    i = draw(st.sampled_from(counts))
    value = draw(st.integers(0, 10**4) | st.integers(-5, 10**13) | st.floats())
    lines[i] = lines[i].rpartition(": ")[0] + ": " + str(value)
    return lines


YAML_OPS = [_narrative] * 6 + [_number] * 3 + [_replace_value] * 2 + [_insert_token] * 2
YAML_OPS += [_delete, _duplicate, _indent, _truncate, _append]
TEXT_OPS = [_insert_token] * 3 + [_delete, _duplicate, _indent, _truncate, _replace_value]


@st.composite
def yaml_mutant(draw) -> str:
    """A year-data file after one to four mutations."""
    lines = draw(st.sampled_from(yaml_seeds())).split("\n")
    for _ in range(draw(st.integers(1, 2))):
        lines = draw(st.sampled_from(YAML_OPS))(draw, lines or [""])
    return "\n".join(lines)


def _flip_bytes(draw, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def text_mutant(draw) -> tuple[str, bytes]:
    """(suffix, bytes) of a report as text or Markdown, mutated, in one of several encodings."""
    lines = draw(st.sampled_from(text_seeds())).split("\n")
    for _ in range(draw(st.integers(0, 3))):
        lines = draw(st.sampled_from(TEXT_OPS))(draw, lines or [""])
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"]))
    data = "\n".join(lines).encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = _flip_bytes(draw, data)
    return draw(st.sampled_from([".txt", ".md", ".text", ".doc", ".pdf", ""])), data


def _mutate_xml(draw, xml: bytes) -> bytes:
    text = xml.decode("utf-8", errors="replace")
    op = draw(st.sampled_from(["token", "root", "body", "cut", "nest", "entity", "del"]))
    if op == "root":
        return text.replace(
            "w:document", draw(st.sampled_from(["w:body", "html", "w:doc"]))
        ).encode()
    if op == "body":
        return text.replace("<w:body>", "").replace("</w:body>", "").encode()
    if op == "cut":
        return text[: draw(st.integers(0, len(text)))].encode()
    if op == "nest":
        depth = draw(st.integers(10, 400))
        return text.replace("<w:body>", "<w:body>" + "<w:p>" * depth + "</w:p>" * depth, 1).encode()
    if op == "entity":
        return (
            text.replace("<w:document", '<!DOCTYPE d [<!ENTITY e "甲甲甲">]><w:document', 1)
            .replace("<w:t>", "<w:t>&e;", 3)
            .encode()
        )
    if op == "del":
        return (
            text.replace("<w:r>", "<w:del><w:r>", 5).replace("</w:r>", "</w:r></w:del>", 5).encode()
        )
    lines = _insert_token(draw, [text])
    return lines[0].encode("utf-8", errors="surrogatepass")


def _false_sizes(data: bytes, size: int) -> bytes:
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 4] = struct.pack("<I", size)
            at = data.find(signature, at + 4)
    return bytes(data)


@st.composite
def docx_mutant(draw) -> bytes:
    """A .docx with its document.xml or its members or its bytes damaged."""
    parts = dict(draw(st.sampled_from(docx_seeds())))
    op = draw(st.sampled_from(["xml", "xml", "xml", "drop", "add", "bytes", "sizes", "none"]))
    if op == "xml":
        parts["word/document.xml"] = _mutate_xml(draw, parts["word/document.xml"])
    elif op == "drop":
        parts.pop(draw(st.sampled_from(sorted(parts))))
    elif op == "add":
        parts[draw(st.sampled_from(["word/styles.xml", "word/media/x.bin", "_rels/.rels"]))] = draw(
            st.sampled_from([b"", b"<x/>", b"\0" * 200_000, "<w:styles/>".encode()])
        )
    data = zip_parts(parts)
    if op == "bytes":
        data = _flip_bytes(draw, data)
    elif op == "sizes":
        data = _false_sizes(data, draw(st.sampled_from([0, 100, 4_000_000_000])))
    return data


TEMPLATE_JINJA = [
    "{% include 'report.j2' %}",
    "{% extends 'report.j2' %}",
    "{% include 'nowhere.j2' %}",
    "{% include '../../etc/passwd' %}",
    "{% import 'report.j2' as r %}",
    "{{ report.title * 99999 }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ parts | length }}",
    "{{ tree[0].heading }}",
    "{{ 指标.行政复议.收到 }}",
    "{{ report.nothing }}",
    "{% for p in parts %}{{ p.title }}{% endfor %}",
    "{% raw %}",
    "{% endraw %}",
    "{% set x = 1 %}",
    "{{ '#' * 6 }} 标题",
    "@sign",
    "@date",
    "\\",
]


@st.composite
def template_mutant(draw) -> tuple[str, str]:
    """(report.j2, layout.yaml) of the default template, either or both mutated."""
    folder = ROOT / "templates" / "default"
    template = (folder / "report.j2").read_text(encoding="utf-8").split("\n")
    layout = (folder / "layout.yaml").read_text(encoding="utf-8").split("\n")
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 2))):
            i = _pick(draw, template)
            at = draw(st.integers(0, len(template[i])))
            piece = draw(st.sampled_from(TEMPLATE_JINJA + JINJA + BENIGN_JINJA + TOKENS))
            template[i] = template[i][:at] + piece + template[i][at:]
    else:
        template = draw(st.sampled_from([_delete, _duplicate, _truncate]))(draw, template)
    if draw(st.booleans()):
        layout = draw(st.sampled_from([_number, _replace_value, _insert_token, _delete]))(
            draw, layout
        )
    return "\n".join(template), "\n".join(layout)
