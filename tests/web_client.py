"""A test client of the web app with the session's CSRF token at hand."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from drafter.web.app import create_app
from drafter.web.security import Settings

BASE = "http://127.0.0.1:8000"


class Client(TestClient):
    """TestClient that knows the CSRF token of its session."""

    def csrf(self) -> str:
        page = self.get("/check")
        return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def client(db, token: str | None = None, host: str = "127.0.0.1") -> Client:
    app = create_app(Settings(host=host, db=str(db), token=token))
    return Client(app, base_url=BASE, raise_server_exceptions=True)
