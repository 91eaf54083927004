"""Pages per second of the full PDF extraction (read_pdf + extract_po) against bare
pdfplumber `page.extract_words()` on the same files, single process, same run.

    .venv/bin/python bench/bench_extract.py [--reps 5] [--write]

Files: the committed sample POs, plus the born-digital PDFs in ../shared/eval/dev
when present. With --write the figures go into docs/benchmarks.md between the
bench_extract markers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402 - the repo is put on sys.path first

from extractors.pdf.read import read_pdf  # noqa: E402 - the repo is put on sys.path first
from extractors.po.extract import extract_po  # noqa: E402 - the repo is put on sys.path first

START, END = "<!-- bench_extract:start -->", "<!-- bench_extract:end -->"


def text_pdfs() -> list[Path]:
    files = sorted((REPO / "sample_docs" / "pos").glob("*.pdf"))
    dev = REPO.parent / "shared" / "eval" / "dev"
    if dev.is_dir():
        for path in sorted(dev.rglob("*")):
            if path.suffix.lower() == ".pdf":
                pages = read_pdf(path.read_bytes(), max_pages=200)
                if sum(len(p.words) for p in pages) >= 20:  # scans are OCR's business
                    files.append(path)
    return files


def full(blobs: list[bytes]) -> int:
    pages = 0
    for data in blobs:
        got = read_pdf(data, max_pages=200)
        extract_po(got)
        pages += len(got)
    return pages


def plumber(paths: list[Path]) -> int:
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                pages += 1
    return pages


def timed(fn, arg, reps: int) -> tuple[float, int]:
    """Median pages/second over `reps` runs."""
    rates, pages = [], 0
    for _ in range(reps):
        t = time.perf_counter()
        pages = fn(arg)
        rates.append(pages / (time.perf_counter() - t))
    return statistics.median(rates), pages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    paths = text_pdfs()
    blobs = [p.read_bytes() for p in paths]
    full(blobs)  # warm up imports and caches for both
    plumber(paths[:1])
    ours, pages = timed(full, blobs, args.reps)
    base, _ = timed(plumber, paths, args.reps)
    ratio = ours / base
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    lines = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine} (shared, busy machine); "
        f"{len(paths)} text PDFs, {pages} pages, median of {args.reps} runs, single process.",
        "",
        "| what | pages/s |",
        "|---|---:|",
        f"| full extraction: read_pdf + extract_po | {ours:.1f} |",
        f"| bare pdfplumber page.extract_words() | {base:.1f} |",
        f"| ratio (target >= 3x) | {ratio:.1f}x |",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        write(report)
    return 0


def write(report: str) -> None:
    doc = REPO / "docs" / "benchmarks.md"
    section = f"{START}\n## PDF extraction (bench/bench_extract.py)\n\n{report}\n{END}"
    text = doc.read_text() if doc.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
