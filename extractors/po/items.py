"""Line items: find the table header row, read its columns, then the item rows under it.

A row with numbers in the numeric columns starts an item; the lines under it
without such numbers continue its description (wrapped text) until the next
item, a totals row, or a wide gap. Each page may repeat the header.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from extractors.layout.geometry import overlap
from extractors.layout.textlines import MIN_LINE_HEIGHT, MIN_WORD_HEIGHT, Line, Segment
from extractors.model import LineItem, Word
from extractors.normalize import currency_token, parse_amount
from extractors.po.labels import norm
from extractors.po.rows import END_FIELDS, Row, is_unit, item_of, number_of, rows_by_arithmetic

COLUMN_WORDS = [  # (type, words); the first type whose word occurs in a column label wins
    ("amount", {"amount", "extended", "extension", "total", "gesamt", "gesamtpreis", "betrag", "value", "ext",
                "linetotal", "montant", "importe", "net value", "line total"}),
    ("unit_price", {"price", "cost", "rate", "einzelpreis", "preis", "einzel", "prix", "precio", "unitprice", "each"}),
    ("quantity", {"qty", "quantity", "menge", "ordered", "anzahl", "quantité", "cantidad", "qté", "order qty"}),
    ("description", {"description", "beschreibung", "bezeichnung", "designation", "désignation",
                     "descripción", "product", "produkt", "leistung", "particulars", "details", "goods",
                     "item description", "artikelbezeichnung", "libellé"}),
    ("sku", {"sku", "code", "part", "item", "article", "artikelnr", "artikel", "material", "model",
             "catalog", "catalogue", "cat", "product id", "ref", "art", "reference", "partno", "itemno"}),
    ("unit", {"uom", "unit", "um", "einheit", "me", "u m", "unité"}),
    ("line", {"line", "pos", "no", "#", "ln", "sr", "sl", "position", "nr"}),
]
_WORDS_OF = dict(COLUMN_WORDS)
NUMERIC = ("quantity", "unit_price", "amount")  # the columns of figures
TEXT_KINDS = ("description", "sku", "other")  # the columns of text
SKU_LABELS = {"item code", "sku", "part number", "part no", "part #", "material", "material no",
              "artikelnr", "artikel nr", "article no", "product code", "item no", "item number"}


@dataclass(slots=True)
class Column:
    kind: str
    x0: float
    x1: float
    label: str


CODE_NOUNS = {"product", "item", "part", "article", "material", "catalog", "catalogue", "cat", "model", "stock",
              "artikel", "style"}
NUMBER_WORDS = {"number", "no", "nr", "#", "code", "id", "num"}

# Header labels (word counts), and where columns and rows sit (points, or line heights h)
CODE_LABEL_WORDS = 3  # a code column's label is this short: "Product Number", "Cat. No."
LINE_LABEL_WORDS = 2  # a line-number column's label: "Line", "Pos. Nr"
LABEL_GAP = 0.6  # word heights: a wider gap inside a header phrase parts two labels ("Qty Ordered  Details")
MIN_FIGURE_COLUMNS = 2  # a header row names two of quantity, price and amount ...
MIN_COLUMNS = 3  # ... among three columns or more that we know
SERVICE_TABLE_PHRASES = 6  # or description and amount only, on a row of this many phrases at most
STACKED_LINES = 3  # header lines under the first that may continue its labels ("Unit / Price")
STACKED_REACH = 3.5  # h: how far from the header's first line its stacked labels may sit
COLUMN_SLACK = 2  # a word this far outside a column's label still stands under it
TEXT_MIN_LETTERS = 2  # a word of text among the figures has this many letters
TABLE_GAP = 4.5  # h: a wider gap between rows ends the table
ROW_MIN_FIGURES = 2  # numbers on a line that start an item row


def column_kind(label: str) -> str | None:
    toks = set(label.split())
    joined = label.replace(" ", "")
    if toks & CODE_NOUNS and toks & NUMBER_WORDS and len(toks) <= CODE_LABEL_WORDS \
            and not toks & _WORDS_OF["description"]:
        return "sku"  # "Product Number", "Item #", "Cat. No." (not "Item No. / Description")
    for kind, words in COLUMN_WORDS:
        if kind == "unit_price" and toks & {"unit", "einzel"} and toks & {"price", "cost", "preis", "rate"}:
            return "unit_price"
        if kind == "amount" and "unit" in toks and toks & {"price", "cost"} and not toks & {"extended", "total"}:
            continue
        if toks & words or joined in words:
            if kind == "line" and len(toks) > LINE_LABEL_WORDS:
                continue
            return kind
    return None


LINE_WORDS = _WORDS_OF["line"]


def _label_runs(words: list[Word]) -> list[list[Word]]:
    """Header words split where the gap is wider than a space: "Qty Ordered  Details"
    set close together are two labels, if each part is a label we know."""
    h = max(min(w.bottom - w.top for w in words), MIN_WORD_HEIGHT)
    runs = [[words[0]]]
    for a, b in itertools.pairwise(words):
        if b.x0 - a.x1 > LABEL_GAP * h:
            runs.append([])
        runs[-1].append(b)
    if len(runs) > 1 and all(column_kind(norm(" ".join(w.text for w in r))) for r in runs):
        return runs
    return [words]


def find_header(line: Line) -> list[Column] | None:
    cols = []
    parts = [Segment(run, seg.page, seg.line) for seg in line.segments for run in _label_runs(seg.words)]
    for seg in parts:
        label = norm(seg.text)
        kind = column_kind(label)
        first = norm(seg.words[0].text)
        if len(seg.words) > 1 and first in LINE_WORDS and kind in (None, "sku", "description"):
            # "Line  Cat. No." set close together: a line-number column, then the other one
            rest = norm(" ".join(w.text for w in seg.words[1:]))
            cols.append(Column("line", seg.x0, seg.words[0].x1, first))
            cols.append(Column(column_kind(rest) or "other", seg.words[1].x0, seg.x1, rest))
            continue
        cols.append(Column(kind or "other", seg.x0, seg.x1, label))
    kinds = {c.kind for c in cols}
    if any(parse_amount(w.text) is not None and ("." in w.text or "," in w.text) for w in line.words
           if any(ch.isdigit() for ch in w.text)):
        return None  # a header row holds no amounts
    if len(kinds & set(NUMERIC)) >= MIN_FIGURE_COLUMNS and len(kinds - {"other"}) >= MIN_COLUMNS:
        return cols
    if {"description", "amount"} <= kinds and len(line.segments) <= SERVICE_TABLE_PHRASES:
        return cols  # a service table: description and amount only
    return None


def _merge_stacked(cols: list[Column], lines: list[Line], at: int) -> list[Column]:
    """Header labels printed on two or more lines ("Unit / Price") join their column."""
    head = lines[at]
    h = max(head.height, MIN_LINE_HEIGHT)
    for other in (lines[at - 1] if at > 0 else None, *lines[at + 1:at + 1 + STACKED_LINES]):
        if other is None or other.page != head.page or abs(other.top - head.top) > h * STACKED_REACH:
            continue
        if any(c.isdigit() for c in other.text):
            break
        for seg in other.segments:
            best = max(cols, key=lambda c: overlap(c.x0, c.x1, seg.x0, seg.x1))
            if overlap(best.x0, best.x1, seg.x0, seg.x1) > 0:
                best.label = f"{best.label} {norm(seg.text)}".strip()
                best.kind = column_kind(best.label) or best.kind
    return cols


def word_columns(cols: list[Column], line: Line) -> dict[int, str]:
    """id(word) -> the kind of its column. A phrase (segment) under one label belongs to that
    column as a whole, even where it starts left of the label. In a phrase under several
    labels, a word of text under no label (or under a figures' label: a description running
    on) goes with the nearest text column of its phrase, to the right first."""
    out = {}
    for seg in line.segments:
        under = [c for c in cols if overlap(c.x0 - COLUMN_SLACK, c.x1 + COLUMN_SLACK, seg.x0, seg.x1) > 0]
        if len(under) == 1 and len(seg.words) > 1:
            out.update((id(w), under[0].kind) for w in seg.words)
            continue
        placed = [_under_label(cols, w) for w in seg.words]
        for k, w in enumerate(seg.words):
            col = placed[k]
            if col is None or (col.kind in NUMERIC and _is_text(w)):
                text_cols = [c for c in placed[k + 1:] + placed[:k][::-1] if c and c.kind in TEXT_KINDS]
                col = text_cols[0] if text_cols else col
            col = col or next((c for c in placed[k + 1:] if c), None) \
                or next((c for c in reversed(placed[:k]) if c), None) or column_of(cols, w)
            out[id(w)] = col.kind
    return out


def _is_text(w: Word) -> bool:
    letters = sum(c.isalpha() for c in w.text)
    return letters >= TEXT_MIN_LETTERS and letters * 2 >= len(w.text) and not is_unit(w.text) \
        and not currency_token(w.text)


def _under_label(cols: list[Column], w: Word) -> Column | None:
    """The column whose label the word stands under, if any."""
    best = max(cols, key=lambda c: overlap(c.x0 - COLUMN_SLACK, c.x1 + COLUMN_SLACK, w.x0, w.x1))
    return best if overlap(best.x0 - COLUMN_SLACK, best.x1 + COLUMN_SLACK, w.x0, w.x1) > 0 else None


def _two_code_columns(cols: list[Column]) -> list[Column]:
    """"Code" and "Item" side by side with no description column: the one not named as a
    number or code holds the item's name."""
    codes = [c for c in cols if c.kind == "sku"]
    if len(codes) < 2 or any(c.kind == "description" for c in cols):
        return cols
    named = [c for c in codes if set(c.label.split()) & (NUMBER_WORDS | {"sku", "partno", "itemno", "artikelnr"})]
    if named:
        for c in codes:
            if c not in named:
                c.kind = "description"
    return cols


