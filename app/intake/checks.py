"""Pure checks on what was read: document type and extraction problems."""
from __future__ import annotations

import re

from extractors.model import Extraction, Page

_TITLES = {
    "purchase_order": re.compile(r"\b(purchase\s*order|p\.?\s?o\.?\s*(no|number|#)|bestellung|order\s*form|commande"
                                 r"|pedido)\b", re.I),
    "invoice": re.compile(r"\b(invoice|rechnung|facture|factura)\b", re.I),
    "quote": re.compile(r"\b(quotation|quote|angebot|estimate)\b", re.I),
    "statement": re.compile(r"\b(statement\s+of\s+account|account\s+statement|kontoauszug)\b", re.I),
    "order_confirmation": re.compile(r"\b(order\s+confirmation|auftragsbest[aä]tigung|sales\s+order\s+acknowledg)",
                                     re.I),
}


def document_type(pages: list[Page]) -> str:
    """What the first page says it is, judged by title words near the top."""
    if not pages or not pages[0].words:
        return "unknown"
    page = pages[0]
    top = " ".join(w.text for w in page.words if w.top < page.height * 0.35)
    whole = " ".join(w.text for w in page.words)
    for text in (top, whole):
        hits = {kind: len(rx.findall(text)) for kind, rx in _TITLES.items()}
        if hits["purchase_order"]:
            return "purchase_order"
        best = max(hits, key=hits.get)
        if hits[best]:
            return best
    return "unknown"


def reading_issues(ex: Extraction, pages: list[Page]) -> list[dict]:
    """Problems with reading itself (validation of the content comes after matching)."""
    issues: list[dict] = []
    if not any(p.words for p in pages):
        issues.append(dict(code="no_text", message="no text could be read from the document"))
    for note in ex.warnings:
        if "ocr_timeout" in note:
            issues.append(dict(code="ocr_timeout", message=f"OCR gave up on a page ({note})"))
    return issues
