"""More ways people write order lines in mail, beside those of email_lines.py:

"Hex bolt M12x40, part no. HB-1240 - 40 pcs", "Item: HB-1240 / Qty: 40",
"500 units of SKU 88-1002 (blue caps)", "100 Stk. Schrauben M6x20 (Art.-Nr. 4711-620)",
"12 more HB-1240". Item codes inside a description ("part no. X", "(Art.-Nr. X)", or a
code-shaped word) become the line's SKU.
"""
from __future__ import annotations

import re

from extractors.email_lines import _BULLET, _QTY, _UNIT_RE, SKU, SKU_LOOSE, UNITS, LineMention, Span, \
    _qty, _unit, is_sku

_CODE_LABEL = (r"(?:sku|item\s*(?:no\.?|#|number)|part\s*(?:no\.?|number|#)|p/n|"
               r"art(?:icle)?\.?\s*-?\s*(?:nr|no|number)\.?|artikel(?:nummer|-?nr\.?)|"
               r"ref(?:erence)?\s*(?:no\.?|#)?|code|cat(?:alog(?:ue)?)?\.?\s*(?:no\.?|#))")
CODE_REF = re.compile(rf"\(?\b{_CODE_LABEL}\s*[:#]?\s*(?P<code>{SKU_LOOSE})\)?", re.I)
_END = (r"(?=\s*(?:[,;+&]|\.(?:\s|$)|\b(?:and|plus|to|by|for|please|und|sowie|bis|et|y)\b"
        r"|\n|$))")


def split_code(desc: Span) -> tuple[Span | None, Span | None]:
    """(sku, description without the code reference) found inside a description span."""
    m = CODE_REF.search(desc.text)
    if m is None:
        m = next((t for t in re.finditer(r"[\w./-]+", desc.text)
                  if is_sku(t.group()) and re.search(r"[A-Z]{2}|[A-Za-z]-|-[A-Za-z]|\d-\d", t.group())
                  ), None)
        if m is None:
            return None, desc
        code_start, code_end, cut = m.start(), m.end(), (m.start(), m.end())
    else:
        code_start, code_end, cut = m.start("code"), m.end("code"), (m.start(), m.end())
    sku = Span(desc.text[code_start:code_end], desc.start + code_start, desc.start + code_end)
    rest = (desc.text[:cut[0]] + " " + desc.text[cut[1]:]).strip(" ,;:-–()")
    rest = " ".join(rest.split())
    if not re.search(r"[A-Za-z]{2}", rest):
        return sku, None
    lead = desc.text.find(rest.split()[0]) if rest else 0
    return sku, Span(rest, desc.start + max(lead, 0), desc.start + max(lead, 0) + len(rest))


def _with_code(m: LineMention) -> LineMention:
    if m.sku is None and m.description is not None:
        m.sku, m.description = split_code(m.description)
    return m


_QTY_TAIL = re.compile(
    rf"(?:[-–:,]|\bqty\b\.?)[ \t]*(?P<qty>{_QTY})[ \t]*(?P<unit>{_UNIT_RE})\.?[ \t]*$", re.I)
_LEAD = re.compile(rf"^[ \t]*{_BULLET}?[ \t]*")
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
        qty = _qty(tail.group("qty"), start + tail.start("qty"))
        unit = Span(tail.group("unit"), start + tail.start("unit"), start + tail.end("unit"),
                    UNITS[tail.group("unit").lower()])
        yield _with_code(LineMention(d0, start + len(line), "desc_qty_line", 0.8, qty, None,
                                     Span(raw, d0, d0 + len(raw)), unit))


_PAIRS = re.compile(
    rf"(?im)^[ \t]*(?:item|sku|part(?:\s*no\.?)?|article|code)[ \t]*[:#][ \t]*(?P<sku>{SKU_LOOSE})"
    rf"(?P<desc>[^\n]*)\n(?:[ \t]*(?:description|desc)[ \t]*:[ \t]*(?P<desc2>[^\n]+)\n)?"
    rf"[ \t]*(?:qty|quantity|menge)[ \t]*[:=][ \t]*(?P<qty>{_QTY})[ \t]*(?P<unit>{_UNIT_RE})?\b")


