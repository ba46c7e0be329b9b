"""Fuzz: mutated year data and report files through the real command-line entry.

For every case: exit 0, 1 or 2 only (3 is a defect of ours), no traceback, an exit-2
message that names the input file, no output file (or temporary) left behind on failure,
at most 10 s and 500 MB. Cases run in a worker process whose address space is capped
(tests/fuzz_worker.py: the real `drafter.cli.main`, without a start-up per case); a
sample also runs as separate `python -m drafter` processes under the same cap, their
time and peak memory taken from the operating system.

Default run: 1,000 YAML and 200 document cases, derandomized (the same cases every run).
DRAFTER_FUZZ=N multiplies both counts by N and draws new cases each run.
"""

from __future__ import annotations

import json
import os
import resource
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_mutants import (
    BILLION_LAUGHS,
    docx_mutant,
    template_mutant,
    text_mutant,
    yaml_mutant,
)
from tests.inprocess import MEASURED

ROOT = Path(__file__).resolve().parent.parent
FACTOR = int(os.environ.get("DRAFTER_FUZZ", "1") or "1")
YAML_CASES, DOCUMENT_CASES, TEMPLATE_CASES = 1000 * FACTOR, 400 * FACTOR, 150 * FACTOR
PROCESS_CASES = 12 * FACTOR
MAX_SECONDS, MAX_MB = 10.0, 500
SETTINGS = dict(
    deadline=None, database=None, derandomize=FACTOR == 1, suppress_health_check=list(HealthCheck)
)


