"""Derived data kept on disk between runs, so that a command does not rebuild it each time.

The gazetteer's indexes take longer to build than the rest of `drafter outline`
together; built once, they load in a few milliseconds. drafter's own YAML tables
(rules, sections, limits, layout), parsed with every value located, load from here
in a tenth of the time. A cache file is named by a
key of its sources (their sizes, times and contents' hash): a changed source makes
a new file. Nothing here is the user's: a cache that cannot be read or written is
simply rebuilt.
"""

from __future__ import annotations

import gc
import marshal
import os
from pathlib import Path
from typing import Any, Callable

try:  # BLAKE2 is built into CPython; hashlib would load OpenSSL first (3 ms a command)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover — a Python built without it
    from hashlib import blake2b

_KEPT = 3  # cache files kept per name: this one and those of two other installs


def cache_dir() -> Path:
    """$DRAFTER_CACHE, or drafter/ in the user's cache folder."""
    if os.environ.get("DRAFTER_CACHE"):
        return Path(os.environ["DRAFTER_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"


def source_key(*sources: Path | str | bytes) -> str:
    """A short key of files (size and time) and of literal text or bytes."""
    digest = blake2b(digest_size=8)
    for source in sources:
        if isinstance(source, Path):
            stat = source.stat()
            digest.update(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        else:
            digest.update(source.encode() if isinstance(source, str) else source)
    return digest.hexdigest()


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """The value built by build(), read from the cache when it holds one for this key.

    The value must be made of what marshal stores: dicts, lists, tuples, str, int."""
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        return _load(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        data = marshal.dumps(value)
    except ValueError:  # holds what marshal cannot store (a date): built each time
        return value
    _store(path, data)
    _prune(path, name)
    return value


class Rows:
    """A cached table of "a|b|c" strings, each made into its value when first asked for (the
    cache stores flat strings: they load fastest)."""

    def __init__(self, rows: dict[str, str], make):
        self._rows, self._make, self._made = rows, make, {}

    def __contains__(self, key: str) -> bool:
        return key in self._rows

    def __getitem__(self, key: str):
        if key not in self._made:
            self._made[key] = self._make(self._rows[key].split("|"))
        return self._made[key]

    def get(self, key: str, default=None):
        """The value for key, or default."""
        return self[key] if key in self._rows else default

    def keys(self):
        """Every key."""
        return self._rows.keys()


def _prune(path: Path, name: str) -> None:
    """Remove files of this name made from other sources, but the newest few: two installs
    of drafter sharing the cache folder (a venv beside the system's) would otherwise
    remove each other's file on every run and rebuild it the next."""
    others = [p for p in path.parent.glob(f"{name}-*.marshal") if p != path]
    others = [p for p in others if len(p.stem) == len(path.stem)]  # not a longer name's files
    try:
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return  # another process is pruning: leave it to that one
    for old in others[_KEPT - 1 :]:
        old.unlink(missing_ok=True)


def _load(data: bytes) -> Any:
    """Unmarshal with the garbage collector paused: tens of thousands of new objects
    would otherwise set it scanning again and again, for nothing (they hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, data: bytes) -> None:
    """Write atomically; a cache folder that cannot be written is left alone."""
    import tempfile

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            tmp = Path(f.name)
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
