"""A customer or API client uploads POs and reads back what was extracted."""
from __future__ import annotations

import io
import zipfile

import pytest

from tests.app.helpers import wait_for_document
from tests.pdfs import encrypted, many_pages, simple_po


def upload(client, name: str, content: bytes, **kw):
    return client.post("/api/v1/documents", files=[("files", (name, content, "application/pdf"))], **kw)


def test_upload_is_accepted_at_once_and_extracted_in_the_background(client):
    resp = upload(client, "po.pdf", simple_po("4500012345"), data={"customer_hint": "ACME"})
    assert resp.status_code == 202
    accepted = resp.json()["documents"][0]
    assert accepted["status"] == "received" and accepted["duplicate"] is False
    assert resp.headers["Location"] == accepted["status_url"]

    doc = wait_for_document(client, accepted["id"])
    assert doc["status"] in ("extracted", "needs_review"), doc
    assert doc["customer_hint"] == "ACME"
    po = doc["extraction"]["fields"]["po_number"]
    assert po["normalized"] == "4500012345" or po["value"] == "4500012345"
    assert 0 < po["confidence"] <= 1 and po["page"] == 1 and len(po["bbox"]) == 4 and po["rule"]
    assert doc["extraction"]["order_date"] == "2024-03-05"
    assert doc["extraction"]["line_items"][0]["sku"] == "HB-1240"


def test_the_same_bytes_again_return_the_existing_document(client):
    data = simple_po("PO-777")
    first = upload(client, "a.pdf", data).json()["documents"][0]
    again = upload(client, "copy-of-a.pdf", data)
    assert again.status_code == 200
    body = again.json()["documents"][0]
    assert body["id"] == first["id"] and body["duplicate"] is True


def test_an_idempotency_key_replays_the_first_answer_and_refuses_another_request(client):
    headers = {"Idempotency-Key": "k-123"}
    first = upload(client, "a.pdf", simple_po("A-1"), headers=headers)
    replay = upload(client, "a.pdf", simple_po("A-1"), headers=headers)
    assert replay.status_code == first.status_code == 202
    assert replay.json() == first.json()
    other = upload(client, "b.pdf", simple_po("B-2"), headers=headers)
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"


def test_several_files_in_one_request_and_the_original_bytes_come_back(client):
    a, b = simple_po("M-1"), simple_po("M-2")
    resp = client.post("/api/v1/documents", files=[("files", ("m1.pdf", a, "application/pdf")),
                                                  ("files", ("m2.pdf", b, "application/pdf"))])
    assert resp.status_code == 202
    docs = resp.json()["documents"]
    assert len(docs) == 2
    got = client.get(f"/api/v1/documents/{docs[1]['id']}/file")
    assert got.status_code == 200 and got.content == b
    assert got.headers["content-type"] == "application/pdf"


def test_list_filters_and_pages(client):
    ids = [upload(client, f"p{i}.pdf", simple_po(f"L-{i}")).json()["documents"][0]["id"] for i in range(3)]
    for i in ids:
        wait_for_document(client, i)
    page = client.get("/api/v1/documents", params={"limit": 2}).json()
    assert page["count"] == 3 and len(page["data"]) == 2
    assert page["data"][0]["id"] == ids[-1]  # newest first
    rest = client.get("/api/v1/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["id"] for d in rest["data"]] == [ids[0]]
    failed = client.get("/api/v1/documents", params={"status": "failed"}).json()
    assert failed["count"] == 0
    named = client.get("/api/v1/documents", params={"q": "p1"}).json()
    assert [d["filename"] for d in named["data"]] == ["p1.pdf"]


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x" * 100)
    return buf.getvalue()


@pytest.mark.parametrize("data,code", [
    pytest.param(b"", "empty_file", id="empty-file"),
    pytest.param(_zip(), "unsupported_type", id="zip-renamed-pdf"),
    pytest.param(simple_po()[:400], "corrupt_pdf", id="truncated-pdf"),
    pytest.param(encrypted(), "encrypted_pdf", id="encrypted-pdf"),
    pytest.param(many_pages(2000), "too_many_pages", id="2000-pages"),
])
def test_bad_input_fails_with_a_code_and_keeps_the_bytes(client, data, code):
    resp = upload(client, "bad.pdf", data)
    assert resp.status_code in (200, 202)
    doc = wait_for_document(client, resp.json()["documents"][0]["id"])
    assert doc["status"] == "failed"
    assert doc["error"]["code"] == code and doc["error"]["message"]
    assert client.get(doc["file_url"]).content == data


def test_a_file_over_the_size_limit_is_refused_with_413(client, settings):
    settings.max_upload_bytes = 10_000
    resp = upload(client, "big.pdf", b"%PDF-1.4\n" + b"0" * 20_000)
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "file_too_large"


def test_unknown_document_is_a_404_with_a_code(client):
    resp = client.get("/api/v1/documents/999999")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "document_not_found"


def test_openapi_describes_the_upload_with_an_example(client):
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/v1/documents"]["post"]
    assert "202" in post["responses"]
    assert post["responses"]["202"]["content"]["application/json"]["example"]["documents"]
    assert "/api/v1/documents/{document_id}/file" in spec["paths"]
