"""Read a PDF text layer into words with boxes, via pypdfium2.

Characters and their boxes come from pdfium's text page (about a millisecond
a page); we group them into words ourselves and put the words in reading
order. Boxes are PDF points, origin top-left of the page as displayed, so a
page with /Rotate gives upright coordinates.
"""
from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extractors import errors
from extractors.errors import DocumentError
from extractors.layout.textlines import LINE_REACH
from extractors.model import Page, Word
from extractors.pdf.lock import PDFIUM

PDF_MARK_WITHIN = 1024  # bytes: "%PDF-" may follow some junk at the start, as PDF readers allow
# Characters into words (points, or character heights h)
MIN_CHAR_HEIGHT = 1.0  # a character is never taken as flatter (a dash, a dot)
SAME_LINE = 0.3  # h: a character whose middle is this far outside the word's top and bottom starts a new word
WORD_GAP = 0.35  # h: a wider gap between characters is a space the PDF did not write
_PASSWORD_ERR = getattr(raw, "FPDF_ERR_PASSWORD", 4)
_SECURITY_ERR = getattr(raw, "FPDF_ERR_SECURITY", 6)


def read_pdf(data: bytes, *, max_pages: int) -> list[Page]:
    """Pages of words in reading order; a page without text has no words."""
    if not data or not data.strip():
        raise DocumentError(errors.EMPTY_FILE, "the file is empty")
    if b"%PDF-" not in data[:PDF_MARK_WITHIN]:
        raise DocumentError(errors.CORRUPT_PDF, "not a PDF file (no %PDF header)")
    with PDFIUM:
        return _read_document(data, max_pages=max_pages)


def _read_document(data: bytes, *, max_pages: int) -> list[Page]:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (_PASSWORD_ERR, _SECURITY_ERR):
            raise DocumentError(errors.ENCRYPTED_PDF, "the PDF needs a password") from None
        raise DocumentError(errors.CORRUPT_PDF, f"the PDF cannot be opened: {exc}") from None
    try:
        count = len(doc)
        if count == 0:
            raise DocumentError(errors.CORRUPT_PDF, "the PDF has no pages")
        if count > max_pages:
            raise DocumentError(errors.TOO_MANY_PAGES, f"{count} pages; at most {max_pages} are read")
        pages = []
        for index in range(count):
            try:
                pages.append(_read_page(doc, index))
            except pdfium.PdfiumError as exc:
                raise DocumentError(errors.CORRUPT_PDF, f"page {index + 1} cannot be read: {exc}") from None
        return pages
    finally:
        doc.close()


def _read_page(doc, index: int) -> Page:
    page = doc[index]
    try:
        width, height = page.get_size()
        transform = _to_display(page)
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, transform)
        finally:
            textpage.close()
    finally:
        page.close()
    number = index + 1
    words = reading_order(_group_words(chars, number))
    return Page(number=number, width=width, height=height, words=words,
                note=None if words else "no_text")


def _to_display(page):
    """A function mapping a user-space box to a display box (x0, top, x1, bottom)."""
    # the visible box as pdfium resolves it, inherited from the page tree if need be
    # (get_cropbox() reads only the page's own entry and falls back to Letter)
    cx0, cy0, cx1, cy1 = page.get_bbox()
    rotation = page.get_rotation() % 360

    def convert(left, bottom, right, top):
        if rotation == 90:
            return bottom - cy0, left - cx0, top - cy0, right - cx0
        if rotation == 180:
            return cx1 - right, bottom - cy0, cx1 - left, top - cy0
        if rotation == 270:
            return cy1 - top, cx1 - right, cy1 - bottom, cx1 - left
        return left - cx0, cy1 - top, right - cx0, cy1 - bottom

    return convert


def _chars(textpage, transform) -> list[tuple[str, float, float, float, float]]:
    handle = textpage.raw
    n = raw.FPDFText_CountChars(handle)
    text = _all_text(handle, n)
    get_unicode, get_box = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
    rect = raw.FS_RECTF()
    ref = ctypes.byref(rect)
    out = []
    for i in range(n):
        ch = text[i] if text is not None else chr(get_unicode(handle, i))
        if ch <= " " or ch in "\xa0\ufffe\ufeff":
            out.append((" ", 0, 0, 0, 0))
            continue
        get_box(handle, i, ref)  # advance-wide, font-high
        x0, y0, x1, y1 = transform(rect.left, rect.bottom, rect.right, rect.top)
        out.append((ch, x0, y0, x1, y1))
    return out


def _all_text(handle, n: int) -> str | None:
    """The page's characters in one call; None when they do not map one to one."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = raw.FPDFText_GetText(handle, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == n else None


def _group_words(chars, number: int) -> list[Word]:
    """Join characters into words: break at spaces, line changes and wide gaps."""
    words: list[Word] = []
    text: list[str] = []
    a0 = a1 = b0 = b1 = 0.0  # the current word's box: x0, x1, top, bottom
    for ch, x0, y0, x1, y1 in chars:
        if ch == " " or (x1 <= x0 and y1 <= y0):
            if ch == " " and text:
                words.append(Word("".join(text), a0, b0, a1, b1, page=number))
                text = []
            continue
        if text:
            h = b1 - b0
            if y1 - y0 > h:
                h = y1 - y0
            if h < MIN_CHAR_HEIGHT:
                h = MIN_CHAR_HEIGHT
            mid = (y0 + y1) / 2
            gap = x0 - a1
            if not (b0 - h * SAME_LINE <= mid <= b1 + h * SAME_LINE) or gap > h * WORD_GAP or gap < -h:
                words.append(Word("".join(text), a0, b0, a1, b1, page=number))
                text = []
        if not text:
            a0, b0, a1, b1 = x0, y0, x1, y1
        else:
            if x0 < a0:
                a0 = x0
            if y0 < b0:
                b0 = y0
            if x1 > a1:
                a1 = x1
            if y1 > b1:
                b1 = y1
        text.append(ch)
    if text:
        words.append(Word("".join(text), a0, b0, a1, b1, page=number))
    return words


def reading_order(words: list[Word]) -> list[Word]:
    """Sort words into lines (top to bottom), each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            top = min(x.top for x in last[-LINE_REACH:])
            bottom = max(x.bottom for x in last[-LINE_REACH:])
            if top <= mid <= bottom:
                last.append(w)
                continue
        lines.append([w])
    return [w for line in lines for w in sorted(line, key=lambda w: w.x0)]
