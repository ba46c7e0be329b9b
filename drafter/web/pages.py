"""Rendering: the Jinja2 templates of this package, the Chinese error pages, and reading a
posted form with its CSRF token checked."""

from __future__ import annotations

import functools
from functools import lru_cache
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from ..core import limits
from .security import csrf_matches, same_origin

HERE = Path(__file__).resolve().parent
NAV = (("/draft", "起草"), ("/check", "检查"), ("/corpus", "语料库"), ("/review", "审阅"))
# titles of the error pages a status gets
STATUS_TITLES = {
    400: "请求有误",
    401: "需要访问口令",
    403: "请求被拒绝",
    404: "找不到",
    413: "上传的内容过大",
    421: "地址不符",
    500: "内部错误",
}


@lru_cache(maxsize=1)
def environment():
    """The package's templates, autoescaped, strict about undefined names."""
    import jinja2

    loader = jinja2.FileSystemLoader(str(HERE / "templates"))
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def session_of(request: Request):
    """The session the guard attached to this request."""
    return request.scope["drafter_session"]


def render_text(template_name: str, session=None, path: str = "/", **context) -> str:
    """A page of the app as HTML text."""
    template = environment().get_template(template_name)
    csrf = session.csrf if session is not None else ""
    return template.render(nav=NAV, here=path, csrf=csrf, **context)


def page(request: Request, template_name: str, status: int = 200, **context) -> HTMLResponse:
    """A page of the app, with the session's CSRF token in its forms."""
    text = render_text(template_name, session_of(request), request.url.path, **context)
    return HTMLResponse(text, status_code=status)


def message_page(status: int, text: str, session=None) -> str:
    """The page of an error status, its message in Chinese."""
    title = STATUS_TITLES.get(status, "出错了")
    return render_text("message.html.j2", session, title=title, message=text, status=status)


def see(url: str) -> RedirectResponse:
    """After a form: go to the page that shows its result (303, so reloading does not repost)."""
    return RedirectResponse(url, status_code=303)


async def posted_form(request: Request):
    """The posted form, refused (403) unless it carries the session's CSRF token and comes
    from a page of this server."""
    headers = {k.lower(): v for k, v in request.headers.items()}
    if not same_origin(headers):
        raise HTTPException(403, "请求来自其他网站，已拒绝（跨站请求防护）。")
    files = int(limits.value("upload_files"))
    form = await request.form(max_files=files, max_fields=20000)
    token = form.get("csrf") or request.headers.get("x-csrf-token")
    if not csrf_matches(session_of(request), token if isinstance(token, str) else None):
        raise HTTPException(403, "表单已过期或缺少防伪标记，请刷新页面后重试（跨站请求防护）。")
    return form


async def call(function, *args, **kwargs):
    """Run a library call off the event loop, so other users' pages stay responsive."""
    return await run_in_threadpool(function, *args, **kwargs)


def closing(endpoint):
    """A form's endpoint that closes the upload's spooled files when it is done, also when
    it refuses the form."""

    @functools.wraps(endpoint)
    async def wrapped(request: Request):
        try:
            return await endpoint(request)
        finally:
            await request.close()

    return wrapped
