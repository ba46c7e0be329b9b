"""The README's screenshot of the web app (docs/web.png): the 起草 page of 明湖区's 2025 draft,
started from its 2024 data, with two figures typed — last year's values, 同比 and a rate
computed beside them.

python bench/web_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from selenium.webdriver.common.by import By

    from tests.web_browser import Server, chromium

    folder = Path(tempfile.mkdtemp())
    server = Server(folder / "corpus.sqlite", folder / "server.log")
    browser = chromium(folder / "profile", folder)
    try:
        browser.set_window_size(1280, 820)
        browser.get(server.url + "/draft")
        upload = browser.find_element(By.CSS_SELECTOR, '#start-yaml input[type="file"]')
        upload.send_keys(str(ROOT / "examples" / "明湖区2024.yaml"))
        browser.find_element(By.CSS_SELECTOR, "#start-yaml button").click()
        browser.find_element(By.NAME, "制度建设.事项[1].内容").send_keys(
            "制定行政规范性文件{{ 规范性文件.制定 }}件，{{ 规范性文件.制定.同比 }}，"
            "审核率{{ 规范性文件.审核率 }}，备案率{{ 规范性文件.备案率 }}。"
        )
        for name, value in (("制定", "20"), ("合法性审核", "20"), ("备案", "19")):
            browser.find_element(By.NAME, f"制度建设.指标.规范性文件.{name}").send_keys(value)
        time.sleep(2)  # the live update
        browser.execute_script("document.getElementById('制度建设').scrollIntoView()")
        browser.execute_script("window.scrollBy(0, 330)")
        browser.save_screenshot(str(ROOT / "docs" / "web.png"))
    finally:
        browser.quit()
        server.stop()
    print(f"docs/web.png: {(ROOT / 'docs' / 'web.png').stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
