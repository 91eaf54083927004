"""The renderer: one document drawn in its family's design, with everything it
prints recorded (fields, labels, table cells) for the layout file. The blocks
themselves are drawn by header.py, table.py and totals.py."""

from __future__ import annotations

import random
from decimal import Decimal

from .content import Doc
from .formats import fmt_date, fmt_number, places_of
from .kinds import KIND_LABELS, TITLES
from .labels import CONTINUED, HEADER, PAGE, case, pick, words_for
from .pen import Box, Font, Pen, can_print, face
from .record import Recorder

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "CAD": "C$", "CHF": "CHF", "MXN": "$"}
AMBIGUOUS = {"CAD", "MXN"}  # their sign alone does not tell the currency
GREY = (0.4, 0.4, 0.4)
DATE_WORD = {"en": "Date", "de": "Datum", "fr": "Date", "es": "Fecha", "nl": "Datum", "it": "Data", "fi": "Pvm"}


class Renderer:
    def __init__(self, doc: Doc, total_pages: int | None):
        self.doc, self.d, self.fam = doc, doc.family.design, doc.family
        self.total_pages = total_pages
        self.rng = random.Random(f"{self.fam.key}-{doc.number}-draw")
        self.rec = Recorder()
        title = self.title_text()
        self.pen = Pen(self.d.page, f"{title} {doc.number}", doc.issuer.name)
        reg, bold = face(self.d.face)
        vreg, vbold = face(self.d.value_face)
        lreg, lbold = face(self.d.label_face)
        s = self.d.size
        self.f = Font(reg, s)
        self.fb = Font(bold, s)
        self.small = Font(reg, max(6, s - 1.5))
        self.value = Font(
            vreg if self.d.value_face != self.d.face else reg, s + (0.5 if self.d.value_face == "courier" else 0)
        )
        self.value_b = Font(vbold, s)
        self.label_f = Font(lbold if self.d.label_bold else lreg, self.d.label_size)
        self.title_f = Font(bold, self.d.title_size)
        self.lead = s * self.d.lead
        self.left, self.top = self.d.margin[0], self.d.margin[1]
        self.right = self.pen.w - self.d.margin[2]
        self.bottom = self.pen.h - self.d.margin[3]
        self.footer_lines = (2 if self.d.legal_footer or self.fam.design.buyer_name_at == "footer" else 0) + (
            1 if self.d.bank_details else 0
        )
        self.symbol = self._symbol()
        self.footer = lambda r, last: None  # set by compose.py

    # ---- words ------------------------------------------------------------------------
    def family_rng(self, what: str) -> random.Random:
        """Choices an issuer makes once (label wording): the same in every document of the family."""
        return random.Random(f"{self.fam.key}-{self.doc.kind}-{what}")

    def label(self, key: str) -> str:
        rng = self.family_rng(key)
        if key in KIND_LABELS and key != "doc_number":
            text = pick(KIND_LABELS, key, self.fam.lang, rng, self.fam.lang2)
        elif key == "doc_number":
            text = pick(KIND_LABELS["doc_number"], self.doc.kind, self.fam.lang, rng, self.fam.lang2)
        else:
            text = pick(HEADER, key, self.fam.lang, rng, self.fam.lang2)
        return case(text, self.d.label_case)

    def with_colon(self, label: str) -> str:
        return label + self.d.label_colon if label and not label.endswith(":") else label

    def title_text(self) -> str:
        return pick(TITLES, self.doc.kind, self.fam.lang, self.family_rng("title"), self.fam.lang2)

    def page_text(self, page: int) -> str:
        pattern = self.family_rng("page").choice(words_for({"p": PAGE}, "p", self.fam.lang))
        if "{n}" in pattern and self.total_pages is None:
            return pattern.format(p=page, n=page)  # measuring pass: the count is not known yet
        return pattern.format(p=page, n=self.total_pages or page)

    def continued_text(self) -> str:
        return self.family_rng("continued").choice(words_for({"c": CONTINUED}, "c", self.fam.lang))

    # ---- values -----------------------------------------------------------------------
    def date(self, d) -> str:
        return fmt_date(d, self.d.date_style, self.fam.lang)

    def money(self, x: Decimal) -> str:
        return fmt_number(x, self.d.number_style, 2)

    def price(self, x: Decimal) -> str:
        return fmt_number(x, self.d.number_style, places_of(x))

    def qty(self, q: Decimal) -> str:
        return fmt_number(q, self.d.number_style, max(self.d.qty_places, places_of(q, 0)))

    def _symbol(self) -> str:
        cur = self.fam.currency
        sym = SYMBOLS.get(cur, cur)
        if not can_print(self.f.name, sym) or not can_print(self.fb.name, sym):
            sym = "Rs." if cur == "INR" else cur
        return sym

    def shows(self, how: str) -> bool:
        return how in self.d.currency_show

    def currency_code_needed(self) -> bool:
        """A sign like '$' for CAD says nothing alone: such documents also print the code."""
        return self.fam.currency in AMBIGUOUS and self.d.currency_show == ("symbol",)

    # ---- drawing helpers --------------------------------------------------------------
    def label_value(
        self,
        x: float,
        y: float,
        label: str,
        value: str,
        field: str | None,
        gap: float = 6,
        value_x: float | None = None,
    ) -> float:
        """'Label: value' on one line; records the field; returns the right edge."""
        color = GREY if self.d.label_grey else (0, 0, 0)
        lbox = self.pen.text(x, y, self.with_colon(label), self.label_f, color=color) if label else None
        vx = value_x if value_x is not None else ((lbox[2] + gap) if lbox else x)
        vbox = self.pen.text(vx, y, value, self.value)
        if field:
            self.rec.field(field, self.pen.page, vbox, value, label, lbox)
        return vbox[2]

    def block(
        self,
        x: float,
        y: float,
        lines: list[tuple[str, Font]],
        field: str | None = None,
        text: str | None = None,
        label: str | None = None,
        label_box: Box | None = None,
    ) -> float:
        """Lines one under the other; records them as one field; returns the y below."""
        boxes = []
        for s, font in lines:
            boxes.append(self.pen.text(x, y, s, font))
            y += self.lead
        if field and boxes:
            self.rec.field(
                field,
                self.pen.page,
                boxes,
                text or " ".join(s for s, _ in lines),
                label,
                label_box,
                lines=[[list(b), s] for b, (s, _f) in zip(boxes, lines)],
            )
        return y

    # ---- pages ------------------------------------------------------------------------
    def usable_bottom(self) -> float:
        return self.bottom - self.footer_lines * (self.small.size * 1.3) - (14 if self.d.page_footer else 0)

    def end_page(self, last: bool) -> None:
        """Footers on the page (drawn by the function compose.py sets), then a new page."""
        self.footer(self, last)
        if not last:
            self.pen.next_page()
