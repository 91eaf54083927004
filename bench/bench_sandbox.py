"""What reading in the sandbox costs: time per document read in a warm child process
(bytes sent, pages pickled back) against reading in-process, same files, same run.

    .venv/bin/python bench/bench_sandbox.py [--reps 5] [--write]

Files: the committed sample POs (born-digital PDFs: the fast path, where overhead shows
most) and the sample emails (parsed by `parse_email`). Rounds alternate inline and
sandbox so drift on the shared machine hits both. Also reported: a cold child's start
(paid once per child, then after a crash or every `parse_tasks_per_child` documents).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.report import write_section  # noqa: E402
from extractors.email.message.parse import parse_email  # noqa: E402
from extractors.read import ReadOptions, read_document  # noqa: E402
from extractors.sandbox import Limits, Sandbox  # noqa: E402


def per_document(files: list[bytes], run) -> float:
    start = time.perf_counter()
    for data in files:
        run(data)
    return (time.perf_counter() - start) / len(files)


def compare(files: list[bytes], fn, box: Sandbox, reps: int, *args) -> tuple[float, float]:
    inline, boxed = [], []
    for _ in range(reps):
        inline.append(per_document(files, lambda d: fn(d, *args)))
        boxed.append(per_document(files, lambda d: box.call(fn, d, *args)))
    return statistics.median(inline), statistics.median(boxed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    pdfs = [p.read_bytes() for p in sorted((REPO / "sample_docs" / "pos").glob("*.pdf"))]
    emails = [p.read_bytes() for p in sorted((REPO / "sample_docs" / "emails").glob("*.eml"))]
    box = Sandbox(Limits(idle_children=1))
    start = time.perf_counter()
    box.call(len, b"")  # the first child: a fresh interpreter importing the readers
    cold = time.perf_counter() - start
    options = ReadOptions()
    pdf_inline, pdf_boxed = compare(pdfs, read_document, box, args.reps, options)
    eml_inline, eml_boxed = compare(emails, parse_email, box, args.reps)
    box.close()
    lines = [
        "| input | files | inline ms/doc | sandbox ms/doc | overhead ms/doc | sandbox / inline |",
        "|---|---|---|---|---|---|",
        f"| born-digital PDF POs (`read_document`) | {len(pdfs)} | {pdf_inline * 1e3:.1f} | {pdf_boxed * 1e3:.1f} "
        f"| {(pdf_boxed - pdf_inline) * 1e3:.1f} | {pdf_boxed / pdf_inline:.2f} |",
        f"| sample emails (`parse_email`) | {len(emails)} | {eml_inline * 1e3:.1f} | {eml_boxed * 1e3:.1f} "
        f"| {(eml_boxed - eml_inline) * 1e3:.1f} | {eml_boxed / eml_inline:.2f} |",
        "",
        f"A cold child (fresh interpreter, readers imported) takes {cold * 1e3:.0f} ms to answer its first call; "
        "children are kept and reused, so this is paid once per child, again only after a crash, a limit or "
        "every `parse_tasks_per_child` documents. Scans are not measured here: OCR takes seconds a page, "
        f"beside which the overhead is noise. Median of {args.reps} alternating rounds.",
    ]
    print("\n".join(lines))
    if args.write:
        write_section("bench_sandbox", "Parsing in the sandbox: cost per document", lines)


if __name__ == "__main__":
    main()
