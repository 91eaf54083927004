"""PO fields from a free-text email body: PO number, dates, order lines, ship-to.

The text is one virtual page (extractors/textpages.py), so every field gets page 1
and the box of the words it was read from, like fields read from a PDF.
"""
from __future__ import annotations

import itertools
import re
from datetime import date

from extractors import confidence
from extractors.email.body import counts, lines, lists, phrases, references
from extractors.email.body.dates import find_dates
from extractors.email.body.mentions import Mention, Span, is_sku, split_code
from extractors.email.body.schedule import date_roles
from extractors.email.body.shipto import ship_to
from extractors.email.body.tables import table_mentions
from extractors.model import BBox, Extraction, Field, LineItem
from extractors.textpages import CHAR_W, LINE_H, text_to_pages

MAX_CHARS = 50_000  # an order written by hand is far shorter; the rest is quoted history
MAX_SPACES = 40  # a longer run of spaces is cut to this, which keeps the mention finders linear
_LONG_GAP = re.compile(rf" {{{MAX_SPACES + 1},}}")
SAME_AMOUNT = 0.015  # quantity x price and the amount typed may differ by rounding, at most this


def extract_from_text(text: str, received: date | None = None) -> Extraction:
    """Fields of a PO written as email text; relative dates resolved against `received`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    ex = Extraction(page_count=1, sources=["email"])
    if len(text) > MAX_CHARS:
        ex.warnings.append(f"text_truncated: only the first {MAX_CHARS} characters were read")
        text = text[:MAX_CHARS]
    text = _LONG_GAP.sub(" " * MAX_SPACES, text)
    boxes = _Boxes(text)
    po = references.po_number(text, [])
    mentions = _mentions(text)
    if po is not None:
        ex.fields["po_number"] = boxes.field("po_number", *po)
        mentions = [m for m in mentions if not (m.start < po[0].end and po[0].start < m.end)]
    used = [(m.start, m.end) for m in mentions] + ([(po[0].start, po[0].end)] if po else [])
    _dates(text, received, used, boxes, ex)
    ship = ship_to(text)
    if ship is not None:
        ex.fields["ship_to"] = boxes.field("ship_to", *ship)
    ex.line_items = [_item(m, boxes) for m in mentions]
    ex.warnings += [f"ambiguous_quantity: {text[m.start:m.end]!r}" for m in mentions
                    if m.extra.get("ambiguous_quantity")]
    ex.warnings += [f"unread_line: {line!r}" for line in _unread_lines(text, mentions, used)]
    _check_amounts(ex)
    return ex


# Mention finders, most specific first; a later finder's overlapping reading is dropped. The
# line finders read the text as it is; the sentence finders read paragraphs with their wrapped
# lines joined ("...and 2 box of\nwashers m8 to suit").
LINE_FINDERS = [table_mentions, lines.read_lines, lists.item_qty_pairs]
SENTENCE_FINDERS = [phrases.qty_label_code, phrases.sku_qty, phrases.qty_of_code, phrases.qty_x_sku,
                    phrases.sku_x_qty, phrases.qty_unit_of, phrases.qty_unit_desc, phrases.sku_to_qty,
                    phrases.qty_sku, phrases.qty_words_sku, phrases.words_unit_desc, phrases.qty_x_desc,
                    phrases.verb_qty_desc]
WRAPPED_LINE = 40  # characters: a line at least this long that runs on in lower case was wrapped


def _mentions(text: str) -> list[Mention]:
    """Every order line mentioned in the text, earliest first; overlapping readings dropped."""
    found: list[Mention] = []
    phones = [(m.start(), m.end()) for m in counts.PHONE.finditer(text)]
    prose = _unwrapped(text)
    for finder, source in [(f, text) for f in LINE_FINDERS] + [(f, prose) for f in SENTENCE_FINDERS]:
        for m in finder(source):
            if any(m.start < o.end and o.start < m.end for o in found) or \
                    any(m.start < e and s < m.end for s, e in phones):
                continue
            if finder in SENTENCE_FINDERS and _RECEIVED.search(_clause_before(prose, m.start)):
                continue  # "we got 10 boxes of the wrong length": what came, not what is ordered
            if m.description is not None and finder in SENTENCE_FINDERS:
                _trim_description(m)
            found.append(m)
    for m in found:
        if m.rule.startswith("line"):
            continue  # the line reader placed its code and description itself
        if m.sku is None:
            _trailing_code(text, m, found)
        if m.sku is None and m.description is not None:
            m.sku, m.description = split_code(m.description)
        elif m.sku is not None and m.description is not None:
            _drop_code_from_description(m)
    return sorted(found, key=lambda m: m.start)


_RECEIVED = re.compile(
    r"(?i)\b(got|received|receive|were|was|delivered|shipped|arrived|returned|sent us|bekommen|erhalten|geliefert|"
    r"reçu|re[çc]u|livr[ée]s?|recibimos|recibido|llegaron|nos llegaron|entregaron)\b")


def _clause_before(text: str, pos: int) -> str:
    """The words of the sentence before `pos`."""
    start = max(text.rfind(c, 0, pos) for c in ".!?\n")
    return text[start + 1:pos]


_WHERE_TO = re.compile(r"\s+(?:an\s+(?:unser|unsere|die|den|das|uns)|[àa]\s+(?:notre|nos|la|l')|au\s|"
                       r"a\s+nuestr|en\s+nuestr|to\s+(?:our|us|the)\b|for\s+(?:our|the)\b|nach\s+[A-ZÄÖÜ]).*$")


def _trim_description(m: Mention) -> None:
    """'Bits T25 an unser Lager in Köln': the words after the item say where it goes, not what it is."""
    cut = _WHERE_TO.search(m.description.text)
    if cut and cut.start() > 0:
        text = m.description.text[:cut.start()]
        m.description = Span(text, m.description.start, m.description.start + len(text))


_LISTED = re.compile(r"^[ \t]*(?:[-*•·▪–>][ \t]+|\d{1,3}[.)][ \t]+|(?i:pos|item|line|ln)\.?[ \t]*\d)")
_CELLS = re.compile(r"\||\t|\S[ \t]{2,}\S")


def _unread_lines(text: str, mentions: list[Mention], used) -> list[str]:
    """Lines shaped like order lines (a list item or a table row with a number and words) that no
    reader took: the order may be missing them, so a clerk should look."""
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not (_LISTED.match(line) or len(_CELLS.findall(line)) >= 2):
            continue
        dated = [(d.start - start, d.end - start) for d in find_dates(line)]
        undated = "".join(c for i, c in enumerate(line) if not any(a <= i < b for a, b in dated))
        if not re.search(r"\d", undated) or not re.search(r"[^\W\d_]{3,}", line) or \
                any(m.start < end and start < m.end for m in mentions) or any(s < end and start < e for s, e in used):
            continue
        if counts.PHONE.search(line) or lines.ADDRESS.search(line) or re.search(r"(?i)\b(?:tel|fax|www|http|@)", line):
            continue
        out.append(line.strip())
    return out


def _unwrapped(text: str) -> str:
    """The text with a wrapped line joined to the next (a space for the newline: offsets stay)."""
    chars = list(text)
    pos = 0
    rows = text.split("\n")
    for row, nxt in itertools.pairwise(rows):
        pos += len(row)
        if len(row) >= WRAPPED_LINE and re.match(r"[ \t]*[a-zà-ÿ]", nxt):
            chars[pos] = " "
        pos += 1
    return "".join(chars)


_PAREN_CODE = re.compile(r"[ \t]*\((?P<code>[A-Za-z0-9][\w./-]{1,24})\)")


def _trailing_code(text: str, m: Mention, found: list[Mention]) -> None:
    """'60 pcs of hex nut M10 (HN-M10)': a code in brackets right after the line is its SKU."""
    p = _PAREN_CODE.match(text, m.end)
    if p and is_sku(p.group("code")) and re.search(r"[A-Z]", p.group("code")) and not any(
            o is not m and o.start < p.end() and m.end < o.end for o in found):
        m.sku = Span(p.group("code"), p.start("code"), p.end("code"))
        m.end = p.end()


def _drop_code_from_description(m: Mention) -> None:
    words = m.description.text.split()
    if m.sku.text in words and len(words) > 1:
        rest = " ".join(w for w in words if w != m.sku.text)
        m.description = Span(rest, m.description.start, m.description.end)


def _dates(text: str, received, used, boxes: _Boxes, ex: Extraction) -> None:
    found = [d for d in find_dates(text, received) if not any(d.start < e and s < d.end for s, e in used)]
    roles = date_roles(text, found)
    for name, d, conf in (("order_date", roles.order, None), ("hold_until", roles.hold_until, None),
                          ("requested_delivery_date", *(roles.requested or (None, None)))):
        if d is None:
            continue
        span = Span(d.text, d.start, d.end, d.value.isoformat())
        ex.fields[name] = boxes.field(name, span, conf if conf is not None else d.confidence, f"email:date_{d.rule}")
        if name == "requested_delivery_date" and d.confidence < confidence.AMBIGUOUS_DATE:
            ex.warnings.append(f"ambiguous_date: {d.text!r} read as {d.value.isoformat()}")


def _item(m: Mention, boxes: _Boxes) -> LineItem:
    conf = m.confidence
    item = LineItem(confidence=conf, page=1, bbox=boxes.box(m.start, m.end))
    rule = f"email:{m.rule}"
    item.quantity = boxes.field("quantity", m.quantity, conf, rule)
    if m.extra.get("ambiguous_quantity"):
        item.quantity.confidence = conf * confidence.AMBIGUOUS_QUANTITY
    for name in ("sku", "description", "unit"):
        span = getattr(m, name)
        if span is not None:
            setattr(item, name, boxes.field(name, span, conf, rule))
    for name in ("unit_price", "amount"):
        if isinstance(m.extra.get(name), Span):
            setattr(item, name, boxes.field(name, m.extra[name], conf, rule))
    return item


def _check_amounts(ex: Extraction) -> None:
    results = []
    for item in ex.line_items:
        if item.unit_price and item.amount and item.quantity:
            try:
                want = float(item.quantity.normalized) * float(item.unit_price.normalized)
                results.append(abs(want - float(item.amount.normalized)) < SAME_AMOUNT)
            except (TypeError, ValueError):
                continue
    if results:
        ex.checks["line_amounts"] = all(results)


class _Boxes:
    """Boxes of character spans, snapped to the words of the text's virtual page."""

    def __init__(self, text: str):
        self.text = text
        self.words = text_to_pages(text, source="email")[0].words

    def box(self, start: int, end: int) -> BBox | None:
        if end <= start:
            return None
        row0 = self.text.count("\n", 0, start)
        row1 = self.text.count("\n", 0, max(start, end - 1))
        col0 = start - (self.text.rfind("\n", 0, start) + 1)
        col1 = end - (self.text.rfind("\n", 0, end - 1) + 1) if row1 > row0 else \
            col0 + (end - start)
        hits = [w for w in self.words
                if row0 * LINE_H <= w.top <= row1 * LINE_H and (
                    row1 > row0 or (w.x1 > col0 * CHAR_W and w.x0 < col1 * CHAR_W))]
        if not hits:
            return None
        return (min(w.x0 for w in hits), min(w.top for w in hits),
                max(w.x1 for w in hits), max(w.bottom for w in hits))

    def field(self, name: str, span: Span, conf: float, rule: str) -> Field:
        return Field(name, span.text, span.normalized, conf, page=1,
                     bbox=self.box(span.start, span.end), rule=rule)
