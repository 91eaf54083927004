"""Layout hints: where a customer's POs print a header field, learned from a clerk.

When a clerk corrects a header field, we find the corrected value on the page
and keep the label printed before it (or above it) and its box. The next PO of
the same customer reads that field from beside the same label, or from the
same place, before anything else is decided.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from app.catalog.models import LayoutHint
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.storage import BlobStore
from app.intake.models import Document
from extractors.model import Extraction, Field, Page, Word
from extractors.normalize import currency_of, money_str, parse_amount, parse_date
from extractors.read import ReadOptions, read_pages

DATES = {"order_date", "requested_delivery_date"}
MONEY = {"subtotal", "tax", "shipping", "total"}
MAX_WORDS = 8


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def normalise(field: str, text: str) -> str | None:
    if field in DATES:
        return parse_date(text)
    if field in MONEY:
        value = parse_amount(text)
        return money_str(value) if value is not None else None
    if field == "currency":
        return currency_of(text)
    return text.strip() or None


def _lines(page: Page) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for w in sorted(page.words, key=lambda w: (round(w.top), w.x0)):
        if rows and abs(rows[-1][0].top - w.top) < 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _same(field: str, text: str, value: str) -> bool:
    if _norm(text) == _norm(value):
        return True
    if field in DATES | MONEY:
        return normalise(field, text) == value or _money_eq(normalise(field, text), value)
    return False


def _money_eq(a: str | None, b: str) -> bool:
    try:
        return a is not None and Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def _box(words: list[Word]) -> tuple[float, float, float, float]:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def find_value(pages: list[Page], field: str, value: str) -> dict | None:
    """Where `value` is printed, with the label before or above it."""
    for page in pages:
        rows = _lines(page)
        for r, row in enumerate(rows):
            for i in range(len(row)):
                for n in range(1, min(MAX_WORDS, len(row) - i) + 1):
                    run = row[i:i + n]
                    if not _same(field, " ".join(w.text for w in run), value):
                        continue
                    label, pos = " ".join(w.text for w in row[max(0, i - 4):i]), "left"
                    if not label and r > 0:
                        above = [w for w in rows[r - 1] if w.x1 > run[0].x0 - 5 and w.x0 < run[-1].x1 + 5]
                        label, pos = " ".join(w.text for w in above), "above"
                    return {"page": page.number, "bbox": _box(run), "label": label, "pos": pos, "words": n}
    return None


def learn_hints(session: Session, settings: Settings, doc: Document, customer_id: int, values: dict[str, str]) -> int:
    """Keep a hint for each corrected field we can find on the page; returns how many."""
    try:
        pages = read_pages(BlobStore(settings.blob_dir).get(doc.sha256),
                           ReadOptions(max_pages=settings.max_pages, ocr_lang=settings.ocr_lang))
    except Exception:  # a document we cannot read again teaches nothing; the order stands
        return 0
    learned = 0
    for field, value in values.items():
        found = find_value(pages, field, str(value))
        if found is None:
            continue
        hint = session.exec(select(LayoutHint).where(LayoutHint.customer_id == customer_id,
                                                     LayoutHint.field == field)).first() or \
            LayoutHint(customer_id=customer_id, field=field)
        hint.label, hint.hint, hint.updated_at = found["label"], found, utcnow()
        session.add(hint)
        learned += 1
    return learned


def _after_label(rows: list[list[Word]], label: str, pos: str, count: int) -> list[Word] | None:
    key = _norm(label)
    for r, row in enumerate(rows):
        for i in range(len(row)):
            for n in range(1, 5):
                run = row[i:i + n]
                if _norm(" ".join(w.text for w in run)) != key:
                    continue
                if pos == "left":
                    rest = row[i + n:i + n + count]
                    return rest or None
                below = rows[r + 1] if r + 1 < len(rows) else []
                under = [w for w in below if w.x1 > run[0].x0 - 5 and w.x0 < run[-1].x1 + 5]
                return under[:count] or None
    return None


def apply_hints(pages: list[Page], extraction: Extraction, hints: list[LayoutHint]) -> list[str]:
    """Read hinted fields the way the clerk showed us; returns the fields set."""
    applied = []
    for hint in hints:
        h = hint.hint or {}
        page = next((p for p in pages if p.number == h.get("page")), pages[0] if pages else None)
        if page is None:
            continue
        words = _after_label(_lines(page), hint.label, h.get("pos", "left"), h.get("words", 1)) if hint.label else None
        if not words:
            x0, top, x1, bottom = h["bbox"]
            words = [w for w in page.words if w.x0 >= x0 - 8 and w.x1 <= x1 + 40 and w.top >= top - 4
                     and w.bottom <= bottom + 4]
        text = " ".join(w.text for w in words)
        normalized = normalise(hint.field, text) if text else None
        if not normalized:
            continue
        extraction.fields[hint.field] = Field(hint.field, text, normalized, 0.9, page.number, _box(words),
                                              f"layout_hint:{hint.label or 'position'}")
        applied.append(hint.field)
    return applied


def hints_for(session: Session, customer_id: int) -> list[LayoutHint]:
    return list(session.exec(select(LayoutHint).where(LayoutHint.customer_id == customer_id)))
