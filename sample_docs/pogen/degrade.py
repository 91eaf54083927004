"""Scanned copies of labelled documents, for measuring the OCR path on the same
documents as their text twins.

    python -m sample_docs.pogen.degrade SRC_DIR OUT_DIR --seed S [--profile scan|fax|photo] [--jobs J]

Every PDF or image under SRC_DIR (recursively) with a NAME.truth.json beside
it becomes OUT_DIR/<same folder>/NAME.pdf: its pages rendered at 200 dpi in
grey, then degraded by the profile and saved as an image-only PDF (no text
layer). The truth file is copied beside it, and each folder's SOURCES.tsv rows
are carried over with the same layout_group and the new local_path.

Profiles: 'scan' (office scanner: skew up to +-1.5 degrees, specks, slight
blur, a grey cast, JPEG), 'fax' (1-bit, 100 dpi vertical resolution, noise),
'photo' (phone photo: perspective, uneven light, colour cast, JPEG). Each file
is degraded from its own seed (the run's seed and its path), so the output
does not depend on the order or the number of jobs."""
from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sys
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from .scans import fax, noise, photo, specks

DPI = 200
MAX_SKEW = 1.5                 # degrees either way
A4_WIDTH_IN = 8.27             # an image without a resolution is taken as an A4-wide page
DOC_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
PROFILES = ("scan", "fax", "photo")
JPEG_QUALITY = (35, 60)        # scanner software's range
FIXED_TIME = "D:20240101000000"
REPO = Path(__file__).resolve().parents[2]


def pages_of(path: Path) -> list[Image.Image]:
    """The document's pages in grey at DPI."""
    if path.suffix.lower() == ".pdf":
        doc = pdfium.PdfDocument(path)
        try:
            return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in doc]
        finally:
            doc.close()
    img = Image.open(path)
    out = []
    for frame in range(getattr(img, "n_frames", 1)):
        img.seek(frame)
        page = img.convert("L")
        dpi = (img.info.get("dpi") or (page.width / A4_WIDTH_IN,))[0] or page.width / A4_WIDTH_IN
        scale = DPI / float(dpi)
        if abs(scale - 1) > 0.05:
            page = page.resize((round(page.width * scale), round(page.height * scale)), Image.LANCZOS)
        out.append(page)
    return out


def scanner(img: Image.Image, rng: random.Random) -> Image.Image:
    """Skew (page size kept), slight blur, paper grey, dust, faint grain, JPEG."""
    angle = rng.uniform(-MAX_SKEW, MAX_SKEW)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    lut = np.clip(np.arange(256) * rng.uniform(0.88, 0.95) + rng.uniform(6, 14), 0, 255).astype(np.uint8)
    img = Image.fromarray(lut[np.asarray(img)], "L")
    img = specks(img, rng, rng.randint(20, 80))
    return noise(img, rng, rng.uniform(2, 5))


def faxed(img: Image.Image, rng: random.Random) -> Image.Image:
    """A fax at 200 x 100 dpi, shown with square pixels again (each row twice)."""
    small = fax(img, rng, DPI)
    return small.convert("L").resize((small.width, small.height * 2), Image.NEAREST).convert("1")


def degrade_pages(pages: list[Image.Image], profile: str, rng: random.Random) -> list[Image.Image]:
    if profile == "scan":
        return [scanner(p, rng) for p in pages]
    if profile == "fax":
        return [faxed(p, rng) for p in pages]
    if profile == "photo":
        return [photo(p, rng) for p in pages]
    raise ValueError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")


def image_only_pdf(images: list[Image.Image], rng: random.Random) -> bytes:
    buf = io.BytesIO()
    quality = rng.randint(*JPEG_QUALITY)
    first, rest = images[0], images[1:]
    lossy = {} if first.mode == "1" else {"quality": quality}   # 1-bit pages go in as CCITT G4, like a fax
    first.save(buf, "PDF", resolution=DPI, save_all=True, append_images=rest, creationDate=FIXED_TIME,
               modDate=FIXED_TIME, producer="sample_docs degrade", **lossy)
    return buf.getvalue()