def item_qty_pairs(text: str):
    """'Item: HB-1240' then 'Qty: 40' on the next line (a description line may sit between)."""
    for m in _PAIRS.finditer(text):
        group = "desc2" if m.group("desc2") else "desc"
        raw = (m.group(group) or "").strip(" -–:,")
        desc = Span(raw, m.start(group) + m.group(group).find(raw), 0) if raw else None
        if desc is not None:
            desc.end = desc.start + len(raw)
        yield LineMention(m.start(), m.end(), "item_qty_pairs", 0.85,
                          _qty(m.group("qty"), m.start("qty")),
                          Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, _unit(m))


_QTY_OF_CODE = re.compile(
    rf"(?<![\w.,])(?P<qty>{_QTY})[ \t]*(?P<unit>{_UNIT_RE})?\.?[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?"
    rf"{_CODE_LABEL}[ \t]*[:#]?[ \t]*(?P<sku>{SKU_LOOSE})(?:[ \t]*\((?P<desc>[^)\n]{{2,60}})\))?",
    re.I)


def qty_of_code(text: str):
    """'500 units of SKU 88-1002 (blue caps)'."""
    for m in _QTY_OF_CODE.finditer(text):
        desc = Span(m.group("desc").strip(), m.start("desc"), m.end("desc")) if m.group("desc") else None
        yield LineMention(m.start(), m.end(), "qty_of_code", 0.85, _qty(m.group("qty"), m.start("qty")),
                          Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, _unit(m))


_QTY_UNIT_DESC = re.compile(
    rf"(?<![\w.,])(?P<qty>{_QTY})[ \t]*(?P<unit>{_UNIT_RE})\.?[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?"
    rf"(?P<desc>[A-Za-zÀ-ÿ][^\n,;]*?(?:\([^)\n]*\))?){_END}", re.I)


ABBREVIATED_UNITS = {"stk", "pcs", "pc", "ea", "ctn", "ctns", "pkg", "bx", "kgs", "lbs", "st"}


def qty_unit_desc(text: str):
    """'100 Stk. Schrauben M6x20 (Art.-Nr. 4711-620)': unit, then words up to a delimiter."""
    for m in _QTY_UNIT_DESC.finditer(text):
        if text[m.end("unit"):m.end("unit") + 1] == "." and m.group("unit").lower() not in ABBREVIATED_UNITS:
            continue  # '30 units. Everything else...': the sentence ended
        raw = m.group("desc").strip()
        if len(m.group("unit")) == 1 and not re.search(r"\bof\s", m.group(0)[:m.start("desc") - m.start()]):
            continue  # '3000 m da forti...': a one-letter unit needs 'of' to start an item
        if not raw or len(raw.split()) > 10:
            continue
        desc = Span(raw, m.start("desc"), m.start("desc") + len(raw))
        yield _with_code(LineMention(m.start(), desc.end, "qty_unit_desc", 0.75,
                                     _qty(m.group("qty"), m.start("qty")), None, desc, _unit(m)))


_QTY_SKU = re.compile(rf"(?<![\w.,/-])(?P<qty>\d{{1,5}})[ \t]+(?:(?:more|additional|extra|new)[ \t]+)?"
                      rf"(?:of[ \t]+(?:the[ \t]+|your[ \t]+)?)?"
                      rf"(?P<sku>{SKU})")


def qty_sku(text: str):
    """'12 more HB-1240', '40 HB-1240': a number right before an item code."""
    for m in _QTY_SKU.finditer(text):
        code = m.group("sku")
        if is_sku(code) and re.search(r"[A-Z]", code) and re.search(r"-|[A-Z]{2}", code):
            yield LineMention(m.start(), m.end(), "qty_sku", 0.7, _qty(m.group("qty"), m.start("qty")),
                              Span(code, m.start("sku"), m.end("sku")))


