"""Page images for the review page are rendered in the parsing sandbox: a render
that dies or runs out of time leaves the page without an image, and the web
process and the stored file intact."""
from __future__ import annotations

from app.core.config import Settings
from app.core.storage import BlobStore
from app.intake.models import Document
from app.web import page_images
from tests.pdfs import simple_po


def _doc(settings: Settings, data: bytes) -> Document:
    sha = BlobStore(settings.blob_dir).put(data)
    return Document(id=1, sha256=sha, filename="po.pdf", kind="pdf", size=len(data))


def test_pages_render_in_the_sandbox(tmp_path):
    settings = Settings(data_dir=tmp_path, _env_file=None)
    doc = _doc(settings, simple_po("PG-1"))
    assert len(page_images.page_sizes(settings, doc)) == 1
    png = page_images.page_png(settings, doc, 1)
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")


def test_a_render_over_its_time_limit_gives_no_image_and_keeps_the_file(tmp_path):
    settings = Settings(data_dir=tmp_path, parse_timeout=0.001, _env_file=None)
    data = simple_po("PG-2")
    doc = _doc(settings, data)
    assert page_images.page_sizes(settings, doc) == []
    assert page_images.page_png(settings, doc, 1) is None
    assert BlobStore(settings.blob_dir).get(doc.sha256) == data