def documents(src: Path) -> list[Path]:
    """Every document under `src` that has a truth file beside it."""
    out = []
    for truth in sorted(src.rglob("*.truth.json")):
        doc = truth.with_name(truth.name[: -len(".truth.json")])
        if doc.suffix.lower() in DOC_SUFFIXES and doc.exists():
            out.append(doc)
    return out


def target(doc: Path, src: Path, out: Path) -> Path:
    """OUT/<folder>/NAME.pdf; an image keeps its extension in the name (Form_1.jpg -> Form_1.jpg.pdf)."""
    rel = doc.relative_to(src)
    name = rel.name if rel.suffix.lower() == ".pdf" else rel.name + ".pdf"
    return out / rel.parent / name


def degrade_one(args: tuple[Path, Path, Path, int, str]) -> Path:
    doc, src, out, seed, profile = args
    rng = random.Random(f"{seed}-{profile}-{doc.relative_to(src).as_posix()}")
    dest = target(doc, src, out)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(image_only_pdf(degrade_pages(pages_of(doc), profile, rng), rng))
    shutil.copyfile(doc.with_name(doc.name + ".truth.json"), dest.with_name(dest.name + ".truth.json"))
    return dest


def carry_sources(src: Path, out: Path, done: dict[Path, Path], profile: str, seed: int) -> list[Path]:
    """Each SOURCES.tsv under src, rewritten for the copies made from its documents."""
    written = []
    for sources in sorted(src.rglob("SOURCES.tsv")):
        base = sources.parent
        with sources.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t")
            header = next(reader)
            rows = list(reader)
        col = {name: i for i, name in enumerate(header)}
        kept = []
        for row in rows:
            path = base / row[col["local_path"]]
            is_truth = path.name.endswith(".truth.json")
            doc = path.with_name(path.name[: -len(".truth.json")]) if is_truth else path
            if doc not in done:
                continue
            new = done[doc].relative_to(out / base.relative_to(src))
            row = list(row)
            row[col["local_path"]] = new.as_posix() + (".truth.json" if is_truth else "")
            if not is_truth:
                row[col["kind"]] = f"{row[col['kind']]}_degraded_{profile}"
                row[col["notes"]] = f"{profile} copy (seed {seed}, image only) of: {row[col['notes']]}"
            kept.append(row)
        if kept:
            dest = out / base.relative_to(src) / "SOURCES.tsv"
            dest.parent.mkdir(parents=True, exist_ok=True)
            with dest.open("w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, delimiter="\t", lineterminator="\n")
                w.writerow(header)
                w.writerows(kept)
            written.append(dest)
    return written


def degrade_tree(src, out, seed: int, profile: str = "scan", jobs: int = 1) -> list[Path]:
    """Degraded copies of every labelled document under `src`; returns their paths."""
    src, out = Path(src).resolve(), Path(out).resolve()
    if out == src or src in out.parents:
        raise ValueError("OUT_DIR must not lie inside SRC_DIR")
    if out == REPO or REPO in out.parents:
        raise ValueError(f"OUT_DIR must lie outside the repository ({REPO}): scans of real documents are not committed")
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}")
    tasks = [(doc, src, out, seed, profile) for doc in documents(src)]
    if jobs > 1:
        with get_context("fork").Pool(jobs) as pool:
            made = pool.map(degrade_one, tasks, chunksize=1)
    else:
        made = [degrade_one(t) for t in tasks]
    carry_sources(src, out, {t[0]: m for t, m in zip(tasks, made)}, profile, seed)
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_docs.pogen.degrade", description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path, help="folder of documents with truth files (searched recursively)")
    ap.add_argument("out", type=Path, help="folder for the copies (outside the repository)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", choices=PROFILES, default="scan")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    made = degrade_tree(args.src, args.out, args.seed, args.profile, args.jobs)
    print(f"wrote {len(made)} {args.profile} copies to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
