"""Order lines written one to a line: lists ("1. VD047558 - lock nut M10 - 8 boxes", "6 - LED work
light", "- 2 cajas de tornillos M10x50", "Item 1: M16 flat washers - 2 boxes") and rows of a table
without a header ("Pos. 10  21-9145-13  Sechskantschraube M10x50  zwölf Kartons").

A line is cut into segments at its separators (" - ", ":", "|", tabs, wide gaps); a leading
"1." is a line number when the rows count up or another count stands on the line; counts.py says
which number is the count. Then the code (its own segment, or in brackets) and the description
(the wordiest segment that is no sentence). When two counts could be meant, the line is kept with
a low confidence on its quantity (ambiguous_quantity) for a clerk to look at.
"""
from __future__ import annotations

import re
from decimal import Decimal

from extractors import confidence
from extractors.email.body import counts
from extractors.email.body.mentions import Mention, Span, is_sku, money_value, split_code
from extractors.email.body.quantities import (
    UnitWord,
    unit_code,
)

MAX_DESCRIPTION_WORDS = 12  # a longer run of words is a sentence, left to the sentence readers
MAX_LINE_WORDS = 20  # a longer line without separators is prose
_PROSE = re.compile(
    r"(?i)\b(please|pls|plz|kindly|send|need|needs|want|would|could|can|get|order|we|i|you|us|our|"
    r"your|thanks|bitte|wir|ich|uns|senden|schicken|liefern|brauchen|benötigen|bestellen|merci|nous|"
    r"vous|envoyer|livrer|besoin|favor|necesitamos|necesito|enviar|envíen|mandar|pedimos|gracias|"
    r"got|received|returned|have|had|were|was|are)\b")
SENTENCE_SIDE_WORDS = 3  # a quantity with this many words on both sides is inside a sentence
_STREET = (r"(?:street|st|ave|avenue|blvd|boulevard|rd|road|dr|drive|way|ln|lane|ct|court|pl|place|pkwy|"
           r"parkway|hwy|highway|sw|se|ne|nw|calle|c/|avenida|av|avda|plaza|paseo|carretera|camino|"
           r"pol[íi]gono|rue|bd|chemin|all[ée]e|route|quai|impasse|za|zi|za\.|stra[ßs]e|str|weg|platz|"
           r"allee|gasse|ring|damm|ufer|via|viale|piazza|corso|straat|laan|plein|kade|gat)")
