"""检查: a report uploaded (.docx/.doc/.wps/.pdf/.txt/.md, or year-data YAML) or the draft
being edited, checked by `drafter.api.check`: findings grouped by official part with the
paragraph quoted, the 查重 report (copied spans beside their sources), the annotated .docx
and the 查重报告单 to download."""

from __future__ import annotations

import shutil
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from ..core.errors import UserError
from .pages import call, closing, page, posted_form, see, session_of
from .uploads import REPORTS, YEAR_DATA, save_uploads, uploads_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OTHER_PART = "全文"


def grouped(result) -> list[tuple[str, list]]:
    """The findings under the titles of their official parts, in the schema's order."""
    parts = {p.id: p.title for p in result.report.schema.parts()}
    groups: dict[str, list] = {title: [] for title in parts.values()}
    for finding in result.findings:
        groups.setdefault(parts.get(finding.part or "", OTHER_PART), []).append(finding)
    return [(title, found) for title, found in groups.items() if found]


async def check_page(request: Request):
    """The upload form and the last result of this session."""
    session = session_of(request)
    return page(request, "check.html.j2", last=session.state.get("check"))


async def check_upload(request: Request):
    """Check the uploaded report."""
    session = session_of(request)
    form = await posted_form(request)
    folder = _fresh_folder(session)
    try:
        saved = await save_uploads(uploads_of(form, "file"), folder, REPORTS + YEAR_DATA)
    except HTTPException:
        session.forget_folder(folder)  # nothing of a refused upload stays
        raise
    path, name = saved[0]
    region = str(form.get("region", "")).strip() or None
    year = str(form.get("year", "")).strip()
    who = {"region": region, "year": int(year) if year.isdigit() else None}
    await _check(session, folder, path, name, request.app.state.settings.db, who)
    return see("/check")


async def check_draft(request: Request, session) -> None:
    """Check the draft being edited (a copy, so that editing goes on meanwhile)."""
    folder = _fresh_folder(session)
    copy = folder / "草稿.yaml"
    shutil.copyfile(session.draft, copy)
    for lineage in session.folder.glob("上年数据.yaml"):  # what 报告.上年数据 names
        shutil.copyfile(lineage, folder / lineage.name)
    await _check(session, folder, copy, "草稿.yaml", request.app.state.settings.db)


def _fresh_folder(session) -> Path:
    old = session.state.pop("check", None)
    if old is not None:
        session.forget_folder(old["folder"])
    return session.workdir("check")


async def _check(session, folder: Path, path: Path, name: str, db, who=None) -> None:
    from ..api import check

    try:
        result = await call(check, path, db=db, **(who or {}))
    except UserError as exc:
        session.state["check"] = {"folder": folder, "name": name, "error": _shown(exc, path, name)}
        return
    last = {"folder": folder, "name": name, "path": str(path), "error": "", "result": result}
    last["groups"] = grouped(result)
    last["summary"] = result.json()["summary"]
    if result.reuse is not None:  # shown with the name the user gave, not the server's
        html = folder / "查重报告.html"
        html.write_text(result.html().replace(str(path), name), encoding="utf-8")
        last["reuse"] = session.offer(html, "查重报告.html", "text/html", inline=True)
    session.state["check"] = last


def _shown(exc: UserError, path: Path, name: str) -> str:
    return str(exc).replace(str(path), name)


async def annotated(request: Request):
    """The checked report as a .docx with a comment per finding."""
    return await _derived(request, "annotated")


async def slip(request: Request):
    """The 查重报告单 (.docx) of the checked report."""
    return await _derived(request, "slip")


async def _derived(request: Request, kind: str):
    from ..api import annotate, write_slip

    session = session_of(request)
    last = session.state.get("check")
    if not last or "result" not in last:
        raise HTTPException(404, "还没有检查结果：请先上传报告检查。")
    stem = Path(last["name"]).stem
    name = f"{stem}-批注.docx" if kind == "annotated" else f"{stem}-查重报告单.docx"
    target = last["folder"] / name
    if not target.exists():
        try:
            if kind == "annotated":
                await call(annotate, last["result"], target, True)
            else:  # the slip names the report as the user named it, not by the server's path
                await call(write_slip, _as_named(last["result"], last["name"]), target, True)
        except UserError as exc:
            raise HTTPException(400, _shown(exc, Path(last["result"].report.file), last["name"]))
    return FileResponse(target, media_type=DOCX, filename=name)


def _as_named(result, name: str):
    """The checked result with its report's file shown as name (for what is printed)."""
    import copy
    import dataclasses

    report = copy.copy(result.report)
    report.file = name
    return dataclasses.replace(result, report=report)


def routes() -> list[Route]:
    """The 检查 page's routes."""
    return [
        Route("/check", check_page),
        Route("/check", closing(check_upload), methods=["POST"]),
        Route("/check/annotated.docx", annotated),
        Route("/check/slip.docx", slip),
    ]
