"""Below the table: the totals block (subtotal, discount, tax lines such as VAT,
MwSt, IVA, CGST + SGST, shipping, total) with the currency shown the family's
way, the amount in words, and the page footers with the issuer's legal line."""

from __future__ import annotations

from decimal import Decimal

from .formats import amount_in_words, fmt_number
from .labels import HEADER, case, pick
from .pen import Font, wrap
from .render import GREY, Renderer
from .table import PAD, Table


def tax_label(r: Renderer, rate: Decimal, name: str | None = None) -> str:
    c = r.fam.country
    pct = fmt_number(rate, r.d.number_style, 0 if rate == int(rate) else (1 if rate * 10 == int(rate * 10) else 2))
    word = name or c.tax_word
    rng = r.family_rng("taxlabel")
    if c.tax == "sales" and name is None:
        return rng.choice((f"Sales Tax {pct}%", "Sales Tax", f"Tax ({pct}%)", "Tax"))
    pattern = rng.choice(("{w} {p}%", "{w} {p} %", "{w} @ {p}%", "{w} ({p}%)", "{p}% {w}"))
    if r.fam.lang == "de" and rng.random() < 0.3:
        pattern = "zzgl. {p}% {w}"
    return pattern.format(w=word, p=pct)


def tax_rows(r: Renderer) -> list[tuple[str, Decimal]]:
    out = []
    intra = r.family_rng("gst").random() < 0.6
    for rate, amount in r.doc.taxes:
        if r.fam.country.tax == "gst_in" and intra:
            half = (amount / 2).quantize(Decimal("0.01"))
            out += [(tax_label(r, rate / 2, "CGST"), half), (tax_label(r, rate / 2, "SGST"), amount - half)]
        elif r.fam.country.tax == "gst_in":
            out.append((tax_label(r, rate, "IGST"), amount))
        else:
            out.append((tax_label(r, rate), amount))
    return out


def total_rows(r: Renderer) -> list[tuple[str, str, Decimal]]:
    """(field, label, value) in print order."""
    doc, lines = r.doc, r.d.totals_lines
    lab = lambda key: case(pick(HEADER, key, r.fam.lang, r.family_rng(f"tot-{key}"), r.fam.lang2), r.d.label_case)  # noqa: E731
    out = []
    if "subtotal" in lines:
        out.append(("subtotal", lab("subtotal"), doc.subtotal))
    if doc.discount is not None:
        out.append(("discount", lab("discount"), -doc.discount))
    if "tax" in lines:
        out += [("tax", label, amount) for label, amount in tax_rows(r)]
    if doc.shipping is not None:
        out.append(("shipping", lab("shipping"), doc.shipping))
    if "total" in lines:
        out.append(("total", lab("total"), doc.total))
    return out


def value_parts(r: Renderer, field: str, value: Decimal, last: bool) -> list[tuple[str, str | None]]:
    """The printed pieces of a totals value: [(text, what)], what in value | currency | None."""
    num, cur, sym = r.money(value), r.fam.currency, r.symbol
    with_code = r.shows("code_all") or (last and (r.shows("code_total") or r.currency_code_needed()))
    if r.shows("both") and last:
        return [(cur, "currency"), (" ", None), (f"{sym}{num}" if len(sym) == 1 else f"{sym} {num}", "value")]
    if r.shows("symbol") and (last or r.family_rng("symall").random() < 0.5):
        if len(sym) == 1 and r.family_rng("symside").random() < 0.6 and r.d.number_style in ("en", "in", "plain"):
            return [(f"{sym}{num}", "value")]
        return (
            [(num, "value"), (f" {sym}", "currency")]
            if r.d.number_style not in ("en", "in")
            else [(sym, "currency"), (" ", None), (num, "value")]
        )
    if with_code:
        before = r.family_rng("codeside").random() < 0.5
        return (
            [(cur, "currency"), (" ", None), (num, "value")]
            if before
            else [(num, "value"), (" ", None), (cur, "currency")]
        )
    return [(num, "value")]


