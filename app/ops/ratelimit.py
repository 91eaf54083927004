"""Rate limits: a token bucket per caller for HTTP requests (documents per email sender: app.email.limits).

The caller is a hash of the credential it sends (`Authorization` or `X-API-Key`), else of
its login session cookie, else its IP address. Buckets live in this process, or in Redis
when the task queue is in Redis mode, so that several API processes share them. If Redis
cannot be reached the process falls back to its own buckets: a limit, never an outage.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
import time

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.config import Settings
from app.core.errors import error_body

log = logging.getLogger("intake.ratelimit")

SESSION_COOKIE = "intake_session"  # the web login cookie (app.accounts.websession.COOKIE)
EXEMPT = ("/healthz", "/readyz", "/metrics", "/static/")  # probes, scrapes and static files
REDIS_RETRY_SECONDS = 30.0  # after Redis failed, this process limits alone for this long


def _digest(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()[:32]


def caller_id(scope: Scope) -> str:
    """Who is asking, without looking the credential up: the same caller always gets the same id."""
    headers = dict(scope.get("headers") or [])
    credential = headers.get(b"authorization") or headers.get(b"x-api-key")
    if credential:
        return "key:" + _digest(credential)
    cookie = cookie_parser(headers.get(b"cookie", b"").decode("latin-1")).get(SESSION_COOKIE)
    if cookie:
        return "session:" + _digest(cookie.encode())
    client = scope.get("client")
    return "ip:" + (client[0] if client else "unknown")


class MemoryBuckets:
    """Token buckets in this process. `take` answers 0 when allowed, else the seconds to wait."""

    MAX_KEYS = 100_000

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def take(self, key: str) -> float:
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self.buckets[key] = (tokens - 1 if tokens >= 1 else tokens, now)
            if len(self.buckets) > self.MAX_KEYS:
                self._prune(now)
            return wait

    def _prune(self, now: float) -> None:
        full = self.burst / self.rate  # a bucket idle this long is full again: forget it
        self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < full}


# KEYS[1] the bucket; ARGV rate, burst. Redis's own clock, so every process agrees.
TOKEN_BUCKET_LUA = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(v[1]) or burst
local last = tonumber(v[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - last) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""


class RedisBuckets:
    """The same buckets in Redis, one atomic script call per request."""

    PREFIX = "intake:ratelimit:"

    def __init__(self, url: str, rate: float, burst: int):
        import redis.asyncio as aioredis

        self.rate, self.burst = rate, burst
        self.client = aioredis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self.script = self.client.register_script(TOKEN_BUCKET_LUA)

    async def take(self, key: str) -> float:
        return float(await self.script(keys=[self.PREFIX + key], args=[self.rate, self.burst]))


class RateLimit:
    """Pure ASGI middleware: 429 `rate_limited` with Retry-After when a caller's bucket is empty."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.rate, self.burst = settings.rate_limit_per_second, max(1, settings.rate_limit_burst)
        self.memory = MemoryBuckets(self.rate, self.burst) if self.rate > 0 else None
        url = settings.queue_url or ""
        self.redis = RedisBuckets(url, self.rate, self.burst) if self.rate > 0 and url.startswith("redis") else None
        self.redis_down_until = 0.0

    async def wait_for(self, key: str) -> float:
        if self.redis is not None and time.monotonic() >= self.redis_down_until:
            try:
                return await self.redis.take(key)
            except Exception as exc:
                self.redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
                log.warning("rate limit store unavailable, using this process's buckets: %s", exc)
        return self.memory.take(key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or self.memory is None or path.startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        wait = await self.wait_for(caller_id(scope))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry = max(1, math.ceil(wait))
        body = json.dumps(error_body("rate_limited", f"too many requests; retry in {retry} s",
                                     {"retry_after": retry})).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(retry).encode())]})
        await send({"type": "http.response.body", "body": body})
