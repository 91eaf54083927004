"""Score extraction results against truth files: `intake eval DIR`.

The comparison follows the published rules of the PO-extraction scorer, so a
customer can measure us on their own documents: PO number on letters and
digits (a leading "PO" ignored), dates exactly, money within 0.01, currency
exactly, names by token-set similarity >= 0.85, ship-to >= 0.80; line items
paired one to one and right when quantity, price and amount agree and the SKU
or the description (>= 0.80 similar) matches.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rapidfuzz import fuzz

HEADER_KINDS = {
    "po_number": "ident", "order_date": "date", "requested_delivery_date": "date",
    "buyer": "name", "supplier": "name", "ship_to": "address", "currency": "code",
    "subtotal": "money", "tax": "money", "total": "money",
}
NAME_MIN, ADDRESS_MIN, DESC_MIN = 0.85, 0.80, 0.80


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def similarity(a: object, b: object) -> float:
    a, b = _norm(a or ""), _norm(b or "")
    return fuzz.token_set_ratio(a, b) / 100 if a and b else 0.0


def to_decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = re.sub(r"[^\d,.\-]", "", str(value).replace(" ", ""))
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif text.count(",") == 1 and len(text.split(",")[1]) in (1, 2):
        text = text.replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _ident(value: object) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", str(value)).upper()


def _party(value: object, keys=("name",)) -> str | None:
    if isinstance(value, dict):
        return " ".join(str(value[k]) for k in keys if value.get(k)) or None
    return value  # type: ignore[return-value]


def _address(value: object) -> str | None:
    return _party(value, ("name", "address", "street", "city", "state", "postal_code", "country"))


def same(kind: str, truth: object, pred: object) -> bool:
    if pred in (None, ""):
        return False
    if kind == "ident":
        t, p = _ident(truth), _ident(pred)
        return bool(p) and (t == p or t.removeprefix("PO") == p.removeprefix("PO"))
    if kind == "date":
        return str(truth)[:10] == str(pred)[:10]
    if kind == "code":
        return str(truth).strip().upper() == str(pred).strip().upper()
    if kind == "money":
        t, p = to_decimal(truth), to_decimal(pred)
        return t is not None and p is not None and abs(t - p) <= Decimal("0.01")
    if kind == "name":
        return similarity(_party(truth), _party(pred)) >= NAME_MIN
    if kind == "address":
        return similarity(_address(truth), _address(pred)) >= ADDRESS_MIN
    raise ValueError(kind)


def line_right(truth: dict, pred: dict) -> bool:
    for key in ("quantity", "unit_price", "amount"):
        if truth.get(key) not in (None, "") and not same("money", truth[key], pred.get(key)):
            return False
    ids = []
    if truth.get("sku"):
        ids.append(bool(pred.get("sku")) and _ident(truth["sku"]) == _ident(pred["sku"]))
    if truth.get("description"):
        ids.append(similarity(truth["description"], pred.get("description")) >= DESC_MIN)
    return any(ids) if ids else True


def _affinity(truth: dict, pred: dict) -> float:
    score = similarity(truth.get("description"), pred.get("description"))
    score += sum(1 for k in ("quantity", "unit_price", "amount")
                 if truth.get(k) not in (None, "") and same("money", truth[k], pred.get(k)))
    if truth.get("sku") and pred.get("sku") and _ident(truth["sku"]) == _ident(pred["sku"]):
        score += 1
    return score


def score_lines(truth: list[dict], pred: list[dict], *, right_line=None, affinity=None) -> int:
    """How many true lines a predicted line gets right, pairing greedily one to one (by
    `affinity`, judged by `right_line`: this scorer's rules unless given)."""
    right_line, affinity = right_line or line_right, affinity or _affinity
    ranked = sorted(((affinity(t, p), i, j) for i, t in enumerate(truth) for j, p in enumerate(pred)), reverse=True)
    used_t, used_p, right = set(), set(), 0
    for _, i, j in ranked:
        if i in used_t or j in used_p:
            continue
        used_t.add(i)
        used_p.add(j)
        right += right_line(truth[i], pred[j])
    return right


@dataclass
class Score:
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in HEADER_KINDS})
    spurious: int = 0
    lines_right: int = 0
    lines_true: int = 0
    lines_pred: int = 0
    docs: int = 0
    perfect: int = 0
    failed: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, truth: dict, pred: dict | None) -> None:
        self.docs += 1
        if not pred:
            self.failed += 1
            pred = {}
        misses = []
        for f, kind in HEADER_KINDS.items():
            t = truth.get(f)
            if t in (None, "", []):
                self.spurious += pred.get(f) not in (None, "", [])
                continue
            self.fields[f][1] += 1
            if same(kind, t, pred.get(f)):
                self.fields[f][0] += 1
            else:
                misses.append(f"{f}: want {t!r} got {pred.get(f)!r}")
        t_lines, p_lines = truth.get("line_items") or [], pred.get("line_items") or []
        right = score_lines(t_lines, p_lines)
        self.lines_right += right
        self.lines_true += len(t_lines)
        self.lines_pred += len(p_lines)
        if right != len(t_lines) or len(p_lines) != len(t_lines):
            misses.append(f"lines: {right} right of {len(t_lines)} true, {len(p_lines)} predicted")
        self.perfect += not misses
        if misses:
            self.misses[name] = misses

    def summary(self) -> dict:
        right = sum(c for c, _ in self.fields.values())
        total = sum(n for _, n in self.fields.values())
        p = self.lines_right / self.lines_pred if self.lines_pred else 0.0
        r = self.lines_right / self.lines_true if self.lines_true else 0.0
        return {
            "docs": self.docs, "failed": self.failed,
            "header_accuracy": round(right / total, 4) if total else 0.0,
            "spurious_fields": self.spurious,
            "line_precision": round(p, 4), "line_recall": round(r, 4),
            "line_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "perfect_docs": round(self.perfect / self.docs, 4) if self.docs else 0.0,
        }


def truth_files(root: Path) -> list[tuple[Path, Path]]:
    """(document, truth file) pairs under root: NAME.EXT beside NAME.EXT.truth.json."""
    pairs = []
    for tf in sorted(root.rglob("*.truth.json")):
        doc = tf.with_name(tf.name.removesuffix(".truth.json"))
        if not doc.exists():
            stem_matches = [c for c in sorted(tf.parent.glob(doc.name + ".*"))
                            if not c.name.endswith((".truth.json", ".pred.json"))]
            if not stem_matches:
                continue
            doc = stem_matches[0]
        pairs.append((doc, tf))
    return pairs
