"""PO fields from a free-text email body: PO number, dates, order lines, ship-to.

The text is one virtual page (extractors/textpages.py), so every field gets page 1
and the box of the words it was read from, like fields read from a PDF.
"""
from __future__ import annotations

import re
from datetime import date

from extractors import confidence
from extractors.email.body import lists, phrases
from extractors.email.body.dates import find_dates
from extractors.email.body.mentions import Mention, Span, is_sku, split_code
from extractors.email.body.tables import table_mentions
from extractors.model import BBox, Extraction, Field, LineItem
from extractors.textpages import CHAR_W, LINE_H, text_to_pages

PO_NUMBER = re.compile(
    r"(?<![\w-])(?i:p\.?\s?o\.?|purchase\s+order|bestellung|bestellnummer|bestell-?nr\.?)"
    r"(?![A-Za-z])(?!\s*box)(?:\s*(?i:#|no\.?|num(?:ber)?\.?|nr\.?|ref(?:erence)?\.?))?"
    r"(?:\s+(?i:is|was|will be|reads))?\s*[:#.=]?\s*"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9/_.-]*\d[A-Za-z0-9/_-]*|\d[A-Za-z0-9/_-]*)")
ORDER_NUMBER = re.compile(
    r"(?i:\b(?:order|ref(?:erence)?|auftrag)\s*(?:#|no\.?|number|nr\.?|nummer|ref(?:erence)?)"
    r"(?:\s+(?:is|was))?\s*[:#]?\s*)"
    r"(?P<v>[A-Za-z0-9][A-Za-z0-9/_-]*\d[A-Za-z0-9/_-]*)")
_SHIP_LABEL = re.compile(
    r"(?im)(?:^|(?<=[.!?;])[ \t]+)[ \t]*(?:ship(?:ping)?[ -]to(?: address)?|deliver(?:y)?[ -]to|delivery address|"
    r"shipping address|lieferadresse|lieferanschrift|adresse de livraison)[ \t]*[:\-][ \t]*(?P<v>.*)$")
_SHIP_SITE = re.compile(
    r"\bto\s+(?:our|the)\s+(?P<v>(?:[A-Z][\w.'&-]*\s+){1,4}(?i:site|plant|warehouse|facility|"
    r"office|branch|location|store|depot|dc|distribution cent(?:er|re)|yard|factory|hq|"
    r"headquarters|shop|mill|lab)s?)\b")
_SITE_WORDS = (r"(?i:site|plant|warehouse|facility|office|branch|location|store|depot|dc|"
               r"distribution cent(?:er|re)|yard|factory|hq|headquarters|shop|mill|lab)")
_SHIP_SITE_IN = re.compile(
    rf"\bto\s+(?:our|the)\s+(?P<v>{_SITE_WORDS}\s+(?:in|at)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}})")
_SHIP_INLINE = re.compile(
    r"(?i:\b(?:deliver|ship|send)(?:ed)?\s+(?:it\s+|them\s+|everything\s+|the goods\s+)?to)\s+"
    r"(?P<v>\d+[A-Za-z]?\s+[A-Z][^\n]*?)(?=\s+(?:by|before|on|until|no later)\b|[.;]\s|\.?\n|\.?$)")
_SHIP_BELOW = re.compile(r"(?i)\bto\s+(?:our|the|this|following)\s+(?:address|location)"
                         r"(?:\s+below)?\s*:?[ \t]*\n")
_DELIVERY_CUE = re.compile(
    r"(?i)(\b(?:delivery|ship(?:ping)?|due|required|requested|need(?:ed)?)\s+(?:delivery\s+)?date|"
    r"\bby|before|until|till|no later than|latest|deliver\w*|ship\w*|need\w*|required|"
    r"arriv\w*|due|\bon|\bfor|bis|spätestens|liefer\w*)"
    r"(?:\s+(?:it|them|this|these|everything|delivery|the goods))?[\s:,]*(?:on\s+|by\s+)?(?:the\s+)?$")
_ORDER_DATE_CUE = re.compile(r"(?i)(dated|order date|po date|date of (?:the )?order)[\s:]*$")
MAX_CHARS = 50_000  # an order written by hand is far shorter; the rest is quoted history
MAX_SPACES = 40  # a longer run of spaces is cut to this, which keeps the mention finders linear
_LONG_GAP = re.compile(rf" {{{MAX_SPACES + 1},}}")
CUE_CHARS = 40  # characters before a date searched for what it is ("deliver by", "order date")
ONE_LINE_ADDRESS = 60  # characters: a ship-to value this long is the whole address
ADDRESS_LINES = 5  # lines a ship-to address runs to at most
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
    po = _po_number(text, [])
    mentions = _mentions(text)
    if po is not None:
        ex.fields["po_number"] = boxes.field("po_number", *po)
        mentions = [m for m in mentions if not (m.start < po[0].end and po[0].start < m.end)]
    used = [(m.start, m.end) for m in mentions] + ([(po[0].start, po[0].end)] if po else [])
    _dates(text, received, used, boxes, ex)
    ship = _ship_to(text)
    if ship is not None:
        ex.fields["ship_to"] = boxes.field("ship_to", *ship)
    ex.line_items = [_item(m, boxes) for m in mentions]
    _check_amounts(ex)
    return ex


