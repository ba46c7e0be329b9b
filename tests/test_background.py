"""core.background.alongside: a task in a second process, its result and its errors here."""

from __future__ import annotations

import os

import pytest

from drafter.core import background
from drafter.core.background import alongside
from drafter.core.errors import UserError

FORK = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@FORK
def test_the_task_runs_in_another_process_while_the_body_runs(tmp_path):
    out = tmp_path / "pid"
    with alongside(lambda: out.write_text(str(os.getpid()))):
        body = os.getpid()
    assert out.exists() and int(out.read_text()) != body  # written, and not by this process


@FORK
def test_the_tasks_error_is_raised_after_the_body_as_it_was_raised(tmp_path):
    done = []

    def failing():
        raise UserError("文件已存在")

    with pytest.raises(UserError, match="文件已存在"):
        with alongside(failing):
            done.append("body")
    assert done == ["body"]


@FORK
def test_an_error_that_cannot_be_pickled_still_arrives_as_text():
    class Local(Exception):  # a local class: pickle cannot find it again
        pass

    def failing():
        raise Local("坏了")

    with pytest.raises(RuntimeError, match="Local: 坏了"):
        with alongside(failing):
            pass


@FORK
def test_the_bodys_error_wins_and_the_child_is_waited_for(tmp_path):
    out = tmp_path / "done"
    with pytest.raises(KeyError):
        with alongside(lambda: out.write_text("ok")):
            raise KeyError("body")
    assert out.read_text() == "ok"  # the child finished before the error left the block


def test_without_fork_or_a_second_core_the_task_runs_first(monkeypatch, tmp_path):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 1)
    order = []
    with alongside(lambda: order.append("task")):
        order.append("body")
    assert order == ["task", "body"]
