"""Accuracy on generated scans against the same POs born-digital, per kind of scan.

    .venv/bin/python bench/eval_scans.py [--count 24] [--seed 1] [--out DIR] [--cached-ocr] [-v]

Generates `count` POs with one scanned variant each (sample_docs generator: rotated,
skewed, photo, fax, scanned PDF, mixed PDF), extracts every file and scores it with
the published scorer's rules (shared/eval/score.py). With --cached-ocr the OCR words
of the last run are reused, to try changes to the field extractor quickly.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import os
import pickle
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["OMP_THREAD_LIMIT"] = "1"

from extractors.po.extract import extract_po  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT
from extractors.read import ReadOptions, read_pages  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT
from sample_docs.generate import generate  # noqa: E402 - after sys.path and OMP_THREAD_LIMIT

SCORER = REPO.parent / "shared" / "eval" / "score.py"


def scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages_of(path: Path, cache: Path | None):
    data = path.read_bytes()
    key = cache / (hashlib.sha256(data).hexdigest()[:16] + ".pkl") if cache else None
    if key is not None and key.exists():
        return pickle.loads(key.read_bytes()), 0.0
    start = time.perf_counter()
    pages = read_pages(data, ReadOptions())
    spent = time.perf_counter() - start
    if key is not None:
        key.write_bytes(pickle.dumps(pages))
    return pages, spent


class Tally:
    def __init__(self, score):
        self.score, self.right, self.total = score, 0, 0
        self.lines_c = self.lines_t = self.lines_p = 0

    def add(self, truth: dict, pred: dict) -> list[str]:
        misses = []
        for name, kind in self.score.HEADER_FIELDS.items():
            want = truth.get(name)
            if want in (None, "", []):
                continue
            self.total += 1
            if self.score.same(kind, want, pred.get(name)):
                self.right += 1
            else:
                misses.append(f"{name}: want {want!r} got {pred.get(name)!r}")
        c, t, p = self.score.score_lines(truth.get("line_items") or [], pred.get("line_items") or [])
        self.lines_c, self.lines_t, self.lines_p = self.lines_c + c, self.lines_t + t, self.lines_p + p
        if c != t or p != t:
            misses.append(f"lines: {c} right of {t} true, {p} predicted")
        return misses

    def figures(self) -> tuple[float, float]:
        prec = self.lines_c / self.lines_p if self.lines_p else 0.0
        rec = self.lines_c / self.lines_t if self.lines_t else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return (self.right / self.total if self.total else 0.0), f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--cached-ocr", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    out = args.out or Path(f"/tmp/scan-eval-{args.seed}-{args.count}")
    if not (out / "manifest.csv").exists():
        generate(out, args.count, args.seed, scans=True)
    cache = out / "ocr-cache"
    cache.mkdir(exist_ok=True)
    if not args.cached_ocr:
        for old in cache.glob("*.pkl"):
            old.unlink()
    score = scorer()
    rows = list(csv.DictReader((out / "manifest.csv").open()))
    kinds = {r["file"]: r["kind"] for r in rows}
    tallies: dict[str, Tally] = {}
    ocr_seconds = 0.0
    for name, kind in kinds.items():
        if kind == "blank":
            continue
        path = out / name
        truth = json.loads((out / (name + ".truth.json")).read_text())
        pages, spent = pages_of(path, cache if kind != "pdf" else None)
        ocr_seconds += spent
        pred = extract_po(pages).to_result()
        misses = Tally.add(tallies.setdefault(kind, Tally(score)), truth, pred)
        group = "digital" if kind == "pdf" else "scanned"
        Tally.add(tallies.setdefault(group, Tally(score)), truth, pred)
        if args.verbose and misses:
            print(f"{name}:\n  " + "\n  ".join(misses))
    print(f"{'kind':<10}{'header':>8}{'line F1':>9}{'fields':>8}{'lines':>7}")
    for kind in sorted(tallies, key=lambda k: (k in ("digital", "scanned"), k)):
        t = tallies[kind]
        header, f1 = t.figures()
        print(f"{kind:<10}{header:>8.3f}{f1:>9.3f}{t.total:>8}{t.lines_t:>7}")
    print(f"OCR seconds: {ocr_seconds:.1f}")


if __name__ == "__main__":
    main()