def column_of(cols: list[Column], w: Word) -> Column:
    """The column a word belongs to: under a label, else by where text runs on, else the nearest."""
    best = _under_label(cols, w)
    if best is not None:
        return best
    # text runs on to the right of its label: a word wholly between a text column's label
    # and the next label belongs to that text column
    left = [k for k, c in enumerate(cols) if c.x0 <= w.x0 + COLUMN_SLACK]
    if left and cols[left[-1]].kind in TEXT_KINDS:
        k = left[-1]
        if k + 1 == len(cols) or w.x1 <= cols[k + 1].x0:
            return cols[k]
    return min(cols, key=lambda c: max(c.x0 - w.x1, w.x0 - c.x1, 0))


def read_items(lines: list[Line], hit_lines: dict[int, set[str]], decimal_comma: bool,
               first_words: dict[int, str]) -> tuple[list[LineItem], set[int], int | None]:
    """Line items, the line indexes the table covers, and where the first table starts."""
    rows: list[Row] = []
    covered: set[int] = set()
    first = None
    i = 0
    while i < len(lines):
        cols = find_header(lines[i])
        if not cols:
            i += 1
            continue
        cols = _two_code_columns(_merge_stacked(cols, lines, i))
        first = i if first is None else first
        covered.add(i)
        i = _read_rows(lines, i + 1, cols, rows, covered, hit_lines, decimal_comma, first_words)
    if first is None:
        first = rows_by_arithmetic(lines, rows, covered, hit_lines, decimal_comma, first_words)
    return [item_of(r, decimal_comma) for r in rows], covered, first


