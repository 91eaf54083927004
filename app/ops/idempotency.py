"""Idempotency-Key on every POST, without touching the routes.

A POST with an `Idempotency-Key` header is scoped by the caller (a hash of its credential,
as for rate limits) and the path; its body is hashed. The first request claims the key
and runs; its answer (below 500, and not 401/403) is stored. A repeat gets the stored
status and body back, with `Idempotent-Replayed: true`; the same key with another body
gets 409 `idempotency_key_reused`; a repeat while the first still runs waits a little,
then gets 409 `idempotency_in_progress`. A failed request (5xx, crash) frees the key.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core import idempotency
from app.core.config import Settings
from app.core.errors import error_body
from app.ops.ratelimit import caller_id

VALID_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")  # visible ASCII
MAX_STORED_BODY = 1024 * 1024  # a larger answer is not stored (the key is freed instead)
NOT_STORED = frozenset({401, 403, 408, 429})  # retrying these may rightly answer otherwise
REPLAYED_HEADERS = (b"content-type", b"location")
WAIT_SECONDS = 5.0  # how long a repeat waits for its running twin
STALE_SECONDS = 600.0  # a claim this old was left by a dead process


def body_hash(scope: Scope, body: bytes) -> str:
    """The request as the client meant it: method, path, query, content type and body, with a
    multipart boundary (random per attempt in most clients) replaced by a fixed one."""
    headers = dict(scope.get("headers") or [])
    ctype = headers.get(b"content-type", b"").decode("latin-1")
    if m := re.search(r'boundary="?([^";]+)"?', ctype):
        body = body.replace(m.group(1).encode("latin-1"), b"BOUNDARY")
        ctype = ctype.replace(m.group(1), "BOUNDARY")
    digest = hashlib.sha256()
    for part in (scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"), ctype):
        digest.update(part.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


def _json(send: Send, status: int, code: str, message: str, extra: list | None = None):
    body = json.dumps(error_body(code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    return _send_all(send, status, headers + (extra or []), body)


async def _send_all(send: Send, status: int, headers: list, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Idempotency:
    """Pure ASGI middleware; only POSTs that carry the header are buffered."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.db_url = settings.db_url
        self.max_body = settings.max_upload_bytes * settings.max_files_per_request + 1024 * 1024

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = dict(scope.get("headers") or []).get(b"idempotency-key") if scope["type"] == "http" else None
        if key is None or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        key = key.decode("latin-1").strip()
        if not VALID_KEY.match(key):
            await _json(send, 400, "invalid_idempotency_key", "an Idempotency-Key is 1 to 200 visible ASCII characters")
            return
        body = await self._read_body(receive)
        if body is None:
            await _json(send, 413, "too_large", "the request body is too large")
            return
        req_hash = body_hash(scope, body)
        where = f"POST {scope['path']} {caller_id(scope)}"
        rec = await run_in_threadpool(idempotency.claim, self.db_url, where, key, req_hash, STALE_SECONDS)
        waited = 0.0
        while rec is not None and rec.status_code == idempotency.PENDING and rec.request_hash == req_hash \
                and waited < WAIT_SECONDS:
            await asyncio.sleep(0.1)
            waited += 0.1
            rec = await run_in_threadpool(idempotency.find, self.db_url, where, key)
            if rec is None:  # the first attempt failed and freed the key: this one runs
                rec = await run_in_threadpool(idempotency.claim, self.db_url, where, key, req_hash, STALE_SECONDS)
        if rec is not None:
            await self._answer_repeat(send, rec, req_hash)
            return
        await self._run(scope, receive, send, body, where, key)

    async def _read_body(self, receive: Receive) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                return None
            if not message.get("more_body"):
                break
        return b"".join(chunks)

    async def _answer_repeat(self, send: Send, rec, req_hash: str) -> None:
        if rec.request_hash != req_hash:
            await _json(send, 409, "idempotency_key_reused", "this Idempotency-Key was used for a different request")
        elif rec.status_code == idempotency.PENDING:
            await _json(send, 409, "idempotency_in_progress",
                        "a request with this Idempotency-Key is still running; retry shortly",
                        [(b"retry-after", b"1")])
        else:
            stored = rec.response or {}
            body = base64.b64decode(stored.get("body", ""))
            headers = [(k.encode(), v.encode()) for k, v in stored.get("headers", [])]
            headers += [(b"content-length", str(len(body)).encode()), (b"idempotent-replayed", b"true")]
            await _send_all(send, rec.status_code, headers, body)

    async def _run(self, scope: Scope, receive: Receive, send: Send, body: bytes, where: str, key: str) -> None:
        sent_body = False

        async def replay_body() -> Message:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # the body was read whole: only a disconnect can come now

        status, headers, out, storable = 500, [], [], True

        async def capture(message: Message) -> None:
            nonlocal status, headers, storable
            if message["type"] == "http.response.start":
                status, headers = message["status"], message.get("headers") or []
            elif message["type"] == "http.response.body":
                out.append(message.get("body", b""))
                storable = storable and sum(map(len, out)) <= MAX_STORED_BODY
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        except BaseException:
            await run_in_threadpool(idempotency.release, self.db_url, where, key)
            raise
        if status >= 500 or status in NOT_STORED or not storable:
            await run_in_threadpool(idempotency.release, self.db_url, where, key)
            return
        kept = [[k.decode("latin-1"), v.decode("latin-1")] for k, v in headers if k.lower() in REPLAYED_HEADERS]
        response = {"headers": kept, "body": base64.b64encode(b"".join(out)).decode()}
        await run_in_threadpool(idempotency.finish, self.db_url, where, key, status, response)
