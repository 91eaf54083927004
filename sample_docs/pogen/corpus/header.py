"""The top of the first page: letterhead with a logo mark, the title, the header
fields in the family's arrangement, and the party blocks (vendor or customer,
ship-to, bill-to), with the issuer's name where the design puts it."""

from __future__ import annotations

from .fields import cells, fit, header_entries, inline, kv, two_columns, window
from .kinds import RULES
from .labels import HEADER, case, pick
from .parties import Party
from .pen import Font, wrap
from .render import GREY, Renderer

RIGHT_BLOCK = 0.42  # share of the text width a right-hand block (fields, window box) takes


def roles(r: Renderer) -> tuple[str, str]:
    """(issuer's field, recipient's field): a PO is issued by the buyer, an invoice by the supplier."""
    return ("supplier", "buyer") if RULES[r.doc.kind].seller_issues else ("buyer", "supplier")


def issuer_name_in_letterhead(r: Renderer) -> bool:
    where = r.d.buyer_name_at
    return where == "letterhead" or (where == "ship_to" and RULES[r.doc.kind].seller_issues)


def letterhead(r: Renderer, x: float, y: float, align: str, width: float) -> float:
    """Logo, issuer's name and address within `width`; returns the y below."""
    p, d = r.doc.issuer, r.d
    if d.logo != "none":
        s = r.d.size * 3.2
        lx = {"left": x, "right": x - s, "center": x - s / 2}[align]
        r.pen.shape(d.logo, lx, y, s, d.accent)
        y += s + 6
    if issuer_name_in_letterhead(r):
        font = fit(Font(r.fb.name, r.d.size + r.family_rng("lh_size").choice((2, 3, 4, 6))), p.name, width)
        y += font.size
        box = r.pen.text(
            x, y, p.name, font, align=align, color=d.accent if d.accent != (0.55, 0.55, 0.55) else (0, 0, 0)
        )
        r.rec.field(roles(r)[0], r.pen.page, box, p.name, source="letterhead")
        y += r.lead * 0.6
    small = Font(r.f.name, max(6.5, r.d.size - 0.5))
    contact = [f"Tel. {p.phone}", p.email]
    if r.family_rng("lh_vat").random() < 0.5:
        contact.append(f"{'GSTIN' if p.country.code == 'IN' else 'VAT'}: {p.vat_id}")
    for line in (*p.lines, *contact[: r.family_rng("lh_contact").randint(0, 3)]):
        y += small.size * 1.3
        r.pen.text(x, y, line, small, align=align)
    return y + 8


def title(r: Renderer, x: float, y: float, align: str, width: float | None = None) -> float:
    text = r.title_text()
    font = fit(r.title_f, text, width) if width else r.title_f
    box = r.pen.text(x, y + font.size, text, font, align=align, color=r.d.accent if r.d.accent[0] < 0.5 else (0, 0, 0))
    r.rec.field("title", r.pen.page, box, text)
    return y + font.size * 1.5


def title_with_number(r: Renderer, x: float, y: float) -> float:
    """'Purchase Order 4145602': the number printed in the title, with no label of its own."""
    text = r.title_text()
    field = "po_number" if r.doc.kind == "purchase_order" else "doc_number"
    tb, _sp, nb = r.pen.runs(x, y + r.title_f.size, [(text, r.title_f), (" ", r.title_f), (r.doc.number, r.title_f)])
    r.rec.field("title", r.pen.page, tb, text)
    r.rec.field(field, r.pen.page, nb, r.doc.number, text, tb)
    return y + r.title_f.size * 1.6


def party_label(r: Renderer, key: str) -> str:
    text = pick(HEADER, key, r.fam.lang, r.family_rng(f"party-{key}"), r.fam.lang2)
    return case(text, r.d.label_case)


def party(
    r: Renderer, x: float, y: float, width: float, key: str | None, p: Party, field: str, style: str | None = None
) -> float:
    """A labelled address block; records the name (buyer/supplier) or the whole block (ship_to, bill_to)."""
    style = style or r.d.party_label
    label = party_label(r, key) if key and style != "none" else None
    lbox = None
    if label:
        if style == "bar":
            r.pen.rect(x, y, width - 6, r.lead + 2, fill=r.d.accent, stroke=False)
            lbox = r.pen.text(x + 3, y + r.lead - 1, label, fit(r.fb, label, width - 12), color=(1, 1, 1))
        elif style == "underline":
            label = label.upper()
            lbox = r.pen.text(x, y + r.lead - 1, label, fit(r.fb, label, width - 12))
            r.pen.line(x, y + r.lead + 2, x + width - 10, y + r.lead + 2)
        else:
            lbox = r.pen.text(
                x, y + r.lead - 1, r.with_colon(label), fit(r.label_f, r.with_colon(label), width - 12),
                color=GREY if r.d.label_grey else (0, 0, 0),
            )
        y += r.lead + 4
    y += r.lead - 2
    name_lines = wrap(p.name, r.fb, width - 10)
    boxes, lines_rec = [], []
    for s in name_lines:
        boxes.append(r.pen.text(x, y, s, r.fb))
        lines_rec.append([list(boxes[-1]), s])
        y += r.lead
    name_box = boxes[:]
    for s in p.lines:
        for part in wrap(s, r.f, width - 10):
            boxes.append(r.pen.text(x, y, part, r.f))
            lines_rec.append([list(boxes[-1]), part])
            y += r.lead
    if field in ("ship_to", "bill_to"):
        r.rec.field(field, r.pen.page, boxes, p.one_line(), label, lbox, lines=lines_rec)
        if field == "ship_to" and p.name == r.doc.buyer.name and not issuer_name_in_letterhead(r):
            r.rec.field("buyer", r.pen.page, name_box, p.name, label, lbox, source="ship_to")
    else:
        r.rec.field(field, r.pen.page, name_box, p.name, label, lbox, source="party_block")
    return y + 6


