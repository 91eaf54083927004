"""The clerk's review pages: one document and the HTMX fragments its form posts (the queue is
queue.py). Opening a document that nobody holds assigns it to the clerk (a lock, see
app.intake.review.queue); a document another clerk holds is shown read-only with "Take over".

Every change posts the version the page was loaded with and answers the
re-rendered form panel; a stale version answers the panel as it now is with
the other clerk's changes on top (409), other refusals the panel with the
message (422). Only clerks (and admins) open these pages; changes are recorded under
the logged-in user's name.
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Form, Header, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from app.catalog import search
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError, NotFound
from app.intake.review import queue
from app.intake.review import service as review
from app.web import page_images, views
from app.web.access import ClerkPage, PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)


def _context(request: Request, session, settings, state: review.ReviewState, me, **extra) -> dict:
    sizes = page_images.page_sizes(settings, state.document)
    doc_id = state.document.id
    return {"state": state, "doc": state.document, "view": views.document_view(state, sizes),
            "pages": list(range(1, len(sizes) + 1)), "next_id": queue.next_for(session, me.name, doc_id),
            "prev_id": queue.next_for(session, me.name, doc_id, before=True),
            "holder": queue.holder(state.document, me.name), "reasons": review.REJECT_REASONS, "hard": review.HARD,
            "warnings": [i for i in state.issues if i.blocking and i.code not in review.HARD],
            "conflict": None, "error": None, "field_errors": {},
            "typed": {}, "ack_needed": [], "focus": None, "saved": False, **extra}


@router.get("/review/{doc_id}", response_class=HTMLResponse)
def document(request: Request, session: SessionDep, settings: SettingsDep, me: ClerkPage, doc_id: int,
             approved: str | None = None, done: str | None = None):
    queue.claim(session, doc_id, me.name)  # opening a free document makes it this clerk's
    session.commit()
    state = review.load_review(session, doc_id)
    return templates.TemplateResponse(request, "document.html", _context(
        request, session, settings, state, me, approved=approved, done=done,
        source_text=page_images.source_text(settings, state.document)))


@router.post("/review/{doc_id}/take-over", response_class=HTMLResponse)
def take_over(request: Request, session: SessionDep, settings: SettingsDep, me: ClerkPage, doc_id: int):
    queue.claim(session, doc_id, me.name, take_over=True)
    session.commit()
    return templates.TemplateResponse(request, "_panel.html", _context(
        request, session, settings, review.load_review(session, doc_id), me))


@router.get("/review/{doc_id}/pages/{number}.png")
def page_image(session: SessionDep, settings: SettingsDep, me: ClerkPage, doc_id: int, number: int):
    doc = review.load_review(session, doc_id).document
    path = page_images.page_png(settings, doc, number)
    if path is None:
        raise NotFound("page_not_found", f"document {doc_id} has no page {number} to show")
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


@router.get("/review/{doc_id}/pages/{number}/words")
def page_words(session: SessionDep, settings: SettingsDep, me: ClerkPage, doc_id: int, number: int) -> JSONResponse:
    """The words of one page with their boxes in percent of the page, for click-to-fill."""
    doc = review.load_review(session, doc_id).document
    words = page_images.page_words(settings, doc, number)
    if words is None:
        raise NotFound("page_not_found", f"document {doc_id} has no page {number} to read")
    return JSONResponse({"page": number, "words": words}, headers={"Cache-Control": "private, max-age=86400"})


def _panel(request: Request, session, settings, me, doc_id: int, action, focus: str | None = None) -> Response:
    """Run one review action and answer the re-rendered panel (or the refusal, with the panel as it is)."""
    try:
        state = action()
    except AppError as exc:
        return _refused(request, session, settings, me, doc_id, exc)
    return templates.TemplateResponse(request, "_panel.html", _context(
        request, session, settings, state, me, saved=True, focus=focus(state) if callable(focus) else focus))


def _refused(request: Request, session, settings, me, doc_id: int, exc: AppError, **more) -> Response:
    """409 with the other clerk's changes for a stale version; a refused value beside its field;
    warnings to acknowledge; 422 with the message otherwise."""
    if exc.status_code == 404:
        raise exc
    session.rollback()
    state = review.load_review(session, doc_id)
    status = 409 if exc.status_code == 409 else 422
    if exc.code == "version_conflict":
        extra = {"conflict": views.conflict_changes(exc.details)}
    elif exc.code == "invalid_value":
        name = views.input_id(exc.details["field"])
        extra = {"field_errors": {name: exc.message}, "typed": {name: exc.details.get("value", "")}, "focus": name}
    elif exc.code == "warnings_not_acknowledged":
        extra = {"ack_needed": exc.details["warnings"], "focus": "ack-0"}
    else:
        extra = {"error": exc.message, "error_code": exc.code}
    return templates.TemplateResponse(request, "_panel.html", _context(
        request, session, settings, state, me, **extra, **more), status_code=status)


@router.post("/review/{doc_id}/fields/{name}", response_class=HTMLResponse)
def edit_field(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int, name: str,
               version: int = Form(), value: str = Form("")):
    return _panel(request, session, settings, me, doc_id, lambda: review.edit_field(
        session, doc_id, version, name, value, me.name, settings))


@router.post("/review/{doc_id}/lines/{index}", response_class=HTMLResponse)
async def edit_line(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int,
                    index: int):
    form = await request.form()
    version = int(form.get("version") or 0)
    allowed = set(review.EDITABLE_LINE) | {"our_sku"}
    changes = {k: str(v) for k, v in form.items() if k in allowed}
    return _panel(request, session, settings, me, doc_id, lambda: review.edit_line(
        session, doc_id, version, index, changes, me.name, settings))


@router.post("/review/{doc_id}/lines", response_class=HTMLResponse)
def add_line(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int,
             version: int = Form()):
    return _panel(request, session, settings, me, doc_id, lambda: review.add_line(
        session, doc_id, version, me.name, settings),
        focus=lambda state: f"l{len(state.data.get('line_items') or []) - 1}-sku")


@router.post("/review/{doc_id}/lines/{index}/remove", response_class=HTMLResponse)
def remove_line(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int, index: int,
                version: int = Form()):
    return _panel(request, session, settings, me, doc_id, lambda: review.remove_line(
        session, doc_id, version, index, me.name, settings))


@router.post("/review/{doc_id}/lines/{index}/split", response_class=HTMLResponse)
def split_line(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int, index: int,
               version: int = Form(), quantity: str = Form(""), hx_prompt: str | None = Header(default=None)):
    qty = hx_prompt if hx_prompt is not None else quantity
    return _panel(request, session, settings, me, doc_id, lambda: review.split_line(
        session, doc_id, version, index, qty, me.name, settings))


@router.post("/review/{doc_id}/customer", response_class=HTMLResponse)
def set_customer(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int,
                 version: int = Form(), customer_id: int = Form()):
    return _panel(request, session, settings, me, doc_id, lambda: review.set_customer(
        session, doc_id, version, customer_id, me.name, settings))


def _go(url: str) -> Response:
    """Leave the page: HTMX follows HX-Redirect."""
    return Response(status_code=204, headers={"HX-Redirect": url})


def _next_url(session, me, doc_id: int, flag: str) -> str:
    nxt = queue.next_for(session, me.name, doc_id)
    return f"/review/{nxt}?{flag}" if nxt else f"/review?{flag}"


@router.post("/review/{doc_id}/approve", response_class=HTMLResponse)
async def approve(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int):
    form = await request.form()
    version = int(form.get("version") or 0) if str(form.get("version") or "").isdigit() else 0
    acknowledged = [str(v) for v in form.getlist("acknowledge")]
    try:
        order = review.approve(session, settings, doc_id, version, me.name, acknowledged=acknowledged)
    except AppError as exc:
        return _refused(request, session, settings, me, doc_id, exc)
    return _go(_next_url(session, me, doc_id, "approved=" + quote(order.number or str(order.id))))


@router.post("/review/{doc_id}/reject", response_class=HTMLResponse)
def reject(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int,
           version: int = Form(), reason: str = Form(""), note: str = Form("")):
    try:
        review.reject(session, doc_id, version, review.reject_reason(reason, note), me.name)
    except AppError as exc:
        return _refused(request, session, settings, me, doc_id, exc, rejecting=True)
    return _go(_next_url(session, me, doc_id, "done=rejected"))


@router.post("/review/{doc_id}/not-a-po", response_class=HTMLResponse)
def not_a_po(request: Request, session: SessionDep, me: ClerkPage, settings: SettingsDep, doc_id: int,
             version: int = Form()):
    try:
        review.mark_not_po(session, doc_id, version, me.name)
    except AppError as exc:
        return _refused(request, session, settings, me, doc_id, exc)
    return _go(_next_url(session, me, doc_id, "done=not-a-po"))


@router.get("/review/{doc_id}/products", response_class=HTMLResponse)
def product_options(request: Request, session: SessionDep, me: ClerkPage, doc_id: int, line: int, q: str = ""):
    state = review.load_review(session, doc_id)
    hits = search.search_products(session, q, customer_id=state.data.get("customer_id"), limit=8)
    return templates.TemplateResponse(request, "_product_options.html",
                                      {"hits": hits, "doc": state.document, "line": line, "q": q})


@router.get("/review/{doc_id}/customers", response_class=HTMLResponse)
def customer_options(request: Request, session: SessionDep, me: ClerkPage, doc_id: int, q: str = ""):
    return templates.TemplateResponse(request, "_customer_options.html", {
        "hits": search.search_customers(session, q, limit=8), "doc_id": doc_id, "q": q})
