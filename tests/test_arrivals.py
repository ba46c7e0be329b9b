"""Reports as they arrive: .doc/.wps (LibreOffice), PDF (its text layer) and .zip of reports."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
import zlib

import pytest

import drafter
from drafter.core.errors import UserError
from drafter.read.archives import shown_name
from drafter.read.formats import collect_report_files, read_document
from drafter.read.pdf_files import _Line, paragraphs
from tests.conftest import EXAMPLE, ROOT, require_tools

SEED = ROOT / "seeds" / "004_a3845e6a491bb007.txt"


def _seed_docx(path):
    """A seed as a plain .docx, paragraphs indented two characters as reports are."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip()).paragraph_format.first_line_indent = Pt(21)
    document.save(path)
    return path


def _convert(sources, target: str, work) -> None:
    profile = f"-env:UserInstallation=file://{work}/lo"
    command = ["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(work)]
    subprocess.run(
        command + [str(s) for s in sources], check=True, capture_output=True, timeout=240
    )


@pytest.fixture(scope="module")
def arrivals(tmp_path_factory):
    """The example and a seed as .docx, and each converted by LibreOffice to .doc and .pdf;
    a .wps is what WPS Office writes: a Word 97 compound file."""
    require_tools("soffice")
    work = tmp_path_factory.mktemp("arrivals")
    sources = [work / "example.docx", _seed_docx(work / "seed.docx")]
    drafter.draft(EXAMPLE, sources[0])
    _convert(sources, "doc", work)
    _convert(sources, "pdf", work)
    for source in sources:
        shutil.copy(source.with_suffix(".doc"), source.with_suffix(".wps"))
    return work


def _norms(path) -> list[str]:
    return [p.norm for p in read_document(path).content()]


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["example", "seed"])
@pytest.mark.parametrize("suffix", [".doc", ".wps", ".pdf"])
def test_arrived_formats_read_as_their_docx(arrivals, stem, suffix):
    expected = _norms(arrivals / f"{stem}.docx")
    assert len(expected) > 25
    assert _norms(arrivals / f"{stem}{suffix}") == expected


@pytest.mark.slow
def test_a_pdf_report_is_checked_like_its_docx(arrivals, cli):
    import json

    def summary(path):
        out = cli("check", path, "-f", "json", "--no-reuse", "--fail-on", "never").stdout
        data = json.loads(out)
        return data["region"], data["year"], data["summary"]["parts_missing"]

    assert summary(arrivals / "example.pdf") == summary(arrivals / "example.docx")


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF of the given objects (1 is the catalog), with a correct cross-reference."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _page(content: bytes, resources: bytes = b"<< >>") -> list[bytes]:
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        stream,
    ]


def test_a_scanned_pdf_is_said_to_be_a_scan(tmp_path):
    pixels = zlib.compress(b"\x80" * 64)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(
        _pdf(
            _page(b"q 500 0 0 700 40 60 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>") + [image]
        )
    )
    with pytest.raises(UserError) as caught:
        read_document(scan)
    assert "扫描件" in str(caught.value) and "扫描件.pdf" in str(caught.value)


def test_an_empty_or_broken_pdf_is_a_located_error(tmp_path, cli):
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(_pdf(_page(b"")))
    with pytest.raises(UserError, match="没有任何文字"):
        read_document(blank)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n")
    result = cli("check", broken, "--no-reuse")
    assert result.returncode == 2 and "broken.pdf" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    fake = tmp_path / "fake.pdf"
    fake.write_text("这不是 PDF", encoding="utf-8")
    with pytest.raises(UserError, match="文件头"):
        read_document(fake)


def _line(text, x0, x1, top, page=1):
    return _Line(page, x0, x1, top, top + 16, text)


def test_pdf_lines_join_into_paragraphs():
    lines = [
        _line("一、主要举措", 122, 218, 100),  # indented heading, ends short
        _line("全年共制定工作要点任务四十八项，年底前完成", 122, 474, 130),  # runs to the edge
        _line("四十六项。", 90, 170, 160),  # continues; ends a sentence short of the edge
        _line("二是推进政务公开，全年主动公开政府信息一千二百", 122, 474, 190),
        _line("余条。", 90, 138, 40, page=2),  # the paragraph goes on over the page
        _line("累计发出", 90, 410, 70, page=2),  # short: the number did not fit (no full stop)
        _line("2300余张许可证。", 90, 230, 100, page=2),
    ]
    assert paragraphs(lines) == [
        "一、主要举措",
        "全年共制定工作要点任务四十八项，年底前完成四十六项。",
        "二是推进政务公开，全年主动公开政府信息一千二百余条。",
        "累计发出2300余张许可证。",
    ]


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_of_reports_is_a_folder(tmp_path):
    text = SEED.read_bytes()
    inner = _zip(tmp_path / "inner.zip", {"a.txt": text})
    bundle = _zip(
        tmp_path / "报送.zip",
        {
            "区县/青浦区.txt": text,
            "../../逃逸.txt": text,  # never written outside drafter's folder
            "说明.xlsx": b"not a report",
            "嵌套.zip": inner.read_bytes(),  # a zip inside is not opened
        },
    )
    files = collect_report_files([bundle], unpack_into=tmp_path)
    assert [f.name for f in files] == ["青浦区.txt", "逃逸.txt"]
    assert all(tmp_path in f.parents for f in files)
    assert not (tmp_path.parent / "逃逸.txt").exists()
    assert shown_name(files[0]) == f"{bundle}/青浦区.txt"
    assert read_document(files[0]).content()[0].norm == "2024年青浦区法治政府建设情况报告"


def test_gbk_member_names_of_windows_zips_are_read(tmp_path):
    """Windows in China writes member names in GBK without the UTF-8 flag."""
    name = "杨浦区报告.txt".encode("gbk")
    placeholder = b"x" * (len(name) - 4) + b".txt"
    bundle = _zip(tmp_path / "gbk.zip", {placeholder.decode(): SEED.read_bytes()})
    bundle.write_bytes(bundle.read_bytes().replace(placeholder, name))
    files = collect_report_files([bundle], unpack_into=tmp_path)
    assert [f.name for f in files] == ["杨浦区报告.txt"]


def test_a_zip_bomb_stops_at_the_counted_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_LIMIT_ZIP_UNCOMPRESSED_MB", "1")
    bomb = _zip(tmp_path / "bomb.zip", {"a.txt": b"0" * (3 << 20)})
    with pytest.raises(UserError, match="压缩炸弹") as caught:
        collect_report_files([bomb], unpack_into=tmp_path)
    assert "DRAFTER_LIMIT_ZIP_UNCOMPRESSED_MB" in str(caught.value)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(UserError, match="zip"):
        collect_report_files([broken], unpack_into=tmp_path)
