"""Generate sample purchase orders with truth files (and scanned variants).

    python sample_docs/generate.py --out DIR --count N --seed S [--scans]
    python sample_docs/generate.py --fixtures      # rebuild pos/, scans/, master/

Seeded and reproducible: the same seed gives byte-identical files.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sample_docs.pogen.build import Built, build, write, write_truth
from sample_docs.pogen.master import write_master
from sample_docs.pogen.orders import truth
from sample_docs.pogen.scans import ANY_PAGE_KINDS, EXT, SINGLE_PAGE_KINDS, blank_png, variant
from sample_docs.pogen.styles import STYLES

HERE = Path(__file__).resolve().parent
PAGE_WEIGHTS = {1: 0.75, 2: 0.18, 3: 0.07}
BLANK_TRUTH = {"po_number": None, "order_date": None, "requested_delivery_date": None, "buyer": None,
               "supplier": None, "ship_to": None, "currency": None, "subtotal": None, "tax": None,
               "total": None, "line_items": []}


def write_scan(built: Built, pdf_path: Path, kind: str, rng: random.Random) -> Path:
    """A scanned variant beside the PDF, with the same truth."""
    path = pdf_path.with_name(f"{pdf_path.stem}-{kind}.{EXT[kind]}")
    path.write_bytes(variant(built.pdf, kind, rng))
    write_truth(path, truth(built.po))
    return path


def write_blank(out_dir: Path, rng: random.Random) -> Path:
    path = out_dir / "blank-page.png"
    path.write_bytes(blank_png(rng))
    write_truth(path, BLANK_TRUTH)
    return path


def generate(out_dir, count: int, seed: int, scans: bool = False) -> list[Path]:
    """`count` POs over every layout in turn (1-3 pages), each with NAME.pdf.truth.json;
    with `scans`, one scanned variant per PO plus a blank page. Writes manifest.csv."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    layouts = sorted(STYLES)
    random.Random(seed).shuffle(layouts)
    pdfs, scan_paths, manifest = [], [], []
    for i in range(count):
        rng = random.Random(f"{seed}-{i}")
        layout = layouts[i % len(layouts)]
        pages = rng.choices(list(PAGE_WEIGHTS), list(PAGE_WEIGHTS.values()))[0]
        built = build(layout, rng, pages)
        path = write(built, out_dir, built.name(f"{i:05d}-"))
        pdfs.append(path)
        manifest.append([path.name, layout, built.pages, len(built.po.lines), "pdf"])
        if scans:
            kind = rng.choice(SINGLE_PAGE_KINDS + ANY_PAGE_KINDS[:2] if built.pages == 1 else ANY_PAGE_KINDS)
            spath = write_scan(built, path, kind, rng)
            scan_paths.append(spath)
            manifest.append([spath.name, layout, built.pages, len(built.po.lines), kind])
    if scans:
        scan_paths.append(write_blank(out_dir, random.Random(f"{seed}-blank")))
        manifest.append([scan_paths[-1].name, "", 1, 0, "blank"])
    with (out_dir / "manifest.csv").open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "layout", "pages", "lines", "kind"])
        w.writerows(manifest)
    return pdfs + scan_paths


# The committed fixture sets: (layout, pages, seed) and scanned variants of some.
FIXTURE_POS = [("acme", 1, 11), ("acme", 2, 12), ("bauer", 1, 21), ("bauer", 2, 22), ("britwell", 1, 31),
               ("maple", 1, 41), ("shakti", 1, 51), ("shakti", 3, 52), ("pacific", 1, 61), ("pacific", 3, 62),
               ("vandijk", 1, 71), ("northstar", 2, 81), ("harbor", 1, 91),
               ("mix", 1, 101), ("mix", 2, 103)]
FIXTURE_SCANS = [("acme", 1, 11, "rot90"), ("harbor", 1, 91, "photo"), ("pacific", 1, 61, "skew"),
                 ("bauer", 2, 22, "fax"), ("britwell", 1, 31, "scan"), ("northstar", 2, 81, "mixed")]


def make_fixtures(root: Path = HERE) -> list[Path]:
    """Rebuild sample_docs/pos, sample_docs/scans and sample_docs/master."""
    out = []
    pos, scans = root / "pos", root / "scans"
    pos.mkdir(exist_ok=True)
    scans.mkdir(exist_ok=True)
    built = {}
    for layout, pages, seed in FIXTURE_POS:
        b = build(layout, random.Random(seed), pages)
        assert b.pages == pages, (layout, pages, b.pages)
        built[(layout, pages, seed)] = b
        out.append(write(b, pos, b.name()))
    for layout, pages, seed, kind in FIXTURE_SCANS:
        b = built[(layout, pages, seed)]
        out.append(write_scan(b, scans / b.name(), kind, random.Random(f"{seed}-{kind}")))
    out.append(write_blank(scans, random.Random("blank")))
    return out + write_master(root / "master")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="output folder")
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scans", action="store_true", help="also write scanned/faxed/photographed variants")
    ap.add_argument("--master", type=Path, help="also write the master-data CSVs into this folder")
    ap.add_argument("--fixtures", action="store_true", help="rebuild the committed fixture sets")
    args = ap.parse_args(argv)
    if args.fixtures:
        paths = make_fixtures()
    elif args.out:
        paths = generate(args.out, args.count, args.seed, args.scans)
    else:
        ap.error("give --out DIR or --fixtures")
    if args.master:
        paths += write_master(args.master)
    print(f"wrote {len(paths)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
