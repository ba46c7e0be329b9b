"""What `drafter build -o` writes: the format chosen by the suffix, and files others can read."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import zipfile

import pytest

from drafter.core.files import atomic_write_text
from tests.conftest import EXAMPLE, require_tools


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_outputs_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        atomic_write_text(tmp_path / "out.txt", "内容")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == mode


def test_replacing_a_file_keeps_its_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("旧", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, "新", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text("utf-8") == "新"


def test_output_suffix_decides_the_format(cli, tmp_path):
    for suffix, marker in ((".md", "# 明湖区2024年"), (".txt", "明湖区2024年法治政府建设情况报告")):
        out = tmp_path / f"report{suffix}"
        result = cli("build", EXAMPLE, "-o", out)
        assert result.returncode == 0, result.stderr
        assert out.read_text(encoding="utf-8").lstrip("　 ").startswith(marker)
    docx = tmp_path / "report.docx"
    assert cli("build", EXAMPLE, "-o", docx).returncode == 0
    assert zipfile.is_zipfile(docx)


@pytest.mark.parametrize("name", ["report.odt", "report.doc", "report"])
def test_other_suffixes_are_refused_before_any_work(cli, tmp_path, name):
    result = cli("build", EXAMPLE, "-o", tmp_path / name)
    assert result.returncode == 2 and "不支持的输出格式" in result.stderr
    assert ".docx、.pdf、.md、.txt" in result.stderr
    assert not (tmp_path / name).exists()


def test_format_option_must_agree_with_the_suffix(cli, tmp_path):
    result = cli("build", EXAMPLE, "-o", tmp_path / "a.md", "--format", "txt")
    assert result.returncode == 2 and "不一致" in result.stderr


def test_pdf_without_libreoffice_names_the_package(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "build", str(EXAMPLE), "-o", str(tmp_path / "a.pdf")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "libreoffice-writer-nogui" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.slow
def test_pdf_output_is_a_real_pdf(cli, tmp_path):
    require_tools("soffice", "pdfinfo")
    out = tmp_path / "报告.pdf"
    result = cli("build", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info and int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3
