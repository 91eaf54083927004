"""Draw a PurchaseOrder in a buyer's Style with reportlab; returns PDF bytes
and the page count. Tables break across pages with a "continued" note and a
repeated header row."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import font, has_glyph
from .formats import fmt_date, fmt_money
from .orders import PurchaseOrder
from .parties import SELLER, Address
from .styles import Style

MARGIN = 42
BOTTOM = 60
GRAY = (0.45, 0.45, 0.45)


class Painter:
    """A canvas with y measured from the top and the style's fonts."""

    def __init__(self, st: Style, po: PurchaseOrder):
        self.st, self.po = st, po
        self.w, self.h = LETTER if st.page == "letter" else A4
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=(self.w, self.h), invariant=1, pageCompression=1)
        self.c.setTitle(f"{st.title} {po.po_number}")
        self.c.setAuthor(po.buyer.name)
        self.reg, self.bold = font(st.font), font(st.bold)
        self.size = st.size
        self.lead = st.size * 1.35
        self.right = self.w - MARGIN
        self.symbol = st.symbol if has_glyph(st.font, st.symbol) else po.currency

    def text(self, x, y, s, bold=False, size=None, align="left", color=(0, 0, 0)):
        f, sz = (self.bold if bold else self.reg), size or self.size
        self.c.setFont(f, sz)
        self.c.setFillColorRGB(*color)
        draw = {"left": self.c.drawString, "right": self.c.drawRightString, "center": self.c.drawCentredString}
        draw[align](x, self.h - y, s)

    def width(self, s, bold=False, size=None) -> float:
        return stringWidth(s, self.bold if bold else self.reg, size or self.size)

    def rect(self, x, y, w, h, fill=None, stroke=True):
        if fill:
            self.c.setFillColorRGB(*fill)
        self.c.setLineWidth(0.5)
        self.c.rect(x, self.h - y - h, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def hline(self, x1, x2, y, width=0.5):
        self.c.setLineWidth(width)
        self.c.line(x1, self.h - y, x2, self.h - y)

    def money(self, x, with_symbol=False) -> str:
        s = fmt_money(x, self.st.money)
        if not with_symbol:
            return s
        if self.st.symbol_after:
            return f"{s} {self.symbol}"
        return f"{self.symbol}{'' if len(self.symbol) == 1 else ' '}{s}"


def wrap(p: Painter, s: str, width: float) -> list[str]:
    lines, cur = [], ""
    for word in s.split():
        trial = f"{cur} {word}".strip()
        if cur and p.width(trial) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return lines + ([cur] if cur else [])


def header_fields(p: Painter) -> list[tuple[str, str]]:
    st, po, lab = p.st, p.po, p.st.labels
    out = [(lab["po"], po.po_number), (lab["date"], fmt_date(po.order_date, st.date_fmt))]
    if po.delivery_date:
        out.append((lab["delivery"], fmt_date(po.delivery_date, st.date_fmt)))
    out += [(lab["terms"], po.buyer.terms), (lab["contact"], po.contact)]
    out += [(lab[key], value) for key, value in po.extras]
    if st.header != "left":
        out.append((lab["currency"], po.currency))
    return out


def letterhead(p: Painter) -> float:
    """Buyer name and address, the title and (for 'left' headers) the fields; returns the y below."""
    st, po = p.st, p.po
    y = MARGIN + 10
    if st.title_align == "center":
        p.text(p.w / 2, y, st.title, bold=True, size=st.size + 9, align="center", color=st.accent)
        y += 26
    p.text(MARGIN, y, po.buyer.name, bold=True, size=st.size + 5, color=st.accent)
    y += p.lead + 4
    for line in (*po.buyer.hq, po.buyer.senders[0]):
        p.text(MARGIN, y, line)
        y += p.lead
    if st.title_align == "left":
        y += 8
        p.text(MARGIN, y + 6, st.title, bold=True, size=st.size + 9, color=st.accent)
        y += 26
    ry = MARGIN + 10 + (26 if st.title_align == "center" else 0)
    if st.title_align == "right":
        p.text(p.right, ry + 4, st.title, bold=True, size=st.size + 9, align="right", color=st.accent)
        ry += 28
    if st.header == "left":
        lx = p.right - 110
        for label, value in header_fields(p):
            p.text(lx - 6, ry, f"{label}:", bold=True, align="right")
            p.text(lx, ry, value)
            ry += p.lead
    return max(y, ry) + 12


def field_row(p: Painter, y: float) -> float:
    """'above' (label over value) or 'grid' (boxed cells) header fields."""
    fields = header_fields(p)
    per_row = p.st.grid_cols if p.st.header == "grid" else min(len(fields), 4)
    cw = (p.right - MARGIN) / per_row
    ch = p.lead * 2 + 6
    for i, (label, value) in enumerate(fields):
        r, col = divmod(i, per_row)
        x, top = MARGIN + col * cw, y + r * ch
        if p.st.header == "grid":
            p.rect(x, top, cw, ch)
        p.text(x + 4, top + p.lead, label, size=p.size - 1.5, color=GRAY)
        p.text(x + 4, top + 2 * p.lead + 1, value, bold=True)
    rows = -(-len(fields) // per_row)
    return y + rows * ch + 14


def parties(p: Painter, y: float) -> float:
    st, lab = p.st, p.st.labels
    blocks: list[tuple[str, Address]] = [(lab["vendor"], SELLER), (lab["ship_to"], p.po.ship_to)]
    if st.bill_to:
        blocks.append((lab["bill_to"], p.po.buyer.bill_to))
    if st.parties == "side":
        cw = (p.right - MARGIN) / len(blocks)
        bottom = y
        for i, (label, addr) in enumerate(blocks):
            x = MARGIN + i * cw
            if st.party_bar:
                p.rect(x, y, cw - 8, p.lead + 2, fill=st.accent, stroke=False)
                p.text(x + 4, y + p.lead - 1, label, bold=True, color=(1, 1, 1))
            else:
                p.text(x + 4, y + p.lead - 1, label.upper(), bold=True)
                p.hline(x + 4, x + cw - 12, y + p.lead + 2)
            yy = y + 2 * p.lead + 4
            for j, line in enumerate((addr.name, *addr.lines)):
                for part in wrap(p, line, cw - 14):
                    p.text(x + 4, yy, part, bold=(j == 0))
                    yy += p.lead
            bottom = max(bottom, yy)
        return bottom + 10
    y += p.lead
    for label, addr in blocks:
        p.text(MARGIN, y, f"{label}:", bold=True)
        for j, line in enumerate((addr.name, *addr.lines)):
            p.text(MARGIN + 100, y, line, bold=(j == 0))
            y += p.lead
        y += 6
    return y + 8