def _read_rows(lines, start, cols, rows, covered, hit_lines, decimal_comma, first_words) -> int:
    page = lines[start - 1].page
    current: Row | None = None
    last_bottom = lines[start - 1].bottom
    i = start
    while i < len(lines):
        line = lines[i]
        if line.page != page or find_header(line):
            return i
        fields = hit_lines.get(i, set())
        if fields & END_FIELDS:
            return i
        h = max(line.height, MIN_LINE_HEIGHT)
        if line.top - last_bottom > h * TABLE_GAP:
            return i
        nums = []
        for w in line.words:
            v = number_of(w, decimal_comma)
            if v is not None:
                col = column_of(cols, w)
                if col.kind in NUMERIC or col.kind == "other":
                    nums.append((w, v, col.kind))
        typed = [n for n in nums if n[2] in NUMERIC]
        amount_only = not any(c.kind in ("quantity", "unit_price") for c in cols)
        starts_row = len(nums) >= ROW_MIN_FIGURES or (amount_only and len(line.words) > len(nums))
        if starts_row and typed and not first_words.get(i):
            current = Row(words=line.words, nums=nums, lines=[line],
                          kinds=word_columns(cols, line),
                          table_kinds={c.kind for c in cols})
            rows.append(current)
        elif current is not None:
            label = first_words.get(i)
            if label in SKU_LABELS and current.sku_from_label is None:
                vals = [w for w in line.words if any(c.isdigit() for c in w.text)]
                current.sku_from_label = vals[0] if vals else None
            elif not label:
                current.extra.extend(_text_words(line, cols))
        covered.add(i)
        last_bottom = line.bottom
        i += 1
    return i


def _text_words(line: Line, cols: list[Column]) -> list[Word]:
    out = []
    kinds = word_columns(cols, line)
    for seg in line.segments:
        if seg.words[0].text.endswith(":"):
            continue  # "Whse: 001" and other labelled notes
        for w in seg.words:
            if kinds[id(w)] in ("description", "sku", "other", "line"):
                out.append(w)
    return out
