"""Which number on a line of an order is its count: every number is a candidate unless it is
a line number, a size ("400ML", "M10x50"), part of a code, a price, a date, a phone number or in
brackets; a unit or a marker ("8 boxes", "x 10", "Qty 5", "von 10 auf 6") makes it strong, and
standing alone in a cell or first on the line ("6 - LED work light") makes it likely.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.email.body.dates import find_dates
from extractors.email.body.mentions import Span
from extractors.email.body.quantities import (
    ARTICLES,
    DOZEN,
    LENGTH_UNITS,
    Number,
    UnitWord,
    is_measure,
    number_at,
    unit_at,
    unit_code,
)

# Strength of a candidate quantity.
LEADING = 4  # the first thing on the line, with a unit or an 'x': "2 x torque wrench", "8 boxes of ..."
STRONG = 3  # a unit, a marker ("x", "qty", "to"), or a segment of its own
EDGE = 2  # first or last on the line
INSIDE = 1  # in the middle of words: not an order line on its own
MAX_QUANTITY = Decimal(999_999)
MAX_BARE = Decimal(9_999)  # a bigger number with no unit or marker is a zip code, an account, a register
_FIELD_LABEL = re.compile(
    r"(?i)(?:#|\bno\.?|\bnr\.?|\bnumber|\bnummer|\bn[úu]mero|\bref(?:erence)?\.?|\bvendor|\bsupplier|"
    r"\baccount|\bcustomer|\bkunde|\bclient|\bterms|\bdate|\bdatum|\bfecha|\bphone|\btel|\bfax|"
    r"\bpackages|\btracking|\bweight|\bgewicht|\bpoids|\bpeso|\btotal|\bamount|\bprice|\bpreis|"
    r"\bprix|\bprecio|\bvat|\btax|\bdimensions?|\bsizes?|\bma(?:ß|ss)e|\babmessungen|\bdimensiones|\btaille)\W*$")

PHONE = re.compile(
    r"(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5}){1,5}|\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|"
    r"(?:(?i:\b(?:tel|tél|phone|fax|mobile|mob|cell|handy)\b\.?)|\b[MOFT]:)[ \t]*:?[ \t]*"
    r"\+?\(?\d[\d().-]*(?: [\d().-]+)+)"
    r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?")
_MARK_BEFORE = re.compile(
    r"(?i:(?:^|[\s(])(?:x|×|\*|qty|quantity|menge|anzahl|qt[ée]|quantit[ée]|cantidad|cant|"
    r"read as|to|auf|à|a|al|on|->|→|=)\.?[ \t]*[:=]?[ \t]*)$")
_MARK_AFTER = re.compile(r"^[ \t]*[x×*](?=[ \t]*[^\W\d_\d])", re.U)
_OLD_BEFORE = re.compile(
    r"(?i:(?:^|\s)(?:from|von|de|du|desde|instead of|statt|anstatt|au lieu de|en lugar de|en vez de|"
    r"was|old)[ \t]*)$")
_NOT_COUNT_BEFORE = re.compile(
    r"(?i:\b(?:net|hrb|hra|ust|plz|zip|cp|size|taille|talla|gr|gr\u00f6\u00dfe|grade|class|cl|level|niveau|nivel|type|typ|"
    r"kw|week|semaine|semana|werk|plant|site|unit|suite|ste|bldg|building|gate|door|dock|bay|pier|"
    r"berth|floor|room|zone|hall|halle|tor|version|rev|model|din|iso|en|pn|ip|gat|no|nr|n°|"
    r"line|lines|pos|item|art|sr|partida|lot|batch|po|order|invoice|vat|ref|page|tel|fax|phone)"
    r"\.?[ \t]*[:#]?[ \t]*|[#№@$£€¥]\s*|n°\s*)$")
_PRICE_AFTER = re.compile(r"^[ \t]*(?:[$£€¥%]|(?i:eur|usd|gbp|cad|chf|each|ea\.?\s*@|/\s*(?:pc|ea|unit)))")
@dataclass(slots=True)
class Candidate:
    number: Number
    unit: UnitWord | None
    strength: int
    end: int  # where the quantity phrase ends (after its unit)


def blocked_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Phone numbers and dates on the line: their digits are never quantities."""
    chunk = text[a:b]
    spans = [(a + m.start(), a + m.end()) for m in PHONE.finditer(chunk)]
    spans += [(a + d.start, a + d.end) for d in find_dates(chunk)]
    return spans


