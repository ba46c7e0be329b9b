"""The web app in a real Chromium: the four pages as a person uses them (issue 15's
browser tests). Screenshots are saved in each test's temporary folder."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.conftest import ROOT, require_tools
from tests.web_browser import Server, chromium, downloaded

pytestmark = pytest.mark.slow
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
QINGPU = ROOT / "seeds" / "004_a3845e6a491bb007.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    running = Server(folder / "corpus.sqlite", folder / "server.log")
    yield running
    running.stop()


@pytest.fixture
def browser(tmp_path):
    require_tools("chromium", "chromedriver")
    (tmp_path / "downloads").mkdir()
    driver = chromium(tmp_path / "profile", tmp_path / "downloads")
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def _wait(browser, css: str, timeout: float = 30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def _field(browser, name: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.NAME, name)


def test_a_small_report_filled_in_the_form_downloads_as_docx(server, browser, tmp_path):
    from docx import Document
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/draft")
    _field(browser, "region").send_keys("明湖区")
    _field(browser, "year").send_keys("2025")
    _wait(browser, "#start-new button").click()
    _wait(browser, "#draft-form")
    _field(browser, "报告.日期").send_keys("2026-03-01")
    _field(browser, "制度建设.事项[1].要点").send_keys("严格规范性文件管理")
    _field(browser, "制度建设.事项[1].内容").send_keys(
        "制定规范性文件{{ 规范性文件.制定 }}件，备案率{{ 规范性文件.备案率 }}。"
    )
    _field(browser, "制度建设.指标.规范性文件.制定").send_keys("17")
    _field(browser, "制度建设.指标.规范性文件.备案").send_keys("16")
    rate = _wait(browser, '[data-figure="制度建设.指标.规范性文件.备案率"]')
    WebDriverWait(browser, 15).until(lambda _: rate.text == "94.1%")  # computed live
    preview = _wait(browser, "#preview")
    WebDriverWait(browser, 15).until(lambda _: "备案率94.1%" in preview.text)
    browser.save_screenshot(str(tmp_path / "draft.png"))
    _wait(browser, "#download-docx").click()
    docx = downloaded(tmp_path / "downloads", ".docx")
    assert docx.name == "明湖区2025.docx"
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "制定规范性文件17件，备案率94.1%。" in text
    assert "明湖区2025年法治政府建设情况报告" in text


def test_the_qingpu_seed_shows_its_three_missing_parts(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/check")
    _wait(browser, '#check-form input[type="file"]').send_keys(str(QINGPU))
    _wait(browser, "#check-form button").click()
    _wait(browser, "#result")
    browser.save_screenshot(str(tmp_path / "check.png"))
    missing = browser.find_elements(By.CSS_SELECTOR, 'li.error[data-rule="structure.missing"]')
    assert [m.text.split("缺少法定部分")[1].split("”")[0].strip("“") for m in missing] == [
        "存在的不足和原因",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "下一年度推进法治政府建设的主要安排",
    ]


def _last_and_this_year(tmp_path):
    """Last year's report of a unit, and this year's draft that copies most of it."""
    from drafter import api

    last = tmp_path / "明湖区2023年法治政府建设情况报告.txt"
    api.draft(ROOT / "examples" / "明湖区2023.yaml", last)
    this = tmp_path / "明湖区2024年报告草稿.txt"
    this.write_text(last.read_text(encoding="utf-8").replace("2023", "2024"), encoding="utf-8")
    return last, this


def test_a_draft_copying_last_years_report_is_highlighted(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    last, this = _last_and_this_year(tmp_path)
    browser.get(server.url + "/corpus")
    _wait(browser, '#corpus-form input[type="file"]').send_keys(str(last))
    _wait(browser, "#corpus-form button").click()
    done = _wait(browser, "#done")
    assert last.name in done.text
    browser.get(server.url + "/check")
    _wait(browser, '#check-form input[type="file"]').send_keys(str(this))
    _wait(browser, "#check-form button").click()
    _wait(browser, '#result li[data-rule="reuse.self"]')
    browser.switch_to.frame(_wait(browser, "#reuse-frame"))
    marks = browser.find_elements(By.CSS_SELECTOR, ".draft mark.self")
    sources = browser.find_elements(By.CSS_SELECTOR, ".source mark.self")
    assert len(marks) >= 5 and len(sources) >= 5
    assert "明湖区" in browser.find_element(By.ID, "sources").text
    browser.switch_to.default_content()
    browser.save_screenshot(str(tmp_path / "reuse.png"))


def test_a_zip_of_the_seeds_is_reviewed_and_its_workbook_downloads(server, browser, tmp_path):
    from openpyxl import load_workbook

    archive = tmp_path / "各区报告.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for seed in SEEDS:
            z.write(seed, seed.name)
    browser.get(server.url + "/review")
    _wait(browser, '#review-form input[type="file"]').send_keys(str(archive))
    _wait(browser, "#review-form button").click()
    link = _wait(browser, "#xlsx", timeout=120)
    browser.save_screenshot(str(tmp_path / "review.png"))
    link.click()
    workbook = load_workbook(io.BytesIO(downloaded(tmp_path / "downloads", ".xlsx").read_bytes()))
    first = workbook.worksheets[0]
    files = [str(c.value) for c in next(first.iter_cols()) if c.value]
    assert first.max_row - 1 >= len(SEEDS), files
