"""The visual design of a family of documents (one issuer's print form): page,
fonts, where the blocks sit, how labels and values look, the table's style and
columns, the totals block, footers. Drawn once per family from its seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, LETTER

from .columns import draw_columns
from .countries import Country
from .formats import EU_DATES, US_DATES

ACCENTS = (
    (0.1, 0.2, 0.5),
    (0.2, 0.2, 0.2),
    (0.45, 0.1, 0.15),
    (0.0, 0.35, 0.3),
    (0.5, 0.3, 0.0),
    (0.0, 0.0, 0.0),
    (0.25, 0.35, 0.55),
    (0.55, 0.55, 0.55),
)
FACE_KEYS = (
    "helvetica",
    "helvetica",
    "times",
    "courier",
    "dejavu",
    "dejavu_serif",
    "dejavu_cond",
    "liberation",
    "liberation_serif",
    "liberation_narrow",
)


@dataclass
class Design:
    family: str
    page: tuple[float, float]
    margin: tuple[float, float, float, float]  # left, top, right, bottom
    face: str  # body font face key (pen.FACES)
    value_face: str  # font face of header values (may differ: ERP forms)
    label_face: str
    size: float  # body size
    label_size: float
    title_size: float
    accent: tuple[float, float, float]
    lead: float  # line height factor
    # blocks
    letterhead: str  # left | right | center | none
    logo: str  # none | circle | ring | triangle | bars | square
    buyer_name_at: str  # letterhead | footer | ship_to  (where the issuer's name is printed)
    title_at: str  # right | left | center | window | with_number
    fields_style: str  # kv_right | kv_left | grid | band | window | above | inline | two_col
    label_colon: str  # ":" | "" | " :"
    label_case: str  # as_is | upper | title
    label_bold: bool
    label_grey: bool
    combined_number_date: bool  # "PO number/date  4500012345 / 01/27/2021"
    parties: str  # window | side | stacked | split
    party_label: str  # bar | underline | bold | none
    ship_to_at: str  # parties | below | none
    # content formats
    date_style: str
    number_style: str
    currency_show: tuple[str, ...]  # how the currency is shown (see render_totals)
    qty_places: int
    line_no_style: str  # 1 | 10 | 00010 | 001
    # table
    table_style: str  # grid | hlines | zebra | band | rule | plain | boxed
    columns: list[str] = field(default_factory=list)
    stacked_code: bool = False  # item code over the description in one cell
    per_inline: bool = False  # "7,190.00/1,000" in the price cell instead of a column
    notes_under_items: float = 0.0  # share of items with a note row
    date_as_note: bool = False  # per-line dates as note rows
    same_date: float = 0.2  # share of lines due on the order's common date
    qty_total_row: bool = False
    header_repeat: bool = True
    mini_header: bool = True  # issuer and number on top of pages 2+
    continued_line: bool = True
    carried_forward: bool = False
    header_caps: bool = False
    # totals and the rest
    totals_style: str = "right"  # right | table_footer | left_labels | boxed | single_line
    totals_lines: tuple[str, ...] = ("subtotal", "tax", "total")
    words_style: str | None = None  # amount in words: en | en_cur | in | de
    page_footer: str | None = None  # a PAGE pattern, or None
    page_footer_at: str = "bottom_center"  # bottom_center | bottom_right | top_right
    legal_footer: bool = False
    bank_details: bool = False
    header_only_first_page: float = 0.0
    terms_page: float = 0.0
    instructions: float = 0.3
    kv_items: float = 0.0  # share of one-line documents printed as key-value, no table
    signature: bool = False
    extras: tuple[str, ...] = ()  # distractor fields: vendor_no, quote_ref, requisition, ...


def draw_design(family: str, country: Country, rng: random.Random) -> Design:
    us = country.us_dates
    letter = country.code in ("US", "CA", "MX") and rng.random() < 0.85
    face = rng.choice(FACE_KEYS)
    mono_values = rng.random() < 0.15
    size = rng.choice((7.5, 8, 8.5, 9, 9, 9.5, 10, 10.5)) - (0.5 if face == "courier" else 0)
    fields_style = rng.choice(
        ("kv_right", "kv_right", "kv_left", "grid", "band", "window", "above", "inline", "two_col")
    )
    cols = draw_columns(rng, country.code == "IN")
    stacked = "sku" in cols and "description" in cols and rng.random() < 0.2
    if stacked:
        cols.remove("sku")
    totals_lines = ["total"]
    if rng.random() < 0.8:
        totals_lines.insert(0, "subtotal")
    if rng.random() < 0.7:
        totals_lines.insert(-1, "tax")
    if rng.random() < 0.25:
        totals_lines.insert(-1, "shipping")
    if rng.random() < 0.1:
        totals_lines.insert(1, "discount")
    if rng.random() < 0.08:  # only a net total printed (SAP: "Total net value excl. tax")
        totals_lines = ["subtotal"]
    currency_show = tuple(
        rng.sample(("code_total", "symbol", "field", "column", "code_all", "both"), rng.choice((1, 1, 2)))
    )
    if rng.random() < 0.04:
        currency_show = ("none",)
    elif country.code == "IN" and rng.random() < 0.3:
        currency_show = ("words_only",)
    return Design(
        family=family,
        page=LETTER if letter else A4,
        margin=(rng.uniform(28, 62), rng.uniform(24, 56), rng.uniform(28, 62), rng.uniform(34, 66)),
        face=face,
        value_face="courier" if mono_values else face,
        label_face=rng.choice((face, face, "helvetica")),
        size=size,
        label_size=size - rng.choice((0, 0, 1, 1.5, 2)),
        title_size=rng.choice((12, 14, 16, 18, 20, 22)),
        accent=rng.choice(ACCENTS),
        lead=rng.uniform(1.2, 1.5),
        letterhead=rng.choice(("left", "left", "right", "center", "none")) if rng.random() > 0.05 else "none",
        logo=rng.choice(("none", "circle", "ring", "triangle", "bars", "square")),
        buyer_name_at=rng.choices(("letterhead", "footer", "ship_to"), (0.8, 0.12, 0.08))[0],
        title_at=rng.choice(("right", "left", "center", "with_number")) if fields_style != "window" else "window",
        fields_style=fields_style,
        label_colon=rng.choice((":", ":", "", " :")),
        label_case=rng.choice(("as_is", "as_is", "upper", "title")),
        label_bold=rng.random() < 0.5,
        label_grey=rng.random() < 0.3,
        combined_number_date=rng.random() < 0.12,
        parties=rng.choice(("window", "side", "side", "stacked", "split")),
        party_label=rng.choice(("bar", "underline", "bold", "bold", "none")),
        ship_to_at=rng.choice(("parties", "parties", "below")),
        date_style=rng.choice(US_DATES if us else EU_DATES),
        number_style=rng.choice(country.numbers) if rng.random() < 0.85 else rng.choice(("en", "plain", "de")),
        currency_show=currency_show,
        qty_places=rng.choice((0, 0, 0, 2, 3)),
        line_no_style=rng.choice(("1", "1", "10", "00010", "001")),
        table_style=rng.choice(("grid", "hlines", "zebra", "band", "rule", "plain", "boxed")),
        columns=cols,
        stacked_code=stacked,
        per_inline=rng.random() < 0.3,
        notes_under_items=rng.choice((0, 0, 0, 0.3, 0.8)),
        date_as_note="date" not in cols and rng.random() < 0.15,
        same_date=rng.choice((0.2, 0.9)),
        qty_total_row=rng.random() < 0.12,
        header_repeat=rng.random() < 0.75,
        mini_header=rng.random() < 0.7,
        continued_line=rng.random() < 0.6,
        carried_forward=rng.random() < 0.15,
        header_caps=rng.random() < 0.3,
        totals_style=rng.choice(("right", "right", "table_footer", "left_labels", "boxed", "single_line")),
        totals_lines=tuple(totals_lines),
        words_style=(
            "in" if country.code == "IN" else rng.choice(("en", "en_cur", "de" if country.lang == "de" else "en"))
        )
        if rng.random() < (0.6 if country.code == "IN" else 0.12)
        else None,
        page_footer=rng.choice(("PAGE", "PAGE", None)),
        page_footer_at=rng.choice(("bottom_center", "bottom_right", "top_right")),
        legal_footer=rng.random() < 0.35,
        bank_details=rng.random() < 0.25,
        header_only_first_page=rng.choice((0, 0, 0, 0.5)),
        terms_page=rng.choice((0, 0, 0.4, 1.0)),
        instructions=rng.choice((0, 0.3, 0.7)),
        kv_items=rng.choice((0, 0, 0.6)),
        signature=rng.random() < 0.3,
        extras=tuple(
            rng.sample(
                ("vendor_no", "quote_ref", "requisition", "contract", "ship_via", "incoterms"), rng.randint(0, 3)
            )
        ),
    )
