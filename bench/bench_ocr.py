"""Seconds per scanned page: the whole OCR path against bare tesseract, same run.

    .venv/bin/python bench/bench_ocr.py [--reps 1] [--write]

Whole path: `read_pages` on the file's bytes (decode or render, deskew, cleanup,
orientation, `image_to_data`, words) plus `extract_po` when it exists. Bare:
`pytesseract.image_to_string` on the same page images, already decoded or
rendered. Both single process, OMP_THREAD_LIMIT=1, documents interleaved so a
busy machine slows both alike. Files: sample_docs/scans when present, else a
few generated page images. With --write the figures go into docs/benchmarks.md
between the bench_ocr markers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["OMP_THREAD_LIMIT"] = "1"

import pytesseract  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT
from PIL import Image, ImageDraw, ImageFont  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT

from extractors.ocr.images import load_pages  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT
from extractors.read import ReadOptions, detect_kind, read_pages  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT

START, END = "<!-- bench_ocr:start -->", "<!-- bench_ocr:end -->"
OPTIONS = ReadOptions()
SCAN_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}

try:
    from extractors.po.extract import extract_po
except ImportError:  # the field extractor is optional here
    extract_po = None


def documents() -> list[tuple[str, bytes]]:
    folder = REPO / "sample_docs" / "scans"
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in SCAN_SUFFIXES) \
        if folder.is_dir() else []
    if files:
        return [(p.name, p.read_bytes()) for p in files]
    return [(f"generated-{i}.png", _generated_page(i)) for i in range(3)]


def _generated_page(seed: int) -> bytes:
    img = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(img)
    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font = ImageFont.truetype(str(font_path), 33) if font_path.exists() else ImageFont.load_default()
    for row in range(30):
        draw.text((120, 150 + row * 60),
                  f"{row + 1:>3}  HB-{1200 + seed * 40 + row}  Hex bolt M{8 + row % 6}x40 zinc"
                  f"   {10 + row}   {0.85 + row / 10:.2f}   {(10 + row) * (0.85 + row / 10):.2f}",
                  fill=0, font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(200, 200))
    return buf.getvalue()


def page_images(data: bytes) -> list[Image.Image]:
    """The page images tesseract would get before any of our processing."""
    if detect_kind(data) != "pdf":
        return [p.image for p in load_pages(data, max_pages=OPTIONS.max_pages)]
    import pypdfium2 as pdfium

    from extractors.pdf.read import read_pdf
    from extractors.pdf.textlayer import has_text_layer

    scanned = [p.number for p in read_pdf(data, max_pages=OPTIONS.max_pages)
               if not has_text_layer(p)]
    from extractors.pdf.lock import PDFIUM

    with PDFIUM:  # every pypdfium2 call holds the process-wide lock
        pdf = pdfium.PdfDocument(data)
        try:
            return [pdf[n - 1].render(scale=OPTIONS.ocr_dpi / 72, grayscale=True).to_pil().convert("L")
                    for n in scanned]
        finally:
            pdf.close()


def cpu() -> float:
    """CPU seconds of this process and of the tesseract processes it waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def bare(images: list[Image.Image]) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), cpu()
    for img in images:
        pytesseract.image_to_string(img, lang=OPTIONS.ocr_lang)
    return time.perf_counter() - start, cpu() - start_cpu


def whole(data: bytes) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), cpu()
    pages = read_pages(data, OPTIONS)
    if extract_po is not None:
        extract_po(pages)
    return time.perf_counter() - start, cpu() - start_cpu


def run(reps: int) -> dict:
    docs = [(name, data, page_images(data)) for name, data in documents()]
    docs = [d for d in docs if d[2]]  # only files with pages that need OCR
    pages = sum(len(d[2]) for d in docs) * reps
    bare_s = whole_s = bare_cpu = whole_cpu = 0.0
    per_doc = []
    for _ in range(reps):
        for _name, data, images in docs:
            b, b_cpu = bare(images)
            w, w_cpu = whole(data)
            bare_s, bare_cpu = bare_s + b, bare_cpu + b_cpu
            whole_s, whole_cpu = whole_s + w, whole_cpu + w_cpu
            per_doc.append(w / b)
    return {"files": len(docs), "pages": pages, "bare": bare_s / pages, "whole": whole_s / pages,
            "bare_cpu": bare_cpu / pages, "whole_cpu": whole_cpu / pages,
            "ratio": whole_s / bare_s, "cpu_ratio": whole_cpu / bare_cpu,
            "median_doc_ratio": statistics.median(per_doc),
            "extract": extract_po is not None,
            "source": "sample_docs/scans" if (REPO / "sample_docs" / "scans").is_dir() else "generated"}


def report(r: dict) -> str:
    version = pytesseract.get_tesseract_version()
    return "\n".join([
        f"OCR path, {dt.date.today().isoformat()}, tesseract {version}, Python "
        f"{platform.python_version()}, one process, OMP_THREAD_LIMIT=1, "
        f"{r['files']} files / {r['pages']} scanned pages from {r['source']}"
        f" (`.venv/bin/python bench/bench_ocr.py --write`); load average"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the run, so absolute"
        f" seconds are inflated, the ratio much less.",
        "",
        "| path | seconds per page (wall) | CPU seconds per page (incl. tesseract) |",
        "|---|---|---|",
        f"| bare `pytesseract.image_to_string` on the page images | {r['bare']:.2f} |"
        f" {r['bare_cpu']:.2f} |",
        f"| whole path: render/decode, deskew, cleanup, orientation, `image_to_data`"
        f"{', extract_po' if r['extract'] else ''} | {r['whole']:.2f} | {r['whole_cpu']:.2f} |",
        "",
        f"Ratio whole / bare: **{r['ratio']:.2f}x** wall overall, {r['median_doc_ratio']:.2f}x median"
        f" per file, **{r['cpu_ratio']:.2f}x** CPU (steadier when other processes share the"
        f" cores) (target: within 1.3x). Erasing rulings makes tesseract itself faster on"
        f" ruled forms and the page goes to tesseract as BMP, not PNG; a page on its side"
        f" costs an OSD call, an upside-down page a second read.",
    ])


def write(text: str) -> None:
    path = REPO / "docs" / "benchmarks.md"
    body = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{START}\n## OCR (bench/bench_ocr.py)\n\n{text}\n{END}"
    if START in body and END in body:
        body = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, body, flags=re.S)
    else:
        body = body.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(exist_ok=True)
    path.write_text(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    text = report(run(args.reps))
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