def draw_value(
    r: Renderer,
    x: float,
    y: float,
    field: str,
    value: Decimal,
    last: bool,
    font: Font,
    label: str | None,
    lbox,
    align: str = "right",
) -> tuple:
    """Draw a totals value (with its currency the family's way); returns (value box, box of all its parts)."""
    parts = value_parts(r, field, value, last)
    boxes = r.pen.runs(x, y, [(t, font) for t, _ in parts], align=align)
    vbox = None
    for (text, what), box in zip(parts, boxes):
        if what == "value":
            vbox = box
            attached = text != r.money(value)
            r.rec.field(field, r.pen.page, box, text, label, lbox, **({"with_symbol": True} if attached else {}))
        elif what == "currency":
            r.rec.field("currency", r.pen.page, box, text.strip(), source="totals")
    return vbox, (boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3])


def label_for(r: Renderer, field: str, label: str, lbox) -> None:
    """Attach a label drawn after its value to the value's record."""
    entry = r.rec.fields[field][-1]
    entry["label"] = {"text": label, "bbox": [round(v, 2) for v in lbox]}


def totals(r: Renderer, y: float, t: Table | None) -> float:
    rows = total_rows(r)
    if not rows:
        return y
    need = len(rows) * (r.lead + 3) + 10
    if y + need > r.usable_bottom():
        r.end_page(last=False)
        y = mini_header(r)
    style = r.d.totals_style
    if style == "table_footer" and t is not None and r.pen.page in r.rec.tables:
        return table_footer(r, t, rows, y)
    if style == "single_line":
        return single_line(r, rows, y)
    widest = max(r.fb.width(label) for _f, label, _v in rows) + r.fb.width(r.money(r.doc.total)) + 60
    lx = r.left if style == "left_labels" else r.right - max(230.0, widest)
    top = y
    y += r.lead
    for k, (field, label, value) in enumerate(rows):
        last = k == len(rows) - 1 and field == "total"
        font = r.fb if last else r.f
        if last and style != "boxed":
            r.pen.line(lx, y - r.lead + 1, r.right, y - r.lead + 1, width=0.8)
        lbox = r.pen.text(lx + 4, y, label, font)
        draw_value(r, r.right - 4, y, field, value, last, font, label, lbox)
        y += r.lead + 3
    if style == "boxed":
        r.pen.rect(lx, top + 2, r.right - lx, y - top - r.lead + 2)
    return y + 6


def table_footer(r: Renderer, t: Table, rows, y: float) -> float:
    """Totals as rows at the foot of the table: label against the amount column."""
    amount = next((c for c in t.cols if c.key == "amount"), t.cols[-1])
    for k, (field, label, value) in enumerate(rows):
        font = t.fb if k == len(rows) - 1 else t.f
        y0 = y
        _vbox, whole = draw_value(
            r, amount.x + amount.w - PAD, y + t.lead, field, value, k == len(rows) - 1, font, None, None
        )
        lbox = r.pen.text(whole[0] - 10, y + t.lead, label, font, align="right")
        label_for(r, field, label, lbox)
        y += t.lead + 4
        r.rec.row(
            r.pen.page, "total" if field == "total" else "subtotal", (lbox[0], y0, amount.x + amount.w, y), text=label
        )
        r.rec.tables[r.pen.page]["rows"][-1]["name"] = field
    return y + 8


def single_line(r: Renderer, rows, y: float) -> float:
    """'Total amount: 16,728.00 USD' and friends run together on one line."""
    x = r.left
    y += r.lead
    for k, (field, label, value) in enumerate(rows):
        last = k == len(rows) - 1 and field == "total"
        lbox = r.pen.text(x, y, r.with_colon(label), r.fb if last else r.f)
        _vbox, whole = draw_value(
            r, lbox[2] + 6, y, field, value, last, r.fb if last else r.f, label, lbox, align="left"
        )
        x = whole[2] + 40
        if x > r.right - 150 and k < len(rows) - 1:
            x, y = r.left, y + r.lead * 1.3
    return y + r.lead + 6


