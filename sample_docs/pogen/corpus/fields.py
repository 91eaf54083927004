"""The header fields of a document (number, dates, terms, references) and the
ways forms lay them out: label left of the value, label above it, boxed cells,
a filled band, an ERP window box, running text."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import RULES
from .pen import Font, wrap
from .render import DATE_WORD, GREY, Renderer


@dataclass
class Entry:
    label: str
    values: list[tuple[str, str | None]]  # (printed text, field recorded); two values: "a / b"


def header_entries(r: Renderer) -> list[Entry]:
    doc, d = r.doc, r.d
    kind = doc.kind
    po_like = kind in ("purchase_order", "rfq")
    no_field, date_field = ("po_number", "order_date") if kind == "purchase_order" else ("doc_number", "doc_date")
    no_label = r.label("po_number") if kind == "purchase_order" else r.label("doc_number")
    date_label = r.label("order_date") if kind == "purchase_order" else r.label("doc_date")
    out = []
    if d.combined_number_date:
        word = DATE_WORD.get(r.fam.lang, "Date")
        out.append(
            Entry(
                f"{no_label}/{word if d.label_case != 'upper' else word.upper()}",
                [(doc.number, no_field), (r.date(doc.day), date_field)],
            )
        )
    else:
        out += [Entry(no_label, [(doc.number, no_field)]), Entry(date_label, [(r.date(doc.day), date_field)])]
    if doc.po_ref and not po_like:
        out.append(Entry(r.label("po_ref"), [(doc.po_ref, "po_number")]))
        if doc.po_day:
            out.append(Entry(r.label("po_date"), [(r.date(doc.po_day), "order_date")]))
    own = {"invoice": "due_date", "quote": "valid_until", "rfq": "reply_by"}.get(kind)
    if own:
        out.append(Entry(r.label(own), [(r.date(doc.other_dates[own]), own)]))
    if doc.delivery:
        field = "requested_delivery_date" if po_like else "confirmed_delivery_date"
        out.append(Entry(r.label("delivery_date"), [(r.date(doc.delivery), field)]))
    if doc.payment_terms and RULES[kind].prices:
        out.append(Entry(r.label("payment_terms"), [(doc.payment_terms, "payment_terms")]))
    if doc.contact:
        out.append(Entry(r.label("contact"), [(doc.contact, "contact")]))
    if (r.shows("field") or r.currency_code_needed()) and RULES[kind].prices:
        out.append(Entry(r.label("currency"), [(r.fam.currency, "currency")]))
    for key, value in doc.extras:
        out.append(Entry(r.label(key), [(value, key)]))
    return out


def draw_values(r: Renderer, x: float, y: float, e: Entry, font: Font, label_box, max_w: float | None = None) -> tuple:
    """The entry's value(s) from x on the baseline y (wrapped under itself when too wide); returns (right, y below)."""
    if len(e.values) == 2:
        (a, fa), (b, fb) = e.values
        boxes = r.pen.runs(x, y, [(a, font), (" / ", font), (b, font)])
        r.rec.field(fa, r.pen.page, boxes[0], a, e.label, label_box)
        r.rec.field(fb, r.pen.page, boxes[2], b, e.label, label_box)
        return boxes[2][2], y + r.lead
    text, field = e.values[0]
    lines = wrap(text, font, max_w) if max_w and font.width(text) > max_w else [text]
    boxes = [r.pen.text(x, y + k * r.lead, s, font) for k, s in enumerate(lines)]
    if field:
        r.rec.field(field, r.pen.page, boxes, text, e.label, label_box)
    return max(b[2] for b in boxes), y + len(lines) * r.lead


def _label(r: Renderer, x: float, y: float, text: str, font: Font | None = None, color=None, align="left"):
    color = color if color is not None else (GREY if r.d.label_grey else (0, 0, 0))
    return r.pen.text(x, y, r.with_colon(text), font or r.label_f, align=align, color=color)


def fit(font: Font, text: str, width: float, floor: float = 4.5) -> Font:
    """`font`, smaller if `text` would not fit in `width` (never below `floor`)."""
    w = font.width(text)
    return font if w <= width else Font(font.name, max(floor, font.size * width / w))


