"""The guard around every request: the session cookie, the access token on an office
server (401 without it), upload size limits (413), CSRF on every form (403), and headers
that keep pages from being framed, sniffed or cached."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from ..core import limits
from .sessions import COOKIE, SessionStore

# the names this machine answers to when it serves itself only: another Host is a page of
# another site whose name was pointed at 127.0.0.1 (DNS rebinding) and is refused
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]", "::1"}
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
# the app's pages run only their own script; the 查重/审阅 reports we generate carry one inline
# sorting script and inline styles, and are shown only in a frame of our own pages, sandboxed
# (an origin of their own: no cookie, no reach into the page around them)
PAGE_POLICY = (
    b"default-src 'self'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'"
)
REPORT_POLICY = (
    b"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    b"img-src data:; frame-ancestors 'self'; sandbox allow-scripts"
)


@dataclass(frozen=True)
class Settings:
    """How the server runs: where, which corpus, and the access token (None: local only)."""

    host: str = "127.0.0.1"
    port: int = 8000
    db: str | None = None
    token: str | None = None
    https: bool = False


class BodyTooLarge(Exception):
    """A request body went over upload_request_mb while it was being received."""


def too_large_text(name: str, found: str = "") -> str:
    """The Chinese message of a 413: which limit, and how to raise it."""
    problem = limits.limit_problem(name, "上传", found=found)
    return f"{problem.message}。{problem.hint}"


def token_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of the access token."""
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)


def csrf_matches(session, given: str | None) -> bool:
    """Whether a form's (or header's) CSRF token is the session's."""
    return bool(given) and hmac.compare_digest(session.csrf, given)


def same_origin(headers: dict[str, str]) -> bool:
    """A browser's Origin (when sent) must name this server: forms of other sites are refused."""
    origin = headers.get("origin")
    if not origin or origin == "null":  # not told (privacy settings): the CSRF token decides
        return True
    return urlsplit(origin).netloc == headers.get("host", "")


class Guard:
    """ASGI middleware: session, token, size limit and headers for every HTTP request."""

    def __init__(self, app, store: SessionStore, settings: Settings, refuse) -> None:
        self.app, self.store, self.settings, self.refuse = app, store, settings, refuse

    async def __call__(self, scope, receive, send):
        """Guard one request: refuse it (401, 413) or pass it on with the headers added."""
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["path"].startswith("/static/"):  # the same for everyone: no session made
            return await self.app(scope, receive, self._plain(send))
        session, fresh = self._session(headers)
        scope["drafter_session"] = session
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = self._headers(message, session, fresh, scope)
            await send(message)

        if not self._known_host(headers):
            return await self.refuse(421, scope, send_with_headers)
        if not self._allowed(scope, headers, session):
            return await self.refuse(401, scope, send_with_headers)
        cap = limits.value("upload_request_mb") * 1024 * 1024
        if int(headers.get("content-length") or 0) > cap:
            return await self.refuse(413, scope, send_with_headers)
        try:
            await self.app(scope, _counted(receive, cap), send_with_headers)
        except BodyTooLarge:
            if not started:
                await self.refuse(413, scope, send_with_headers)

    def _plain(self, send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        return wrapped

    def _session(self, headers: dict[str, str]):
        cookie = SimpleCookie(headers.get("cookie", ""))
        sid = cookie[COOKIE].value if COOKIE in cookie else None
        found = self.store.get(sid)
        return (found, False) if found is not None else (self.store.new(), True)

    def _known_host(self, headers: dict[str, str]) -> bool:
        if self.settings.token:  # an office server: its name is the office's; the token guards
            return True
        name = urlsplit("//" + headers.get("host", "")).hostname or ""
        return name in LOOPBACK_NAMES or f"[{name}]" in LOOPBACK_NAMES

    def _allowed(self, scope, headers: dict[str, str], session) -> bool:
        if not self.settings.token or session.authed:
            return True
        if scope["path"] == "/login":
            return True
        bearer = headers.get("authorization", "").removeprefix("Bearer ").strip()
        return token_matches(self.settings.token, bearer)

    def _headers(self, message, session, fresh: bool, scope) -> list:
        out = list(message.get("headers", []))
        names = {k.lower() for k, _ in out}
        out += [(k, v) for k, v in _HEADERS if k not in names]
        if b"content-security-policy" not in names:
            out.append((b"content-security-policy", PAGE_POLICY))
        if fresh:
            secure = "; Secure" if self.settings.https or scope.get("scheme") == "https" else ""
            value = f"{COOKIE}={session.id}; Path=/; HttpOnly; SameSite=Strict{secure}"
            out.append((b"set-cookie", value.encode("latin-1")))
        return out


def _counted(receive, cap: float):
    """receive(), raising BodyTooLarge once the body passes cap bytes."""
    total = 0

    async def wrapped():
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > cap:
                raise BodyTooLarge()
        return message

    return wrapped
