"""Read a labelled document's pages once and keep them on disk.

Training and grouped evaluation read the same documents many times; reading a
PDF costs ~0.1-1 s and OCR seconds a page, so the pages are pickled by the
document's SHA-256 and the reader version. Change READER_VERSION when the PDF or
OCR reading changes, so stale words are never used.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from extractors.model import Page
from extractors.pages import ReadOptions, read_pages

READER_VERSION = "1"


def cache_dir() -> Path:
    base = os.environ.get("INTAKE_PAGES_CACHE") or Path.home() / ".cache" / "order-intake" / "pages"
    return Path(base)


def cached_pages(path: Path, options: ReadOptions = ReadOptions()) -> list[Page]:
    """The document's pages of words, read at most once per reader version and options."""
    data = Path(path).read_bytes()
    key = hashlib.sha256(data + f"|{READER_VERSION}|{options}".encode()).hexdigest()
    file = cache_dir() / key[:2] / f"{key}.pkl"
    if file.exists():
        with file.open("rb") as handle:
            return pickle.load(handle)
    pages = read_pages(data, options)
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump(pages, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(file)
    return pages
