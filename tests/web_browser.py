"""A real server in a subprocess and Debian's Chromium driven by selenium (no browser
downloads: /usr/bin/chromium and /usr/bin/chromedriver, a fresh profile each test)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.test_reuse import CHROMIUM_FLAGS as BASE_FLAGS

# the flags every Chromium test uses, and a window large enough for the pages' screenshots
CHROMIUM_FLAGS = (*BASE_FLAGS, "--window-size=1400,1000")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`drafter serve` on a free loopback port until stopped."""

    def __init__(self, db: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(self.port)]
            + ["--db", str(db)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"drafter serve exited: {Path(self.log.name).read_text()}")
            try:
                urllib.request.urlopen(self.url + "/static/app.css", timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("drafter serve did not start in 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def chromium(profile: Path, downloads: Path):
    """A headless Chromium with its own profile, saving downloads into downloads."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let selenium fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS + (f"--user-data-dir={profile}",):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def downloaded(folder: Path, suffix: str, timeout: float = 30) -> Path:
    """The file with this suffix once the browser has finished writing it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")
