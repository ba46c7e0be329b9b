"""语料库: the past reports and plans the reuse check compares with — listed, added (many
files at once; a .zip is opened as a folder), removed after a confirmation page."""

from __future__ import annotations

import threading

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from ..core.errors import UserError
from .pages import call, closing, page, posted_form, see, session_of
from .uploads import ARCHIVES, REPORTS, YEAR_DATA, save_uploads, uploads_of

# one writer at a time: the corpus is the office's, shared by every session
_WRITING = threading.Lock()


def _db(request: Request):
    return request.app.state.settings.db


async def corpus_page(request: Request):
    """The corpus's reports, the upload form and what the last upload did."""
    from ..api.web_support import corpus_rows

    session = session_of(request)
    rows = await call(corpus_rows, _db(request))
    return page(request, "corpus.html.j2", rows=rows, done=session.state.get("corpus_done", []))


async def corpus_add(request: Request):
    """Add the uploaded reports; the uploads are deleted when they are in the corpus."""
    from ..api import report_files
    from ..api.web_support import corpus_add as add

    session = session_of(request)
    form = await posted_form(request)
    folder = session.workdir("corpus")
    try:
        saved = await save_uploads(
            uploads_of(form, "files"), folder, REPORTS + YEAR_DATA + ARCHIVES
        )
        region = str(form.get("region", "")).strip() or None
        year = str(form.get("year", "")).strip()
        labels = {path: name for path, name in saved}
        files = await call(report_files, [folder])
        pairs = [(f, labels.get(f, _member_label(f, folder, labels))) for f in files]
        with _WRITING:
            done = await call(
                add, _db(request), pairs, region, int(year) if year.isdigit() else None
            )
    except UserError as exc:
        done = [("", str(exc).replace(str(folder) + "/", ""))]
    finally:
        session.forget_folder(folder)
    session.state["corpus_done"] = done
    return see("/corpus")


def _member_label(path, folder, labels: dict) -> str:
    """A file from an uploaded .zip: the zip's name and the member's path inside it."""
    relative = str(path.relative_to(folder))
    for saved, name in labels.items():
        relative = relative.replace(saved.name, name)
    return relative


async def confirm_remove(request: Request):
    """The confirmation page of a removal (works without the script)."""
    from ..api.web_support import corpus_rows

    wanted = request.query_params.get("id", "")
    rows = [r for r in await call(corpus_rows, _db(request)) if str(r.id) == wanted]
    if not rows:
        raise HTTPException(404, f"语料库中没有编号为 {wanted} 的报告（可能已被删除）。")
    return page(request, "corpus_remove.html.j2", row=rows[0])


async def remove(request: Request):
    """Remove one report, confirmed."""
    from ..api.web_support import corpus_remove

    session = session_of(request)
    form = await posted_form(request)
    wanted = str(form.get("id", ""))
    if not wanted.isdigit():
        raise HTTPException(400, "没有指明要删除的报告编号。")
    with _WRITING:
        row = await call(corpus_remove, _db(request), int(wanted))
    session.state["corpus_done"] = [
        (row.file, f"已删除：{row.id} {row.issuer} {row.year or ''} {row.title}")
    ]
    return see("/corpus")


def routes() -> list[Route]:
    """The 语料库 page's routes."""
    return [
        Route("/corpus", corpus_page),
        Route("/corpus", closing(corpus_add), methods=["POST"]),
        Route("/corpus/remove", confirm_remove),
        Route("/corpus/remove", closing(remove), methods=["POST"]),
    ]
