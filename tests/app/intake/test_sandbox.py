"""Reading runs in a limited child process: a hostile file fails alone, with a stable code."""
from __future__ import annotations

import io
import os
import time

import pytest
from PIL import Image

from app.core.storage import BlobStore
from app.intake.models import Document
from app.intake.service import ingest_bytes, process_document
from extractors import errors
from extractors.errors import DocumentError
from extractors.read import ReadOptions, read_document
from extractors.sandbox import Limits, Sandbox
from tests.pdfs import simple_po


@pytest.fixture
def sandbox():
    box = Sandbox(Limits(memory_mb=256, cpu_seconds=2, wall_seconds=20, idle_children=1))
    yield box
    box.close()


def png(size: tuple[int, int], mode: str = "L") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, 255).save(buf, "PNG")
    return buf.getvalue()


def code_of(box: Sandbox, fn, *args) -> str:
    with pytest.raises(DocumentError) as exc:
        box.call(fn, *args)
    return exc.value.code


def test_a_pdf_read_in_the_sandbox_is_read_as_inline(sandbox):
    data = simple_po()
    inside, here = sandbox.call(read_document, data, ReadOptions()), read_document(data, ReadOptions())
    assert [w.text for w in inside.pages[0].words] == [w.text for w in here.pages[0].words]
    assert inside.active_content == here.active_content == []


def test_a_reader_error_keeps_its_code(sandbox):
    assert code_of(sandbox, read_document, b"", ReadOptions()) == errors.EMPTY_FILE


@pytest.mark.parametrize("fn, args, code", [
    pytest.param(os.abort, (), errors.PARSE_CRASHED, id="crash"),
    pytest.param(bytearray, (2 * 1024**3,), errors.PARSE_MEMORY, id="memory"),
    pytest.param(sum, (range(10**13),), errors.PARSE_TIMEOUT, id="cpu"),
])
@pytest.mark.slow
def test_a_child_that_fails_becomes_a_document_error_and_the_next_call_works(sandbox, fn, args, code):
    assert code_of(sandbox, fn, *args) == code
    assert len(sandbox.call(read_document, simple_po(), ReadOptions()).pages) == 1


def test_wall_clock_limit_stops_a_child_that_hangs():
    box = Sandbox(Limits(wall_seconds=0.5))
    try:
        assert code_of(box, time.sleep, 30) == errors.PARSE_TIMEOUT
    finally:
        box.close()


def test_other_exceptions_come_back_as_raised(sandbox):
    with pytest.raises(ValueError):
        sandbox.call(int, "not a number")


def test_children_are_reused(sandbox):
    sandbox.call(os.getpid)  # warm
    assert sandbox.call(os.getpid) == sandbox.call(os.getpid)


def _process(session, settings, data: bytes) -> Document:
    doc = ingest_bytes(session, settings, data, filename="scan.png", channel="api").document
    session.commit()
    process_document(settings, doc.id)
    session.expire_all()
    return session.get(Document, doc.id)


@pytest.mark.tesseract
def test_memory_exhaustion_fails_the_document_with_parse_memory_and_keeps_the_file(session, settings):
    limited = settings.model_copy(update={"parse_memory_mb": 32})
    data = png((9000, 9000))  # under Pillow's pixel limit, 81 MB once decoded
    doc = _process(session, limited, data)
    assert (doc.status, doc.error_code) == ("failed", errors.PARSE_MEMORY)
    assert BlobStore(settings.blob_dir).get(doc.sha256) == data


def test_a_document_over_the_time_limit_fails_with_parse_timeout(session, settings):
    limited = settings.model_copy(update={"parse_timeout": 0.01})
    doc = _process(session, limited, png((1200, 1600)))
    assert (doc.status, doc.error_code) == ("failed", errors.PARSE_TIMEOUT)


def test_inline_mode_reads_in_process(session, settings):
    inline = settings.model_copy(update={"parse_mode": "inline"})
    doc = _process(session, inline, simple_po(po_number="4500099001"))
    assert doc.status in ("needs_review", "extracted", "ordered")
    assert doc.extraction["po_number"] == "4500099001"
