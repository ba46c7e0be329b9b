"""Sessions: a random id in a cookie, and on the server the user's draft, CSRF token and
files in a folder of their own. One user never sees another's draft or files: every lookup
goes through the session, and files are reached by random tokens, never by a path."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..core import limits

COOKIE = "drafter_session"


@dataclass
class Download:
    """A file the session may download: where it is and the name the browser saves."""

    path: Path
    name: str
    media_type: str
    inline: bool = False


@dataclass
class Session:
    """One user's state: their draft (a YAML file in their folder), the CSRF token, whether
    they gave the access token, and their downloads by random token."""

    id: str
    folder: Path
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    authed: bool = False
    seen: float = field(default_factory=time.monotonic)
    files: dict[str, Download] = field(default_factory=dict)
    state: dict = field(default_factory=dict)  # page -> what the page last showed

    @property
    def draft(self) -> Path:
        """The draft's YAML file (server-chosen name)."""
        return self.folder / "draft.yaml"

    def workdir(self, kind: str) -> Path:
        """A new empty folder in the session's folder, named by the server."""
        return Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=self.folder))

    def offer(self, path: Path, name: str, media_type: str, inline: bool = False) -> str:
        """Register a file for download; the random token the page links to."""
        token = secrets.token_urlsafe(16)
        self.files[token] = Download(Path(path), name, media_type, inline)
        return token

    def forget_folder(self, folder: Path) -> None:
        """Delete one work folder and the downloads inside it."""
        self.files = {t: d for t, d in self.files.items() if folder not in d.path.parents}
        shutil.rmtree(folder, ignore_errors=True)


class SessionStore:
    """Every live session, under one temporary root that is deleted at shutdown; idle or
    surplus sessions (limits web_session_minutes, web_sessions) are deleted with their files."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="drafter-web-"))
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, sid: str | None) -> Session | None:
        """The live session of a cookie value, if any."""
        with self._lock:
            self._expire()
            found = self._sessions.get(sid or "")
            if found is not None:
                found.seen = time.monotonic()
            return found

    def new(self) -> Session:
        """A new session with its own folder."""
        with self._lock:
            self._expire()
            while len(self._sessions) >= limits.value("web_sessions"):
                # visitors who never logged in or drafted go first, then the longest idle
                oldest = min(
                    self._sessions.values(), key=lambda s: (s.authed, s.draft.exists(), s.seen)
                )
                self._drop(oldest.id)
            sid = secrets.token_urlsafe(32)
            folder = Path(tempfile.mkdtemp(prefix="session-", dir=self.root))
            self._sessions[sid] = session = Session(sid, folder)
            return session

    def _expire(self) -> None:
        idle = limits.value("web_session_minutes") * 60
        now = time.monotonic()
        for sid in [s.id for s in self._sessions.values() if now - s.seen > idle]:
            self._drop(sid)

    def _drop(self, sid: str) -> None:
        session = self._sessions.pop(sid)
        shutil.rmtree(session.folder, ignore_errors=True)

    def close(self) -> None:
        """Delete every session and the root folder."""
        with self._lock:
            self._sessions.clear()
            shutil.rmtree(self.root, ignore_errors=True)
