"""Hostile and broken report files and output paths: located exit 2, bounded time and memory,
never an input replaced, never a half-written output."""

from __future__ import annotations

import errno
import os
import struct
import zipfile

import pytest

from drafter.core.errors import UserError
from drafter.read.formats import read_document
from tests.conftest import EXAMPLE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def document_xml(paragraphs: list[str]) -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def make_docx(path, document: str | bytes, extra: dict | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def error_of(path) -> str:
    with pytest.raises(UserError) as info:
        read_document(path)
    return str(info.value)


REPORT = ["明湖区2024年法治政府建设情况报告", "一、主要举措和成效", "全年办理行政复议案件12件。"]


def test_a_minimal_docx_reads(tmp_path):
    doc = read_document(make_docx(tmp_path / "ok.docx", document_xml(REPORT)))
    assert [p.text for p in doc.paragraphs] == REPORT


@pytest.mark.parametrize(
    "document, phrase",
    [
        (f'<w:document xmlns:w="{W}"><w:p/></w:document>', "没有 w:body"),
        (f'<w:body xmlns:w="{W}"><w:p/></w:body>', "根元素应为 w:document"),
        ("<html><body>网页</body></html>", "根元素应为 w:document"),
        (document_xml(REPORT)[:-30], "不是有效的 XML"),
        (b"\xff\xfe not xml", "不是有效的 XML"),
    ],
    ids=["no-body", "body-root", "html-root", "truncated", "garbage"],
)
def test_broken_document_xml(tmp_path, drafter, document, phrase):
    path = make_docx(tmp_path / "broken.docx", document)
    assert phrase in error_of(path)
    result = drafter("check", path, "--no-reuse")
    assert result.returncode == 2 and "broken.docx" in result.stderr, result.stderr


def test_entities_are_not_expanded(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh"))
        + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p>'
        + "<w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"
    )
    path = make_docx(tmp_path / "entities.docx", bomb)
    try:  # 10^8 characters are never built: libxml2 leaves them unexpanded or refuses the file
        assert [p.text for p in read_document(path).paragraphs] == ["正文"]
    except UserError as exc:
        assert "不是有效的 XML" in str(exc) and "amplification" in str(exc)


def _patch_sizes(path, size: int) -> None:
    """Rewrite every declared uncompressed size (local headers and directory) to size."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset : at + offset + 4] = struct.pack("<I", size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_declared_sizes_are_not_trusted_either_way(tmp_path):
    small = make_docx(tmp_path / "liar.docx", document_xml(["甲" * 1000] * 200))
    _patch_sizes(small, 100)  # says 100 bytes, inflates to 600 KB
    assert "不是有效的 .docx 文件" in error_of(small)
    large = make_docx(tmp_path / "honest.docx", document_xml(REPORT))
    _patch_sizes(large, 4_000_000_000)  # says 4 GB per member, is a few hundred bytes
    assert [p.text for p in read_document(large).paragraphs] == REPORT  # counted, not declared


def test_zip_bomb_is_counted_while_inflating(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_LIMIT_DOCX_UNCOMPRESSED_MB", "5")
    path = make_docx(
        tmp_path / "bomb.docx", document_xml(REPORT), {"word/media/x.bin": b"\0" * 6_000_000}
    )
    assert path.stat().st_size < 100_000
    message = error_of(path)
    assert "疑似压缩炸弹" in message and "DRAFTER_LIMIT_DOCX_UNCOMPRESSED_MB=10" in message


def test_too_many_members_refused_before_listing(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_LIMIT_DOCX_MEMBERS", "50")
    path = make_docx(
        tmp_path / "many.docx", document_xml(REPORT), {f"x/{i}.xml": "" for i in range(60)}
    )
    assert "压缩包中的文件个数" in error_of(path)


def test_100k_paragraph_docx_is_refused_at_the_paragraph_limit(tmp_path, drafter):
    path = make_docx(
        tmp_path / "long.docx", document_xml(["第{}段。".format(i) for i in range(100_000)])
    )
    result = drafter("check", path, "--no-reuse")
    assert result.returncode == 2, result.stderr
    assert "long.docx:段落5001:" in result.stderr and "一份报告的段落数" in result.stderr


def test_large_text_is_refused_before_reading(tmp_path, drafter):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: 11 MB that need not be written
    result = drafter("check", path, "--no-reuse")
    assert result.returncode == 2 and "此文件 11.0 MB" in result.stderr, result.stderr


def test_character_limit_names_the_line(tmp_path, drafter):
    path = tmp_path / "one_line.txt"
    path.write_text("标题\n" + "甲" * 500_001, encoding="utf-8")
    result = drafter("check", path, "--no-reuse")
    assert result.returncode == 2 and "one_line.txt:2:" in result.stderr, result.stderr


def test_control_characters_in_text_reports_are_dropped(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes("第一段\x07内容\x0c第二段\x0b第三段".encode())
    assert [p.text for p in read_document(path).paragraphs] == ["第一段内容", "第二段", "第三段"]


# ── outputs ────────────────────────────────────────────────────────────────


def test_build_never_replaces_its_data_file(drafter, tmp_path):
    data = tmp_path / "x.yaml"
    data.write_bytes(EXAMPLE.read_bytes())
    for fmt in ("docx", "txt"):
        result = drafter("build", data, "-o", data, "--force", "--format", fmt)
        assert result.returncode == 2 and "输入文件" in result.stderr, result.stderr
        assert data.read_bytes() == EXAMPLE.read_bytes()


def test_annotate_never_replaces_the_draft(drafter, tmp_path):
    draft = tmp_path / "a.docx"
    assert drafter("build", EXAMPLE, "-o", draft).returncode == 0
    original = draft.read_bytes()
    link = tmp_path / "link.docx"
    link.symlink_to(draft)
    hard = tmp_path / "hard.docx"
    os.link(draft, hard)
    for target in (draft, link, hard):
        result = drafter("check", draft, "--no-reuse", "--annotate", target, "--force")
        assert result.returncode == 2 and "输入文件" in result.stderr, result.stderr
    assert draft.read_bytes() == original


def test_html_never_replaces_the_corpus_or_the_annotation(drafter, tmp_path):
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"not yet a corpus")
    result = drafter("check", EXAMPLE, "--db", db, "--html", db, "--force")
    assert result.returncode == 2 and "输入文件" in result.stderr
    same = tmp_path / "same.docx"
    result = drafter("check", EXAMPLE, "--annotate", same, "--html", same)
    assert result.returncode == 2 and "同一个文件" in result.stderr


def test_import_and_init_never_replace_their_source(drafter, tmp_path):
    source = tmp_path / "r.txt"
    source.write_text("明湖区2024年法治政府建设情况报告\n一、主要举措\n正文。\n", encoding="utf-8")
    assert drafter("import", source, "-o", source, "--force").returncode == 2
    data = tmp_path / "d.yaml"
    data.write_bytes(EXAMPLE.read_bytes())
    assert drafter("init", "--from", data, "-o", data, "--force").returncode == 2
    assert data.read_bytes() == EXAMPLE.read_bytes()


def test_import_names_the_file_when_it_cannot_infer(drafter, tmp_path):
    source = tmp_path / "无题.txt"
    source.write_text("一、主要举措\n正文。\n", encoding="utf-8")
    result = drafter("import", source, "-o", tmp_path / "o.yaml")
    assert result.returncode == 2
    assert f"{source}: 无法从原文推断" in result.stderr and "<输入>" not in result.stderr


def test_output_faults_have_their_own_messages(drafter, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    result = drafter("build", EXAMPLE, "-o", folder, "--force")
    assert result.returncode == 2 and "输出路径是一个目录" in result.stderr
    assert "已存在" not in result.stderr
    a_file = tmp_path / "file"
    a_file.write_text("x")
    result = drafter("build", EXAMPLE, "-o", a_file / "out.docx")
    assert result.returncode == 2 and "上级不是目录" in result.stderr


def test_names_near_255_bytes(drafter, tmp_path):
    longest = tmp_path / ("报" * 83 + ".docx")  # 249 + 5 = 254 bytes
    result = drafter("build", EXAMPLE, "-o", longest)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [longest.name]  # no temporary left
    too_long = tmp_path / ("报" * 84 + ".docx")  # 257 bytes
    result = drafter("build", EXAMPLE, "-o", too_long)
    assert result.returncode == 2 and "文件名太长" in result.stderr


@pytest.mark.parametrize(
    "where, error, phrase",
    [
        ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied"), "没有写入权限"),
        ("os.replace", OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        ("os.replace", OSError(errno.EROFS, "Read-only file system"), "只读"),
    ],
)
def test_write_failures_are_user_errors(drafter, tmp_path, monkeypatch, where, error, phrase):
    module, name = where.split(".")

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(f"drafter.core.files.{module}.{name}", fail)
    out = tmp_path / "out.docx"
    result = drafter("build", EXAMPLE, "-o", out)
    assert result.returncode == 2 and phrase in result.stderr and "out.docx" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_read_only_folder(drafter, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = drafter("build", EXAMPLE, "-o", folder / "out.docx")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2 and "没有写入权限" in result.stderr


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["build", EXAMPLE, "-o", "{tmp}/o.docx", "--font", "body=\x07"], "--font body="),
        (["init", "--region", "明湖\x07区", "--year", "2025", "-o", "{tmp}/i.yaml"], "控制字符"),
        (["check", EXAMPLE, "--no-reuse", "--year", "99999999999999999999"], "--year"),
        (
            ["import", "seeds/000_f45f303019acc275.txt", "-o", "{tmp}/i.yaml", "--year", "10000"],
            "年度",
        ),
        (
            [
                "import",
                "seeds/000_f45f303019acc275.txt",
                "-o",
                "{tmp}/i.yaml",
                "--signer",
                "甲\x1b",
            ],
            "--signer",
        ),
    ],
    ids=["font", "init-region", "check-year", "import-year", "import-signer"],
)
def test_option_values_are_checked(drafter, tmp_path, monkeypatch, args, phrase):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    result = drafter(*[str(a).replace("{tmp}", str(tmp_path)) for a in args])
    assert result.returncode == 2 and phrase in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_layout_sizes_out_of_range(drafter, tmp_path):
    from tests.conftest import ROOT

    template = tmp_path / "tpl"
    template.mkdir()
    (template / "report.j2").write_bytes((ROOT / "templates/default/report.j2").read_bytes())
    layout = (ROOT / "templates/default/layout.yaml").read_text(encoding="utf-8")
    (template / "layout.yaml").write_text(
        layout.replace("size_pt: 16", "size_pt: -5"), encoding="utf-8"
    )
    result = drafter("build", EXAMPLE, "-o", tmp_path / "o.docx", "-t", template)
    assert result.returncode == 2 and "layout.yaml:13:" in result.stderr and "-5" in result.stderr
