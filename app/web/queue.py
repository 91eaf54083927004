"""The clerk's queue page: search, filters, sort and paging (app.intake.review.queue does them in
the database), saved views, bulk assign and reject, and the upload drop zone."""
from __future__ import annotations

from urllib.parse import parse_qsl, quote

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError
from app.intake import service as intake
from app.intake.models import DocumentStatus
from app.intake.review import queue
from app.intake.review import service as review
from app.intake.tasks import enqueue_document
from app.web.access import ClerkPage, PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
QUERY_KEYS = ("q", "status", "channel", "customer_id", "issue", "age", "assigned", "sort", "page", "size")


def _query(request: Request) -> queue.QueueQuery:
    return queue.QueueQuery.of(**{k: request.query_params.get(k) for k in QUERY_KEYS})


def page_of(request: Request, session, me, **extra) -> Response:
    query = _query(request)
    found = queue.search(session, query, me.name)
    template = "_queue_results.html" if request.headers.get("hx-target") == "queue-results" else "queue.html"
    return templates.TemplateResponse(request, template, {
        "found": found, "query": query, "views": queue.views_of(session, me.name), "sorts": queue.SORTS,
        "statuses": queue.STATUSES, "ages": queue.AGES, "reasons": review.REJECT_REASONS,
        "flash": request.query_params.get("flash"), "approved": request.query_params.get("approved"),
        "done": request.query_params.get("done"), **extra})


@router.get("/review", response_class=HTMLResponse)
def queue_page(request: Request, session: SessionDep, me: ClerkPage):
    return page_of(request, session, me)


def _back(query: str, flash: str) -> Response:
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?")) if k in QUERY_KEYS]
    pairs.append(("flash", flash))
    return RedirectResponse("/review?" + "&".join(f"{k}={quote(v)}" for k, v in pairs), status_code=303)


@router.post("/review/bulk")
async def bulk(request: Request, session: SessionDep, me: ClerkPage):
    """Assign or reject the ticked documents; answers the queue as it was asked for."""
    form = await request.form()
    ids = [int(v) for v in form.getlist("doc") if str(v).isdigit()]
    back = str(form.get("back") or "")
    if not ids:
        return _back(back, "Tick at least one document first.")
    action = form.get("action")
    if action == "assign":
        clerk = str(form.get("clerk") or "")
        n = queue.assign(session, ids, clerk or None, me.name)
        session.commit()
        return _back(back, f"{n} document{'s' * (n != 1)} " + (f"assigned to {clerk}." if clerk else "unassigned."))
    if action == "reject":
        reason = review.reject_reason(str(form.get("reason") or ""), str(form.get("note") or ""))
        result = review.reject_many(session, ids, reason, me.name)
        skipped = "; ".join(f"#{s['id']}: {s['message']}" for s in result["skipped"])
        return _back(back, f"{len(result['rejected'])} rejected." + (f" Not rejected: {skipped}" if skipped else ""))
    raise AppError("unknown_action", "choose assign or reject", 422)


@router.post("/review/views")
def save_view(session: SessionDep, me: ClerkPage, name: str = Form(""), query: str = Form("")):
    raw = {k: v for k, v in parse_qsl(query.lstrip("?")) if k in QUERY_KEYS}
    view = queue.save_view(session, me.name, name, queue.QueueQuery.of(**raw))
    session.commit()
    return RedirectResponse(f"/review?{view.query}" if view.query else "/review", status_code=303)


@router.post("/review/views/{view_id}/delete")
def delete_view(session: SessionDep, me: ClerkPage, view_id: int):
    queue.delete_view(session, me.name, view_id)
    session.commit()
    return RedirectResponse("/review", status_code=303)


@router.post("/review/upload")
async def upload(request: Request, session: SessionDep, settings: SettingsDep, me: ClerkPage,
                 files: list[UploadFile]):
    """Documents dropped on the queue: stored first, then read in the background like any upload."""
    if len(files) > settings.max_files_per_request:
        raise AppError("too_many_files", f"at most {settings.max_files_per_request} files at once", 413)
    new_ids, names = [], []
    for f in files:
        data = await f.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise AppError("file_too_large", f"{f.filename} is over {settings.max_upload_bytes} bytes", 413)
        got = intake.ingest_bytes(session, settings, data, filename=f.filename, channel="upload", sender=me.name)
        if not got.duplicate and got.document.status == DocumentStatus.received.value:
            new_ids.append(got.document.id)
        names.append(f"{f.filename}{' (received before)' if got.duplicate else ''}")
    session.commit()
    for doc_id in new_ids:
        enqueue_document(doc_id)
    return _back("status=all&sort=newest", f"Received {', '.join(names)}. Reading takes a few seconds.")
