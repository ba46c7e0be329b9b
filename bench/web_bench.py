"""Web app benchmark: `drafter serve` start-up (target ≤ 1 s) and checking an uploaded seed
(target ≤ 2 s), each beside a baseline measured in the same run.

python bench/web_bench.py   (run under the shared lock on a shared machine)

Start-up: from starting the process to the first page served, against `drafter --help`
(the command line's own start). Check: uploading the 青浦 seed to the running server's
检查 page until the result page arrives, against `drafter.api.check` of the same file
in-process on the same corpus (the library's own time, without HTTP and upload).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "004_a3845e6a491bb007.txt"
RUNS = 7


def _serve_start(db: Path) -> tuple[float, subprocess.Popen, str]:
    from tests.web_browser import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(port)]
        + ["--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            urllib.request.urlopen(url + "/draft", timeout=1).close()
            return time.perf_counter() - start, process, url
        except OSError:
            time.sleep(0.005)


def startup(db: Path) -> tuple[list[float], list[float]]:
    serve, help_ = [], []
    for _ in range(RUNS):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True)
        help_.append(time.perf_counter() - begin)
        seconds, process, _url = _serve_start(db)
        serve.append(seconds)
        process.terminate()
        process.wait()
    return serve, help_


def check_times(db: Path) -> tuple[list[float], list[float]]:
    try:  # the test extras' client (Starlette's test client uses it too)
        import httpx2 as httpx
    except ImportError:
        import httpx

    from drafter import api

    _seconds, process, url = _serve_start(db)
    web, library = [], []
    try:
        client = httpx.Client(base_url=url, follow_redirects=True, timeout=60)
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/check").text).group(1)
        body = SEED.read_bytes()
        for _ in range(RUNS + 1):  # the first of each loads the libraries and opens the corpus
            begin = time.perf_counter()
            page = client.post("/check", data={"csrf": csrf}, files={"file": ("青浦.txt", body)})
            assert page.status_code == 200 and "structure.missing" in page.text
            web.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            api.check(SEED, db=db)
            library.append(time.perf_counter() - begin)
    finally:
        process.terminate()
        process.wait()
    return web, library


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "corpus.sqlite"
        from drafter import api

        with api.open_corpus(db):
            pass  # seeded once, before anything is timed
        serve, help_ = startup(db)
        web, library = check_times(db)
    m = statistics.median
    print(
        f"drafter serve start-up (process start → first page): median {m(serve):.3f} s, "
        f"max {max(serve):.3f} s over {RUNS} runs (target ≤ 1 s)"
    )
    print(f"  baseline drafter --help: median {m(help_):.3f} s; ratio {m(serve) / m(help_):.1f}×")
    print(
        f"check an uploaded seed (POST /check → result page): first after start {web[0]:.3f} s; "
        f"then median {m(web[1:]):.3f} s, max {max(web[1:]):.3f} s over {RUNS} runs "
        "(target ≤ 2 s)"
    )
    print(
        f"  baseline drafter.api.check in-process: first {library[0]:.3f} s; then median "
        f"{m(library[1:]):.3f} s; ratio {m(web[1:]) / m(library[1:]):.2f}×"
    )


if __name__ == "__main__":
    main()