def candidates(text: str, segments: list[Span], blocked, listed: bool = False) -> list[Candidate]:
    """Candidate quantities in the segments; `listed`: the line is a bullet or numbered item."""
    out: list[Candidate] = []
    for seg in segments:
        for m in re.finditer(r"(?<![\w.,/#°'\":-])(?:\d|[^\W\d_])|(?<=(?<![\w-])[x×])\d", text[seg.start:seg.end]):
            pos = seg.start + m.start()
            if any(s <= pos < e for s, e in blocked) or any(c.number.start <= pos < c.end for c in out):
                continue
            cand = _candidate(text, seg, pos, listed and seg is segments[0])
            if cand is not None:
                out.append(cand)
    return out


def _candidate(text: str, seg: Span, pos: int, first_listed: bool = False) -> Candidate | None:
    num = number_at(text, pos)
    if num is None or num.value > MAX_QUANTITY or num.end > seg.end:
        return None
    raw = text[num.start:num.end]
    if not num.words and (len(raw) > 1 and raw.startswith("0") and raw[1:2].isdigit()):
        return None  # "0114 555", "01": phone numbers and line numbers
    if not num.words and re.fullmatch(r"(?:19|20)\d\d", raw):
        return None  # a year
    before = text[seg.start:num.start]
    after = text[num.end:seg.end]
    label = text[max(0, seg.start - 40):seg.start]
    if not before.strip() and re.search(r":[ \t]*$", label) and _FIELD_LABEL.search(label.rstrip()[:-1]):
        return None  # "Vendor #: 100482", "Packages: 3": the value of a field
    if not after.strip() and text[seg.end:seg.end + 1] == ":":
        return None  # "alle ore 7: ...": the number ends a label
    if _inside_brackets(before) or _NOT_COUNT_BEFORE.search(before) or _PRICE_AFTER.match(after):
        return None
    if re.match(r"[:.,]\d|[.,]?\d", after) or re.match(r"%", after.lstrip()):
        return None
    glued = re.match(r"[^\W\d_]+", after)
    unit = None
    if glued:  # "400ML", "8mm", "1P": a size or a type; "10pcs", "5BX": a count
        code = unit_code(glued.group(0))
        if code is None:
            if glued.group(0).lower() in ("x", "×") and not re.match(r"[x×]\d", after, re.I):  # "2x Pump seal kit"
                return Candidate(num, None, LEADING if not before.strip() else STRONG, num.end + 1)
            return None
        unit = UnitWord(code, num.end, num.end + glued.end())
    if num.words and not _word_number_counts(text, num, seg):
        return None
    if re.match(r"[ \t]*[x×*][ \t]*\d", after):
        return _times(text, seg, num)
    if re.search(r"\d[\w.,]*[\"']?[ \t]*[x×*][ \t]*$", before):
        return None  # "M8 x 40", "10 x 120", "#8 x 2": the second number of a size
    if unit is None:
        unit = unit_at(text, num.end)
        if unit is None or unit.end > seg.end:
            unit = _unit_cell(text, seg, num)
    word = re.match(r"[ \t]*([^\W\d_][\w²³.]*)(?![-/\w])", after)  # a word, not the start of a code
    if unit is None and word and is_measure(word.group(1)):
        measured = word.group(1).lower() in LENGTH_UNITS and (
            re.match(r"[ \t]+(?i:of|de|von)\b", after[word.end():]) or (first_listed and not before.strip()))
        if not measured:
            return None  # "160 mm", "1,8 m": a size
        # "50 m of cable", "- 50 m Kabel": an amount by measure, weaker than any count on the line
        unit = UnitWord(word.group(1).lower(), num.end + word.start(1), num.end + word.end(1))
        return Candidate(num, unit, EDGE, unit.end)
    if (_OLD_BEFORE.search(before) and re.search(r"(?i)\b(?:to|auf|à|a|al|->|→)\b", after) is not None) \
            or re.search(r"(?i)(instead of|statt|au lieu de|en lugar de|en vez de)[ \t]*$", before):
        return None  # "von 10 auf 6": the old quantity
    end = unit.end if unit else num.end
    strength = _strength(text, seg, num, unit, before, text[end:seg.end])
    if unit is None and num.value > MAX_BARE and not _MARK_BEFORE.search(before):
        return None
    return Candidate(num, unit, strength, end)


