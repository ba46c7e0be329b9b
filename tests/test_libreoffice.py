"""The example opens in a real word processor: LibreOffice renders it to PDF and we read the PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import drafter
from drafter.core.schema import load_schema
from tests.conftest import EXAMPLE

TOOLS = ("soffice", "pdftotext", "pdfinfo")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {missing} (see .ci/run)")
        pytest.skip(f"needs {missing}: apt-get install libreoffice-writer-nogui poppler-utils")
    work = tmp_path_factory.mktemp("lo")
    docx = work / "example.docx"
    drafter.draft(EXAMPLE, docx)
    profile = work / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return work / "example.pdf"


@pytest.mark.slow
def test_pdf_has_title_all_five_parts_and_page_number(pdf):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "明湖区2024年法治政府建设情况报告" in flat
    for part in load_schema().parts():
        assert part.heading_for(2024) in flat, part.id
    assert re.search(r"—\s*1\s*—", text), "page number “— 1 —” not found in the PDF"
    assert "2025年3月6日" in flat


@pytest.mark.slow
def test_pdf_is_a4_and_several_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3
