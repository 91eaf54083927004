"""OCR of scans, faxes and photos: words, orientation, limits and failures.

Page images are drawn here with Pillow (DejaVu Sans when present, else a PDF
made with fpdf2 and rasterised with pypdfium2), so no sample file is needed.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors import errors
from extractors.errors import DocumentError
from extractors.ocr import read as ocr
from extractors.read import ReadOptions, read_pages

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 150
LINES = ["PURCHASE ORDER", "PO Number: 4500012345", "Order date: 2024-03-05",
         "HB-1240 Hex bolt zinc 40 0.85 34.00", "Ship to: Dallas warehouse"]

needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(),
                                     reason="tesseract is not installed")
pytestmark = [pytest.mark.tesseract, needs_tesseract]


def po_page(lines=LINES, size_in=(6.0, 4.0), dpi=DPI) -> Image.Image:
    """A grayscale page with one text line per entry, 12 pt type."""
    w, h = round(size_in[0] * dpi), round(size_in[1] * dpi)
    if not FONT.exists():
        return _page_via_pdf(lines, size_in, dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), round(12 * dpi / 72))
    for i, line in enumerate(lines):
        draw.text((round(0.4 * dpi), round((0.4 + i * 0.35) * dpi)), line, fill=0, font=font)
    return img


def _page_via_pdf(lines, size_in, dpi) -> Image.Image:
    import pypdfium2 as pdfium
    from fpdf import FPDF

    pdf = FPDF(unit="in", format=size_in)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for i, line in enumerate(lines):
        pdf.text(0.4, 0.55 + i * 0.35, line)
    doc = pdfium.PdfDocument(bytes(pdf.output()))
    return doc[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def encode(img: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def texts(page) -> list[str]:
    return [w.text for w in page.words]


def read_image(data: bytes, **kw):
    opts = {"lang": "eng", "timeout": 60.0, "max_pages": 10} | kw
    return ocr.ocr_image_bytes(data, **opts)


def test_upright_scan_gives_words_in_pdf_points_in_reading_order():
    page, = read_image(encode(po_page(), dpi=(DPI, DPI)))
    assert page.source == "ocr" and page.note is None
    assert page.width == pytest.approx(6.0 * 72, abs=1) and page.height == pytest.approx(4.0 * 72, abs=1)
    words = texts(page)
    assert "4500012345" in words and "HB-1240" in words and "34.00" in words
    assert words.index("PURCHASE") < words.index("4500012345") < words.index("HB-1240")
    po = next(w for w in page.words if w.text == "4500012345")
    assert 0.0 < po.conf <= 1.0 and po.source == "ocr" and po.page == 1
    # Line 2 sits 0.4 + 0.35 inch from the top: about 54 pt down.
    assert po.top == pytest.approx((0.4 + 0.35) * 72, abs=6)


@pytest.mark.parametrize("turn", [90, 180, 270], ids=["rot90", "rot180", "rot270"])
def test_rotated_page_is_turned_upright_before_reading(turn):
    rotated = po_page().rotate(turn, expand=True, fillcolor=255)
    page, = read_image(encode(rotated, dpi=(DPI, DPI)))
    words = texts(page)
    assert "4500012345" in words and "HB-1240" in words
    assert page.width > page.height  # the landscape page is upright again


def test_skewed_photo_is_levelled_and_read():
    img = po_page().convert("RGB").rotate(3.0, expand=True, fillcolor=(200, 195, 185),
                                          resample=Image.Resampling.BICUBIC)
    arr = np.asarray(img, dtype=np.float32) * 0.8 + 30  # grey paper, weak contrast
    arr += np.random.default_rng(1).normal(0, 6, arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    page, = read_image(encode(img, "JPEG", quality=70))
    words = texts(page)
    assert "4500012345" in words and "HB-1240" in words


def test_multi_page_fax_tiff_with_200x100_dpi_keeps_page_shape():
    frames = []
    for number in ("4500012345", "4500067890"):
        page = po_page(["FAX PURCHASE ORDER", f"PO Number: {number}"], size_in=(8.5, 11.0), dpi=200)
        fax = page.resize((page.width, page.height // 2)).point(lambda v: 255 if v > 128 else 0, "1")
        frames.append(fax)
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:],
                  compression="group4", dpi=(200, 100))
    pages = read_image(data)
    assert [p.number for p in pages] == [1, 2]
    assert "4500012345" in texts(pages[0]) and "4500067890" in texts(pages[1])
    assert pages[0].width == pytest.approx(612, abs=3) and pages[0].height == pytest.approx(792, abs=3)


def test_pdf_with_text_page_and_image_page_ocrs_only_the_image_page(tmp_path):
    from fpdf import FPDF

    scan = tmp_path / "scan.png"
    po_page().save(scan, dpi=(DPI, DPI))
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(72, 72, "Cover letter: please find our purchase order attached.")
    pdf.add_page()
    pdf.image(str(scan), x=0, y=0, w=432, h=288)
    pages = read_pages(bytes(pdf.output()), ReadOptions(ocr_dpi=200))
    assert [p.source for p in pages] == ["pdf", "ocr"]
    assert "attached." in texts(pages[0])
    assert "4500012345" in texts(pages[1])
    assert pages[1].width == pytest.approx(612, abs=2)  # the PDF page, not the picture


def test_page_without_text_is_kept_with_note_no_text():
    page, = read_image(encode(Image.new("L", (900, 600), 255), dpi=(DPI, DPI)))
    assert page.words == [] and page.note == "no_text"


def test_page_over_time_limit_is_kept_empty_with_note_ocr_timeout():
    pages = read_image(encode(po_page(), dpi=(DPI, DPI)), timeout=0.001)
    assert len(pages) == 1
    assert pages[0].words == [] and pages[0].note == "ocr_timeout"


def test_heic_photo_is_read():
    pytest.importorskip("pillow_heif", reason="pillow-heif is not installed")
    page, = read_image(encode(po_page().convert("RGB"), "HEIF", quality=90))
    assert "4500012345" in texts(page)


@pytest.mark.parametrize("size", [(3000, 3000), (2000, 2000)], ids=["over_2x_limit", "over_limit"])
def test_decompression_bomb_is_refused(monkeypatch, size):
    data = encode(Image.new("1", size, 1))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2_000_000)
    with pytest.raises(DocumentError) as exc:
        read_image(data)
    assert exc.value.code == errors.IMAGE_TOO_LARGE


def test_truncated_image_is_corrupt():
    data = encode(po_page())
    with pytest.raises(DocumentError) as exc:
        read_image(data[: len(data) // 2])
    assert exc.value.code == errors.CORRUPT_IMAGE


def test_tiff_with_more_frames_than_allowed_is_refused():
    frames = [Image.new("L", (50, 50), 255) for _ in range(4)]
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(DocumentError) as exc:
        read_image(data, max_pages=3)
    assert exc.value.code == errors.TOO_MANY_PAGES
