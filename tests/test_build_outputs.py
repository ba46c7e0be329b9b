"""What `drafter build -o` writes: the format chosen by the suffix, and files others can read."""

from __future__ import annotations

import os
import stat

import pytest

from drafter.core.files import atomic_write_text


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
