"""Order lines typed as a table in an email: cells split by '|', tabs or 2+ spaces.

A header row ("Item  Description  Qty  Price  Total") names the columns when there
is one; otherwise the item code, the first whole number after it (quantity) and the
money figures after that (unit price, amount) are told apart by their shape.
"""
from __future__ import annotations

import re

from extractors import confidence
from extractors.email.body.mentions import UNITS, Mention, Span, is_sku, qty_span

_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{2,}")
_NUM = re.compile(r"^[$€£]?\s*\d{1,3}(?:[,.\s]?\d{3})*(?:[.,]\d{1,4})?\s*[$€£]?$")
MIN_CELLS = 3  # a line split into fewer cells is not a table row
HEADER_WORDS = {
    "qty": "quantity", "quantity": "quantity", "menge": "quantity", "qté": "quantity",
    "price": "unit_price", "unit price": "unit_price", "preis": "unit_price", "rate": "unit_price",
    "amount": "amount", "total": "amount", "line total": "amount", "betrag": "amount",
    "description": "description", "item description": "description", "bezeichnung": "description",
    "sku": "sku", "item": "sku", "part": "sku", "part no": "sku", "part number": "sku",
    "item no": "sku", "code": "sku", "artikel": "sku", "article": "sku", "unit": "unit", "uom": "unit",
}


def table_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    columns: dict[int, str] | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cells = _cells(line, start)
        if len(cells) < MIN_CELLS:
            columns = None if not line.strip() else columns
            continue
        names = [HEADER_WORDS.get(c.text.lower().strip(" .:#")) for c in cells]
        if sum(n is not None for n in names) >= 2 and not any(_NUM.match(c.text) for c in cells):
            columns = {i: n for i, n in enumerate(names) if n}
            continue
        mention = (_by_header(cells, columns) if columns else None) or _by_shape(cells)
        if mention is not None:
            out.append(mention)
    return out


def _cells(line: str, offset: int) -> list[Span]:
    cells, pos = [], 0
    for part in _CELL_SPLIT.split(line):
        idx = line.find(part, pos) if part else -1
        if part.strip() and idx >= 0:
            cells.append(Span(part.strip(), offset + idx, offset + idx + len(part.strip())))
            pos = idx + len(part)
    return cells


def _money(cell: Span) -> Span:
    digits = re.sub(r"[^\d.,]", "", cell.text)
    if "," in digits and "." in digits:
        digits = digits.replace(",", "") if digits.rfind(".") > digits.rfind(",") else \
            digits.replace(".", "").replace(",", ".")
    elif "," in digits and len(digits.split(",")[-1]) == 2:
        digits = digits.replace(",", ".")
    else:
        digits = digits.replace(",", "")
    return Span(cell.text, cell.start, cell.end, digits)


def _by_header(cells: list[Span], columns: dict[int, str]) -> Mention | None:
    got = {columns[i]: c for i, c in enumerate(cells) if i in columns}
    qty = got.get("quantity")
    if qty is None or not _NUM.match(qty.text):
        return None
    sku = got.get("sku") if got.get("sku") and is_sku(got["sku"].text) else None
    desc = got.get("description") or (got.get("sku") if sku is None else None)
    m = Mention(cells[0].start, cells[-1].end, "email_table_header", confidence.TABLE_WITH_HEADER,
                qty_span(re.sub(r"[^\d.,]", "", qty.text), qty.start), sku, desc)
    unit = got.get("unit")
    if unit is not None and unit.text.lower() in UNITS:
        m.unit = Span(unit.text, unit.start, unit.end, UNITS[unit.text.lower()])
    for name in ("unit_price", "amount"):
        if got.get(name) is not None and _NUM.match(got[name].text):
            m.extra[name] = _money(got[name])
    return m


_LABELLED = re.compile(r"^(?P<label>(?i:qty|quantity|menge)\s*[:=]?|@|at|=|x)\s*(?P<num>[$€£]?\s*\d[\d.,]*)$")


def _labelled(cells: list[Span]) -> dict[str, Span]:
    """'qty 400', '@ 0.85', '= 340.00' cells say what they are."""
    out: dict[str, Span] = {}
    for c in cells:
        m = _LABELLED.match(c.text)
        if m is None:
            continue
        label = m.group("label").strip().lower()
        name = {"@": "unit_price", "at": "unit_price", "=": "amount"}.get(label, "quantity")
        num = Span(m.group("num").strip(), c.start + m.start("num"), c.start + m.end("num"))
        out.setdefault(name, num)
    return out


def _by_shape(cells: list[Span]) -> Mention | None:
    sku_i = next((i for i, c in enumerate(cells) if is_sku(c.text) and " " not in c.text), None)
    if sku_i is None:
        return None
    labelled = _labelled(cells[sku_i + 1:])
    if "quantity" in labelled:
        q = labelled["quantity"]
        words = [c for c in cells[sku_i + 1:] if not _NUM.match(c.text) and not _LABELLED.match(c.text)]
        m = Mention(cells[sku_i].start, cells[-1].end, "email_table", confidence.TABLE_BY_SHAPE,
                    qty_span(q.text, q.start), cells[sku_i], max(words, key=lambda c: len(c.text), default=None))
        for name in ("unit_price", "amount"):
            if name in labelled:
                m.extra[name] = _money(labelled[name])
        return m
    rest = cells[sku_i + 1:]
    nums = [c for c in rest if _NUM.match(c.text)]
    words = [c for c in rest if not _NUM.match(c.text) and c.text.lower() not in UNITS]
    units = [c for c in rest if c.text.lower() in UNITS]
    ints = [c for c in nums if re.fullmatch(r"\d{1,6}", c.text)]
    if not ints:
        return None
    qty = ints[0]
    after = [c for c in nums if c.start > qty.start]
    m = Mention(cells[sku_i].start, cells[-1].end, "email_table", confidence.TABLE_BY_SHAPE,
                qty_span(qty.text, qty.start), cells[sku_i], max(words, key=lambda c: len(c.text), default=None))
    if units:
        m.unit = Span(units[0].text, units[0].start, units[0].end, UNITS[units[0].text.lower()])
    if len(after) >= 2:
        m.extra["unit_price"], m.extra["amount"] = _money(after[0]), _money(after[1])
    elif len(after) == 1:
        m.extra["unit_price"] = _money(after[0])
    return m
