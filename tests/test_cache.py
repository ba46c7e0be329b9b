"""The on-disk cache of derived data (core/cache.py): built once, read after, pruned gently."""

from __future__ import annotations

import os

from drafter.core import cache


def test_built_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"浦东新区": ["310115"]}

    key = cache.source_key("一", b"\x00")
    assert cache.cached("table", key, build) == {"浦东新区": ["310115"]}
    assert cache.cached("table", key, build) == {"浦东新区": ["310115"]}
    assert len(calls) == 1


def test_unreadable_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    key = cache.source_key("一")
    cache.cached("table", key, lambda: [1])
    (tmp_path / f"table-{key}.marshal").write_bytes(b"\xffnot marshal")
    assert cache.cached("table", key, lambda: [2]) == [2]


def test_two_installs_keep_each_others_file(tmp_path, monkeypatch):
    """Two installs (different sources, so different keys) alternating must not rebuild
    each time; files of many older sources are removed, all but the newest few."""
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    calls = []
    keys = [cache.source_key(str(i)) for i in range(6)]
    for when, key in enumerate(keys):
        cache.cached("table", key, lambda: calls.append(1) or [1])
        os.utime(tmp_path / f"table-{key}.marshal", (1000 + when, 1000 + when))
    assert len(calls) == 6
    kept = sorted(p.name for p in tmp_path.glob("table-*.marshal"))
    assert kept == sorted(f"table-{k}.marshal" for k in keys[-cache._KEPT :])
    cache.cached("table", keys[-2], lambda: calls.append(1) or [1])  # the other install
    cache.cached("table", keys[-1], lambda: calls.append(1) or [1])
    assert len(calls) == 6
    cache.cached("table-lengths", keys[0], lambda: [3])  # a longer name is another table
    assert (tmp_path / f"table-{keys[-1]}.marshal").exists()


def test_a_corpus_issuers_resolve_once_then_from_the_cache(tmp_path, monkeypatch):
    """resolve_units keeps a corpus's resolved issuers on disk: the same units, and the next
    process does not resolve them again."""
    from drafter.read import unit

    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path))
    names = ["上海市浦东新区", "浦东新区人民政府", "泾源县公安局", "明湖区", "北京市朝阳区"]
    monkeypatch.setattr(unit, "_RESOLVED", {})
    unit.resolve_units(names)
    assert [unit.resolve_unit(n) for n in names] == [unit._resolve(n, "输入") for n in names]
    assert unit.same_unit("浦东新区人民政府", "上海市浦东新区")
    assert len(list(tmp_path.glob("units-*.marshal"))) == 1

    def refuse(*_):
        raise AssertionError("resolved again instead of read from the cache")

    expected = dict(unit._RESOLVED)
    monkeypatch.setattr(unit, "_RESOLVED", {})
    monkeypatch.setattr(unit, "_resolve", refuse)
    unit.resolve_units(names)
    assert unit._RESOLVED == expected