class Worker:
    """The fuzz worker process; restarted after a case that kills or hangs it."""

    def __init__(self, db: Path):
        self.env = {**os.environ, "DRAFTER_DB": str(db), "OPENBLAS_NUM_THREADS": "1"}
        self.env.pop("DRAFTER_DEBUG", None)
        self.process = None

    def run(self, args: list[str]) -> dict:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "tests" / "fuzz_worker.py")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=self.env,
                cwd=ROOT,
            )
        self.process.stdin.write(json.dumps({"args": [str(a) for a in args]}) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], MAX_SECONDS + 60)
        line = self.process.stdout.readline() if ready else ""
        if not line:  # hung past the limit, or died (the cap kills some allocations outright)
            self.close()
            return {"code": "timeout" if not ready else "died", "stderr": "", "seconds": None}
        return json.loads(line)

    def close(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process.stdin.close()
            self.process.stdout.close()
            self.process = None


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    pool = Worker(tmp_path_factory.mktemp("fuzz-db") / "corpus.sqlite")
    yield pool
    pool.close()


def check_case(answer: dict, case: Path, outputs: list[Path], label: str) -> None:
    """The invariants every case must keep."""
    code, stderr = answer["code"], answer["stderr"]
    assert code in (0, 1, 2), f"{label}: exit {code}\n{stderr}"
    assert "Traceback" not in stderr and "内部错误" not in stderr, f"{label}:\n{stderr}"
    if code == 2:
        assert case.name in stderr, f"{label}: the message does not name the file:\n{stderr}"
        for out in outputs:
            assert not out.exists(), f"{label}: {out.name} left behind after exit 2"
    leftovers = [p.name for p in case.parent.glob(".drafter-*.tmp")]
    assert not leftovers, f"{label}: temporary files left: {leftovers}"
    assert answer["seconds"] <= MAX_SECONDS, f"{label}: {answer['seconds']:.1f} s"
    assert answer["peak_mb"] <= MAX_MB, f"{label}: peak {answer['peak_mb']:.0f} MB"


def summarize(kind: str, answers: list[dict], least: int) -> None:
    """At least `least` cases ran, a tenth of them got past the errors; print the figures."""
    codes = [a["code"] for a in answers]
    assert len(answers) >= least
    assert sum(code in (0, 1) for code in codes) >= len(codes) // 10  # not only error paths
    print(
        f"\n{kind}: {len(answers)} cases, exit codes "
        f"{ {c: codes.count(c) for c in sorted(set(codes))} }, slowest "
        f"{max(a['seconds'] for a in answers):.2f} s, peak {max(a['peak_mb'] for a in answers):.0f} MB"
    )


def fresh_case(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "case"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(exist_ok=True)
    case = folder / name
    case.write_bytes(data)
    return case


YAML_COMMANDS = st.sampled_from(["build-docx", "build-txt", "check"])


def yaml_args(case: Path, command: str) -> tuple[list, list[Path]]:
    out = case.parent / ("out.docx" if command == "build-docx" else "out.txt")
    if command == "check":
        return ["check", case, "--no-reuse", "--format", "json"], []
    fmt = "docx" if command == "build-docx" else "txt"
    return ["build", case, "-o", out, "--format", fmt], [out]


def test_yaml_mutants(worker, tmp_path):
    seen = []

    @settings(max_examples=YAML_CASES, **SETTINGS)
    @given(text=yaml_mutant(), command=YAML_COMMANDS)
    def run(text, command):
        case = fresh_case(tmp_path, "数据.yaml", text.encode("utf-8", errors="surrogatepass"))
        args, outputs = yaml_args(case, command)
        answer = worker.run(args)
        check_case(answer, case, outputs, f"{command} on {case.name}")
        seen.append(answer)

    run()
    summarize("YAML", seen, YAML_CASES)


DOCUMENT_COMMANDS = st.sampled_from(["check", "outline", "import", "annotate", "check-reuse"])


def document_args(case: Path, command: str) -> tuple[list, list[Path]]:
    if command == "import":
        out = case.parent / "out.yaml"
        return ["import", case, "-o", out, "--region", "明湖区", "--year", "2024"], [out]
    if command == "annotate":
        out = case.parent / "批注.docx"
        return ["check", case, "--no-reuse", "--annotate", out, "--fail-on", "never"], [out]
    if command == "outline":
        return ["outline", case, "--format", "json"], []
    return ["check", case, "--format", "json"] + (["--no-reuse"] if command == "check" else []), []


def test_document_mutants(worker, tmp_path):
    seen = []

    @settings(max_examples=DOCUMENT_CASES, **SETTINGS)
    @given(docx=st.booleans(), data=st.data(), command=DOCUMENT_COMMANDS)
    def run(docx, data, command):
        if docx:
            name, content = "报告.docx", data.draw(docx_mutant())
        else:
            suffix, content = data.draw(text_mutant())
            name = "报告" + suffix
        case = fresh_case(tmp_path, name, content)
        args, outputs = document_args(case, command)
        answer = worker.run(args)
        check_case(answer, case, outputs, f"{command} on {name}")
        seen.append(answer)

    run()
    summarize("documents", seen, DOCUMENT_CASES)


def test_template_mutants(worker, tmp_path):
    seen = []
    example = ROOT / "examples" / "明湖区2024.yaml"

    @settings(max_examples=TEMPLATE_CASES, **SETTINGS)
    @given(files=template_mutant())
    def run(files):
        case = fresh_case(tmp_path, "out.docx", b"")
        case.unlink()
        folder = case.parent / "模板"
        folder.mkdir()
        for name, text in zip(("report.j2", "layout.yaml"), files):
            (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        answer = worker.run(["build", example, "-o", case, "-t", folder])
        check_case(answer, folder, [case], "build -t 模板")
        seen.append(answer)

    run()
    summarize("templates", seen, TEMPLATE_CASES)


def run_process(args: list, env: dict, stderr_file: Path) -> dict:
    """One `python -m drafter` under the memory cap; its time, and its peak memory as the
    process itself last saw it (VmHWM: wait4's ru_maxrss would count the forked test too)."""

    def cap():
        limit = MAX_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    peak = stderr_file.with_suffix(".peak")
    peak.unlink(missing_ok=True)
    started = time.monotonic()
    with open(stderr_file, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", MEASURED, peak, *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            cwd=ROOT,
            preexec_fn=cap,
        )
    try:
        code = process.wait(timeout=MAX_SECONDS + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        code = "timeout"
    return {
        "code": code,
        "stderr": stderr_file.read_text(encoding="utf-8", errors="replace"),
        "seconds": time.monotonic() - started,
        "peak_mb": float(peak.read_text()) if peak.exists() else MAX_MB + 1,
    }


def test_a_sample_through_separate_processes(tmp_path):
    env = {**os.environ, "DRAFTER_DB": str(tmp_path / "corpus.sqlite"), "OPENBLAS_NUM_THREADS": "1"}
    env.pop("DRAFTER_DEBUG", None)
    seen = []

    @settings(max_examples=PROCESS_CASES, **SETTINGS)
    @given(kind=st.sampled_from(["yaml", "docx", "text"]), data=st.data())
    def run(kind, data):
        if kind == "yaml":
            content = data.draw(yaml_mutant()).encode("utf-8", "surrogatepass")
            case = fresh_case(tmp_path, "数据.yaml", content)
            args, outputs = yaml_args(case, "build-docx")
        else:
            suffix, content = (
                (".docx", data.draw(docx_mutant())) if kind == "docx" else data.draw(text_mutant())
            )
            case = fresh_case(tmp_path, "报告" + suffix, content)
            args, outputs = document_args(case, "check")
        answer = run_process(args, env, tmp_path / "stderr.txt")
        check_case(answer, case, outputs, f"{kind}: python -m drafter {args[0]}")
        seen.append(answer)

    run()
    summarize("separate processes", seen, PROCESS_CASES)


def _hostile_yaml(body: str) -> bytes:
    example = (ROOT / "examples" / "明湖区2024.yaml").read_text(encoding="utf-8")
    return example.replace("专题学习2次", "专题学习" + body + "次", 1).encode()


def _many_items(count: int) -> bytes:
    example = (ROOT / "examples" / "明湖区2024.yaml").read_text(encoding="utf-8")
    items = "".join(f"    - 内容: 第{i}项工作按计划推进，完成情况良好。\n" for i in range(count))
    return example.replace("党的领导:\n  事项:\n", "党的领导:\n  事项:\n" + items, 1).encode()


def _headings(count: int) -> bytes:
    digits = "一二三四五六七八九十"
    lines = ["明湖区2024年法治政府建设情况报告"]
    lines += [f"{digits[i % 10]}、第{i}项工作推进情况和主要成效" for i in range(count)]
    return "\n".join(lines).encode()


def _docx(paragraphs: list[str], extra: dict | None = None) -> bytes:
    from tests.fuzz_mutants import document_xml, zip_parts

    return zip_parts({"word/document.xml": document_xml(paragraphs).encode(), **(extra or {})})


BILLION_LAUGHS_BYTES = BILLION_LAUGHS.encode()
HEAVY = {  # name: (file name, content, command, expected exit codes)
    "billion-laughs": ("数据.yaml", lambda: BILLION_LAUGHS_BYTES, "build", (2,)),
    "loop-bomb": (
        "数据.yaml",
        lambda: _hostile_yaml(
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
        ),
        "build",
        (2,),
    ),
    "repeat-bomb": ("数据.yaml", lambda: _hostile_yaml("{{ 'x' * 10**10 }}"), "build", (2,)),
    "4900-items": ("数据.yaml", lambda: _many_items(4900), "build", (0,)),
    "zip-bomb": (
        "报告.docx",
        lambda: _docx(["标题"], {"word/media/x.bin": b"\0" * 210_000_000}),
        "check",
        (2,),
    ),
    "100k-paragraphs": (
        "报告.docx",
        lambda: _docx([f"第{i}段。" for i in range(100_000)]),
        "check",
        (2,),
    ),
    "4999-headings": ("报告.txt", lambda: _headings(4998), "check", (0, 1)),
    "one-huge-line": (
        "报告.txt",
        lambda: ("标题\n" + "甲乙丙丁" * 124_990).encode(),
        "check",
        (0, 1),
    ),
}


@pytest.mark.parametrize("name", sorted(HEAVY))
def test_hostile_inputs_in_separate_processes(name, tmp_path):
    """Inputs at and past the limits, each in its own capped process: the bounds hold for real."""
    file_name, content, command, expected = HEAVY[name]
    case = fresh_case(tmp_path, file_name, content())
    env = {**os.environ, "DRAFTER_DB": str(tmp_path / "corpus.sqlite"), "OPENBLAS_NUM_THREADS": "1"}
    env.pop("DRAFTER_DEBUG", None)
    if command == "build":
        args, outputs = yaml_args(case, "build-docx")
    else:
        args, outputs = ["check", case, "--format", "json"], []  # the reuse check included
    answer = run_process(args, env, tmp_path / "stderr.txt")
    check_case(answer, case, outputs, name)
    assert answer["code"] in expected, answer["stderr"]
    print(f"\n{name}: exit {answer['code']}, {answer['seconds']:.2f} s, {answer['peak_mb']:.0f} MB")