def _unit_cell(text: str, seg: Span, num: Number) -> UnitWord | None:
    """'40 | pcs', '40    BX': a quantity alone in its cell with the unit in the next cell."""
    if text[seg.start:num.start].strip() or text[num.end:seg.end].strip():
        return None
    gap = re.match(r"[ \t]*\|?[ \t]*", text[seg.end:])
    unit = unit_at(text, seg.end + gap.end())
    line_end = text.find("\n", seg.end)
    rest = text[unit.end:line_end if line_end >= 0 else len(text)] if unit else ""
    return unit if unit is not None and re.match(r"[ \t]*(?:\||\t|  |$)", rest) else None


def _word_number_counts(text: str, num: Number, seg: Span) -> bool:
    """A number written in words counts only before a unit, a dozen, 'x', or alone in its cell:
    'zwölf Kartons', 'deux douzaines', 'eight' in '8 (eight)' does not."""
    raw = text[num.start:num.end].lower()
    if re.match(r"[ \t]*\)", text[num.end:]) and text[:num.start].rstrip().endswith("("):
        return False
    if unit_at(text, num.end) is not None or any(w in raw for w in DOZEN):
        return True
    if raw in ARTICLES:
        return False  # "a", "un", "um": one only before a unit
    if text[seg.start:seg.end].strip().lower() == raw:
        return not text[seg.end:seg.end + 2].lstrip(" \t").startswith(":")  # "Venti:" is a label
    return bool(re.match(r"[ \t]*[x×]", text[num.end:seg.end])) and raw not in ("a", "an")


def _times(text: str, seg: Span, num: Number) -> Candidate | None:
    """'5 x 50 pcs' (five packs of fifty), '4 x 600mm spirit level', '10 x 25 m cable reels':
    the first number counts; '10 x 120' alone is a size."""
    m = re.match(r"[ \t]*[x×*][ \t]*", text[num.end:])
    second = number_at(text, num.end + m.end())
    if second is None:
        return None
    before = text[seg.start:num.start]
    if re.search(r"[\dA-Za-z][ \t]*[x×*][ \t]*$", before):
        return None  # the middle of "M8 x 40 x 2"
    rest = text[second.end:seg.end]
    unit = unit_at(text, second.end)
    if unit is not None:
        pack = UnitWord("pack", unit.start, unit.end, int(second.value))
        return Candidate(num, pack, LEADING if not before.strip() else STRONG, unit.end)
    size = re.match(r"(?:[/.,]\d+)?[ \t]*([^\W\d_][\w²\"]*)", rest)
    item = re.match(r"[ \t]+[^\W\d_(]", rest[size.end():]) if size else None
    if size and item and (re.match(r"[/.,]\d|[^\W\d_]", rest) or is_measure(size.group(1))):
        # "2 x 1/2in socket set", "4 x 600mm level", "10 x 25 m reels": what follows 'x' is the item
        return Candidate(num, None, LEADING if not before.strip() else STRONG, num.end + 1)
    return None


def _inside_brackets(before: str) -> bool:
    return before.count("(") > before.count(")")


def _strength(text: str, seg: Span, num: Number, unit: UnitWord | None, before: str, after: str) -> int:
    if (unit is not None or _MARK_AFTER.match(after)) and not before.strip() and after.strip():
        return LEADING
    if unit is not None or _MARK_BEFORE.search(before) or _MARK_AFTER.match(after):
        return STRONG
    if not before.strip() and not after.strip():
        return STRONG  # a segment of its own: "6 - LED work light", a quantity cell
    if not before.strip():
        # a leading number is followed by what it counts ("500 arandelas"), not by more figures
        return EDGE if re.search(r"[^\W\d_]{2,}", after) else INSIDE
    if not after.strip(" .;,"):
        return EDGE
    return INSIDE


def choose(candidates: list[Candidate]) -> tuple[Candidate | None, bool]:
    usable = [c for c in candidates if c.strength >= EDGE]
    if not usable:
        return None, False
    best = max(c.strength for c in usable)
    top = [c for c in usable if c.strength == best]
    with_unit = [c for c in top if c.unit is not None]
    pool = with_unit or top
    chosen = pool[0]
    # another count with a unit on the same line ("12 boxes of M8 nuts, 20 boxes") makes it doubtful
    rivals = {c.number.value for c in usable if c.strength >= STRONG and (c.unit is not None or c in pool)}
    return chosen, len(rivals | {chosen.number.value}) > 1


