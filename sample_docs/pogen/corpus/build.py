"""One generated document: drawn (twice when it counts its pages), and its
truth (the scorer's format) and layout records derived from what was printed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .compose import draw_document
from .content import Doc
from .formats import NUMBER_STYLES, places_of
from .kinds import RULES
from .render import Renderer

WORDS_NAME_CURRENCY = ("in", "en_cur", "de")  # amount-in-words styles that name the currency


@dataclass
class Built:
    doc: Doc
    pdf: bytes
    pages: int
    truth: dict
    layout: dict


def render(doc: Doc) -> tuple[bytes, Renderer]:
    """The PDF and the renderer that drew it (its recorder holds what was printed)."""
    r = Renderer(doc, None)
    draw_document(r)
    pdf = r.pen.finish()
    if r.d.page_footer:  # draw again now that the page count is known
        pages = r.pen.page
        r = Renderer(doc, pages)
        draw_document(r)
        pdf = r.pen.finish()
    return pdf, r


def money(x: Decimal | None) -> str | None:
    return None if x is None else f"{x:.2f}"


def decimal_text(x: Decimal) -> str:
    return f"{x:.{places_of(x)}f}"


def printed_roles(r: Renderer) -> dict[int, set[str]]:
    """For each item index, the roles printed for it (table cells and key-value items)."""
    out: dict[int, set[str]] = {}
    for t in r.rec.tables.values():
        for row in t["rows"]:
            if row["kind"] == "item":
                out.setdefault(row["item"], set()).update(c["role"] for c in row.get("cells", []))
    for kv in r.rec.kv_items:
        out.setdefault(kv["item"], set()).update(kv["fields"])
    return out


def currency_shown(r: Renderer) -> bool:
    f = r.rec.fields
    if "currency" in f:
        return True
    if any(e.get("with_symbol") for entries in f.values() for e in entries):
        return True
    style = "in" if r.shows("words_only") else r.d.words_style
    return "amount_in_words" in f and style in WORDS_NAME_CURRENCY


def line_dates(doc: Doc, roles: dict[int, set[str]]) -> set:
    return {ln.when for i, ln in enumerate(doc.lines) if ln.when and "date" in roles.get(i, set())}


def truth(doc: Doc, r: Renderer) -> dict:
    f, kind = r.rec.fields, doc.kind
    roles = printed_roles(r)
    out = {
        "po_number": doc.number if kind == "purchase_order" else (doc.po_ref if "po_number" in f else None),
        "order_date": (doc.day if kind == "purchase_order" else doc.po_day if "order_date" in f else None),
        "requested_delivery_date": doc.delivery if "requested_delivery_date" in f else None,
        "buyer": doc.buyer.name if "buyer" in f else None,
        "supplier": doc.supplier.name if "supplier" in f else None,
        "ship_to": doc.ship_to.one_line() if "ship_to" in f and doc.ship_to else None,
        "currency": doc.family.currency if currency_shown(r) else None,
        "subtotal": money(doc.subtotal) if "subtotal" in f else None,
        "tax": money(doc.tax) if "tax" in f else None,
        "total": money(doc.total) if "total" in f else None,
    }
    for key in ("order_date", "requested_delivery_date"):
        out[key] = out[key].isoformat() if out[key] else None
    dates = line_dates(doc, roles)
    if kind == "purchase_order" and out["requested_delivery_date"] is None and dates:
        if len(dates) == 1:
            out["requested_delivery_date"] = next(iter(dates)).isoformat()
        else:
            del out["requested_delivery_date"]  # only per-line dates that differ: not judged
    priced = RULES[kind].prices
    out["line_items"] = (
        []
        if kind == "statement"
        else [
            {
                "sku": ln.sku if "sku" in roles.get(i, set()) else None,
                "description": ln.description,
                "quantity": f"{ln.quantity.normalize():f}",
                "unit_price": decimal_text(ln.unit_price) if priced else None,
                "amount": money(ln.amount) if priced else None,
            }
            for i, ln in enumerate(doc.lines)
        ]
    )
    out["document_type"] = kind
    if "payment_terms" in f:
        out["payment_terms"] = doc.payment_terms
    return out


def layout(doc: Doc, r: Renderer, pages: int, doc_id: str) -> dict:
    d, fam = r.d, doc.family
    group, point, indian = NUMBER_STYLES[d.number_style]
    return r.rec.layout(
        id=doc_id,
        doc_type=doc.kind,
        layout_group=fam.key,
        lang=fam.lang,
        lang2=fam.lang2,
        country=fam.country.code,
        currency=fam.currency,
        page_size=[round(r.pen.w, 2), round(r.pen.h, 2)],
        pages=pages,
        number_format={"group": group, "decimal": point, "indian": indian},
        date_format=d.date_style,
        design={
            k: getattr(d, k)
            for k in (
                "fields_style",
                "parties",
                "table_style",
                "letterhead",
                "title_at",
                "totals_style",
                "buyer_name_at",
                "face",
                "value_face",
                "currency_show",
            )
        },
        line_count=len(doc.lines),
    )


def build(doc: Doc, doc_id: str) -> Built:
    pdf, r = render(doc)
    return Built(doc, pdf, r.pen.page, truth(doc, r), layout(doc, r, r.pen.page, doc_id))
