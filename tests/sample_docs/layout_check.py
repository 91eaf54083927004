"""Checks a generated document against its PDF: every recorded box holds, in
pdfplumber's words, exactly the text recorded for it, and every truth line
is printed in its row with the truth's values."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pdfplumber

EDGE = 0.5  # points a word's centre may lie outside a recorded box (rounding of boxes to 0.01)


def words_in(words: list[dict], box) -> str:
    x0, top, x1, bottom = box
    inside = [
        w
        for w in words
        if x0 - EDGE <= (w["x0"] + w["x1"]) / 2 <= x1 + EDGE
        and top - EDGE <= (w["top"] + w["bottom"]) / 2 <= bottom + EDGE
    ]
    inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return " ".join(w["text"] for w in inside)


def norm(text: str) -> str:
    return " ".join(text.split())


def number(text: str, fmt: dict) -> Decimal:
    """A printed number in the document's format ('1.234,56', '1 234,56', "1'234.56", '12 %')."""
    text = re.sub(r"[%$€£₹A-Za-z ]", "", text) if fmt["group"] != " " else re.sub(r"[%$€£₹A-Za-z]", "", text)
    text = text.replace(" ", "") if fmt["group"] == " " else text
    if fmt["group"]:
        text = text.replace(fmt["group"], "")
    return Decimal(text.replace(fmt["decimal"], ".").strip())


def problems(pdf_path: Path) -> list[str]:
    layout = json.loads(Path(f"{pdf_path}.layout.json").read_text(encoding="utf-8"))
    truth = json.loads(Path(f"{pdf_path}.truth.json").read_text(encoding="utf-8"))
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        words = {i + 1: p.extract_words() for i, p in enumerate(pdf.pages)}
    for name, entries in layout["fields"].items():
        for e in entries:
            got = words_in(words[e["page"]], e["bbox"])
            want = " ".join(text for _box, text in e["lines"]) if "lines" in e else e["text"]
            if norm(got) != norm(want):
                out.append(f"field {name} p{e['page']}: box holds {got!r}, recorded {want!r}")
            if e.get("label"):
                got = words_in(words[e["page"]], e["label"]["bbox"]).rstrip(" :")
                if norm(got).rstrip(" :") != norm(e["label"]["text"]).rstrip(" :"):
                    out.append(f"label of {name} p{e['page']}: box holds {got!r}, recorded {e['label']['text']!r}")
    items: dict[int, dict[str, str]] = {}
    for t in (layout["table"] or {"pages": []})["pages"]:
        for row in t["rows"]:
            for c in row.get("cells", []):
                got = words_in(words[t["page"]], c["bbox"])
                if norm(got) != norm(c["text"]):
                    out.append(f"cell {c['role']} p{t['page']}: box holds {got!r}, recorded {c['text']!r}")
            if row["kind"] == "item":
                if row["item"] in items:
                    out.append(f"item {row['item']} printed twice")
                items[row["item"]] = {c["role"]: c["text"] for c in row["cells"]}
    for kv in layout["kv_items"] or []:
        for role, c in kv["fields"].items():
            got = words_in(words[c["page"]], c["bbox"])
            if norm(got) != norm(c["text"]):
                out.append(f"kv {role}: box holds {got!r}, recorded {c['text']!r}")
        items[kv["item"]] = {role: c["text"] for role, c in kv["fields"].items()}
    out += line_problems(truth, items, layout["number_format"])
    return out


def line_problems(truth: dict, items: dict[int, dict[str, str]], fmt: dict) -> list[str]:
    out = []
    if sorted(items) != list(range(len(truth["line_items"]))):
        return [f"items printed {sorted(items)} for {len(truth['line_items'])} truth lines"]
    for i, line in enumerate(truth["line_items"]):
        cells = items[i]
        if norm(cells.get("description", "")) != norm(line["description"]):
            out.append(f"line {i}: description {cells.get('description')!r} != {line['description']!r}")
        if line["sku"] != cells.get("sku"):
            out.append(f"line {i}: sku {cells.get('sku')!r} != {line['sku']!r}")
        if number(cells["quantity"], fmt) != Decimal(line["quantity"]):
            out.append(f"line {i}: quantity {cells['quantity']!r} != {line['quantity']}")
        if line["amount"] is not None and number(cells["amount"], fmt) != Decimal(line["amount"]):
            out.append(f"line {i}: amount {cells['amount']!r} != {line['amount']}")
        if line["unit_price"] is not None:
            price, _, per = cells["unit_price"].partition("/")
            per = number(per, fmt) if per else number(cells["per"], fmt) if "per" in cells else Decimal(1)
            if abs(number(price, fmt) / per - Decimal(line["unit_price"])) > Decimal("0.00005"):
                out.append(f"line {i}: price {cells['unit_price']!r} per {per} != {line['unit_price']}")
    return out