def words(r: Renderer, y: float) -> float:
    style = "in" if r.shows("words_only") else r.d.words_style
    if not style or r.shows("none") or r.d.totals_lines == ("subtotal",):
        return y
    value = r.doc.total
    text = amount_in_words(value, r.fam.currency, style)
    label = case(pick(HEADER, "amount_in_words", r.fam.lang, r.family_rng("words")), r.d.label_case)
    if y + r.lead * 4 > r.usable_bottom():
        r.end_page(last=False)
        y = mini_header(r)
    lbox = r.pen.text(r.left, y + r.lead, r.with_colon(label), r.label_f)
    lines = wrap(text, r.f, r.right - lbox[2] - 12)
    boxes = [r.pen.text(lbox[2] + 6, y + r.lead * (k + 1), s, r.f) for k, s in enumerate(lines)]
    r.rec.field("amount_in_words", r.pen.page, boxes, text, label, lbox)
    return y + r.lead * (len(lines) + 1) + 6


def mini_header(r: Renderer) -> float:
    """Top of a continuation page: who, which document, sometimes which page."""
    y = r.top + r.lead
    if not r.d.mini_header:
        return r.top
    no_key = "po_number" if r.doc.kind == "purchase_order" else "doc_number"
    label = r.label("po_number") if no_key == "po_number" else r.label("doc_number")
    box = r.pen.text(r.right, y, r.doc.number, r.value, align="right")
    lbox = r.pen.text(box[0] - 6, y, r.with_colon(label), r.label_f, align="right")
    r.rec.field(no_key, r.pen.page, box, r.doc.number, label, lbox, source="continuation_header")
    if r.d.buyer_name_at == "letterhead":
        nbox = r.pen.text(r.left, y, r.doc.issuer.name, r.fb)
        r.rec.field(
            "supplier" if r.doc.kind not in ("purchase_order", "rfq") else "buyer",
            r.pen.page,
            nbox,
            r.doc.issuer.name,
            source="continuation_header",
        )
    r.pen.line(r.left, y + 5, r.right, y + 5, width=0.6)
    return y + 16


def page_footer(r: Renderer, last: bool) -> None:
    """Page number, the issuer's legal line and bank details at the foot of every page."""
    small = Font(r.f.name, max(5.5, r.d.size - 2))
    page = r.pen.page
    y = r.bottom
    legal = r.d.legal_footer or r.d.buyer_name_at == "footer"
    p = r.doc.issuer
    if r.d.bank_details:
        rng = r.family_rng("bank")
        text = (
            f"Bank: {p.country.name} Commerce Bank · IBAN {p.country.code}{rng.randint(10, 99)} "
            f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} · BIC "
            f"{p.name[:4].upper().replace(' ', 'X')}{p.country.code}2X"
        )
        r.pen.text(r.left, y, text, small, color=GREY)
        y -= small.size * 1.3
    if legal:
        rest = f" · {' · '.join(p.lines)} · {p.vat_id} · {p.phone}"
        if r.pen.w > 0 and small.width(p.name + rest) > r.right - r.left:
            rest = f" · {p.lines[-1]} · {p.vat_id}"
        nbox = r.pen.runs(r.left, y, [(p.name, small), (rest, small)], color=GREY)[0]
        issuer_field = "supplier" if r.doc.kind not in ("purchase_order", "rfq") else "buyer"
        r.rec.field(issuer_field, page, nbox, p.name, source="footer")
        r.pen.line(r.left, y - small.size - 3, r.right, y - small.size - 3, width=0.4, color=GREY)
    if r.d.page_footer:
        text = r.page_text(page)
        if r.d.page_footer_at == "top_right":
            box = r.pen.text(r.right, r.top - 6, text, small)  # above the first line of the page
        else:
            x, align = (
                (r.right, "right")
                if r.d.page_footer_at == "bottom_right"
                else (r.left + (r.right - r.left) / 2, "center")
            )
            box = r.pen.text(x, r.bottom + small.size + 4, text, small, align=align)
        r.rec.field("page_number", page, box, text)
        if page in r.rec.tables:
            r.rec.row(page, "page_footer", box, text=text)
