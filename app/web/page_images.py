"""Page images of a stored document for the review page, rendered once and cached on disk.

PDF pages are rendered with pypdfium2; image files are converted to PNG with
Pillow; both in the parsing sandbox, so a hostile file cannot take the web process
down. Each page's size in PDF points is kept next to its PNG, so the boxes of
extracted fields (PDF points, origin top-left) can be placed over the image.
"""
from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from app.core.config import Settings
from app.core.storage import BlobStore
from app.intake.models import Document
from app.intake.sandbox import parse
from extractors.errors import DocumentError
from extractors.pdf.lock import PDFIUM
from extractors.read import IMAGE_KINDS, ReadOptions, read_pages

RENDER_DPI = 110
RENDERABLE = {"pdf", *IMAGE_KINDS}


def _cache_dir(settings: Settings, doc: Document) -> Path:
    return settings.data_dir / "pages" / doc.sha256


def renderable(doc: Document) -> bool:
    return (doc.kind or "") in RENDERABLE


def page_sizes(settings: Settings, doc: Document) -> list[tuple[float, float]]:
    """(width, height) in PDF points of every page; [] for documents without pages (email text)."""
    if not renderable(doc):
        return []
    meta = _cache_dir(settings, doc) / "sizes.json"
    if meta.exists():
        return [tuple(s) for s in json.loads(meta.read_text())]
    data = BlobStore(settings.blob_dir).get(doc.sha256)
    try:  # untrusted bytes: parsed in the sandbox, like the pipeline does
        sizes = parse(settings, sizes_of, data, doc.kind, settings.max_pages)
    except DocumentError:
        return []
    _write(meta, json.dumps(sizes).encode())
    return sizes


def source_text(settings: Settings, doc: Document, limit: int = 100_000) -> str | None:
    """The text of a document that has no pages to show (a PO written in an email body)."""
    if doc.kind != "text":
        return None
    return BlobStore(settings.blob_dir).get(doc.sha256)[:limit].decode("utf-8", errors="replace")


def page_png(settings: Settings, doc: Document, number: int) -> Path | None:
    """The PNG of 1-based page `number`, rendered on first use; None when there is no such page."""
    if not renderable(doc) or not 1 <= number <= len(page_sizes(settings, doc)):
        return None
    target = _cache_dir(settings, doc) / f"{number}.png"
    if target.exists():
        return target
    data = BlobStore(settings.blob_dir).get(doc.sha256)
    try:
        png = parse(settings, png_of, data, doc.kind, number, settings.max_pages)
    except DocumentError:
        return None
    _write(target, png)
    return target


def page_words(settings: Settings, doc: Document, number: int) -> list[list] | None:
    """Page `number`'s words as [text, left, top, width, height] in percent of the page (for click-to-fill),
    read once (text layer or OCR, in the sandbox) and cached; None when there is no such page."""
    if not renderable(doc) or not 1 <= number <= len(page_sizes(settings, doc)):
        return None
    target = _cache_dir(settings, doc) / "words.json"
    if not target.exists():
        data = BlobStore(settings.blob_dir).get(doc.sha256)
        options = ReadOptions(max_pages=settings.max_pages, ocr_lang=settings.ocr_lang,
                              ocr_page_timeout=settings.ocr_page_timeout)
        try:
            pages = parse(settings, words_of, data, options)
        except DocumentError:
            pages = []
        _write(target, json.dumps(pages).encode())
    pages = json.loads(target.read_text())
    return pages[number - 1] if number <= len(pages) else []


def words_of(data: bytes, options: ReadOptions) -> list[list[list]]:
    """Every page's words with boxes in percent of the page, in reading order."""
    out = []
    for page in read_pages(data, options):
        w, h = page.width or 1.0, page.height or 1.0
        out.append([[word.text, round(word.x0 / w * 100, 3), round(word.top / h * 100, 3),
                     round((word.x1 - word.x0) / w * 100, 3), round((word.bottom - word.top) / h * 100, 3)]
                    for word in page.words])
    return out


def sizes_of(data: bytes, kind: str, max_pages: int) -> list[tuple[float, float]]:
    if kind == "pdf":
        import pypdfium2 as pdfium

        with PDFIUM:
            pdf = pdfium.PdfDocument(data)
            try:
                return [tuple(pdf[i].get_size()) for i in range(min(len(pdf), max_pages))]
            finally:
                pdf.close()
    return [(img.image.width * 72.0 / img.dpi, img.image.height * 72.0 / img.dpi)
            for img in _images(data, max_pages)]


def png_of(data: bytes, kind: str, number: int, max_pages: int) -> bytes:
    if kind == "pdf":
        import pypdfium2 as pdfium

        with PDFIUM:
            pdf = pdfium.PdfDocument(data)
            try:
                bitmap = pdf[number - 1].render(scale=RENDER_DPI / 72.0)
                img = bitmap.to_pil().copy()  # ours, before the bitmap is freed
                bitmap.close()
            finally:
                pdf.close()
    else:
        img = _images(data, max_pages)[number - 1].image
        scale = RENDER_DPI / max(_images_dpi(img), 1.0)
        if scale < 1:  # a 300 dpi scan is shown at screen size, not full size
            img = img.resize((round(img.width * scale), round(img.height * scale)))
    buf = io.BytesIO()
    img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _images(data: bytes, max_pages: int):
    from extractors.ocr.images import load_pages

    pages = load_pages(data, max_pages=max_pages)
    for p in pages:
        p.image.info["_dpi"] = p.dpi
    return pages


def _images_dpi(img) -> float:
    return float(img.info.get("_dpi") or 72.0)


def _write(path: Path, data: bytes) -> None:
    """Atomic write, so two requests rendering the same page never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
