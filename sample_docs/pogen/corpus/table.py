"""Tables that run over pages: columns sized to their content, a header row
(repeated or not), rows of items with their notes, continuation and
carried-forward lines at page breaks; every row and cell is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from .columns import NUMERIC
from .pen import Font, union, wrap
from .record import cell
from .render import Renderer

PAD = 3.0  # space between a cell's edge and its text
MIN_DESC = 90.0  # narrowest description column before the table font shrinks
SMALLEST = 6.0  # the table font never shrinks below this


@dataclass
class Col:
    key: str  # what the column holds (a role, or 'gross', 'balance', ...)
    role: str  # the layout role
    label: str
    align: str = "left"
    x: float = 0.0
    w: float = 0.0
    head: list[str] = field(default_factory=list)


@dataclass
class Row:
    kind: str  # item | note | entry | subtotal | total | quantity_total
    item: int | None
    cells: dict[str, list[tuple[str, list[str]]]]  # column key -> [(role, lines)], one part or stacked parts
    name: str | None = None  # what a subtotal/total row sums (for the layout)
    bold: bool = False


class Table:
    """One table in the renderer's design; `draw` lays it out from y and returns the y below."""

    def __init__(self, r: Renderer, cols: list[Col], rows: list[Row], groups: list[list[int]]):
        self.r, self.cols, self.rows, self.groups = r, cols, rows, groups
        if r.d.header_caps:
            for c in cols:
                c.label = c.label.upper()
        self.f = Font(r.f.name, r.d.size)
        self.fb = Font(r.fb.name, r.d.size)
        self.fit()

    # ---- sizes ------------------------------------------------------------------------
    def natural(self, c: Col, f: Font, fb: Font) -> float:
        words = [w for s in c.label.split("\n") for w in s.split()] or [""]
        head = max(fb.width(w) for w in words)
        texts = [s for row in self.rows for _role, lines in row.cells.get(c.key, []) for s in lines]
        if c.key == "description":
            longest = max((f.width(w) for s in texts for w in s.split()), default=0)
            return max(head, longest, MIN_DESC) + 2 * PAD
        return max([head] + [f.width(s) for s in texts]) + 2 * PAD

    def fit(self) -> None:
        r = self.r
        avail = r.right - r.left
        size = r.d.size
        while True:
            f, fb = Font(r.f.name, size), Font(r.fb.name, size)
            widths = {c.key: self.natural(c, f, fb) for c in self.cols}
            fixed = sum(w for k, w in widths.items() if k != "description")
            if fixed + widths.get("description", 0) <= avail or size <= SMALLEST:
                break
            size -= 0.5
        self.f, self.fb = f, fb
        self.lead = size * r.d.lead
        spare = avail - fixed - widths.get("description", 0)
        x = r.left
        for c in self.cols:
            c.w = (
                widths[c.key] + (spare if c.key == "description" else 0)
                if "description" in widths
                else widths[c.key] + spare / len(self.cols)
            )
            c.x = x
            x += c.w
            c.head = self.header_lines(c)

    def header_lines(self, c: Col) -> list[str]:
        out = []
        for part in c.label.split("\n"):
            out += wrap(part, self.fb, c.w - 2 * PAD) or [""]
        return out

    # ---- drawing ----------------------------------------------------------------------
    def columns_record(self) -> list[dict]:
        return [
            {"role": c.role, "name": c.key, "label": " ".join(c.head), "x0": round(c.x, 2), "x1": round(c.x + c.w, 2)}
            for c in self.cols
        ]

    def filled(self) -> bool:
        return self.r.d.table_style in ("grid", "zebra", "band")

    def draw_header(self, y: float, repeat: bool) -> float:
        r, d = self.r, self.r.d
        n = max(len(c.head) for c in self.cols)
        h = n * (self.fb.size + 2) + 6
        fill = d.accent if self.filled() else None
        if fill:
            r.pen.rect(r.left, y, r.right - r.left, h, fill=fill, stroke=d.table_style == "grid")
        color = (1, 1, 1) if fill and sum(d.accent) < 1.6 else (0, 0, 0)
        for c in self.cols:
            for k, s in enumerate(c.head):
                by = y + 3 + self.fb.size * 0.85 + k * (self.fb.size + 2) + (n - len(c.head)) * (self.fb.size + 2)
                x, align = (c.x + c.w - PAD, "right") if c.key in NUMERIC else (c.x + PAD, "left")
                box = r.pen.text(x, by, s, self.fb, align=align, color=color)
                if c.key in ("amount", "unit_price") and s == r.fam.currency and k == len(c.head) - 1:
                    r.rec.field("currency", r.pen.page, box, s, source="column_header")
        if d.table_style in ("rule", "hlines", "plain", "boxed") or not fill:
            r.pen.line(r.left, y + h, r.right, y + h, width=0.9 if d.table_style != "plain" else 0.4)
        page = r.pen.page
        r.rec.table_page(page, self.columns_record())
        r.rec.header(page, (r.left, y, r.right, y + h))
        if repeat:
            r.rec.row(page, "header_repeat", (r.left, y, r.right, y + h))
        return y + h + 2

    def row_height(self, row: Row) -> float:
        n = max((sum(len(lines) for _r, lines in parts) for parts in row.cells.values()), default=1)
        return n * self.lead + (4 if row.kind in ("item", "entry") else 2)

    def draw_row(self, y: float, row: Row, zebra: bool) -> float:
        r, d = self.r, self.r.d
        h = self.row_height(row)
        if d.table_style == "zebra" and zebra:
            r.pen.rect(r.left, y, r.right - r.left, h, fill=(0.92, 0.92, 0.92), stroke=False)
        font = self.fb if row.bold else self.f
        cells_rec, boxes = [], []
        for c in self.cols:
            if d.table_style == "grid" and row.kind in ("item", "entry"):
                r.pen.rect(c.x, y, c.w, h)
            k = 0
            for role, lines in row.cells.get(c.key, []):
                part = []
                for s in lines:
                    by = y + 2 + font.size * 0.85 + k * self.lead + (self.lead - font.size) / 2
                    x, align = (
                        (c.x + c.w - PAD, "right") if c.key in NUMERIC or role in NUMERIC else (c.x + PAD, "left")
                    )
                    part.append(r.pen.text(x, by, s, font, align=align))
                    k += 1
                box = union(part)
                if box and any(lines):
                    cells_rec.append(cell(role, box, " ".join(lines), c.key))
                    boxes.append(box)
        if d.table_style == "hlines" and row.kind in ("item", "entry"):
            r.pen.line(r.left, y + h, r.right, y + h, width=0.3)
        box = (r.left, y, r.right, y + h)
        r.rec.table_page(r.pen.page, self.columns_record())
        r.rec.row(r.pen.page, row.kind, box, row.item, cells_rec, None)
        if row.name:
            r.rec.tables[r.pen.page]["rows"][-1]["name"] = row.name
        return y + h

    def line_row(self, y: float, kind: str, text: str, align: str = "right", name: str | None = None) -> float:
        """A one-line row that is no item: 'Continued on next page', 'Carried forward 1,234.56'."""
        r = self.r
        x = r.right - PAD if align == "right" else r.left + PAD
        box = r.pen.text(x, y + self.lead, text, self.f, align=align)
        r.rec.table_page(r.pen.page, self.columns_record())
        r.rec.row(r.pen.page, kind, box, text=text)
        if name:
            r.rec.tables[r.pen.page]["rows"][-1]["name"] = name
        return y + self.lead + 4

    def outer_box(self, top: float, bottom: float) -> None:
        if self.r.d.table_style == "boxed":
            self.r.pen.rect(self.r.left, top, self.r.right - self.r.left, bottom - top, width=0.8)

    def draw(self, y: float, running_sum=None, start_page_hook=None) -> float:
        """Rows from y on, breaking pages as needed; `running_sum(i)` gives the carried-forward text after group i."""
        r, d = self.r, self.r.d
        limit = r.usable_bottom() - (self.lead + 6) * (int(d.continued_line) + int(d.carried_forward))
        head = max(len(c.head) for c in self.cols) * (self.fb.size + 2) + 8
        first = sum(self.row_height(self.rows[i]) for i in self.groups[0]) if self.groups else 0
        if y + head + first > limit:            # not even the header and one row fit: start on a new page
            r.end_page(last=False)
            y = start_page_hook() if start_page_hook else r.top
        top = y
        y = self.draw_header(y, repeat=False)
        for gi, group in enumerate(self.groups):
            h = sum(self.row_height(self.rows[i]) for i in group)
            if y + h > limit and gi > 0:
                if d.carried_forward and running_sum:
                    y = self.line_row(y, "subtotal", running_sum(gi - 1), name="carried_forward")
                if d.continued_line:
                    y = self.line_row(y, "continuation", r.continued_text(), align="right")
                self.outer_box(top, y)
                r.end_page(last=False)
                y = start_page_hook() if start_page_hook else r.top
                top = y
                if d.carried_forward and running_sum:
                    y = self.line_row(y, "subtotal", running_sum(gi - 1), name="brought_forward")
                if d.header_repeat:
                    y = self.draw_header(y, repeat=True)
                else:
                    r.rec.table_page(r.pen.page, self.columns_record())
            for i in group:
                y = self.draw_row(y, self.rows[i], zebra=gi % 2 == 1)
        self.outer_box(top, y)
        return y + 4
