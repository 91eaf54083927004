"""Order lines mentioned in an email body ("40 x HB-1240", "HB-1240 qty 40", "2 boxes of the
12mm washers"): what a mention is, and the words and shapes mentions are made of (units,
quantities, item codes, bullets). Each mention keeps character spans so the caller can give
every field a box. The finders that read mentions are in lists.py, phrases.py and tables.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.email.body.quantities import UNIT_CODES, is_measure

UNITS = {
    "pcs": "pcs", "pc": "pcs", "piece": "pcs", "pieces": "pcs", "units": "pcs", "unit": "pcs",
    "ea": "ea", "each": "ea", "box": "box", "boxes": "box", "bx": "box", "case": "case",
    "cases": "case", "carton": "carton", "cartons": "carton", "ctn": "carton", "ctns": "carton",
    "pallet": "pallet", "pallets": "pallet", "roll": "roll", "rolls": "roll", "pack": "pack",
    "packs": "pack", "pkg": "pack", "packages": "pack", "bag": "bag", "bags": "bag",
    "set": "set", "sets": "set", "pair": "pair", "pairs": "pair",
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
# The count units of quantities.py too ("cajas", "Kartons", "boîtes"), and a plural the writer
# made up ("boxs"), but not the short ones that are words inside sentences ("par", "can", "u").
PHRASE_UNIT_EXCLUDED = {"u", "st", "par", "can", "tin", "ring", "sac", "jeu", "ud", "um", "pr", "cs", "pz", "no", "off"}
UNITS.update({w: c for w, c in UNIT_CODES.items() if w not in PHRASE_UNIT_EXCLUDED and w not in UNITS})
UNITS.update({f"{w}s": c for w, c in list(UNITS.items()) if len(w) >= 3 and not w.endswith("s")
              and f"{w}s" not in UNITS and w not in PHRASE_UNIT_EXCLUDED})
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
                "fifty": 50, "hundred": 100, "a": 1, "an": 1, "a dozen": 12}
STOP = {"and", "to", "by", "for", "at", "on", "please", "asap", "before", "until", "with",
        "from", "as", "per", "in", "plus", "also", "delivered", "shipped", "sent", "which",
        "that", "but", "if", "so", "thanks", "thank", "we", "i", "our", "next", "this", "+",
        "&", "und", "sowie", "et", "y", "e", "bis", "para", "pour", "für", "avant", "antes", "hasta", "merci",
        "gracias", "danke", "bitte", "mit", "avec", "con", "que", "qui", "who", "welche"}
UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
SKU = r"(?<![\w/-])(?=[A-Z0-9./-]*\d)[A-Z0-9]{1,12}(?:[-./][A-Z0-9]{1,12}){0,3}(?![\w-])"
SKU_LOOSE = r"(?<![\w/-])(?=[\w./-]*\d)[A-Za-z0-9]{1,12}(?:[-./][A-Za-z0-9]{1,12}){0,3}(?![\w-])"
_DIMENSION = re.compile(r"^M?\d+([.,]\d+)?(x\d+([.,]\d+)?)*(mm|cm|m|in|kg|g|l|ml)?$", re.I)
_DATE_LIKE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$")
CODE_MIN_CHARS = 3  # an item code has at least this many characters
QTY = r"\d{1,6}(?:[.,]\d{1,3})?"
BULLET = r"(?:[-*•·▪]|\d{1,2}[.)]|(?i:line|item|pos(?:ition)?)[ \t]*\d{1,3}[ \t]*[:.)-])"


@dataclass(slots=True)
class Span:
    """A piece of the text by character offsets; `normalized` is its value (a quantity, a unit code)."""

    text: str
    start: int
    end: int
    normalized: str | None = None


@dataclass(slots=True)
class Mention:
    """One order line mentioned in the text: its spans, the finder's rule and its confidence;
    `extra` holds unit_price and amount spans when a table gives them."""

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
    if len(t) < CODE_MIN_CHARS or not re.search(r"\d", t) or _DIMENSION.match(t) or _DATE_LIKE.match(t):
        return False
    if re.fullmatch(r"[x×]\d+", t, re.I):
        return False  # "(x200)": a pack of 200
    size = re.fullmatch(r"[\d.,/x-]+([^\W\d_]+[²³]?)", t)
    if size and is_measure(size.group(1)):
        return False  # "40-200Nm", "600mm", "2x25m": a size or a range of sizes
    if re.search(r"[A-Za-z]", t) and (re.search(r"\d{2,}", t) or re.search(r"[A-Za-z]-|-[A-Za-z]", t)):
        return not re.fullmatch(r"\d+-(pack|pc|pcs|piece|way|inch|mm)s?", t, re.I)
    return bool(
        re.fullmatch(r"\d+[-./]\d+([-./]\d+)?", t) and not re.fullmatch(r"\d+[.,]\d+", t))


def qty_span(text: str, start: int) -> Span:
    """Quantity as a decimal string: '1,200' is twelve hundred, '2,5' and '2.5' two and a half."""
    norm = re.sub(r"^(\d{1,3}),(\d{3})$", r"\1\2", text).replace(",", ".")
    norm = str(NUMBER_WORDS[norm.lower()]) if norm.lower() in NUMBER_WORDS else norm
    if "." in norm:
        norm = norm.rstrip("0").rstrip(".")
    return Span(text, start, start + len(text), norm)


def unit_span(m: re.Match, group: str = "unit") -> Span | None:
    """The unit a pattern matched, with its normalised code ('boxes' -> 'box')."""
    if not m.group(group):
        return None
    return Span(m.group(group), m.start(group), m.end(group), UNITS[m.group(group).lower()])


def text_span(m: re.Match, group: str) -> Span | None:
    """A matched group without the dashes, colons and brackets around it; None when nothing is left."""
    value = m.group(group)
    if not value or not value.strip(" -–:,()"):
        return None
    lead = len(value) - len(value.lstrip(" -–:,("))
    clean = value.strip(" -–:,()")
    return Span(clean, m.start(group) + lead, m.start(group) + lead + len(clean))


CODE_LABEL = (r"(?:sku|item\s*(?:no\.?|#|number)|part\s*(?:no\.?|number|#)|p/n|"
              r"art(?:icle)?\.?\s*-?\s*(?:nr|no|number)\.?|artikel(?:nummer|-?nr\.?)|"
              r"ref(?:erence)?\s*(?:no\.?|#)?|code|cat(?:alog(?:ue)?)?\.?\s*(?:no\.?|#))")
CODE_REF = re.compile(rf"\(?\b{CODE_LABEL}\s*[:#]?\s*(?P<code>{SKU_LOOSE})\)?", re.I)


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


def with_code(m: Mention) -> Mention:
    """The mention with an item code found inside its description taken out as its SKU."""
    if m.sku is None and m.description is not None:
        m.sku, m.description = split_code(m.description)
    return m


def money_value(raw: str) -> str:
    """A written amount as a decimal string ('1.234,50 €' and '1,234.50' are 1234.50), read by
    price-parser; the digits as written when it finds none."""
    from price_parser import Price

    amount = Price.fromstring(raw).amount
    return format(amount, "f") if amount is not None else re.sub(r"[^\d.]", "", raw)