# Mention finders, most specific first; a later finder's overlapping reading is dropped.
FINDERS = [table_mentions, lists.bullet_lines, lists.desc_qty_lines, lists.item_qty_pairs,
           phrases.qty_label_code, phrases.sku_qty, phrases.qty_of_code, phrases.qty_x_sku,
           phrases.sku_x_qty, phrases.qty_unit_of, phrases.qty_unit_desc, phrases.sku_to_qty,
           phrases.qty_sku, phrases.qty_words_sku]


def _mentions(text: str) -> list[Mention]:
    """Every order line mentioned in the text, earliest first; overlapping readings dropped."""
    found: list[Mention] = []
    for finder in FINDERS:
        for m in finder(text):
            if not any(m.start < o.end and o.start < m.end for o in found):
                found.append(m)
    for m in found:
        if m.sku is None:
            _trailing_code(text, m, found)
        if m.sku is None and m.description is not None:
            m.sku, m.description = split_code(m.description)
        elif m.sku is not None and m.description is not None:
            _drop_code_from_description(m)
    return sorted(found, key=lambda m: m.start)


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


def _po_number(text: str, used) -> tuple[Span, float, str] | None:
    for pattern, conf, rule in ((PO_NUMBER, confidence.PO_LABEL_IN_TEXT, "email:po_label"),
                                (ORDER_NUMBER, confidence.ORDER_NUMBER_IN_TEXT, "email:order_number")):
        for m in pattern.finditer(text):
            value = m.group("v").rstrip(".-/")
            if any(s <= m.start("v") < e for s, e in used) or re.fullmatch(r"\d{1,2}", value):
                continue
            return Span(value, m.start("v"), m.start("v") + len(value), value.upper()), conf, rule
    return None


def _dates(text: str, received, used, boxes: _Boxes, ex: Extraction) -> None:
    for d in find_dates(text, received):
        if any(d.start < e and s < d.end for s, e in used):
            continue
        before = text[max(0, d.start - CUE_CHARS):d.start].split("\n")[-1]
        span = Span(d.text, d.start, d.end, d.value.isoformat())
        if _ORDER_DATE_CUE.search(before) and "order_date" not in ex.fields:
            ex.fields["order_date"] = boxes.field("order_date", span, d.confidence,
                                                  f"email:date_{d.rule}")
        elif "requested_delivery_date" not in ex.fields and (
                _DELIVERY_CUE.search(before) or _future_phrase(d.text, d.rule)):
            conf = d.confidence if _DELIVERY_CUE.search(before) else d.confidence * confidence.DATE_WITHOUT_CUE
            ex.fields["requested_delivery_date"] = boxes.field(
                "requested_delivery_date", span, conf, f"email:date_{d.rule}")
            if d.confidence < confidence.AMBIGUOUS_DATE:
                ex.warnings.append(f"ambiguous_date: {d.text!r} read as {d.value.isoformat()}")


def _future_phrase(text: str, rule: str) -> bool:
    """'next Tuesday', 'within 3 days', 'tomorrow' point forward even without 'by'."""
    if rule == "relative":
        return not text.lower().startswith("today")
    return rule == "weekday" and text.lower().split()[0] in ("next", "this", "coming")


def _ship_to(text: str) -> tuple[Span, float, str] | None:
    m = _SHIP_LABEL.search(text)
    if m:
        return _address_block(text, m.start("v"), m.group("v")), confidence.SHIP_TO_LABELLED, "email:ship_to_label"
    m = _SHIP_BELOW.search(text)
    if m:
        return _address_block(text, m.end() - 1, ""), confidence.SHIP_TO_BELOW, "email:ship_to_below"
    m = _SHIP_INLINE.search(text)
    if m:
        v = " ".join(m.group("v").split())
        return Span(v, m.start("v"), m.end("v"), v), confidence.SHIP_TO_INLINE, "email:ship_to_inline"
    m = _SHIP_SITE.search(text) or _SHIP_SITE_IN.search(text)
    if m:
        v = " ".join(m.group("v").split())
        return Span(v, m.start("v"), m.end("v"), v), confidence.SHIP_TO_SITE, "email:ship_to_site"
    return None


def _address_block(text: str, start: int, first: str) -> Span:
    """The value after a label; when it is short, the next lines up to a blank line too."""
    lines = [first.strip()] if first.strip() else []
    end = start + len(first)
    whole = bool(lines) and ("," in lines[0] or len(lines[0]) >= ONE_LINE_ADDRESS)
    pos = end + 1
    for line in ([] if whole else text[pos:].split("\n")):
        if len(lines) >= ADDRESS_LINES or not line.strip() or re.match(r"\s*[A-Za-z][\w ]{0,25}:(\s|$)", line):
            break
        lines.append(line.strip())
        end = pos + len(line)
        pos += len(line) + 1
    value = ", ".join(ln.strip(" ,") for ln in lines if ln.strip(" ,"))
    return Span(value, start, max(end, start), value)


def _item(m: Mention, boxes: _Boxes) -> LineItem:
    conf = m.confidence
    item = LineItem(confidence=conf, page=1, bbox=boxes.box(m.start, m.end))
    rule = f"email:{m.rule}"
    item.quantity = boxes.field("quantity", m.quantity, conf, rule)
    for name in ("sku", "description", "unit"):
        span = getattr(m, name)
        if span is not None:
            setattr(item, name, boxes.field(name, span, conf, rule))
    for name in ("unit_price", "amount"):
        if name in m.extra:
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