ADDRESS = re.compile(
    rf"(?i:\b\d{{1,5}}[a-z]?,?[ \t]+(?:[^\W\d_][\w.'-]*[ \t]+){{0,3}}{_STREET}\b\.?)|"
    rf"(?i:\b{_STREET}\.?[ \t]+(?:[^\W\d_][\w.'-]*[ \t]+){{0,4}}\d{{1,5}}\b)|"
    r"\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b|\b[A-Z]\d[A-Z][ \t]?\d[A-Z]\d\b|"
    r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b|(?<![\w/.-])\d{4,5} [A-ZÄÖÜÉ][a-zäöüéèàç]+")
_ADDRESS_LABEL = re.compile(
    r"(?i)\b(ship(?:ping)?[ -]to|deliver(?:y)?[ -](?:to|at|address)|address|adresse|anschrift|"
    r"lieferadresse|direcci[óo]n|livrer [àa]|domicilio|bill[ -]to|sold[ -]to|remit)\b")
_ENUM = re.compile(
    r"^[ \t]*(?:[-*•·▪–>][ \t]*)?"
    r"(?:(?P<kw>(?i:(?:add|new|neue|nouvelle|añadir|agregar|ajouter)[ \t]+)?"
    r"(?i:pos(?:ition)?|item|line|ligne|l[íi]nea|ln|sr\.?[ \t]*(?:no\.?)?|s\.[ \t]*no\.?|partida|"
    r"art(?:ikel)?|nr|no|#))\.?[ \t]*(?P<kn>\d{1,3})(?![\d.,]\d)[ \t]*[:.)\-–]?"
    r"|(?P<n>\d{1,3})[.)](?![\d])|(?P<z>0\d)(?=[ \t]))[ \t]*")
_BULLET = re.compile(r"^[ \t]*[-*•·▪–>]+[ \t]+")
_SEPARATORS = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{2,}|[ \t]+[-–—][ \t]+|(?<=\S):[ \t]+")
_DELETE = re.compile(r"(?i)\b(delete|remove|drop|cancel|streichen|gestrichen|entfernen|stornieren|"
                     r"supprimer|retirer|annuler|eliminar|quitar|anular|cancelar)\b")
_ARTICLE = re.compile(r"^(?i:(?:of|the|your|our|those|these|de|des|du|d'|la|las|los|le|les|el|die|der|das|von|x|×|"
                      r"a|an|un|une|una|uno|ein|eine)\s+)+")
LABEL_WORDS = {"quantity", "qty", "menge", "anzahl", "total", "amount", "price", "number", "of", "packages",
               "pieces", "boxes", "quantité", "cantidad", "delivery", "date", "weight", "tracking", "reference",
               "lieferung", "order", "po", "invoice", "line", "lines", "items", "item", "units"}


def read_lines(text: str) -> list[Mention]:
    """Order lines written one to a line of text."""
    rows = _rows(text)
    listed = _numbered_list(rows)
    out = []
    for i, (start, line) in enumerate(rows):
        m = read_line(text, start, line, numbered=i in listed)
        if m is not None:
            out.append(m)
    return out


def _rows(text: str) -> list[tuple[int, str]]:
    rows, pos = [], 0
    for line in text.split("\n"):
        rows.append((pos, line))
        pos += len(line) + 1
    return rows


def _numbered_list(rows: list[tuple[int, str]]) -> set[int]:
    """Rows whose leading 'N.' or 'N)' counts up with the rows around it (1., 2., 3.): line numbers."""
    numbers = {}
    for i, (_, line) in enumerate(rows):
        m = _ENUM.match(line)
        if m and m.group("n"):
            numbers[i] = int(m.group("n"))
    listed = set()
    for i, n in numbers.items():
        before = [j for j in numbers if j < i]
        after = [j for j in numbers if j > i]
        prev_ok = before and numbers[max(before)] == n - 1
        next_ok = after and numbers[min(after)] == n + 1
        if prev_ok or next_ok:
            listed.add(i)
    return listed


def read_line(text: str, start: int, line: str, numbered: bool = False) -> Mention | None:
    """One order line read from one line of text (None when it is not one)."""
    if not line.strip() or line.rstrip().endswith("?") or len(line) > 300:
        return None
    enum = _ENUM.match(line)
    lead_end = 0
    enumerated = False
    if enum and (enum.group("kw") or enum.group("z")):
        lead_end, enumerated = enum.end(), True
    elif (bullet := _BULLET.match(line)) is not None:
        lead_end = bullet.end()
    body_start = start + lead_end
    body = line[lead_end:]
    segments = _segments(body, body_start)
    if not segments or (len(segments) == 1 and len(body.split()) > MAX_LINE_WORDS):
        return None
    if _ADDRESS_LABEL.search(line):
        return None  # a ship-to or bill-to line: its numbers are a street and a postcode
    blocked = counts.blocked_spans(text, body_start, start + len(line))
    candidates = counts.candidates(text, segments, blocked, listed=lead_end > 0 or enum is not None)
    if ADDRESS.search(body):
        candidates = [c for c in candidates if c.unit is not None or c.strength > counts.STRONG]
    bare = enum is not None and enum.group("n") is not None and not enumerated
    if bare:
        # "1. X - 8 boxes": a bare leading number is the line number when the rows count up or
        # another quantity stands on the line; otherwise it may be the quantity itself ("2) bolts").
        lead = [c for c in candidates if c.number.start == body_start + _ENUM.match(body).start("n")] \
            if _ENUM.match(body) else []
        others = [c for c in candidates if c not in lead and c.strength >= counts.EDGE]
        if numbered or others:
            enumerated = True
            segments = _segments(line[enum.end():], start + enum.end())
            candidates = [c for c in candidates if c not in lead and c.number.start >= start + enum.end()]
    if _several_items(body):
        return None  # "20x HB-1240, 10x HN-M12": several items on one line, read by the sentence readers
    chosen, ambiguous = counts.choose(candidates)
    if chosen is None:
        return _deletion(text, segments, start, line, enumerated)
    if _in_sentence(text, segments, chosen):
        return None
    code = _code(text, segments, chosen)
    desc = _description(text, segments, chosen, code)
    if code is None and desc is not None:
        code, desc = split_code(desc)
    if desc is None and code is None:
        return None
    if desc is not None and (len(desc.text.split()) > MAX_DESCRIPTION_WORDS or _only_labels(desc.text)):
        return None
    conf = confidence.LINE_WITH_CODE if code else confidence.LINE_WITHOUT_CODE
    qty = Span(text[chosen.number.start:chosen.number.end], chosen.number.start, chosen.number.end,
               _decimal_text(chosen.number.value))
    unit = _unit_span(text, chosen.unit)
    spans = [s for s in (qty, code, desc, unit) if s is not None and s.end > s.start]
    mention = Mention(min(s.start for s in spans), max(s.end for s in spans), "line", conf, qty, code, desc, unit)
    if ambiguous:
        mention.extra["ambiguous_quantity"] = True
    mention.extra.update(_prices(text, segments, chosen))
    if chosen.unit is not None and chosen.unit.pack:
        mention.extra["pack_size"] = chosen.unit.pack
    return mention


_OLD_QUANTITY = re.compile(r"(?i)\b(?:instead of|statt|anstatt|au lieu de|en lugar de|en vez de|was)\s+\d[\d.,]*"
                           r"(?:\s*\([^)]*\))?(?:\s+[^\W\d_]+)?")
_MONEY = re.compile(r"[$€£]?[ \t]*\d{1,3}(?:[,.' ]?\d{3})*[.,]\d{2,4}[ \t]*(?:[$€£]|EUR|USD|GBP|CAD)?|"
                    r"[$€£][ \t]*\d+")


def _prices(text: str, segments: list[Span], chosen: counts.Candidate) -> dict[str, Span]:
    """Unit price and amount written after the quantity: '@ 0.85', '= 340.00', or money-shaped
    cells after it (the first is the unit price, the second the amount)."""
    out: dict[str, Span] = {}
    rest = text[chosen.end:max(s.end for s in segments)]
    offset = chosen.end
    for m in re.finditer(r"(?P<mark>@|=)[ \t]*(?P<v>[$€£]?[ \t]*\d[\d.,]*\d|\d)", rest):
        name = "unit_price" if m.group("mark") == "@" else "amount"
        out.setdefault(name, _money(text, offset + m.start("v"), offset + m.end("v")))
    if out:
        return out
    money = [s for s in segments if s.start >= chosen.end and _MONEY.fullmatch(s.text)]
    for name, seg in zip(("unit_price", "amount"), money):
        out[name] = _money(text, seg.start, seg.end)
    return out


def _money(text: str, a: int, b: int) -> Span:
    return Span(text[a:b], a, b, money_value(text[a:b]))


_ITEM_PART = re.compile(r"^\s*\d[\d.,]*\s*(?:[x×]|[^\W\d_]+\.?)\s+\S")
_PART_SPLIT = re.compile(r"[,;]|\b(?:and|und|et|y)\b")


def _several_items(body: str) -> bool:
    """Two or more parts of the line, split at commas and 'and', each a count with its item."""
    parts = [p for p in _PART_SPLIT.split(body) if p.strip()]
    counted = [p for p in parts if _ITEM_PART.match(p) and unit_or_x(p)]
    return len(counted) > 1


def unit_or_x(part: str) -> bool:
    m = re.match(r"\s*\d[\d.,]*\s*(?P<w>[x×]|[^\W\d_]+)", part)
    return bool(m) and (m.group("w") in ("x", "×") or unit_code(m.group("w")) is not None)


def _in_sentence(text: str, segments: list[Span], chosen: counts.Candidate) -> bool:
    """'...please (LFO-2291), plus 2 boxes of the 8mm sleeve': words on both sides, or a full
    stop inside the words of the line: prose, read by the sentence readers."""
    seg = next(s for s in segments if s.start <= chosen.number.start < s.end)
    if _PROSE.search(text[seg.start:chosen.number.start]):
        return True  # "Please send 40 x HB-1240 by Friday"
    left = re.findall(r"[^\W\d_]{2,}", text[seg.start:chosen.number.start])
    right = re.findall(r"[^\W\d_]{2,}", text[chosen.end:seg.end])
    if len(left) >= SENTENCE_SIDE_WORDS and len(right) >= SENTENCE_SIDE_WORDS:
        return True
    return any(re.search(r"[^\W\d_]{4,}[.!?][ \t]+[^\W\d_]", s.text) for s in segments)


def _segments(body: str, offset: int) -> list[Span]:
    out, pos = [], 0
    for sep in _SEPARATORS.finditer(body):
        _add_segment(out, body, pos, sep.start(), offset)
        pos = sep.end()
    _add_segment(out, body, pos, len(body), offset)
    return out


def _add_segment(out: list[Span], body: str, a: int, b: int, offset: int) -> None:
    piece = body[a:b]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append(Span(piece.strip(), offset + a + lead, offset + a + lead + len(piece.strip())))


def _code(text: str, segments: list[Span], chosen: counts.Candidate) -> Span | None:
    """The item code: a code-shaped word in its own segment first, then one in brackets (a code
    inside the description is split off by the caller)."""
    def ok(word: str) -> bool:
        return is_sku(word) and (re.search(r"[A-Za-z]", word) is not None or re.search(r"\d[-/.]\d", word) is not None)

    for seg in segments:
        if " " not in seg.text and ok(seg.text.strip("()")) and not (seg.start <= chosen.number.start < seg.end):
            lead = seg.text.index(seg.text.strip("()"))
            return Span(seg.text.strip("()"), seg.start + lead, seg.start + lead + len(seg.text.strip("()")))
    for seg in segments:
        for m in re.finditer(r"\((?P<c>[A-Za-z0-9][\w./-]{2,24})\)", seg.text):
            if ok(m.group("c")):
                return Span(m.group("c"), seg.start + m.start("c"), seg.start + m.end("c"))
    return None


def _description(text: str, segments: list[Span], chosen: counts.Candidate, code: Span | None) -> Span | None:
    """The words of the line that are neither the quantity, its unit, the code nor a price."""
    best = None
    for seg in segments:
        a, b = seg.start, seg.end
        if a <= chosen.number.start < b:
            left, right = text[a:chosen.number.start], text[chosen.end:b]
            right = re.sub(r"^[ \t]*[x×*]", "", right)
            piece = right if len(re.findall(r"[^\W\d_]{2,}", right)) >= len(re.findall(r"[^\W\d_]{2,}", left)) \
                else left
            a = chosen.end if piece is right else a
            b = b if piece is right else chosen.number.start
        raw = text[a:b]
        if code is not None and a <= code.start < b:
            raw = text[a:code.start] + " " * (code.end - code.start) + text[code.end:b]
        raw = re.sub(r"@.*$|[$£€]\s*\d[\d.,]*.*$", "", raw)  # a price and what follows it
        raw = _OLD_QUANTITY.sub(lambda m: " " * len(m.group(0)), raw)  # "instead of 40"
        raw = re.sub(r"\(\s*\)", "", raw)
        if re.fullmatch(r"\s*\(([^()]*)\)\s*", raw):
            raw = raw.strip().strip("()")  # "Part: FL-330 (air filter)"
        clean = _ARTICLE.sub("", raw.strip(" \t-–:,;.*"))
        clean = re.sub(r"^[x×*][ \t]+|[ \t]+[x×*]$", "", clean).strip(" \t-–:,;")
        if not re.search(r"[^\W\d_]{2,}", clean) or unit_code(clean) is not None or _is_price(clean) \
                or _PROSE.search(clean):
            continue  # no words, a unit, a price, or a sentence ("Please change PO 4500012345")
        offset = a + raw.find(clean[:8]) if clean[:8] in raw else a
        span = Span(" ".join(clean.split()), offset, offset + len(clean))
        if best is None or len(re.findall(r"[^\W\d_]", span.text)) > len(re.findall(r"[^\W\d_]", best.text)):
            best = span
    return best


def _is_price(text: str) -> bool:
    return re.fullmatch(r"[$£€]?\s*\d[\d.,]*\s*(?:[$£€]|EUR|USD|GBP|CAD)?", text.strip()) is not None


def _only_labels(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(words) and all(w in LABEL_WORDS for w in words)


def _deletion(text: str, segments: list[Span], start: int, line: str, enumerated: bool) -> Mention | None:
    """'Pos. 5 Fächerscheiben 230 mm K80: ersatzlos streichen': a listed line deleted is quantity 0."""
    if not enumerated or not _DELETE.search(line):
        return None
    words = [s for s in segments if not _DELETE.search(s.text)]
    if not words:
        return None
    desc = words[0]
    zero = Span("", desc.end, desc.end, "0")
    return Mention(start, start + len(line.rstrip()), "line_deleted", confidence.LINE_DELETED, zero, None,
                   desc, None)


def _unit_span(text: str, unit: UnitWord | None) -> Span | None:
    """The unit as read, its value our code with the pack size written ('box of 100')."""
    if unit is None:
        return None
    code = f"{unit.code} of {unit.pack}" if unit.pack else unit.code
    return Span(text[unit.start:unit.end], unit.start, unit.end, code)


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
