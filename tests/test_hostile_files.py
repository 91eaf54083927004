"""Hostile files: bombs, huge headers, PDFs with scripts or millions of objects. Each is
refused or flagged with a stable code; nothing in them is run; the service goes on."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from app.intake.models import Document, DocumentIssue
from app.intake.service import ingest_bytes, process_document
from app.storage import BlobStore
from extractors import errors
from extractors.errors import DocumentError
from extractors.ocr.images import load_pages
from extractors.read import ReadOptions, detect_kind, read_document, read_pages
from extractors.sandbox import Limits, Sandbox
from sqlmodel import select

PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (PURCHASE ORDER PO Number: 4500012345) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = (), page: bytes = PAGE) -> bytes:
    """A one-page PDF with a correct xref; objects 6.. are `extra_objects`."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
               b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"\nendstream", FONT, *extra_objects]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.7\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


JS_OPEN_ACTION = pdf(b"/OpenAction 6 0 R", (b"<< /S /JavaScript /JS (app.alert\\('hi'\\)) >>",))
ESCAPED_JS = pdf(b"/OpenAction 6 0 R", (b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",))
LAUNCH = pdf(b"/OpenAction 6 0 R", (b"<< /S /Launch /F (cmd.exe) >>",))
EMBEDDED = pdf(b"/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >>",
               (b"<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>",
                b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"))
OPEN_AT_PAGE = pdf(b"/OpenAction [3 0 R /FitH null]")  # common and harmless: a view, not an action


def pdf_with_object_stream(catalog_extra: bytes, packed: tuple[bytes, ...]) -> bytes:
    """Like `pdf`, but objects 6.. sit compressed in an object stream (object 6+len) behind an xref
    stream, as modern writers save them: no action name shows in the raw bytes."""
    plain = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
             b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE,
             b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"\nendstream", FONT]
    stm_no, first = 6 + len(packed), 6
    header, body = b"", b""
    for i, obj in enumerate(packed):
        header += b"%d %d " % (first + i, len(body))
        body += obj + b"\n"
    raw = zlib.compress(header + body)
    plain.append(b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
                 % (len(packed), len(header), len(raw)) + raw + b"\nendstream")
    numbers = list(range(1, 6)) + [stm_no]
    out, offsets = io.BytesIO(), {}
    out.write(b"%PDF-1.7\n")
    for number, body_ in zip(numbers, plain):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body_ + b"\nendobj\n")
    xref_no = stm_no + 1
    offsets[xref_no] = out.tell()
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for n in range(1, xref_no + 1):
        if n in offsets:
            rows.append(struct.pack(">BIH", 1, offsets[n], 0))
        else:  # packed: stream number and index
            rows.append(struct.pack(">BIH", 2, stm_no, n - first))
    table = zlib.compress(b"".join(rows))
    out.write(b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n"
              b"stream\n" % (xref_no, xref_no + 1, len(table)) + table + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_no])
    return out.getvalue()


PACKED_LAUNCH = pdf_with_object_stream(b"/OpenAction 6 0 R", (b"<< /S /Launch /F (cmd.exe) >>",))
PACKED_PLAIN = pdf_with_object_stream(b"/OpenAction 6 0 R", (b"<< /S /GoTo /D [3 0 R /Fit] >>",))


@pytest.mark.parametrize("data, expected", [
    pytest.param(JS_OPEN_ACTION, ["javascript"], id="javascript-open-action"),
    pytest.param(ESCAPED_JS, ["javascript"], id="javascript-hex-escaped-names"),
    pytest.param(LAUNCH, ["launch_action"], id="launch-action"),
    pytest.param(EMBEDDED, ["embedded_files"], id="embedded-file"),
    pytest.param(OPEN_AT_PAGE, [], id="open-at-page-is-not-active"),
    pytest.param(PACKED_LAUNCH, ["launch_action"], id="launch-action-in-a-compressed-object-stream"),
    pytest.param(PACKED_PLAIN, [], id="plain-object-stream"),
])
def test_active_content_is_named_and_the_text_still_read(data, expected):
    reading = read_document(data, ReadOptions())
    assert reading.active_content == expected
    assert "4500012345" in " ".join(w.text for w in reading.pages[0].words)


def _process(session, settings, data: bytes, filename: str) -> Document:
    doc = ingest_bytes(session, settings, data, filename=filename, channel="api").document
    session.commit()
    process_document(settings, doc.id)
    session.expire_all()
    return session.get(Document, doc.id)


def test_a_pdf_with_a_script_goes_to_review_flagged_not_failed(session, settings):
    doc = _process(session, settings, JS_OPEN_ACTION, "po.pdf")
    codes = {i.code for i in session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id))}
    assert doc.status == "needs_review" and doc.error_code is None
    assert "pdf_active_content" in codes