def kv(r: Renderer, entries: list[Entry], x: float, y: float, width: float) -> float:
    """Labels in a column, values aligned right of them (or right-aligned labels against the values)."""
    lw = min(max(r.label_f.width(r.with_colon(e.label)) for e in entries), width * 0.55)
    align_right = r.family_rng("kv_align").random() < 0.3
    for e in entries:
        font = fit(r.label_f, r.with_colon(e.label), lw)
        lbox = _label(r, x + lw if align_right else x, y, e.label, font, align="right" if align_right else "left")
        _right, y = draw_values(r, x + lw + 8, y, e, r.value, lbox, max_w=width - lw - 8)
        y += r.lead * 0.15
    return y


def inline(r: Renderer, entries: list[Entry], x: float, y: float, width: float) -> float:
    """'Label: value' pairs running across the page, several to a line."""
    cx = x
    for e in entries:
        need = r.label_f.width(r.with_colon(e.label)) + 6 + sum(r.value.width(v) for v, _ in e.values) + 30
        if cx > x and cx + need > x + width:
            cx, y = x, y + r.lead * 1.3
        lbox = _label(r, cx, y, e.label)
        right, _ = draw_values(r, lbox[2] + 5, y, e, r.value, lbox)
        cx = right + 22
    return y + r.lead * 1.5


def cells(r: Renderer, entries: list[Entry], x: float, y: float, width: float, style: str) -> float:
    """Label above value in cells: 'above' (no lines), 'grid' (boxed), 'band' (a filled label row)."""
    rng = r.family_rng("cells")
    per_row = rng.choice((3, 4, 5, 6)) if style != "above" else rng.choice((3, 4, 5))
    small = Font(r.label_f.name, max(6, r.d.label_size - 1.5))
    vfont = r.value_b if style != "above" or r.family_rng("above_bold").random() < 0.5 else r.value
    widest = max(max(small.width(e.label) * 0.8, vfont.width(" / ".join(v for v, _f in e.values))) for e in entries)
    per_row = max(2, min(per_row, int(width // (widest + 12))))
    cw = width / per_row
    for start in range(0, len(entries), per_row):
        row = entries[start : start + per_row]
        depth = max(len(wrap(e.values[0][0], vfont, cw - 6)) if len(e.values) == 1 else 1 for e in row)
        ch = small.size + r.lead * depth + 8
        if style == "band":
            r.pen.rect(x, y, width, small.size + 5, fill=r.d.accent, stroke=False)
        for i, e in enumerate(row):
            cx = x + i * cw
            if style == "grid":
                r.pen.rect(cx, y, cw, ch)
            color = (1, 1, 1) if style == "band" else GREY
            lbox = r.pen.text(cx + 3, y + small.size + 1, e.label, fit(small, e.label, cw - 8), color=color)
            draw_values(r, cx + 3, y + small.size + r.lead + 3, e, vfont, lbox, max_w=cw - 6)
        y += ch + (2 if style == "grid" else 6)
    return y + 8


def window(r: Renderer, entries: list[Entry], title: str, x: float, y: float, width: float) -> float:
    """An ERP print form's box: a grey title bar with the document title, small labels over values."""
    small = Font(r.label_f.name, max(5.5, r.d.label_size - 2))
    bar = r.title_f.size * 0.9 + 6
    top = y
    r.pen.rect(x, y, width, bar, fill=(0.8, 0.8, 0.8), stroke=False)
    tfont = Font(r.fb.name, min(r.title_f.size, 13))
    tbox = r.pen.text(x + 5, y + bar - 5, title, tfont)
    r.rec.field("title", r.pen.page, tbox, title)
    y += bar + small.size + 4
    for e in entries:
        lbox = r.pen.text(x + 5, y, e.label, fit(small, e.label, width - 10))
        _right, y = draw_values(r, x + 5, y + r.lead, e, r.value, lbox, max_w=width - 10)
        y += small.size + 2
    r.pen.rect(x, top, width, y - top)
    return y + 6


def two_columns(r: Renderer, entries: list[Entry], x: float, y: float, width: float) -> float:
    half = (len(entries) + 1) // 2
    y1 = kv(r, entries[:half], x, y, width / 2 - 10)
    y2 = kv(r, entries[half:], x + width / 2 + 10, y, width / 2 - 10) if entries[half:] else y
    return max(y1, y2) + 4
