"""OCR of scanned PDF pages and image files into the shared word-and-box model.

Every page goes through the same steps: grayscale at an OCR-friendly
resolution, level small skew, OCR with tesseract's `image_to_data`, and, when
the words read badly, find the quarter turn that makes the page upright and
read it again. Boxes are converted from pixels to PDF points (72/dpi) so a scan
and a PDF of the same page give the same geometry to the field extractor.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from extractors import errors
from extractors.errors import DocumentError
from extractors.model import POINTS_PER_INCH, Page
from extractors.ocr.images import PageImage, load_pages
from extractors.ocr.pixels import otsu
from extractors.ocr.prepare.clean import clean_page
from extractors.ocr.prepare.dotted import erase_dotted_rules
from extractors.ocr.prepare.orientation import (
    best_turn_by_ocr,
    deskew,
    looks_sideways,
    osd_turn,
    rotate_upright,
    skew_angle,
)
from extractors.ocr.prepare.tone import INK_CONTRAST, PAPER_PERCENTILE, darken_faint
from extractors.ocr.unread import unread_region
from extractors.ocr.words import WORD_LEVEL, drop_shadows, page_words, read_quality, reading_order, slope_fix
from extractors.pdf.lock import PDFIUM

MIN_DPI = 150  # below this a page is scaled up: tesseract wants capitals >= ~15 px
UPSCALE_DPI = 200  # as good as 300 on the dev photos, at half the tesseract time
MAX_RENDER_PIXELS = 60_000_000  # a poster-size PDF page is rendered smaller, not refused
# rows of a table kept together, titles of any size (psm 6 lost big titles, psm 3 dropped header cells)
TESS_CONFIG = "--oem 1 --psm 4"
SECOND_CONFIG = "--oem 1 --psm 6"  # the unread crop is read as one block of lines
GOOD_READ = 0.55  # share of confident, word-like tokens above which a page is upright
INK_SAMPLE = 4  # a page is looked at for print at a quarter of its size
MIN_INK = 0.003  # share of the page darker than paper and ink threshold: less is a blank page


class _Timeout(Exception):
    pass


def tesseract_available() -> bool:
    """True when the configured tesseract binary can be found and started."""
    cmd = pytesseract.pytesseract.tesseract_cmd
    return shutil.which(cmd) is not None


def _require_tesseract() -> None:
    if not tesseract_available():
        raise DocumentError(errors.OCR_UNAVAILABLE,
                            "tesseract is not installed; the page needs OCR")


def ocr_image_bytes(data: bytes, *, lang: str, timeout: float, max_pages: int) -> list[Page]:
    """OCR every frame of an image file (PNG, JPEG, TIFF, BMP, GIF, WEBP, HEIC)."""
    _require_tesseract()
    images = load_pages(data, max_pages=max_pages)
    return [ocr_page(img, number, lang=lang, timeout=timeout)
            for number, img in enumerate(images, start=1)]


def ocr_pdf_pages(data: bytes, page_numbers: list[int], *, lang: str, timeout: float,
                  dpi: int) -> list[Page]:
    """Render the given 1-based PDF pages with pypdfium2 and OCR them."""
    _require_tesseract()
    with PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise DocumentError(errors.CORRUPT_PDF, f"the PDF cannot be opened: {exc}") from exc
    pages: list[Page] = []
    try:
        for number in page_numbers:
            rendered = _render_page(pdf, number, dpi)
            if rendered is not None:  # OCR runs outside the pdfium lock
                pages.append(ocr_page(rendered, number, lang=lang, timeout=timeout))
    finally:
        with PDFIUM:
            pdf.close()
    return pages


def _render_page(pdf, number: int, dpi: int) -> PageImage | None:
    """One page as a grayscale image we own; None when the PDF has no such page."""
    with PDFIUM:
        if not 1 <= number <= len(pdf):
            return None
        page = pdf[number - 1]
        try:
            render_dpi = _render_dpi(*page.get_size(), dpi)
            bitmap = page.render(scale=render_dpi / POINTS_PER_INCH, grayscale=True, may_draw_forms=True)
            img = bitmap.to_pil().convert("L")  # a copy: the bitmap's buffer goes with it
            bitmap.close()
        finally:
            page.close()
        return PageImage(img, render_dpi)


def _render_dpi(width_pt: float, height_pt: float, dpi: int) -> float:
    pixels = (width_pt * dpi / POINTS_PER_INCH) * (height_pt * dpi / POINTS_PER_INCH)
    if pixels <= MAX_RENDER_PIXELS:
        return float(dpi)
    return dpi * (MAX_RENDER_PIXELS / pixels) ** 0.5


def ocr_page(page_img: PageImage, number: int, *, lang: str, timeout: float) -> Page:
    """OCR one page image; a page over its time limit comes back empty, noted."""
    deadline = time.monotonic() + timeout
    img, dpi = _prepare(page_img)
    try:
        if looks_sideways(img):  # turn before the first read instead of reading twice
            # OSD fails on ruled forms and dark bars until they are gone.
            ruled_out = clean_page(img, dpi, keep_bars=False, bilevel=page_img.bilevel)
            turn = osd_turn(ruled_out, timeout=_left(deadline))
            if turn is not None:  # else the read below tells, and the fallback turns it
                img = rotate_upright(img, turn)
        raw, img = img, _level_and_clean(img, dpi, page_img.bilevel)
        read = _read(img, dpi, number, lang, deadline)
        words = read.words
        # psm 4 reads nothing at all from a page on its side: turn it when it has ink.
        if read_quality(words) < GOOD_READ and (words or _has_ink(img)):
            turn = osd_turn(img, timeout=_left(deadline))
            if turn is None:
                turn = best_turn_by_ocr(img, lang=lang, timeout=_left(deadline))
            if turn:  # the turn is found on the cleaned page, applied to the page as read
                img = _level_and_clean(rotate_upright(raw, turn), dpi, page_img.bilevel)
                read = _read(img, dpi, number, lang, deadline)
                words = read.words
        words = _add_unread(img, dpi, number, lang, deadline, read)
    except _Timeout:
        return _page(img, dpi, number, [], "ocr_timeout")
    return _page(img, dpi, number, words, None if words else "no_text")


def _level_and_clean(img: Image.Image, dpi: float, bilevel: bool) -> Image.Image:
    """Deskew, erase rulings (solid, then dotted) and darken faint grey print."""
    page = np.asarray(clean_page(deskew(img, skew_angle(img)), dpi, bilevel=bilevel))
    page = Image.fromarray(erase_dotted_rules(page, dpi))
    # A fax has no grey to recover; darkening its scaling's grey edges fattens the strokes.
    return page if bilevel else darken_faint(page)


def _page(img: Image.Image, dpi: float, number: int, words: list, note: str | None) -> Page:
    pt = POINTS_PER_INCH / dpi
    return Page(number=number, width=img.width * pt, height=img.height * pt, words=words,
                source="ocr", note=note)


def _prepare(page_img: PageImage) -> tuple[Image.Image, float]:
    """Grayscale; a low-resolution image is scaled up to UPSCALE_DPI, never down."""
    img = page_img.image.convert("L") if page_img.image.mode != "L" else page_img.image
    dpi = page_img.dpi
    if dpi < MIN_DPI:
        factor = UPSCALE_DPI / dpi
        img = img.resize((round(img.width * factor), round(img.height * factor)),
                         Image.Resampling.LANCZOS)
        dpi = dpi * img.width / page_img.image.width
    return img, dpi


def _has_ink(img: Image.Image) -> bool:
    """Print on the page: dark marks well below the paper's tone, not its shadowed
    edge or dust (a blank page read three times over for them)."""
    a = np.asarray(img.reduce(INK_SAMPLE))
    paper = float(np.percentile(a[::2, ::2], PAPER_PERCENTILE))
    return float(((a < otsu(a)) & (a < paper - INK_CONTRAST)).mean()) > MIN_INK


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Timeout
    return left


def _add_unread(img: Image.Image, dpi: float, number: int, lang: str, deadline: float,
                read: Read) -> list:
    """Read again, on its own, any sizeable ink the page layout left out."""
    words = read.words
    if not words:  # nothing read at all: a blank page, not a dropped column
        return words
    region = unread_region(img, read.boxes, dpi)
    if region is None:
        return words
    crop, offset = region
    try:
        extra = _read(crop, dpi, number, lang, deadline, SECOND_CONFIG, offset, read.level).words
    except _Timeout:
        return words  # keep what the first read found
    return reading_order(drop_shadows(words + extra))


@dataclass(slots=True)
class Read:
    """One tesseract read: words in points, their boxes in page pixels as read (before
    slanted lines are laid level), and the levelling used, for a second read to share."""

    words: list
    boxes: list[tuple[int, int, int, int]]
    level: Callable[[float, float], float]


def _read(img: Image.Image, dpi: float, number: int, lang: str, deadline: float,
          config: str = TESS_CONFIG, offset: tuple[int, int] = (0, 0),
          level: Callable[[float, float], float] | None = None) -> Read:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one thread per tesseract; OpenMP only slows it
    try:
        with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
            # An uncompressed BMP: pytesseract would write (and tesseract decode) a PNG,
            # which costs ~0.3 s on a 300 dpi page.
            path = os.path.join(tmp, "page.bmp")
            img.save(path, "BMP")
            data = pytesseract.image_to_data(path, lang=lang, config=config,
                                             timeout=_left(deadline),
                                             output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract's "Tesseract process timeout"
        if "timeout" in str(exc).lower():
            raise _Timeout from exc
        raise
    except pytesseract.TesseractNotFoundError as exc:
        raise DocumentError(errors.OCR_UNAVAILABLE, "tesseract is not installed") from exc
    level = level or slope_fix(data)
    boxes = [(data["left"][i] + offset[0], data["top"][i] + offset[1],
              data["left"][i] + data["width"][i] + offset[0], data["top"][i] + data["height"][i] + offset[1])
             for i, t in enumerate(data["text"])
             if int(data["level"][i]) == WORD_LEVEL and float(data["conf"][i]) >= 0 and t.strip()]
    return Read(page_words(data, number, POINTS_PER_INCH / dpi, offset, level), boxes, level)
