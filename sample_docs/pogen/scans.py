"""Scanned, faxed and photographed variants of generated PDFs: pages rendered
with pypdfium2, then rotated, skewed, blurred, noised, binarised or warped."""
from __future__ import annotations

import hashlib
import io
import random
import re
import time

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SINGLE_PAGE_KINDS = ("rot90", "rot180", "rot270", "skew", "photo")
ANY_PAGE_KINDS = ("fax", "scan", "mixed")
EXT = {"rot90": "png", "rot180": "png", "rot270": "png", "skew": "png", "photo": "jpg",
       "fax": "tif", "scan": "pdf", "mixed": "pdf"}


def render_pages(pdf: bytes, dpi: int = 200) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


def noise(img: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    arr = np.asarray(img, dtype=np.float32)
    gen = np.random.default_rng(rng.randint(0, 2**31))
    arr = arr + gen.normal(0, sigma, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)


def skew(img: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.choice((-1, 1)) * rng.uniform(0.5, 3.0)
    return img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert(img.mode)


def specks(img: Image.Image, rng: random.Random, n: int = 40) -> Image.Image:
    """Dust: a few dark dots (compresses far better than per-pixel grain)."""
    img = img.copy()
    w, h = img.size
    for _ in range(n):
        x, y = rng.randrange(w), rng.randrange(h)
        img.paste(rng.randint(30, 120), (x, y, x + rng.randint(1, 3), y + rng.randint(1, 3)))
    return img


def scanned(img: Image.Image, rng: random.Random, grain: float = 3.0) -> Image.Image:
    """An office scanner: slight skew, softness, a gray cast, dust and some grain."""
    img = skew(img, rng).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    img = specks(img.point(lambda v: int(v * 0.92 + 8)), rng)
    return noise(img, rng, grain) if grain else img


def to_png(img: Image.Image, dpi: int, levels: int = 16) -> bytes:
    """PNG with the gray levels reduced, as scanner software saves them."""
    buf = io.BytesIO()
    step = 256 // levels
    img.point(lambda v: min(255, (v // step) * step + step // 2)).save(buf, "PNG", optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


def fax(img: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """1-bit, 200 x 100 dpi (half the vertical resolution): looks stretched when shown square."""
    img = skew(img, rng) if rng.random() < 0.5 else img
    w, h = img.size
    img = img.resize((w * 200 // dpi, h * 100 // dpi), Image.BILINEAR)
    img = noise(img, rng, 12)
    return img.point(lambda v: 255 if v > 150 else 0).convert("1")


def photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo: perspective, uneven light, warm colour, blur, JPEG."""
    w, h = img.size
    def j():
        return rng.uniform(0.0, 0.06)

    quad = (-w * j(), -h * j(), -w * j(), h * (1 + j()), w * (1 + j()), h * (1 + j()), w * (1 + j()), -h * j())
    img = img.transform((w, h), Image.QUAD, quad, resample=Image.BICUBIC, fillcolor=90)
    img = img.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, fillcolor=90)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    light = 1.0 - 0.35 * np.sqrt(((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
    arr = np.asarray(img, dtype=np.float32) * light
    rgb = np.stack([arr * 1.0, arr * 0.95, arr * 0.85], axis=-1)
    out = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    return noise(out.filter(ImageFilter.GaussianBlur(0.8)), rng, 4)


def blank_page(rng: random.Random, dpi: int = 200) -> Image.Image:
    """A scanned sheet with nothing on it: paper tone, a shadowed edge and dust."""
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 236)
    img.paste(200, (0, 0, rng.randint(4, 14), h))
    return specks(img, rng, 25)


def image_pdf(images: list[Image.Image], dpi: int, quality: int = 45) -> bytes:
    buf = io.BytesIO()
    rgbish = [im.convert("L") for im in images]
    fixed = time.gmtime(1704067200)  # reproducible bytes
    rgbish[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=rgbish[1:], quality=quality,
                   creationDate=fixed, modDate=fixed, producer="sample_docs")
    return buf.getvalue()


def mixed_pdf(pdf: bytes, scanned_pdf: bytes) -> bytes:
    """Page 1 keeps its text layer; the other pages come from the scan."""
    src, scan = pdfium.PdfDocument(pdf), pdfium.PdfDocument(scanned_pdf)
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0])
    out.import_pages(scan, list(range(1, len(scan))))
    buf = io.BytesIO()
    out.save(buf)
    for d in (out, scan, src):
        d.close()
    return _fixed_stamps(buf.getvalue())


def _fixed_stamps(data: bytes) -> bytes:
    """PDFium stamps the save time and a random file ID: replace both, same length, for reproducible bytes."""
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20240101000000", data)
    id_pattern = rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]"
    digest = hashlib.md5(re.sub(id_pattern, b"", data)).hexdigest().upper().encode()
    return re.sub(id_pattern, b"/ID[<" + digest + b"><" + digest + b">]", data)


def variant(pdf: bytes, kind: str, rng: random.Random, dpi: int = 200) -> bytes:
    """The bytes of one scanned variant of `pdf` (see EXT for the file type)."""
    pages = render_pages(pdf, dpi)
    buf = io.BytesIO()
    if kind.startswith("rot"):
        return to_png(scanned(pages[0], rng, grain=0).rotate(int(kind[3:]), expand=True), dpi)
    elif kind == "skew":
        img = skew(pages[0], rng).filter(ImageFilter.GaussianBlur(0.9))
        return to_png(jpeg_roundtrip(noise(img, rng, 10), 30), dpi, levels=8)
    elif kind == "photo":
        photo(pages[0], rng).save(buf, "JPEG", quality=55, dpi=(dpi, dpi))
    elif kind == "fax":
        imgs = [fax(p, rng, dpi) for p in pages]
        imgs[0].save(buf, "TIFF", compression="group4", save_all=True, append_images=imgs[1:], dpi=(200, 100))
    elif kind in ("scan", "mixed"):
        data = image_pdf([scanned(p, rng) for p in pages], dpi)
        return mixed_pdf(pdf, data) if kind == "mixed" else data
    else:
        raise ValueError(kind)
    return buf.getvalue()


def blank_png(rng: random.Random, dpi: int = 200) -> bytes:
    return to_png(blank_page(rng, dpi), dpi)