_SKU_X_QTY = re.compile(
    rf"(?P<sku>{SKU})(?P<desc>(?:[ \t]+[A-Za-z][\w-]*){{0,5}})[ \t]*[x×][ \t]*(?P<qty>{_QTY})\b"
    rf"(?:[ \t]*(?P<unit>(?i:{_UNIT_RE}))\b)?")


def sku_x_qty(text: str):
    """'BV-050 ball valve x 20': code, a few words, then 'x' and the quantity."""
    for m in _SKU_X_QTY.finditer(text):
        if not is_sku(m.group("sku")):
            continue
        raw = m.group("desc").strip()
        desc = Span(raw, m.start("desc") + m.group("desc").find(raw), 0) if raw else None
        if desc is not None:
            desc.end = desc.start + len(raw)
        yield LineMention(m.start(), m.end(), "sku_x_qty", 0.8, _qty(m.group("qty"), m.start("qty")),
                          Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, _unit(m))


_QTY_LABEL_CODE = re.compile(
    rf"(?i:qty|quantity|menge)[ \t]*[:=]?[ \t]*(?P<qty>{_QTY})[ \t]*(?P<unit>(?i:{_UNIT_RE}))?\b[ \t]*"
    rf"[,;/]?[ \t]*(?:{_CODE_LABEL}|part|item|article)[ \t]*[:#]?[ \t]*(?P<sku>{SKU_LOOSE})"
    rf"(?:[ \t]*\((?P<desc>[^)\n]{{2,60}})\))?", re.I)


def qty_label_code(text: str):
    """'Qty: 5, Part: FL-330 (air filter)'."""
    for m in _QTY_LABEL_CODE.finditer(text):
        desc = Span(m.group("desc").strip(), m.start("desc"), m.end("desc")) if m.group("desc") else None
        yield LineMention(m.start(), m.end(), "qty_label_code", 0.85, _qty(m.group("qty"), m.start("qty")),
                          Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, _unit(m))


_SKU_TO_QTY = re.compile(
    rf"(?P<sku>{SKU})[ \t]+(?:to|=)[ \t]+(?P<qty>{_QTY})[ \t]*(?P<unit>(?i:{_UNIT_RE}))\b")


def sku_to_qty(text: str):
    """'change SKU LT-77 to 30 units' (a change order names the new quantity)."""
    for m in _SKU_TO_QTY.finditer(text):
        if is_sku(m.group("sku")):
            yield LineMention(m.start(), m.end(), "sku_to_qty", 0.7, _qty(m.group("qty"), m.start("qty")),
                              Span(m.group("sku"), m.start("sku"), m.end("sku")), None, _unit(m))


_QTY_WORDS_SKU = re.compile(
    rf"(?<![\w.,/-])(?P<qty>\d{{1,5}})[ \t]+(?P<desc>(?:[A-Za-zÀ-ÿ][\w-]*[ \t]+){{1,4}})(?P<sku>{SKU})")


def qty_words_sku(text: str):
    """'2 toner cartridges TN-243': a number, a few words, then an item code."""
    for m in _QTY_WORDS_SKU.finditer(text):
        code = m.group("sku")
        words = m.group("desc").split()
        if not (is_sku(code) and re.search(r"[A-Z]", code) and re.search(r"-|[A-Z]{2}", code)) or any(
                w.lower() in ("to", "by", "on", "for", "and", "of", "po", "order") for w in words[-1:]):
            continue
        raw = " ".join(words)
        desc = Span(raw, m.start("desc"), m.start("desc") + len(m.group("desc").rstrip()))
        yield LineMention(m.start(), m.end(), "qty_words_sku", 0.7, _qty(m.group("qty"), m.start("qty")),
                          Span(code, m.start("sku"), m.end("sku")), desc)
