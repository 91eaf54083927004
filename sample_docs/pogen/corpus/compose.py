"""One document from top to bottom: header, instructions, the lines (table,
key-value pairs or statement), totals, amount in words, signature, terms page.
Drawn twice when the page footer says "Page 1 of N", so N is known."""

from __future__ import annotations

from .header import draw_header, issuer_name_in_letterhead, roles
from .kinds import RULES
from .labels import CARRIED, HEADER, case, pick
from .lines import kv_item, line_table, quantity_total
from .pen import Font, wrap
from .prose import instructions, terms_paragraph, terms_title
from .render import Renderer
from .statement import balance_line, statement_table
from .totals import mini_header, page_footer, totals, words


def notes_block(r: Renderer, y: float) -> float:
    doc = r.doc
    texts = instructions(r.fam.lang, r.rng, doc.issuer.email, doc.issuer.phone, r.rng.randint(1, 4))
    label = case(pick(HEADER, "notes", r.fam.lang, r.family_rng("notes")), r.d.label_case)
    if y + r.lead * (len(texts) * 2 + 2) > r.usable_bottom():
        return y
    r.pen.text(r.left, y + r.lead, label, r.fb)
    y += r.lead * 1.6
    for t in texts:
        for line in wrap(t, r.f, r.right - r.left - 10):
            y += r.lead
            r.pen.text(r.left + 4, y, line, r.f)
        y += 3
    return y + 8


def signature(r: Renderer, y: float) -> float:
    if y + r.lead * 4 > r.usable_bottom():
        return y
    x = r.right - 200
    y += r.lead * 3
    r.pen.line(x, y, r.right, y, width=0.5)
    if issuer_name_in_letterhead(r) and r.family_rng("sigfor").random() < 0.5:
        box = r.pen.runs(x, y + r.lead, [("For ", r.f), (r.doc.issuer.name, r.f)])[1]
        r.rec.field(roles(r)[0], r.pen.page, box, r.doc.issuer.name, source="signature")
        y += r.lead
    r.pen.text(
        x,
        y + r.lead,
        r.family_rng("sigword").choice(("Authorised Signatory", "Authorized by", "Buyer", "Signature")),
        r.small,
    )
    return y + r.lead * 2


def terms_page(r: Renderer) -> None:
    r.end_page(last=False)
    y = mini_header(r) + 6
    r.pen.text(r.left, y + r.d.size + 3, terms_title(r.fam.lang, r.rng), Font(r.fb.name, r.d.size + 3))
    y += r.lead * 2.5
    small = Font(r.f.name, max(5.5, r.d.size - 2))
    n = 1
    while y < r.usable_bottom() - small.size * 8:
        para = f"{n}. {terms_paragraph(r.fam.lang, r.rng)}"
        for line in wrap(para, small, r.right - r.left):
            y += small.size * 1.25
            r.pen.text(r.left, y, line, small)
        y += small.size
        n += 1


def draw_document(r: Renderer) -> None:
    d, doc = r.d, r.doc
    r.footer = page_footer
    y = draw_header(r)
    early = r.rng.random() < 0.5
    chatty = doc.kind != "statement"
    if early and r.rng.random() < d.instructions and chatty:
        y = notes_block(r, y)
    if r.rng.random() < d.header_only_first_page and doc.kind in ("purchase_order", "rfq", "order_confirmation"):
        r.end_page(last=False)
        y = mini_header(r) + 8
    table = None
    if doc.kind == "statement":
        table = statement_table(r)
        y = table.draw(y + 4, start_page_hook=lambda: mini_header(r))
        y = balance_line(r, y)
    elif len(doc.lines) == 1 and r.rng.random() < d.kv_items:
        y = kv_item(r, y + 6)
    else:
        table = line_table(r)
        running = None
        if RULES[doc.kind].prices:
            sums = []
            for ln in doc.lines:
                sums.append((sums[-1] if sums else 0) + ln.amount)
            carried = pick({"c": CARRIED}, "c", r.fam.lang, r.family_rng("carried"))
            running = lambda gi: f"{carried} {r.money(sums[gi])}"  # noqa: E731 - text of a carried-forward row
        y = table.draw(y + 4, running, start_page_hook=lambda: mini_header(r))
        if d.qty_total_row:
            y = quantity_total(r, table, y)
    if RULES[doc.kind].totals:
        y = totals(r, y + 4, table)
        y = words(r, y)
    if not early and r.rng.random() < d.instructions and chatty:
        y = notes_block(r, y)
    if d.signature:
        y = signature(r, y)
    if r.rng.random() < d.terms_page:
        terms_page(r)
    r.end_page(last=True)
