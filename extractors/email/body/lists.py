"""Order lines written one to a line of text: a bulleted or numbered list ("- 40 x HB-1240
hex bolt", "2. 100 pcs M8 nut", "HB-1240 - bolt: 40"), a description ending in its quantity
("Hex bolt M12x40, part no. HB-1240 - 40 pcs"), or "Item: HB-1240" with "Qty: 40" under it.
"""
from __future__ import annotations

import re

from extractors import confidence
from extractors.email.body.mentions import (
    BULLET,
    QTY,
    SKU,
    SKU_LOOSE,
    UNIT_RE,
    UNITS,
    Mention,
    Span,
    is_sku,
    qty_span,
    text_span,
    unit_span,
    with_code,
)

LISTED_WORDS = 6  # "- 40 hex bolts zinc": a bulleted quantity and this many words at most is an item
SENTENCE_WORDS = 8  # more words after a number make a sentence, not an item line
_BULLET_LINE = re.compile(
    rf"^[ \t]*(?P<bullet>{BULLET})?[ \t]*(?P<qty>{QTY})[ \t]*(?P<unit>{UNIT_RE})?\.?[ \t]*(?P<mark>x|×|\*|of)?"
    rf"[ \t]+(?P<sku>{SKU_LOOSE})?(?P<desc>[^\n]*)$", re.I | re.M)
_BULLET_SKU_FIRST = re.compile(
    rf"^[ \t]*{BULLET}?[ \t]*(?P<sku>{SKU})[ \t]*[-–:,]?(?P<desc>[^\n]*?)[ \t]*[-–:,x×]?[ \t]*"
    rf"(?:(?i:qty|quantity)[ \t]*[:=]?[ \t]*)?(?P<qty>{QTY})[ \t]*(?P<unit>(?i:{UNIT_RE}))?\.?[ \t]*$",
    re.M)


def bullet_lines(text: str):
    """A line that is one item: '- 40 x HB-1240 hex bolt', '2. 100 pcs M8 nut', 'HB-1240 - bolt: 40'."""
    for m in _BULLET_LINE.finditer(text):
        sku = text_span(m, "sku") if m.group("sku") and is_sku(m.group("sku")) else None
        desc = text_span(m, "desc")
        if sku is None and m.group("sku"):  # the 'sku' was the first word of a description
            desc = Span(text[m.start("sku"):m.end("desc")].strip(), m.start("sku"), m.end("desc"))
        if desc is None and sku is None:
            continue
        if sku is None and m.group("unit") is None and not m.group("mark") and not (
                m.group("bullet") and desc is not None and len(desc.text.split()) <= LISTED_WORDS):
            continue  # a plain 'N words' line is an item only in a bulleted list
        if desc is not None and len(desc.text.split()) > SENTENCE_WORDS:
            continue  # a sentence that starts with a number, not an item line
        conf = confidence.BULLET_WITH_CODE if sku else confidence.BULLET_WITHOUT_CODE
        yield Mention(m.start("qty"), m.end(), "bullet_line", conf,
                      qty_span(m.group("qty"), m.start("qty")), sku, desc, unit_span(m))
    for m in _BULLET_SKU_FIRST.finditer(text):
        if not is_sku(m.group("sku")) or re.search(r"(?i)\bqty\b.*\d|@|=", m.group("desc")):
            continue
        yield Mention(m.start("sku"), m.end(), "bullet_line", confidence.BULLET_CODE_FIRST,
                      qty_span(m.group("qty"), m.start("qty")), text_span(m, "sku"),
                      text_span(m, "desc"), unit_span(m))


_QTY_TAIL = re.compile(
    rf"(?:[-–:,]|\bqty\b\.?)[ \t]*(?P<qty>{QTY})[ \t]*(?P<unit>{UNIT_RE})\.?[ \t]*$", re.I)
_LEAD = re.compile(rf"^[ \t]*{BULLET}?[ \t]*")
MAX_LINE = 300  # longer 'lines' are paragraphs (HTML without breaks), not item lines


def desc_qty_lines(text: str):
    """'Hex bolt M12x40, part no. HB-1240 - 40 pcs' on a line of its own."""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) > MAX_LINE:
            continue
        tail = _QTY_TAIL.search(line)
        if tail is None:
            continue
        lead = _LEAD.match(line).end()
        raw = line[lead:tail.start()].strip()
        if not re.search(r"[A-Za-z]{2}", raw):
            continue
        d0 = start + line.index(raw, lead)
        qty = qty_span(tail.group("qty"), start + tail.start("qty"))
        unit = Span(tail.group("unit"), start + tail.start("unit"), start + tail.end("unit"),
                    UNITS[tail.group("unit").lower()])
        yield with_code(Mention(d0, start + len(line), "desc_qty_line", confidence.DESCRIPTION_THEN_QTY, qty, None,
                                Span(raw, d0, d0 + len(raw)), unit))


_PAIRS = re.compile(
    rf"(?im)^[ \t]*(?:item|sku|part(?:\s*no\.?)?|article|code)[ \t]*[:#][ \t]*(?P<sku>{SKU_LOOSE})"
    rf"(?P<desc>[^\n]*)\n(?:[ \t]*(?:description|desc)[ \t]*:[ \t]*(?P<desc2>[^\n]+)\n)?"
    rf"[ \t]*(?:qty|quantity|menge)[ \t]*[:=][ \t]*(?P<qty>{QTY})[ \t]*(?P<unit>{UNIT_RE})?\b")


def item_qty_pairs(text: str):
    """'Item: HB-1240' then 'Qty: 40' on the next line (a description line may sit between)."""
    for m in _PAIRS.finditer(text):
        group = "desc2" if m.group("desc2") else "desc"
        raw = (m.group(group) or "").strip(" -–:,")
        desc = Span(raw, m.start(group) + m.group(group).find(raw), 0) if raw else None
        if desc is not None:
            desc.end = desc.start + len(raw)
        yield Mention(m.start(), m.end(), "item_qty_pairs", confidence.ITEM_THEN_QTY_LINES,
                      qty_span(m.group("qty"), m.start("qty")),
                      Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, unit_span(m))
