"""The ASGI application: the four pages' routes, the login form of an office server, the
session's downloads by token, the static assets, and every error as a Chinese page."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.routing import Route

from ..core.errors import UserError
from . import check_pages, corpus_pages, draft_pages, review_pages
from .pages import HERE, closing, message_page, page, posted_form, see, session_of
from .security import REPORT_POLICY, Guard, Settings, token_matches, too_large_text
from .sessions import SessionStore


async def home(request: Request):
    """The app opens on 起草."""
    return RedirectResponse("/draft", status_code=303)


async def login_page(request: Request):
    """The access token form of an office server."""
    return page(request, "login.html.j2", failed=False)


async def login(request: Request):
    """Check the access token; the session is trusted from then on."""
    form = await posted_form(request)
    session = session_of(request)
    if token_matches(request.app.state.settings.token, str(form.get("token", ""))):
        session.authed = True
        return see("/draft")
    await asyncio.sleep(1)  # guessing the token gets slow
    return page(request, "login.html.j2", status=401, failed=True)


# the package's assets by name: a request's path is looked up here, never joined to a folder
ASSETS = {"app.css": "text/css", "app.js": "text/javascript"}


async def asset(request: Request):
    """One of the package's static assets."""
    name = request.path_params["name"]
    if name not in ASSETS:
        raise HTTPException(404, "找不到这个文件。")
    return FileResponse(HERE / "static" / name, media_type=ASSETS[name])


async def download(request: Request):
    """A file of this session, by the random token its page linked to."""
    found = session_of(request).files.get(request.path_params["token"])
    if found is None or not found.path.is_file():
        raise HTTPException(404, "找不到这个文件：它不属于当前会话，或已随会话删除。")
    response = FileResponse(
        found.path,
        media_type=found.media_type,
        filename=found.name,
        content_disposition_type="inline" if found.inline else "attachment",
    )
    if found.inline:  # our own generated report, shown in a frame of our pages
        response.headers["content-security-policy"] = REPORT_POLICY.decode()
    return response


def _error_page(request: Request, status: int, text: str) -> HTMLResponse:
    session = request.scope.get("drafter_session")
    return HTMLResponse(message_page(status, text, session), status_code=status)


async def http_error(request: Request, exc: HTTPException):
    """An HTTP error as a Chinese page."""
    text = exc.detail if any("\u4e00" <= c <= "\u9fff" for c in str(exc.detail)) else ""
    return _error_page(request, exc.status_code, text or "请求无法处理，请返回上一页重试。")


async def user_error(request: Request, exc: UserError):
    """Bad input the library refused: its located Chinese message, status 400."""
    return _error_page(request, 400, str(exc))


async def internal_error(request: Request, exc: Exception):
    """A defect of ours: no traceback for the user; the server's console has it."""
    logging.getLogger("drafter.web").error("%s %s", request.method, request.url.path, exc_info=exc)
    return _error_page(request, 500, "drafter 内部错误（这是程序的缺陷，请报告）。")


def create_app(settings: Settings | None = None) -> Starlette:
    """The web app for these settings."""
    settings = settings or Settings()
    store = SessionStore()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        store.close()

    routes = [
        Route("/", home),
        Route("/login", login_page),
        Route("/login", closing(login), methods=["POST"]),
        Route("/files/{token}", download),
        Route("/static/{name}", asset),
    ]
    for module in (draft_pages, check_pages, corpus_pages, review_pages):
        routes += module.routes()
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            HTTPException: http_error,
            UserError: user_error,
            Exception: internal_error,
        },
    )
    app.state.settings, app.state.store = settings, store
    app.add_middleware(Guard, store=store, settings=settings, refuse=_refuse)
    return app


async def _refuse(status: int, scope, send) -> None:
    """The guard's own refusals: 401 (the login form), 413 and 421 (a Host not this one)."""
    from .pages import render_text

    session = scope.get("drafter_session")
    if status == 401:
        body = render_text("login.html.j2", session, "/login", failed=False)
    elif status == 421:
        body = message_page(421, "请用 http://127.0.0.1 或 http://localhost 访问本机的 drafter。")
    else:
        body = message_page(413, too_large_text("upload_request_mb"), session)
    await HTMLResponse(body, status_code=status)(scope, None, send)
