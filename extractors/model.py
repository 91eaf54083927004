"""The word-and-box model every reader produces and every extractor consumes.

Coordinates are PDF points (1/72 inch) with the origin at the top-left of the
page, so a PDF text layer, an OCRed scan and an email body (one virtual page,
one line of words per text line) all look alike to the field extractor.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Source = Literal["pdf", "ocr", "email", "text"]
POINTS_PER_INCH = 72.0  # a PDF point is 1/72 inch
LETTER_WIDTH, LETTER_HEIGHT = 612.0, 792.0  # a US Letter page: the size assumed when none is known
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True, slots=True)
class Word:
    """One word with its box; `conf` is 1.0 for a text layer, 0..1 for OCR."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int  # 1-based page number
    conf: float = 1.0
    source: Source = "pdf"

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Page:
    """A page of words in reading order (top to bottom, left to right)."""

    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    source: Source = "pdf"
    # Why the page has no words, when it has none: "no_text", "ocr_timeout", ...
    note: str | None = None


@dataclass(slots=True)
class Field:
    """One extracted value and where it came from."""

    name: str
    value: str  # as printed
    normalized: str | None  # ISO date, decimal string, ISO 4217 code, ...
    confidence: float  # 0..1
    page: int | None = None
    bbox: BBox | None = None
    rule: str = ""  # which rule produced it, e.g. "label_right:po_number"


@dataclass(slots=True)
class LineItem:
    """One line of the order; each attribute is a Field or None."""

    sku: Field | None = None
    description: Field | None = None
    quantity: Field | None = None
    unit: Field | None = None
    unit_price: Field | None = None
    amount: Field | None = None
    confidence: float = 0.0
    page: int | None = None
    bbox: BBox | None = None

    def fields(self) -> dict[str, Field]:
        names = ("sku", "description", "quantity", "unit", "unit_price", "amount")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}


HEADER_FIELDS = (
    "po_number",
    "order_date",
    "requested_delivery_date",
    "buyer",
    "supplier",
    "ship_to",
    "bill_to",
    "currency",
    "subtotal",
    "tax",
    "shipping",
    "total",
    "payment_terms",
)


@dataclass(slots=True)
class Extraction:
    """Everything read from one document."""

    fields: dict[str, Field] = field(default_factory=dict)
    line_items: list[LineItem] = field(default_factory=list)
    # Cross-checks that ran ("line_amounts", "lines_sum_subtotal", "totals_add_up")
    # with True/False; used to raise or lower confidence.
    checks: dict[str, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    page_count: int = 0
    sources: list[str] = field(default_factory=list)  # per page: pdf / ocr / email

    def value(self, name: str) -> str | None:
        f = self.fields.get(name)
        if f is None:
            return None
        return f.normalized if f.normalized is not None else f.value

    def to_result(self) -> dict:
        """The JSON result format of shared/eval/README.md, plus details."""
        out: dict = {name: self.value(name) for name in HEADER_FIELDS}
        out["line_items"] = [
            {name: (f.normalized if f.normalized is not None else f.value)
             for name, f in item.fields().items()}
            for item in self.line_items
        ]
        out["confidence"] = {name: round(f.confidence, 3) for name, f in self.fields.items()}
        out["fields"] = {name: field_dict(f) for name, f in self.fields.items()}
        out["lines"] = [
            {"confidence": round(i.confidence, 3), "page": i.page, "bbox": i.bbox,
             "fields": {n: field_dict(f) for n, f in i.fields().items()}}
            for i in self.line_items
        ]
        out["checks"] = dict(self.checks)
        out["warnings"] = list(self.warnings)
        out["page_count"] = self.page_count
        return out


def field_dict(f: Field) -> dict:
    return {
        "value": f.value,
        "normalized": f.normalized,
        "confidence": round(f.confidence, 3),
        "page": f.page,
        "bbox": [round(v, 1) for v in f.bbox] if f.bbox else None,
        "rule": f.rule,
    }
