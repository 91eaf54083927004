"""Order and delivery dates whose labels OCR could not read, placed by chronology.

A fax turns small grey labels ("Bestelldatum", "Order Date") into hairline
fragments that read as junk, while the bold values under them read fine. A
date printed in the header under such junk (words above it, all read with low
confidence, none of them a known label) is an unlabelled date. A delivery is
asked for after the order is placed, so: two unlabelled dates and neither field
found -> the earlier is the order date, the later the delivery date; one field
found -> the only unlabelled date on the right side of it is the other. Only
OCRed pages, and only when exactly one reading fits.
"""
from __future__ import annotations

import itertools
from dataclasses import replace

from extractors import confidence
from extractors.layout.textlines import Line
from extractors.model import Field, Word
from extractors.normalize import parse_date

GARBLED_CONF = 0.6  # mean confidence of the words above a value under which its label is junk
ABOVE_LINES = 2.5  # how far above the value its label may sit, in the value's line heights
LABEL_LINES = 4  # text lines above the value searched for its label
DATE_WORDS = (3, 2, 1)  # words a date is printed in ("25 February 2024"), longest first


def unlabelled_dates(best: dict[str, Field], lines: list[Line], dayfirst: bool,
                     first_table_line: int | None, label_words: set[int]) -> dict[str, Field]:
    """order_date / requested_delivery_date for the ones `best` lacks, or nothing."""
    order, due = best.get("order_date"), best.get("requested_delivery_date")
    if order is not None and due is not None:
        return {}
    used = {f.normalized for f in best.values() if f.normalized}
    found: dict[str, Field] = {}
    for i, line in enumerate(lines):
        if line.page != 1 or (first_table_line is not None and i >= first_table_line):
            break
        if not any(w.source == "ocr" for w in line.words):
            continue
        for chunk, iso in _dates(line, dayfirst):
            if iso not in used and iso not in found and _under_junk(chunk, lines[:i], label_words):
                found[iso] = _field(chunk, iso)
    return _by_chronology(order, due, found)


def _by_chronology(order: Field | None, due: Field | None, found: dict[str, Field]) -> dict[str, Field]:
    dates = sorted(found)
    if order is None and due is None:
        if len(dates) == 2:
            return {"order_date": _named(found[dates[0]], "order_date"),
                    "requested_delivery_date": _named(found[dates[1]], "requested_delivery_date")}
        return {}
    if order is None:
        before = [d for d in dates if d <= due.normalized]
        return {"order_date": _named(found[before[0]], "order_date")} if len(before) == 1 else {}
    after = [d for d in dates if d >= order.normalized]
    if len(after) == 1:
        return {"requested_delivery_date": _named(found[after[0]], "requested_delivery_date")}
    return {}


def _dates(line: Line, dayfirst: bool):
    """Each date printed on the line: one word ('2024-03-27') or up to three ('25 February 2024')."""
    words, i = line.words, 0
    while i < len(words):
        for n in DATE_WORDS:
            chunk = words[i:i + n]
            if len(chunk) == n and _near(chunk):
                iso = parse_date(" ".join(w.text for w in chunk), dayfirst)
                if iso:
                    yield chunk, iso
                    i += n - 1
                    break
        i += 1


def _near(chunk: list[Word]) -> bool:
    """Words of one printed value: close together on the line."""
    height = max(w.bottom - w.top for w in chunk)
    return all(b.x0 - a.x1 < height for a, b in itertools.pairwise(chunk))


def _under_junk(chunk: list[Word], above: list[Line], label_words: set[int]) -> bool:
    """Words sit above the value, none is a known label, and they read as junk."""
    x0, x1 = chunk[0].x0, chunk[-1].x1
    top = min(w.top for w in chunk)
    reach = ABOVE_LINES * max(w.bottom - w.top for w in chunk)
    over = [w for line in above[-LABEL_LINES:] for w in line.words
            if w.page == chunk[0].page and top - reach <= w.top < top and w.x1 > x0 and w.x0 < x1]
    if not over or any(id(w) in label_words for w in over):
        return False
    return sum(w.conf for w in over) / len(over) < GARBLED_CONF


def _field(chunk: list[Word], iso: str) -> Field:
    box = (chunk[0].x0, min(w.top for w in chunk), chunk[-1].x1, max(w.bottom for w in chunk))
    return Field("", " ".join(w.text for w in chunk), iso, confidence.DATE_BY_CHRONOLOGY, chunk[0].page, box,
                 "derived:unlabelled_date")


def _named(f: Field, name: str) -> Field:
    return replace(f, name=name)