def _png_header_claiming(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _tiff_header_claiming(width: int, height: int) -> bytes:
    tags = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 8), (278, 4, height), (279, 4, 16)]
    ifd = struct.pack("<H", len(tags)) + b"".join(struct.pack("<HHII", t, typ, 1, v) for t, typ, v in tags)
    return b"II*\x00" + struct.pack("<I", 24) + b"\x00" * 16 + ifd + b"\x00\x00\x00\x00"


@pytest.mark.parametrize("data", [
    pytest.param(_png_header_claiming(100_000, 100_000), id="png-100k-square"),
    pytest.param(_tiff_header_claiming(200_000, 200_000), id="tiff-200k-square"),
])
def test_huge_dimensions_in_a_header_are_refused_before_decoding(data):
    with pytest.raises(DocumentError) as exc:
        read_pages(data, ReadOptions())
    assert exc.value.code == errors.IMAGE_TOO_LARGE


def test_many_frames_each_under_the_limit_are_refused_together(monkeypatch):
    frames = [Image.new("L", (90, 90), 255) for _ in range(6)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)  # each frame 8,100; six are 48,600
    with pytest.raises(DocumentError) as exc:
        load_pages(buf.getvalue(), max_pages=50)
    assert exc.value.code == errors.IMAGE_TOO_LARGE


@pytest.fixture(scope="module")
def sandbox():
    box = Sandbox(Limits(memory_mb=512, cpu_seconds=60, wall_seconds=120, idle_children=1))
    yield box
    box.close()


def _many_objects(count: int) -> bytes:
    body = b"".join(b"%d 0 obj\n[%d]\nendobj\n" % (n, n) for n in range(6, count + 6))
    return pdf()[:-6].replace(b"startxref", b"") + body + b"%%EOF\n"  # no valid xref: pdfium rebuilds it


def _nested(depth: int) -> bytes:
    return pdf(page=PAGE[:-2] + b" /Deep " + b"[" * depth + b"]" * depth + b" >>")


def _self_kids() -> bytes:
    return pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [2 0 R 3 0 R] /Count 2")


@pytest.mark.parametrize("data", [
    pytest.param(_many_objects(1_000_000), id="a-million-objects"),
    pytest.param(_nested(200_000), id="arrays-nested-200k-deep"),
    pytest.param(_self_kids(), id="page-tree-containing-itself"),
])
def test_pathological_pdfs_end_within_the_limits(sandbox, data):
    assert detect_kind(data) == "pdf"
    try:
        reading = sandbox.call(read_document, data, ReadOptions())
    except DocumentError as exc:
        assert exc.code in {errors.CORRUPT_PDF, errors.TOO_MANY_PAGES, errors.PARSE_TIMEOUT,
                            errors.PARSE_MEMORY, errors.PARSE_CRASHED}
    else:
        assert len(reading.pages) >= 1


@pytest.mark.parametrize("name, data, code", [
    pytest.param("po.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4, errors.UNSUPPORTED_TYPE,
                 id="program-named-pdf"),
    pytest.param("scan.png", b"%PDF-1.7\n% not really a PDF\n", errors.CORRUPT_PDF, id="broken-pdf-named-png"),
])
def test_the_type_is_decided_by_content_not_by_name(session, settings, name, data, code):
    doc = _process(session, settings, data, name)
    assert (doc.status, doc.error_code) == ("failed", code)
    assert BlobStore(settings.blob_dir).get(doc.sha256) == data
