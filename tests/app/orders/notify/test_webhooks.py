"""Webhooks: subscriptions, delivery rows written with the event, signed POSTs to a real local
receiver that fails the first attempts, retries on the backoff schedule, history via the API."""
from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from app.core.transactions import commit
from app.orders import actions as act
from app.orders.models import WebhookDelivery, WebhookSubscription
from app.orders.notify import webhooks
from tests.app.scenarios import CLERK, new_order, seed


class Receiver:
    """A real HTTP server on a loopback port that answers 503 to the first `fail` requests."""

    def __init__(self, fail: int = 0):
        self.fail, self.received = fail, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                code = 503 if len(outer.received) <= outer.fail else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver(fail=2)
    yield r
    r.close()


def _subscribe(session, url, types, customer_id=None, secret="s3cret"):
    sub = WebhookSubscription(url=url, secret=secret, event_types=types, customer_id=customer_id)
    session.add(sub)
    session.commit()
    return sub


def test_signature_verifies_and_refuses_tampering_and_replay():
    body = b'{"a":1}'
    header = webhooks.sign("k", body, 1_700_000_000)
    assert header.startswith("t=1700000000,v1=")
    assert webhooks.verify("k", body, header, now=1_700_000_100)
    assert not webhooks.verify("k", b'{"a":2}', header, now=1_700_000_100)
    assert not webhooks.verify("other", body, header, now=1_700_000_100)
    assert not webhooks.verify("k", body, header, now=1_700_000_000 + 3600)  # replayed an hour later


def test_an_event_queues_a_delivery_in_its_own_transaction(session):
    seed(session)
    sub = _subscribe(session, "http://127.0.0.1:9/x", ["order_created"])
    order = new_order(session, po="PO-W1")
    act.validate(session, order.id, CLERK)  # order_validated, credit_approved: not subscribed
    commit(session)
    rows = session.exec(select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub.id)).all()
    assert [(r.status, r.attempts) for r in rows] == [("pending", 0)]


def test_a_failed_receiver_gets_retries_on_the_backoff_until_delivered(session, receiver):
    seed(session)
    sub = _subscribe(session, receiver.url, ["order_created"])
    order = new_order(session, po="PO-W2")
    (delivery,) = session.exec(select(WebhookDelivery)).all()
    start = delivery.next_attempt_at

    assert webhooks.deliver_due(session, now=start) == {"delivered": 0, "retrying": 1, "failed": 0}
    assert delivery.next_attempt_at == start + webhooks.BACKOFF[0]
    assert webhooks.deliver_due(session, now=start + timedelta(seconds=30))["retrying"] == 0  # not due yet
    now = delivery.next_attempt_at
    assert webhooks.deliver_due(session, now=now)["retrying"] == 1
    assert delivery.next_attempt_at == now + webhooks.BACKOFF[1]
    now = delivery.next_attempt_at
    assert webhooks.deliver_due(session, now=now)["delivered"] == 1
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)

    headers, body = receiver.received[-1]
    sent_at = int(headers["X-Intake-Signature"].split(",")[0][2:])
    assert webhooks.verify(sub.secret, body, headers["X-Intake-Signature"], now=sent_at)
    payload = json.loads(body)
    assert payload["type"] == "order_created" and payload["order"]["id"] == order.id
    assert payload["order"]["po_number"] == "PO-W2"


def test_a_receiver_that_never_answers_ends_failed_after_the_last_attempt(session):
    seed(session)
    _subscribe(session, "http://127.0.0.1:9/down", ["*"])
    new_order(session, po="PO-W3")
    (delivery,) = session.exec(select(WebhookDelivery)).all()
    for _ in range(webhooks.MAX_ATTEMPTS):
        webhooks.deliver_due(session, now=delivery.next_attempt_at, post=lambda *a: 500)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", webhooks.MAX_ATTEMPTS, "HTTP 500")


def test_customer_scoped_subscription_only_gets_its_customers_events(session):
    ids = seed(session)
    mine = _subscribe(session, "http://127.0.0.1:9/a", ["order_created"], customer_id=ids["acme"].id)
    theirs = _subscribe(session, "http://127.0.0.1:9/b", ["order_created"], customer_id=ids["key"].id)
    new_order(session, customer="ACME", po="PO-W4")
    counts = {s.id: len(session.exec(select(WebhookDelivery).where(WebhookDelivery.subscription_id == s.id)).all())
              for s in (mine, theirs)}
    assert counts == {mine.id: 1, theirs.id: 0}


def test_webhook_api_subscribe_list_history_and_unsubscribe(client, session, receiver):
    seed(session)
    made = client.post("/api/v1/webhooks", json={"url": receiver.url, "event_types": ["order_created"]})
    assert made.status_code == 201 and made.json()["secret"].startswith("whsec_")
    sub_id = made.json()["id"]
    assert [s["id"] for s in client.get("/api/v1/webhooks").json()] == [sub_id]
    assert "secret" not in client.get("/api/v1/webhooks").json()[0]
    bad = client.post("/api/v1/webhooks", json={"url": receiver.url, "event_types": ["no_such_event"]})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_webhook"

    new_order(session, po="PO-W5")
    history = client.get(f"/api/v1/webhooks/{sub_id}/deliveries").json()
    assert len(history) == 1 and history[0]["status"] in ("pending", "delivered")

    assert client.delete(f"/api/v1/webhooks/{sub_id}").status_code == 204
    assert client.get("/api/v1/webhooks").json() == []
    assert client.delete(f"/api/v1/webhooks/{sub_id}").json()["error"]["code"] == "webhook_not_found"
