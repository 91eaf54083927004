"""Order lines typed as a table under a header row: cells split by '|' (HTML tables come out so,
see message/html.py), tabs or wide gaps.

The header ("Item  Description  Qty  UOM", "Code article | Désignation | Qté | Unité",
"No. parte | Descripción | Cantidad", "Line | Material | Old Qty | New Qty") names the columns
in English, German, French and Spanish; rows under it are read by column, a quantity cell as
people write it ("100 pzas", "deux douzaines de paires"). Tables without a header are read
line by line (lines.py).
"""
from __future__ import annotations

import re
import unicodedata

from extractors import confidence
from extractors.email.body.mentions import Mention, Span, is_sku, money_value, qty_span
from extractors.email.body.quantities import number_at, unit_at, unit_code

_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_GAP = re.compile(r"\t+|[ \t]{2,}")
_NUM = re.compile(r"^[$€£]?\s*\d{1,3}(?:[,.\s]?\d{3})*(?:[.,]\d{1,4})?\s*[$€£]?$")
MIN_CELLS = 2  # a header names at least a quantity and one more column
HEADER_WORDS = {
    "quantity": ("qty", "quantity", "menge", "anzahl", "qte", "quantite", "cantidad", "cant", "qty ordered",
                 "new qty", "new quantity", "neue menge", "nouvelle qte", "nouvelle quantite",
                 "nueva cantidad", "stuck", "stk"),
    "old_quantity": ("old qty", "old quantity", "alte menge", "bisherige menge", "ancienne qte",
                     "ancienne quantite", "cantidad anterior", "cantidad actual", "was"),
    "unit": ("unit", "uom", "um", "u/m", "unite", "unidad", "einheit", "me", "unit of measure", "pack"),
    "sku": ("sku", "item", "item no", "item code", "item #", "part", "part no", "part number", "part #",
            "our part #", "our part", "our part no", "your part", "code", "code article", "artikel",
            "artikelnummer", "artikel-nr", "art.nr", "art-nr", "art nr", "artnr", "ref", "reference",
            "material", "no. parte", "no parte", "numero de parte", "referencia", "catalog no", "cat no",
            "article", "art"),
    "description": ("description", "desc", "item description", "bezeichnung", "beschreibung",
                    "artikelbezeichnung", "designation", "libelle", "descripcion", "producto", "product",
                    "articulo"),
    "unit_price": ("price", "unit price", "preis", "einzelpreis", "prix", "prix unitaire", "pu", "precio",
                   "precio unitario", "rate"),
    "amount": ("amount", "total", "line total", "betrag", "gesamt", "gesamtpreis", "montant", "importe"),
    "line": ("line", "ln", "pos", "position", "#", "sr", "sr no", "no", "nr", "partida", "linea", "ligne",
             "lfd nr"),
}
_NAMES = {word: name for name, words in HEADER_WORDS.items() for word in words}


def _fold(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[.:]+", " ", text).replace("-", " ").replace("#", " #").split()).strip()


def table_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    header: _Header | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            header = None
            continue
        cells = _cells(line, start)
        found = _header(cells, "|" in line, start)
        if found is not None:
            header = found
            continue
        if header is None or len([c for c in cells if c.text]) < MIN_CELLS:
            header = None
            continue
        mention = _row(text, cells, header, start)
        if mention is not None:
            out.append(mention)
    return out


class _Header:
    """Column names by index (a '|' table) or by character column (a table aligned with spaces)."""

    def __init__(self, cells: list[Span], names: list[str | None], piped: bool, offset: int):
        self.names, self.piped = names, piped
        self.starts = [c.start - offset for c in cells]

    def name_of(self, index: int, cell: Span, offset: int, count: int) -> str | None:
        if self.piped or count == len(self.names):  # as many cells as names: by order
            return self.names[index] if index < len(self.names) else None
        col, end = cell.start - offset, cell.end - offset
        best, overlap = None, None
        for i, s in enumerate(self.starts):
            e = self.starts[i + 1] if i + 1 < len(self.starts) else end + 1
            o = min(end, e) - max(col, s)
            if overlap is None or o > overlap:
                best, overlap = i, o
        return self.names[best] if best is not None else None


def _cells(line: str, offset: int) -> list[Span]:
    """The cells of a row; a '|' row keeps its empty cells so its columns stay in place."""
    piped = "|" in line
    cells, pos = [], 0
    for part in (_PIPE if piped else _GAP).split(line):
        idx = line.find(part, pos) if part else pos
        clean = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Span(clean, offset + idx + lead, offset + idx + lead + len(clean)))
        pos = idx + len(part)
    return cells if piped else [c for c in cells if c.text]


def _header(cells: list[Span], piped: bool, offset: int) -> _Header | None:
    texts = [c.text for c in cells if c.text]
    if len(texts) < MIN_CELLS or any(_NUM.match(t) for t in texts):
        return None
    names = [_NAMES.get(_fold(c.text)) if c.text else None for c in cells]
    if "quantity" not in names or sum(n is not None for n in names) < MIN_CELLS:
        return None
    if names.count("sku") > 1 and "description" not in names:
        names[len(names) - 1 - names[::-1].index("sku")] = "description"  # "Réf. | Article": the 2nd is words
    return _Header(cells, names, piped, offset)


def _row(text: str, cells: list[Span], header: _Header, offset: int) -> Mention | None:
    got: dict[str, Span] = {}
    for i, cell in enumerate(cells):
        name = header.name_of(i, cell, offset, len(cells))
        if name and cell.text and name not in got:
            got[name] = cell
    qty_cell = got.get("quantity")
    if qty_cell is None:
        return None
    num = number_at(text, qty_cell.start)
    if num is None or num.end > qty_cell.end:
        return None
    unit = unit_at(text, num.end)
    code = got.get("sku")
    desc = got.get("description")
    if code is not None and " " in code.text.strip() and desc is None:
        code, desc = None, code
    if code is not None and not (is_sku(code.text) or re.fullmatch(r"[A-Za-z0-9][\w./-]{1,24}", code.text)):
        code = None
    if desc is None:
        words = [c for c in cells if c.text and c is not qty_cell and c is not got.get("sku")
                 and not _NUM.match(c.text) and unit_code(c.text) is None]
        desc = max(words, key=lambda c: len(c.text), default=None)
    qty = qty_span(text[num.start:num.end], num.start)
    qty.normalized = _decimal(num.value)
    filled = [c for c in cells if c.text]
    m = Mention(filled[0].start, filled[-1].end, "email_table_header", confidence.TABLE_WITH_HEADER, qty, code, desc)
    if unit is not None and unit.end <= qty_cell.end:
        m.unit = Span(text[unit.start:unit.end], unit.start, unit.end,
                      f"{unit.code} of {unit.pack}" if unit.pack else unit.code)
        if unit.pack:
            m.extra["pack_size"] = unit.pack
    elif got.get("unit") is not None:
        u = got["unit"]
        word = unit_at(text, u.start - 1) if u.start else None
        code_ = word.code if word is not None else unit_code(u.text)
        if code_ is not None:
            pack = word.pack if word is not None else None
            m.unit = Span(u.text, u.start, u.end, f"{code_} of {pack}" if pack else code_)
            if word is not None and word.pack:
                m.extra["pack_size"] = word.pack
    for name in ("unit_price", "amount"):
        if got.get(name) is not None and _NUM.match(got[name].text):
            m.extra[name] = _money(got[name])
    return m


def _decimal(value) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(cell: Span) -> Span:
    return Span(cell.text, cell.start, cell.end, money_value(cell.text))
