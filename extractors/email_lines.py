"""Order lines written in an email: "40 x HB-1240", "HB-1240 qty 40", "2 boxes of the
12mm washers", bulleted lists and simple tables. Each mention keeps character spans so
the caller can give every field a box.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

UNITS = {
    "pcs": "pcs", "pc": "pcs", "piece": "pcs", "pieces": "pcs", "units": "pcs", "unit": "pcs",
    "ea": "ea", "each": "ea", "box": "box", "boxes": "box", "bx": "box", "case": "case",
    "cases": "case", "carton": "carton", "cartons": "carton", "ctn": "carton", "ctns": "carton",
    "pallet": "pallet", "pallets": "pallet", "roll": "roll", "rolls": "roll", "pack": "pack",
    "packs": "pack", "pkg": "pack", "packages": "pack", "bag": "bag", "bags": "bag",
    "set": "set", "sets": "set", "pair": "pair", "pairs": "pair", "dozen": "dozen",
    "kg": "kg", "kgs": "kg", "lbs": "lb", "lb": "lb", "m": "m", "meters": "m", "metres": "m",
    "ft": "ft", "feet": "ft", "liters": "l", "litres": "l", "l": "l", "tons": "t", "t": "t",
    "reels": "reel", "reel": "reel", "drums": "drum", "drum": "drum", "buckets": "bucket",
    "stück": "pcs", "stk": "pcs", "stück.": "pcs", "ream": "ream", "reams": "ream",
    "sheet": "sheet", "sheets": "sheet", "tube": "tube", "tubes": "tube", "bottle": "bottle",
    "bottles": "bottle", "can": "can", "cans": "can", "spool": "spool", "spools": "spool",
    "coil": "coil", "coils": "coil", "bundle": "bundle", "bundles": "bundle", "sack": "sack",
    "sacks": "sack", "crate": "crate", "crates": "crate", "gallons": "gal", "gal": "gal",
    "rolle": "roll", "rollen": "roll", "karton": "carton", "kartons": "carton",
    "palette": "pallet", "paletten": "pallet", "packung": "pack", "packungen": "pack",
    "beutel": "bag", "dosen": "can", "kisten": "crate", "meter": "m",
}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
                "fifty": 50, "hundred": 100, "a": 1, "an": 1, "a dozen": 12}
STOP = {"and", "to", "by", "for", "at", "on", "please", "asap", "before", "until", "with",
        "from", "as", "per", "in", "plus", "also", "delivered", "shipped", "sent", "which",
        "that", "but", "if", "so", "thanks", "thank", "we", "i", "our", "next", "this", "+",
        "&", "und", "sowie", "et", "y", "e", "bis"}
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
SKU = r"(?<![\w/-])(?=[A-Z0-9./-]*\d)[A-Z0-9]{1,12}(?:[-./][A-Z0-9]{1,12}){0,3}(?![\w-])"
SKU_LOOSE = r"(?<![\w/-])(?=[\w./-]*\d)[A-Za-z0-9]{1,12}(?:[-./][A-Za-z0-9]{1,12}){0,3}(?![\w-])"
_DIMENSION = re.compile(r"^M?\d+([.,]\d+)?(x\d+([.,]\d+)?)*(mm|cm|m|in|kg|g|l|ml)?$", re.I)
_DATE_LIKE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$")
_QTY = r"\d{1,6}(?:[.,]\d{1,3})?"
_BULLET = r"(?:[-*•·▪]|\d{1,2}[.)]|(?i:line|item|pos(?:ition)?)[ \t]*\d{1,3}[ \t]*[:.)-])"


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int
    normalized: str | None = None


@dataclass(slots=True)
class LineMention:
    start: int
    end: int
    rule: str
    confidence: float
    quantity: Span
    sku: Span | None = None
    description: Span | None = None
    unit: Span | None = None
    extra: dict = field(default_factory=dict)


def is_sku(token: str) -> bool:
    """An item code: letters and digits (or digits with separators), not a size like 12mm."""
    t = token.strip(".,;:")
    if len(t) < 3 or not re.search(r"\d", t) or _DIMENSION.match(t) or _DATE_LIKE.match(t):
        return False
    if re.search(r"[A-Za-z]", t) and (re.search(r"\d{2,}", t) or re.search(r"[A-Za-z]-|-[A-Za-z]", t)):
        return not re.fullmatch(r"\d+-(pack|pc|pcs|piece|way|inch|mm)s?", t, re.I)
    return bool(
        re.fullmatch(r"\d+[-./]\d+([-./]\d+)?", t) and not re.fullmatch(r"\d+[.,]\d+", t))


def find_lines(text: str) -> list[LineMention]:
    """Order-line mentions, one per item, earliest first; overlapping readings dropped."""
    found: list[LineMention] = []
    for finder in FINDERS:
        for m in finder(text):
            if not any(m.start < o.end and o.start < m.end for o in found):
                found.append(m)
    return sorted(found, key=lambda m: m.start)


def _qty(text: str, start: int) -> Span:
    """Quantity as a decimal string: '1,200' is twelve hundred, '2,5' and '2.5' two and a half."""
    norm = re.sub(r"^(\d{1,3}),(\d{3})$", r"\1\2", text).replace(",", ".")
    norm = str(NUMBER_WORDS[norm.lower()]) if norm.lower() in NUMBER_WORDS else norm
    if "." in norm:
        norm = norm.rstrip("0").rstrip(".")
    return Span(text, start, start + len(text), norm)


def _unit(m: re.Match, group: str = "unit") -> Span | None:
    if not m.group(group):
        return None
    return Span(m.group(group), m.start(group), m.end(group), UNITS[m.group(group).lower()])


def _span(m: re.Match, group: str) -> Span | None:
    value = m.group(group)
    if not value or not value.strip(" -–:,()"):
        return None
    lead = len(value) - len(value.lstrip(" -–:,("))
    clean = value.strip(" -–:,()")
    return Span(clean, m.start(group) + lead, m.start(group) + lead + len(clean))


_BULLET_LINE = re.compile(
    rf"^[ \t]*(?P<bullet>{_BULLET})?[ \t]*(?P<qty>{_QTY})[ \t]*(?P<unit>{_UNIT_RE})?\.?[ \t]*(?P<mark>x|×|\*|of)?"
    rf"[ \t]+(?P<sku>{SKU_LOOSE})?(?P<desc>[^\n]*)$", re.I | re.M)
_BULLET_SKU_FIRST = re.compile(
    rf"^[ \t]*{_BULLET}?[ \t]*(?P<sku>{SKU})[ \t]*[-–:,]?(?P<desc>[^\n]*?)[ \t]*[-–:,x×]?[ \t]*"
    rf"(?:(?i:qty|quantity)[ \t]*[:=]?[ \t]*)?(?P<qty>{_QTY})[ \t]*(?P<unit>(?i:{_UNIT_RE}))?\.?[ \t]*$",
    re.M)


def bullet_lines(text: str):
    """A line that is one item: '- 40 x HB-1240 hex bolt', '2. 100 pcs M8 nut', 'HB-1240 - bolt: 40'."""
    for m in _BULLET_LINE.finditer(text):
        sku = _span(m, "sku") if m.group("sku") and is_sku(m.group("sku")) else None
        desc = _span(m, "desc")
        if sku is None and m.group("sku"):  # the 'sku' was the first word of a description
            desc = Span(text[m.start("sku"):m.end("desc")].strip(), m.start("sku"), m.end("desc"))
        if desc is None and sku is None:
            continue
        if sku is None and m.group("unit") is None and not m.group("mark") and not (
                m.group("bullet") and desc is not None and len(desc.text.split()) <= 6):
            continue  # a plain 'N words' line is an item only in a bulleted list
        if desc is not None and len(desc.text.split()) > 8:
            continue  # a sentence that starts with a number, not an item line
        conf = 0.85 if sku else 0.75
        yield LineMention(m.start("qty"), m.end(), "bullet_line", conf,
                          _qty(m.group("qty"), m.start("qty")), sku, desc, _unit(m))
    for m in _BULLET_SKU_FIRST.finditer(text):
        if not is_sku(m.group("sku")) or re.search(r"(?i)\bqty\b.*\d|@|=", m.group("desc")):
            continue
        yield LineMention(m.start("sku"), m.end(), "bullet_line", 0.85,
                          _qty(m.group("qty"), m.start("qty")), _span(m, "sku"),
                          _span(m, "desc"), _unit(m))


_SKU_QTY = re.compile(
    rf"(?P<sku>{SKU})[ \t]*[,:-]?[ \t]*(?i:qty|quantity|menge|qt[ée])\.?[ \t]*[:=]?[ \t]*"
    rf"(?P<qty>{_QTY})(?:[ \t]*(?P<unit>(?i:{_UNIT_RE}))\b)?")


def sku_qty(text: str):
    for m in _SKU_QTY.finditer(text):
        if is_sku(m.group("sku")):
            yield LineMention(m.start(), m.end(), "sku_qty", 0.85,
                              _qty(m.group("qty"), m.start("qty")), _span(m, "sku"), None, _unit(m))


_QTY_X_SKU = re.compile(
    rf"(?<![\w.,])(?P<qty>{_QTY})[ \t]*(?P<unit>(?i:{_UNIT_RE}))?[ \t]*[x×*][ \t]*(?P<sku>{SKU_LOOSE})",
    re.I)


def qty_x_sku(text: str):
    for m in _QTY_X_SKU.finditer(text):
        if is_sku(m.group("sku")) or re.fullmatch(r"\d{4,}", m.group("sku")):
            yield LineMention(m.start(), m.end(), "qty_x_sku", 0.9,
                              _qty(m.group("qty"), m.start("qty")), _span(m, "sku"), None, _unit(m))


@lru_cache(maxsize=1)
def _matcher():
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    desc = {"IS_PUNCT": False, "IS_SPACE": False, "LOWER": {"NOT_IN": sorted(STOP)}, "OP": "{1,8}"}
    qty = {"LIKE_NUM": True}
    unit = {"LOWER": {"IN": sorted(UNITS)}}
    det = {"LOWER": {"IN": ["the", "your", "those", "these", "of"]}, "OP": "{0,3}"}
    matcher.add("qty_unit_of", [[qty, unit, det, desc]], greedy="LONGEST")
    matcher.add("dozen", [[{"LOWER": "a"}, {"LOWER": "dozen"}, det, desc]], greedy="LONGEST")
    return nlp, matcher


def qty_unit_of(text: str):
    """'2 boxes of the 12mm washers', 'please send 100 pcs of M8 nuts' (spaCy token rules)."""
    nlp, matcher = _matcher()
    doc = nlp.make_doc(text)
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        q, u = span[0], span[1]
        if nlp.vocab.strings[match_id] == "dozen":
            qty = Span("a dozen", q.idx, u.idx + len(u.text), "12")
            unit = None
        else:
            if not (q.text.replace(",", ".").replace(".", "", 1).isdigit()
                    or q.lower_ in NUMBER_WORDS):
                continue
            qty = _qty(q.text, q.idx)
            unit = Span(u.text, u.idx, u.idx + len(u.text), UNITS[u.lower_])
            if len(u.text) == 1 and (len(span) < 3 or span[2].lower_ != "of"):
                continue  # '3000 m da forti': a one-letter unit needs 'of' to start an item
        words = [t for t in span[2:] if t.lower_ not in ("the", "your", "those", "these", "of")]
        if not words or "\n" in text[words[0].idx:words[-1].idx]:
            continue
        d0, d1 = words[0].idx, words[-1].idx + len(words[-1].text)
        sku = next((Span(t.text, t.idx, t.idx + len(t.text)) for t in words
                    if is_sku(t.text) and re.search(r"[-/]|[A-Z]{2}", t.text)), None)
        yield LineMention(qty.start, d1, "qty_unit_of", 0.8, qty, sku,
                          Span(text[d0:d1], d0, d1), unit)


FINDERS = [bullet_lines, sku_qty, qty_x_sku, qty_unit_of]
