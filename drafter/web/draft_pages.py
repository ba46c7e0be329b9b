"""起草: start a draft (a skeleton, last year's YAML, or last year's report imported), edit it
in a form generated from the schema, see the preview and the library's messages beside the
fields, save the YAML, download the .docx (and PDF when LibreOffice is installed)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..core.errors import UserError
from . import draft_form, draft_state
from .pages import call, closing, page, posted_form, see, session_of
from .uploads import REPORTS, YEAR_DATA, save_uploads, uploads_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _schema():
    from ..api import load_schema

    return load_schema()


async def draft_page(request: Request):
    """The form, or the ways to start when the session has no draft yet."""
    session = session_of(request)
    if not session.draft.exists():
        return page(request, "draft_start.html.j2", error=session.state.pop("start_error", ""))
    data, _located = await call(draft_state.read_data, session.draft)
    verdict = session.state.get("verdict") or await call(draft_state.evaluate, session.draft)
    session.state["verdict"] = verdict
    meta, intro, sections = draft_form.form_view(data, _schema())
    from ..api.web_support import pdf_available

    return page(
        request,
        "draft.html.j2",
        meta=meta,
        intro=intro,
        sections=sections,
        verdict=verdict,
        pdf=pdf_available(),
        name=_download_stem(data),
    )


async def start(request: Request):
    """Start a draft: new skeleton, from last year's YAML, from last year's report, or open
    a YAML being written."""
    session = session_of(request)
    form = await posted_form(request)
    how = str(form.get("how", "new"))
    try:
        if how == "new":
            from ..api import init

            year = str(form.get("year", "")).strip()
            text, _ = await call(
                init,
                region=str(form.get("region", "")).strip() or None,
                year=int(year) if year.isdigit() else None,
                level=str(form.get("level", "区县政府")),
            )
            session.draft.write_text(text, encoding="utf-8")
        else:
            await _start_from_file(session, form, how)
    except UserError as exc:
        session.state["start_error"] = draft_state.shown(str(exc), session.draft)
        session.draft.unlink(missing_ok=True)
    session.state.pop("verdict", None)
    return see("/draft")


async def _start_from_file(session, form, how: str) -> None:
    from ..api.web_support import draft_from_report, draft_from_year_data

    allowed = REPORTS if how == "report" else YEAR_DATA
    folder = session.workdir("start")
    try:
        [(path, name)] = (await save_uploads(uploads_of(form, "file"), folder, allowed))[:1]
        try:
            if how == "open":
                draft_state.read_data(path)  # refused here when it is not year data at all
                session.draft.write_bytes(path.read_bytes())
            elif how == "yaml":
                previous = session.folder / "上年数据.yaml"
                previous.write_bytes(path.read_bytes())
                await call(draft_from_year_data, previous, session.draft)
            else:
                await call(draft_from_report, path, session.draft)
        except UserError as exc:  # named as the user named the file
            raise UserError(str(exc).replace(str(path), name)) from None
    finally:
        session.forget_folder(folder)


async def save(request: Request):
    """The form posted: written into the draft; then the action its button asked for."""
    session = session_of(request)
    form = await posted_form(request)
    if not session.draft.exists():
        return see("/draft")
    data, _ = await call(draft_state.read_data, session.draft)
    data = draft_form.apply_form(data, form, _schema())
    action = str(form.get("action", "save"))
    data = draft_form.apply_action(data, action)
    text = await call(draft_state.write_data, session.draft, data)
    session.state["verdict"] = verdict = await call(draft_state.evaluate, session.draft)
    if action == "yaml":
        return _attachment(text.encode("utf-8"), _download_stem(data) + ".yaml", "text/yaml")
    if action in ("docx", "pdf"):
        return await _built(session, data, action, verdict)
    if action == "check":
        from .check_pages import check_draft

        await check_draft(request, session)
        return see("/check")
    if action == "discard":
        for path in (session.draft, session.folder / "上年数据.yaml"):
            path.unlink(missing_ok=True)
    return see("/draft")


async def live(request: Request):
    """The form as typed (script): rates, 同比, messages and preview, without a reload."""
    session = session_of(request)
    form = await posted_form(request)
    if not session.draft.exists():
        raise HTTPException(404, "还没有草稿：请先新建或导入。")
    data, _ = await call(draft_state.read_data, session.draft)
    data = draft_form.apply_form(data, form, _schema())
    await call(draft_state.write_data, session.draft, data)
    session.state["verdict"] = verdict = await call(draft_state.evaluate, session.draft)
    _meta, _intro, sections = draft_form.form_view(data, _schema())
    figures = {}
    for section in sections:
        for group in section.groups:
            figures.update({name: text for name, _key, text in group.rates})
            figures.update({c.name + "#yoy": c.yoy for c in group.counts if c.previous})
    return JSONResponse(verdict.json() | {"figures": figures})


async def _built(session, data: dict, kind: str, verdict) -> Response:
    from ..api import draft

    if not verdict.preview:
        raise HTTPException(
            400, "草稿有错误，请先按表单中的提示改正：\n" + "\n".join(verdict.general)
        )
    folder = session.workdir("build")
    target = folder / f"{_download_stem(data)}.{kind}"
    try:
        await call(draft, session.draft, target, force=True)
    except UserError as exc:
        session.forget_folder(folder)
        raise HTTPException(400, draft_state.shown(str(exc), session.draft)) from None
    media = DOCX if kind == "docx" else "application/pdf"
    return FileResponse(target, media_type=media, filename=target.name)


def _download_stem(data: dict) -> str:
    meta = data.get("报告") if isinstance(data.get("报告"), dict) else {}
    stem = f"{meta.get('地区') or ''}{meta.get('年度') or ''}".strip()
    return "".join(c for c in stem if c.isalnum()) or "报告"


def _attachment(body: bytes, name: str, media_type: str) -> Response:
    from urllib.parse import quote

    disposition = f"attachment; filename*=utf-8''{quote(name)}"
    return Response(body, media_type=media_type, headers={"content-disposition": disposition})


def routes() -> list[Route]:
    """The 起草 page's routes."""
    return [
        Route("/draft", draft_page),
        Route("/draft/start", closing(start), methods=["POST"]),
        Route("/draft", closing(save), methods=["POST"]),
        Route("/draft/live", closing(live), methods=["POST"]),
    ]
