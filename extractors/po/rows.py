"""One item row -> a LineItem: pick quantity, unit price and amount (repairing with
quantity x price = amount), the SKU and the description text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractors import confidence
from extractors.layout.geometry import bbox_of
from extractors.layout.textlines import MIN_LINE_HEIGHT, Line
from extractors.model import Field, LineItem, Word
from extractors.normalize import AMOUNT_TOLERANCE, CENT, currency_token, money_str, parse_amount, parse_date, qty_str

END_FIELDS = {"subtotal", "tax", "shipping", "total"}
# Rows without a header (points, or line heights h)
ROW_MIN_LETTERS = 3  # letters on a line of figures that make it an item row, not bare numbers
WRAP_GAP = 1.2  # h: a description's next line sits no further below
DESCRIPTION_SLACK = 4  # a wrapped line's words start no further left of the description
FIGURE_SLACK = 1  # a word this far left of the first figure used is still among the figures
# Item codes in running text
CODE_MIN_CHARS = 4  # shorter words are not taken for codes
CODE_MIN_CHARS_UNJOINED = 5  # a code with no dash or slash ("A1234") is at least this long


@dataclass(slots=True)
class Row:
    words: list[Word]
    nums: list[tuple[Word, Decimal, str]]
    lines: list[Line] = field(default_factory=list)
    extra: list[Word] = field(default_factory=list)
    sku_from_label: Word | None = None
    kinds: dict[int, str] = field(default_factory=dict)  # id(word) -> its column, under a header
    table_kinds: set[str] = field(default_factory=set)  # the columns the header has


_UNIT_SUFFIX = re.compile(r"^([\d.,]+)/[A-Za-z]{1,4}$")


def number_of(w: Word, decimal_comma: bool) -> Decimal | None:
    t = w.text
    m = _UNIT_SUFFIX.match(t)
    if m:
        t = m.group(1)
    if not any(c.isdigit() for c in t) or parse_date(t) or "%" in t:
        return None
    if re.search(r"[A-Za-z]", t.replace("USD", "").replace("EUR", "")):
        return None
    if w.source == "ocr" and ("(" in t) != (")" in t):
        t = t.strip("()")  # a rule's edge read as one bracket, not an accounting "(12.00)"
    return parse_amount(t, decimal_comma)


def rows_by_arithmetic(lines, rows, covered, hit_lines, decimal_comma, first_words) -> int | None:
    """No header row was recognised (an unusual wording, a misread scan): an item row is
    a line of text with numbers where quantity x price = amount; lines of text under it
    continue its description."""
    current: Row | None = None
    first = None
    for i, line in enumerate(lines):
        if hit_lines.get(i, set()) & END_FIELDS or first_words.get(i):
            current = None
            continue
        nums = [(w, v, "other") for w in line.words if (v := number_of(w, decimal_comma)) is not None]
        letters = sum(c.isalpha() for w in line.words for c in w.text)
        if len(nums) >= 3 and letters >= ROW_MIN_LETTERS:  # quantity, price and amount, and some text
            q, p, a, ok = _solve(nums)
            if ok:
                kinds = {id(q[0]): "quantity", id(p[0]): "unit_price", id(a[0]): "amount"}
                typed = [(w, v, kinds.get(id(w), "other")) for w, v, _ in nums]
                current = Row(words=line.words, nums=typed, lines=[line])
                rows.append(current)
                covered.add(i)
                first = i if first is None else first
                continue
        if current is None or nums or line.page != current.lines[-1].page:
            current = None
            continue
        last = current.lines[-1]
        if line.top - last.bottom > WRAP_GAP * max(last.height, MIN_LINE_HEIGHT):
            current = None
            continue
        desc_x = min((w.x0 for w in current.words if not any(c.isdigit() for c in w.text)), default=0.0)
        current.extra.extend(w for w in line.words if w.x0 >= desc_x - DESCRIPTION_SLACK)
        current.lines.append(line)
        covered.add(i)
    return first


def item_of(row: Row, decimal_comma: bool) -> LineItem:
    cols_nums = row.nums
    qty, price, amount, ok = _solve(cols_nums)
    line = row.lines[0]
    chosen = [n[0] for n in (qty, price, amount) if n is not None]
    start = min((w.x0 for w in chosen), default=min((n[0].x0 for n in cols_nums), default=0.0))
    # numbers left of the first figure used belong to the text ("ball bearing 6204")
    num_words = {id(n[0]) for n in cols_nums if n[0].x0 >= start - FIGURE_SLACK}
    text = [w for w in line.words if id(w) not in num_words and not parse_date(w.text)]
    if row.table_kinds:
        sku, unit_words, desc_words = _by_column(row, text)
    else:
        sku, unit_words, desc_words = _by_position(row, text, start)
    conf = confidence.ITEM_ADDS_UP if ok else confidence.ITEM_UNCONFIRMED
    item = LineItem(confidence=conf, page=line.page,
                    bbox=(min(w.x0 for w in line.words), line.top, max(w.x1 for w in line.words), line.bottom))
    if sku is not None:
        item.sku = _f("sku", sku.text, None, sku, conf)
    if desc_words:
        text_value = " ".join(w.text for w in desc_words)
        item.description = Field("description", text_value, None, conf, page=line.page,
                                 bbox=bbox_of(desc_words), rule="table:description")
    if unit_words:
        value = " ".join(w.text for w in unit_words)
        item.unit = Field("unit", value, unit_code(value), conf, page=line.page,
                          bbox=bbox_of(unit_words), rule="table:unit")
    for name, n in (("quantity", qty), ("unit_price", price), ("amount", amount)):
        if n is not None:
            w, v = n
            item_value = qty_str(v) if name == "quantity" else money_str(v)
            setattr(item, name, _f(name, w.text, item_value, w, conf))
    return item


def _by_column(row: Row, text: list[Word]):
    """A table with a header: each word belongs to the column it stands in. The SKU comes
    only from a code column (an empty cell is no SKU), the unit from a unit column."""
    kind = row.kinds.get
    named = "description" in row.table_kinds  # else the code column also holds the name
    code_cells = [w for w in text if kind(id(w)) == "sku"]
    line_nos = [w for w in code_cells if re.fullmatch(r"\d{1,3}\.?", w.text)]
    # a code column whose cell holds only a line number is an "Item" column of line numbers
    has_code_col = "sku" in row.table_kinds and not (code_cells and len(line_nos) == len(code_cells))
    codes = [w for w in code_cells if w not in line_nos and (named or any(c.isdigit() for c in w.text))]
    sku = codes[0] if has_code_col and codes else None
    unit_words = [w for w in text if kind(id(w)) == "unit"]
    if not unit_words:  # "10 PCS" in the quantity column, "EA" in a column we do not name
        unit_words = [w for w in text if kind(id(w)) not in ("description", "sku") and is_unit(w.text)][:1]
    skip = {id(w) for w in unit_words} | {id(w) for w in line_nos}
    desc = [w for w in text if id(w) not in skip and _describes(w, kind(id(w)), named) and w is not sku]
    if len(desc) > 1 and desc[0] is row.lines[0].words[0] and re.fullmatch(r"\d{1,4}\.?", desc[0].text):
        desc = desc[1:]  # the line number
    if not has_code_col and row.sku_from_label is None:
        sku = next((w for w in desc if looks_like_code(w.text)), None)
    sku = row.sku_from_label or sku
    desc = [w for w in desc + row.extra if w is not sku]
    return sku, unit_words, desc


def _describes(w: Word, kind: str | None, named: bool) -> bool:
    """Whether a word of an item row is part of its description."""
    if kind in ("line", "unit") or (kind == "sku" and named):
        return False
    if kind in ("quantity", "unit_price", "amount"):  # a unit or currency among the figures is not
        return not (is_unit(w.text) or currency_token(w.text))
    return True


def _by_position(row: Row, text: list[Word], start: float):
    """No header row: the unit sits among the figures, a code may lead the description."""
    line = row.lines[0]
    unit_words = [w for w in text if w.x0 >= start - FIGURE_SLACK and is_unit(w.text)][:1]
    text = [w for w in text if w not in unit_words]
    if len(text) > 1 and text[0] is line.words[0] and re.fullmatch(r"\d{1,4}\.?", text[0].text):
        text = text[1:]  # the line number
    sku = row.sku_from_label or next((w for w in text if looks_like_code(w.text)), None)
    desc = [w for w in text + row.extra if w is not sku]
    return sku, unit_words, desc


_UNITS = {"ea", "each", "pcs", "pc", "stk", "st", "kg", "box", "bx", "pk", "pack", "pallet", "lb", "lbs", "cs",
          "case", "rl", "roll", "pr", "pair", "dz", "doz", "set", "m", "ft", "l", "ltr", "gal", "ctn", "btl",
          "stück", "stck", "pce", "pces", "unit", "units", "bag", "drum", "tube", "kit", "sht", "hr", "hrs"}
_DIMENSION = re.compile(r"(?i)^(m\d{1,2}|\d+([.,]\d+)?(x\d+([.,]\d+)?)*(mm|cm|m|kg|g|v|w|a|ah|mah|in|ft|mm2)?)$")


def is_unit(text: str) -> bool:
    """A unit of measure as printed next to a quantity: EA, PCS, BX, Stk."""
    return text.lower().strip(".") in _UNITS


def unit_code(text: str) -> str:
    """The unit as printed, as an upper-case code: 'pcs.' -> 'PCS'."""
    return re.sub(r"[^\w/]", "", text.upper())


def looks_like_code(text: str) -> bool:
    """A part code taken from running text: letters and digits, usually joined by a dash;
    not a bare number, a dimension (1.5, M20, 200mm) or a word ending in punctuation."""
    if len(text) < CODE_MIN_CHARS or not text[-1].isalnum() or not text[0].isalnum():
        return False
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9\-_/.]*", text) or not any(c.isdigit() for c in text):
        return False
    if re.fullmatch(r"\d{2,}(-\d{3,})+", text) and not parse_date(text):
        return True  # "080-501714"
    if _DIMENSION.match(text) or re.fullmatch(r"[\d.,/\-]+", text):
        return False
    parts = re.split(r"[-_/.]", text)
    if any(p.isalpha() and p.islower() for p in parts):
        return False  # "3-way", "2-pole": words, not codes
    joined = bool(re.search(r"[-_/]", text))
    return joined or (sum(c.isupper() for c in text) >= 1 and len(text) >= CODE_MIN_CHARS_UNJOINED)


def _solve(nums):
    """Pick quantity, unit price and amount; prefer the columns, repair with q x p = a."""
    typed = {k: (w, v) for w, v, k in reversed(nums) if k in ("quantity", "unit_price", "amount")}
    by_kind = {k: [(w, v) for w, v, kk in nums if kk == k] for k in ("quantity", "unit_price", "amount")}
    q = by_kind["quantity"][0] if by_kind["quantity"] else None
    p = by_kind["unit_price"][0] if by_kind["unit_price"] else None
    a = by_kind["amount"][-1] if by_kind["amount"] else None
    if q and p and a and _agrees(q[1], p[1], a[1]):
        return q, p, a, True
    candidates = [(w, v) for w, v, _ in nums]
    best = None
    for ai in range(len(candidates) - 1, -1, -1):
        for qi in range(len(candidates)):
            for pi in range(len(candidates)):
                if len({ai, qi, pi}) < 3:
                    continue
                qv, pv, av = candidates[qi][1], candidates[pi][1], candidates[ai][1]
                if av != 0 and qv > 0 and _agrees(qv, pv, av) and qi < pi < ai:
                    best = (candidates[qi], candidates[pi], candidates[ai])
                    break
            if best:
                break
        if best:
            break
    if best:
        return (*best, True)
    if a is None and typed:
        a = candidates[-1]
    return q, p, a, False


def _agrees(q: Decimal, p: Decimal, a: Decimal) -> bool:
    return abs(q * p - a) <= max(CENT, abs(a) * AMOUNT_TOLERANCE)


def _f(name, text, normalized, w: Word, conf) -> Field:
    return Field(name, text, normalized, conf, page=w.page, bbox=w.bbox, rule=f"table:{name}")