def parties(r: Renderer, y: float) -> float:
    doc, d = r.doc, r.d
    _issuer_field, other_field = roles(r)
    other = doc.supplier if other_field == "supplier" else doc.buyer
    other_key = "vendor" if other_field == "supplier" else "buyer"
    blocks = [(other_key, other, other_field)]
    if doc.ship_to and d.ship_to_at == "parties":
        blocks.append(("ship_to", doc.ship_to, "ship_to"))
    if doc.bill_to and d.parties in ("side", "stacked"):
        blocks.append(("bill_to", doc.bill_to, "bill_to"))
    width = r.right - r.left
    if d.parties == "window":
        y = max(y, r.top + 100)
        if issuer_name_in_letterhead(r):
            tiny = Font(r.f.name, max(5.5, d.size - 2.5))
            rest = f" · {doc.issuer.lines[0]} · {doc.issuer.lines[-1]}"
            box = r.pen.runs(r.left, y, [(doc.issuer.name, tiny), (rest, tiny)])[0]
            r.rec.field(roles(r)[0], r.pen.page, box, doc.issuer.name, source="return_address")
            y += r.lead
        y1 = party(r, r.left, y, width * 0.45, None, other, other_field, style="none")
        y2 = y
        for key, p, field in blocks[1:]:
            y2 = party(r, r.left + width * 0.55, y2, width * 0.45, key, p, field)
        return max(y1, y2) + 6
    if d.parties == "stacked":
        for key, p, field in blocks:
            y = party(r, r.left, y, width * 0.6, key, p, field)
        return y + 4
    if d.parties == "split":
        y1 = party(r, r.left, y, width * 0.45, blocks[0][0], blocks[0][1], blocks[0][2])
        y2 = y
        for key, p, field in blocks[1:]:
            y2 = party(r, r.left + width * 0.55, y2, width * 0.45, key, p, field)
        return max(y1, y2) + 6
    cw = width / max(2, len(blocks))
    return max(party(r, r.left + i * cw, y, cw, key, p, field) for i, (key, p, field) in enumerate(blocks)) + 6


def draw_header(r: Renderer) -> float:
    """Everything above the line table on the first page; returns the y below it."""
    d = r.d
    y = r.top
    entries = header_entries(r)
    width = r.right - r.left
    rblock = width * RIGHT_BLOCK
    if d.title_at == "center":
        y = title(r, r.left + width / 2, y, "center")
    elif d.title_at == "with_number":
        y = title_with_number(r, r.left, y)
    side = d.letterhead
    if side == "right" and d.fields_style in ("kv_right", "window"):
        side = "left"
    wide_title = d.title_at == "right" and r.title_f.width(r.title_text()) > width * RIGHT_BLOCK
    if wide_title:                       # a long title takes the whole first line
        y = title(r, r.right, y, "right")
    left_y = right_y = y
    beside = width * (1 - RIGHT_BLOCK) - 12 if d.fields_style in ("kv_right", "window") else width * 0.6
    if side == "center":
        left_y = right_y = letterhead(r, r.left + width / 2, y, "center", width)
    elif side == "left":
        left_y = letterhead(r, r.left, y, "left", beside)
    elif side == "right":
        right_y = letterhead(r, r.right, y, "right", beside)
    if d.title_at == "right" and not wide_title:
        right_y = title(r, r.right, right_y, "right")
    elif d.title_at == "left":
        left_y = title(r, r.left, left_y, "left", beside)
    if d.fields_style == "kv_right":
        right_y = kv(r, entries, r.right - rblock, right_y + 4, rblock)
    elif d.fields_style == "window":
        right_y = window(r, entries, r.title_text(), r.right - rblock, right_y, rblock)
    elif d.fields_style == "kv_left":
        left_y = kv(r, entries, r.left, left_y + 4, width * 0.5)
    y = max(left_y, right_y) + 10
    y = parties(r, y)
    if d.fields_style in ("grid", "band", "above"):
        y = cells(r, entries, r.left, y, width, d.fields_style)
    elif d.fields_style == "inline":
        y = inline(r, entries, r.left, y + r.lead, width)
    elif d.fields_style == "two_col":
        y = two_columns(r, entries, r.left, y + r.lead, width)
    if r.doc.ship_to and d.ship_to_at == "below":
        y = party(r, r.left, y + 4, width * 0.55, "ship_to", r.doc.ship_to, "ship_to", style="bold")
    return y + 6
