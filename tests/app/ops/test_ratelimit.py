"""Rate limits: each caller has a token bucket (in this process, or in Redis shared by several
processes). (An email sender's hourly limit: tests/app/email/test_limits.py.)"""
from __future__ import annotations

import uuid

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from app.core.config import Settings
from app.ops import ratelimit
from app.ops.ratelimit import MemoryBuckets, RateLimit, caller_id
from tests.app.helpers import REDIS_URL, redis_or_skip

SLOW = 0.001  # tokens per second: an empty bucket stays empty for the whole test


def _scope(headers: dict[str, str] | None = None, client=("10.0.0.1", 5555)) -> dict:
    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return {"type": "http", "path": "/", "headers": raw, "client": client}


def _inner() -> Starlette:
    return Starlette(routes=[Route("/ping", lambda r: PlainTextResponse("pong"), methods=["GET", "POST"])])


def _limited(burst: int, queue_url: str | None = None) -> RateLimit:
    settings = Settings(rate_limit_per_second=SLOW, rate_limit_burst=burst, queue_url=queue_url, _env_file=None)
    return RateLimit(_inner(), settings)


# --- who is asking ---------------------------------------------------------------


def test_a_caller_is_known_by_its_key_then_its_session_then_its_address():
    key_a = caller_id(_scope({"Authorization": "Bearer ak_one"}))
    assert key_a == caller_id(_scope({"Authorization": "Bearer ak_one"}, client=("10.9.9.9", 1)))
    assert key_a != caller_id(_scope({"Authorization": "Bearer ak_two"}))
    assert caller_id(_scope({"X-API-Key": "ak_one"})).startswith("key:")
    assert "ak_one" not in key_a  # the credential itself is never kept
    session = caller_id(_scope({"Cookie": "theme=dark; intake_session=tok123"}))
    assert session.startswith("session:") and "tok123" not in session
    assert caller_id(_scope({"Cookie": "theme=dark"})) == "ip:10.0.0.1"


def test_the_session_cookie_name_is_the_login_cookie():
    websession = pytest.importorskip("app.accounts.websession")
    assert websession.COOKIE == ratelimit.SESSION_COOKIE


# --- the bucket ------------------------------------------------------------------


def test_a_bucket_allows_the_burst_then_refills_at_the_rate(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: now[0])
    buckets = MemoryBuckets(rate=2.0, burst=3)
    assert [buckets.take("k") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("k") == pytest.approx(0.5)  # empty: one token comes in half a second
    assert buckets.take("other") == 0  # every caller has its own bucket
    now[0] += 0.5
    assert buckets.take("k") == 0
    now[0] += 100  # refilled, but never above the burst
    assert [buckets.take("k") for _ in range(4)][-1] > 0


def test_idle_buckets_are_forgotten_when_there_are_too_many(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(ratelimit.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(MemoryBuckets, "MAX_KEYS", 10)
    buckets = MemoryBuckets(rate=1.0, burst=2)
    for i in range(10):
        buckets.take(f"old-{i}")
    now[0] += 60
    buckets.take("new")
    assert list(buckets.buckets) == ["new"]


# --- the middleware --------------------------------------------------------------


def test_past_the_burst_a_caller_gets_429_rate_limited_with_retry_after():
    with TestClient(_limited(burst=3)) as c:
        mine = {"Authorization": "Bearer ak_mine"}
        assert [c.get("/ping", headers=mine).status_code for _ in range(3)] == [200, 200, 200]
        resp = c.post("/ping", headers=mine)
        assert resp.status_code == 429
        assert resp.json()["error"]["code"] == "rate_limited"
        assert int(resp.headers["retry-after"]) >= 1
        assert c.get("/ping", headers={"Authorization": "Bearer ak_other"}).status_code == 200
        assert c.get("/ping").status_code == 200  # no credential: the client address has its own bucket


def test_health_probes_and_static_files_are_not_limited():
    with TestClient(_limited(burst=1)) as c:
        c.get("/ping")
        assert c.get("/ping").status_code == 429
        assert c.get("/healthz").status_code == 404  # passed through to the app, which has no such route
        assert c.get("/static/app.js").status_code == 404


def test_a_rate_of_zero_turns_the_limit_off():
    settings = Settings(rate_limit_per_second=0, _env_file=None)
    with TestClient(RateLimit(_inner(), settings)) as c:
        assert {c.get("/ping").status_code for _ in range(30)} == {200}


def test_the_service_answers_429_through_its_own_stack(settings):
    from app.main import create_app

    app = create_app(settings.model_copy(update={"rate_limit_per_second": SLOW, "rate_limit_burst": 2}))
    with TestClient(app) as c:
        key = {"X-API-Key": f"ak_{uuid.uuid4().hex}"}
        answers = [c.get("/api/v1/documents/999999", headers=key) for _ in range(3)]
        assert answers[-1].status_code == 429 and 429 not in [a.status_code for a in answers[:2]]
        assert answers[-1].headers["x-content-type-options"] == "nosniff"  # refusals carry the headers too
        assert "x-request-id" in answers[-1].headers
        assert c.get("/healthz").status_code == 200


def test_in_redis_mode_two_processes_share_one_bucket_per_caller():
    redis_or_skip()
    key = {"Authorization": f"Bearer ak_{uuid.uuid4().hex}"}
    with TestClient(_limited(burst=4, queue_url=REDIS_URL)) as one, \
            TestClient(_limited(burst=4, queue_url=REDIS_URL)) as two:
        codes = [c.get("/ping", headers=key).status_code for c in (one, two, one, two, one, two)]
        assert codes == [200, 200, 200, 200, 429, 429]  # four in all, not four each
        resp = two.get("/ping", headers=key)
        assert resp.json()["error"]["code"] == "rate_limited" and "retry-after" in resp.headers


def test_when_redis_is_unreachable_each_process_still_limits_on_its_own():
    with TestClient(_limited(burst=2, queue_url="redis://127.0.0.1:1/0")) as c:
        assert [c.get("/ping").status_code for _ in range(3)] == [200, 200, 429]
