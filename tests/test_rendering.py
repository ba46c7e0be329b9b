"""The document as a reviewer sees it: `drafter build -o x.pdf` (LibreOffice), measured in the PDF.

Geometry comes from `pdftotext -bbox-layout` (points; A4 is 595.3 × 841.9), the face
of each text span from `pdftohtml -xml`. GB/T 9704: type area 156 × 225 mm from 28 mm
left and 37 mm top; 22 lines of 28 characters; title centred; page numbers “— 1 —”,
odd pages right and even pages left, one character in.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from tests.check_examples import base_yaml
from tests.conftest import EXAMPLE, require_tools, run_cli

MM = 72 / 25.4
LEFT, WIDTH = 28 * MM, 156 * MM
RIGHT = LEFT + WIDTH
PAGE_NUMBER_INDENT = 14  # 空一字 of the 4号 (14 pt) page number
XHTML = "{http://www.w3.org/1999/xhtml}"
HAN = re.compile(r"[\u4e00-\u9fff]+")
# A paragraph of Han characters only: no punctuation to hang or compress, no digits.
FILLER = "法治政府建设依法行政严格执法公正司法全民守法" * 40


def _pdf(tmp_path_factory, name: str, data) -> object:
    require_tools("soffice", "pdftotext", "pdftohtml")
    out = tmp_path_factory.mktemp("render") / f"{name}.pdf"
    result = run_cli("build", data, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory):
    return _pdf(tmp_path_factory, "example", EXAMPLE)


@pytest.fixture(scope="module")
def filler_pdf(tmp_path_factory):
    data = tmp_path_factory.mktemp("filler") / "filler.yaml"
    data.write_text(base_yaml(导语=f"{FILLER}\n{FILLER}\n{FILLER}"), encoding="utf-8")
    return _pdf(tmp_path_factory, "filler", data)


def _pages(pdf) -> list[list[dict]]:
    """Each page's lines: text, xMin, xMax, yMin."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            text = "".join(w.text or "" for w in line.iter(f"{XHTML}word"))
            box = {k: float(line.get(k)) for k in ("xMin", "xMax", "yMin")}
            lines.append({"text": text, **box})
        pages.append(lines)
    return pages


def _faces(pdf) -> dict[str, str]:
    """Each text span's text -> the face it is set in (subset prefix dropped)."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    families = {f.get("id"): f.get("family").split("+")[-1] for f in root.iter("fontspec")}
    return {"".join(t.itertext()): families[t.get("font")] for t in root.iter("text")}


def _face_of(faces: dict[str, str], needle: str) -> str:
    return next(face for text, face in faces.items() if needle in text)


@pytest.mark.slow
def test_title_body_and_two_heading_levels_use_four_faces(example_pdf):
    faces = _faces(example_pdf)
    title = _face_of(faces, "年法治政府建设情况报告")
    body = _face_of(faces, "年，明湖区在区委的坚强领导下")
    level1 = _face_of(faces, "年推进法治政府建设的主要举措和成效")
    level2 = _face_of(faces, "加强党的领导，统筹推进法治政府建设")
    assert len({title, body, level1, level2}) == 4, (title, body, level1, level2)


@pytest.mark.slow
def test_title_is_centred_on_the_type_area(example_pdf):
    title = _pages(example_pdf)[0][0]
    assert "法治政府建设情况报告" in title["text"]
    centre = (title["xMin"] + title["xMax"]) / 2
    assert abs(centre - (LEFT + WIDTH / 2)) <= 1 * MM, (
        f"title centre off by {centre - LEFT - WIDTH / 2:.1f} pt"
    )


@pytest.mark.slow
def test_a_full_page_has_22_lines_and_a_full_line_28_characters(filler_pdf):
    pages = _pages(filler_pdf)
    body = [line for line in pages[1] if HAN.fullmatch(line["text"])]
    assert len(body) == 22, [line["text"] for line in body]
    # full: from the left edge (not a first line, indented two characters) to the right edge
    full = [line for line in body if line["xMin"] < LEFT + 2 and line["xMax"] > RIGHT - 8]
    assert len(full) >= 18, "page 2 should be the filler paragraphs"
    for line in full:
        assert len(line["text"]) == 28, line["text"]
        assert line["xMax"] <= RIGHT + 1.5, line


@pytest.mark.slow
def test_page_numbers_odd_right_even_left_one_character_in(example_pdf):
    pages = _pages(example_pdf)
    assert len(pages) >= 2
    for number, lines in enumerate(pages, 1):
        footer = lines[-1]
        assert re.fullmatch(rf"—\s*{number}\s*—", footer["text"]), footer["text"]
        if number % 2:
            assert footer["xMax"] == pytest.approx(RIGHT - PAGE_NUMBER_INDENT, abs=2), number
        else:
            assert footer["xMin"] == pytest.approx(LEFT + PAGE_NUMBER_INDENT, abs=2), number
    text = subprocess.run(
        ["pdftotext", "-layout", str(example_pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "— 1 —" in text or re.search(r"—\s?1\s?—", text)


@pytest.mark.slow
def test_date_starts_two_characters_right_of_the_signature(example_pdf):
    lines = _pages(example_pdf)[-1]
    name = next(line for line in lines if line["text"] == "明湖区人民政府")
    date = next(line for line in lines if line["text"] == "2025年3月6日")
    char = WIDTH / 28
    assert date["xMin"] - name["xMin"] == pytest.approx(2 * char, abs=0.25 * char)
    assert RIGHT - max(name["xMax"], date["xMax"]) == pytest.approx(2 * char, abs=0.25 * char)


@pytest.mark.slow
def test_every_character_is_drawn(example_pdf):
    """Nothing lost at line ends (LibreOffice dropped a hanging comma on justified lines)."""
    preview = run_cli("build", EXAMPLE, "--format", "txt").stdout
    drawn = subprocess.run(
        ["pdftotext", str(example_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", re.sub(r"—\s*\d+\s*—", "", drawn))
    assert flat == re.sub(r"\s+", "", preview)


@pytest.mark.slow
def test_installed_aliases_give_four_faces_to_a_docx_opened_in_libreoffice(tmp_path):
    """`drafter fonts --install`: the .docx itself, converted by a plain LibreOffice run."""
    require_tools("soffice", "pdftohtml", "fc-match")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("FONTCONFIG_FILE", None)
    fonts = subprocess.run(
        [sys.executable, "-m", "drafter", "fonts", "--install"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert fonts.returncode == 0 and "本机显示为 Noto Serif CJK SC Light" in fonts.stdout, (
        fonts.stdout
    )
    docx = tmp_path / "example.docx"
    assert run_cli("build", EXAMPLE, "-o", docx).returncode == 0
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        env=env,
        check=True,
        capture_output=True,
        timeout=240,
    )
    faces = _faces(tmp_path / "example.pdf")
    needles = (
        "年法治政府建设情况报告",
        "年，明湖区在区委",
        "年推进法治政府建设的主要举措",
        "加强党的领导，统筹",
    )
    assert len({_face_of(faces, n) for n in needles}) == 4
