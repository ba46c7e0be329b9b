"""审阅 (the upper-level office): a .zip or many files of units' reports reviewed by
`drafter.api.review` — the dashboard shown, its .xlsx to download. The uploaded reports are
deleted when the review is done; the dashboard and workbook stay until the next review."""

from __future__ import annotations

import shutil

from starlette.requests import Request
from starlette.routing import Route

from ..core.errors import UserError
from .pages import call, closing, page, posted_form, see, session_of
from .uploads import ARCHIVES, REPORTS, save_uploads, uploads_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def review_page(request: Request):
    """The upload form and the last review of this session."""
    return page(request, "review.html.j2", last=session_of(request).state.get("review"))


async def review_upload(request: Request):
    """Review the uploaded reports."""
    from ..api import review

    session = session_of(request)
    form = await posted_form(request)
    old = session.state.pop("review", None)
    if old is not None:
        session.forget_folder(old["folder"])
    folder = session.workdir("review")
    reports = folder / "上报材料"
    reports.mkdir()
    last = {"folder": folder, "error": ""}
    try:
        saved = await save_uploads(uploads_of(form, "files"), reports, REPORTS + ARCHIVES)
        year = str(form.get("year", "")).strip()
        result = await call(
            review,
            [reports],
            year=int(year) if year.isdigit() else None,
            db=request.app.state.settings.db,
        )
        names = [(str(path), name) for path, name in saved] + [(str(reports) + "/", "")]
        result.rows = [_relabel(row, names) for row in result.rows]
        _outputs(session, folder, result, last)
    except UserError as exc:
        last["error"] = str(exc).replace(str(reports) + "/", "")
    finally:
        shutil.rmtree(reports, ignore_errors=True)
    session.state["review"] = last
    return see("/review")


def _relabel(value, names: list[tuple[str, str]]):
    """A row with the server's file paths shown as the names the user uploaded."""
    if isinstance(value, dict):
        return {k: _relabel(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_relabel(v, names) for v in value]
    if isinstance(value, str):
        for server, user in names:
            value = value.replace(server, user)
    return value


def _outputs(session, folder, result, last: dict) -> None:
    workbook = folder / "审阅结果.xlsx"
    result.write_xlsx(workbook, True)
    dashboard = folder / "审阅看板.html"
    dashboard.write_text(result.html(), encoding="utf-8")
    last["xlsx"] = session.offer(workbook, workbook.name, XLSX)
    last["html"] = session.offer(dashboard, dashboard.name, "text/html", inline=True)
    last["lines"] = [line for line, _style in result.lines()]
    last["count"] = len(result.rows)


def routes() -> list[Route]:
    """The 审阅 page's routes."""
    return [
        Route("/review", review_page),
        Route("/review", closing(review_upload), methods=["POST"]),
    ]
