"""The line table (with page breaks), the totals block, and render_po which
puts a whole purchase order together."""
from __future__ import annotations

from .formats import fmt_money, fmt_qty
from .orders import Line, PurchaseOrder
from .render import BOTTOM, MARGIN, Painter, field_row, letterhead, parties, wrap
from .styles import Style

NUMERIC = {"qty", "price", "amount", "line"}


def cell_text(p: Painter, kind: str, ln: Line, i: int) -> str:
    return {"line": str(i + 1) if p.st.key != "bauer" else str((i + 1) * 10), "code": ln.code or "",
            "desc": ln.description, "qty": fmt_qty(ln.quantity, p.st.money), "uom": ln.uom,
            "price": fmt_money(ln.unit_price, p.st.money), "amount": fmt_money(ln.amount, p.st.money)}[kind]


def columns(p: Painter) -> list[tuple[str, str, float, float]]:
    """(kind, label, x, width) for each column."""
    total = p.right - MARGIN
    out, x = [], MARGIN
    shares = sum(c[2] for c in p.st.columns)
    for kind, label, share in p.st.columns:
        w = total * share / shares
        out.append((kind, label, x, w))
        x += w
    return out


def table_header(p: Painter, y: float) -> float:
    st, h = p.st, p.lead + 6
    on_fill = st.table in ("grid", "zebra")
    if on_fill:
        p.rect(MARGIN, y, p.right - MARGIN, h, fill=st.accent, stroke=st.table == "grid")
    for kind, label, x, w in columns(p):
        color = (1, 1, 1) if on_fill else (0, 0, 0)
        size = min(p.size, p.size * (w - 6) / p.width(label, bold=True))  # long labels shrink to fit
        if kind in NUMERIC:
            p.text(x + w - 4, y + p.lead, label, bold=True, size=size, align="right", color=color)
        else:
            p.text(x + 4, y + p.lead, label, bold=True, size=size, color=color)
    if not on_fill:
        p.hline(MARGIN, p.right, y + h, width=1 if st.table == "hlines" else 0.8)
    return y + h + 2


def row(p: Painter, y: float, ln: Line, i: int, cols) -> tuple[float, callable]:
    """Measure a row; return its height and a function that draws it at y."""
    cells = {kind: (wrap(p, cell_text(p, kind, ln, i), w - 8) if kind == "desc" else [cell_text(p, kind, ln, i)])
             for kind, _l, _x, w in cols}
    h = max(len(v) for v in cells.values()) * p.lead + 5

    def draw(y: float) -> None:
        st = p.st
        if st.table == "zebra" and i % 2 == 1:
            p.rect(MARGIN, y, p.right - MARGIN, h, fill=(0.92, 0.92, 0.92), stroke=False)
        for kind, _label, x, w in cols:
            if st.table == "grid":
                p.rect(x, y, w, h)
            for k, part in enumerate(cells[kind]):
                ty = y + p.lead + k * p.lead
                if kind in NUMERIC:
                    p.text(x + w - 4, ty, part, align="right")
                else:
                    p.text(x + 4, ty, part)
        if st.table == "hlines":
            p.hline(MARGIN, p.right, y + h, width=0.3)
    return h, draw


def page_footer(p: Painter, last: bool) -> None:
    lab = p.st.labels
    if not last:
        p.text(p.right, p.h - BOTTOM + 14, f"{lab['continued']} ...", size=p.size - 1, align="right")
    p.text(p.w / 2, p.h - 28, f"{lab['page']} {p.c.getPageNumber()}", size=p.size - 1, align="center")


def new_page(p: Painter) -> float:
    page_footer(p, last=False)
    p.c.showPage()
    lab = p.st.labels
    p.text(MARGIN, MARGIN + 10, p.po.buyer.name, bold=True)
    p.text(p.right, MARGIN + 10, f"{lab['po']}: {p.po.po_number} ({lab['cont_header']})", align="right")
    p.hline(MARGIN, p.right, MARGIN + 16)
    return MARGIN + 30


def totals(p: Painter, y: float) -> float:
    po, lab = p.po, p.st.labels
    rows = [(lab["subtotal"], po.subtotal)]
    if po.tax is not None:
        rows.append((lab["tax"], po.tax))
    if po.shipping is not None:
        rows.append((lab["shipping"], po.shipping))
    rows.append((lab["total"], po.total))
    lx = p.right - 210
    for k, (label, value) in enumerate(rows):
        last = k == len(rows) - 1
        if last:
            p.hline(lx, p.right, y - p.lead + 2, width=1)
        p.text(lx, y, label, bold=last)
        p.text(p.right - 4, y, p.money(value, with_symbol=last or p.st.table != "plain"), bold=last, align="right")
        y += p.lead + 2
    return y


def note_lines(p: Painter) -> list[str]:
    b = p.po.buyer
    msg = {"de": f"Bitte bestätigen Sie diese Bestellung an {b.senders[0]}. Lieferschein mit Bestellnummer beilegen.",
           }.get(p.st.lang, f"Please confirm this order to {b.senders[0]}. Quote our order number on all invoices "
                            f"and delivery notes.")
    if p.po.instruction:
        msg = f"{p.po.instruction} {msg}"
    return wrap(p, msg, p.right - MARGIN - 230)


def notes(p: Painter, y: float) -> None:
    p.text(MARGIN, y + 10, p.st.labels["notes"], bold=True)
    for k, line in enumerate(note_lines(p)):
        p.text(MARGIN, y + 10 + (k + 1) * p.lead, line, size=p.size - 0.5)


def render_po(po: PurchaseOrder, st: Style) -> tuple[bytes, int]:
    """PDF bytes and the number of pages drawn."""
    p = Painter(st, po)
    y = letterhead(p)
    if st.header in ("above", "grid"):
        y = field_row(p, y)
    y = parties(p, y)
    y = table_header(p, y + 4)
    cols = columns(p)
    limit = p.h - BOTTOM - 10
    for i, ln in enumerate(po.lines):
        h, draw = row(p, y, ln, i, cols)
        if y + h > limit:
            y = table_header(p, new_page(p))
        draw(y)
        y += h
    n_total = 2 + (po.tax is not None) + (po.shipping is not None)
    if y + 20 + max(n_total * (p.lead + 2), (len(note_lines(p)) + 1) * p.lead) > limit:
        y = new_page(p)
    notes(p, y + 8)
    totals(p, y + 20)
    page_footer(p, last=True)
    pages = p.c.getPageNumber()
    p.c.save()
    return p.buf.getvalue(), pages
