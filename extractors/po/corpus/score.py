"""The published scoring rules (shared/eval/score.py), in-process and per field.

The same comparisons as the shared scorer, so grouped cross-validation, `intake
eval` and calibration count exactly what the published figure counts:
PO number on letters and digits (a leading "PO" ignored), dates exactly, money
within 0.01, currency exactly, names by token-set similarity >= 0.85, ship-to
>= 0.80; a header field the truth leaves null but the reader fills is spurious.
Line items are paired greedily one to one; a pair is right when quantity, price
and amount agree (where the truth has them), a printed item code is not a
different code, and the SKU matches or the description holds >= 80% of the true
words without running several columns together.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

HEADER_KINDS = {
    "po_number": "ident", "order_date": "date", "requested_delivery_date": "date",
    "buyer": "name", "supplier": "name", "ship_to": "address", "currency": "code",
    "subtotal": "money", "tax": "money", "total": "money",
}
NAME_MIN, ADDRESS_MIN, DESC_MIN = 0.85, 0.80, 0.80
WORD_MATCH = 0.8  # two description words are the same word at this similarity
MONEY_TOLERANCE = Decimal("0.01")
EMPTY = (None, "", [])


def norm_text(value) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def similarity(a, b) -> float:
    """Token-set similarity in [0, 1], as the shared scorer computes it."""
    ta, tb = set(norm_text(a).split()), set(norm_text(b).split())
    if not ta or not tb:
        return 0.0
    common = " ".join(sorted(ta & tb))
    left = (common + " " + " ".join(sorted(ta - tb))).strip()
    right = (common + " " + " ".join(sorted(tb - ta))).strip()
    ratios = [difflib.SequenceMatcher(None, left, right).ratio()]
    if common:
        ratios.append(difflib.SequenceMatcher(None, common, left).ratio())
        ratios.append(difflib.SequenceMatcher(None, common, right).ratio())
    return max(ratios)


def as_decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    text = re.sub(r"[^\d,.\-]", "", str(value).strip().replace(" ", ""))
    if "," in text and "." in text:  # the last separator is the decimal one
        decimal_comma = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
    elif text.count(",") == 1 and len(text.split(",")[1]) in (1, 2):
        text = text.replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def ident(value) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", str(value)).upper()


def _name(value):
    return value.get("name") if isinstance(value, dict) else value


def _address(value):
    if isinstance(value, dict):
        keys = ("name", "address", "street", "city", "state", "postal_code", "country")
        return " ".join(str(value[k]) for k in keys if value.get(k))
    return value


def same(kind: str, truth, pred) -> bool:
    if pred in (None, ""):
        return False
    if kind == "ident":
        t, p = ident(truth), ident(pred)
        return bool(p) and (t == p or t.removeprefix("PO") == p.removeprefix("PO"))
    if kind == "date":
        return str(truth)[:10] == str(pred)[:10]
    if kind == "code":
        return str(truth).strip().upper() == str(pred).strip().upper()
    if kind == "money":
        t, p = as_decimal(truth), as_decimal(pred)
        return t is not None and p is not None and abs(t - p) <= MONEY_TOLERANCE
    if kind == "name":
        return similarity(_name(truth), _name(pred) or "") >= NAME_MIN
    if kind == "address":
        return similarity(_address(truth), _address(pred) or "") >= ADDRESS_MIN
    raise ValueError(kind)


def description_matches(truth, pred) -> bool:
    tt, pt = norm_text(truth).split(), norm_text(pred).split()
    if not tt or not pt:
        return False
    pool, found = list(pt), 0
    for word in tt:
        hit = next((w for w in pool if w == word or difflib.SequenceMatcher(None, w, word).ratio() >= WORD_MATCH),
                   None)
        if hit is not None:
            pool.remove(hit)
            found += 1
    return found / len(tt) >= DESC_MIN and len(pt) <= 2 * len(tt) + 4


def line_matches(truth: dict, pred: dict) -> bool:
    for key in ("quantity", "unit_price", "amount"):
        if truth.get(key) not in (None, "") and not same("money", truth[key], pred.get(key)):
            return False
    if truth.get("sku") and pred.get("sku") and ident(truth["sku"]) != ident(pred["sku"]):
        return False
    identity = []
    if truth.get("sku"):
        identity.append(bool(pred.get("sku")) and ident(truth["sku"]) == ident(pred["sku"]))
    if truth.get("description"):
        identity.append(description_matches(truth["description"], pred.get("description") or ""))
    return any(identity) if identity else True


def _pair_score(truth: dict, pred: dict) -> float:
    score = similarity(truth.get("description") or "", pred.get("description") or "")
    score += sum(1 for k in ("quantity", "unit_price", "amount")
                 if truth.get(k) not in (None, "") and same("money", truth[k], pred.get(k)))
    if truth.get("sku") and pred.get("sku") and ident(truth["sku"]) == ident(pred["sku"]):
        score += 1
    return score


def pair_lines(truth: list[dict], pred: list[dict]) -> list[tuple[int, int, bool]]:
    """(truth index, prediction index, right) for the greedy one-to-one pairing."""
    ranked = sorted(((_pair_score(t, p), i, j) for i, t in enumerate(truth) for j, p in enumerate(pred)),
                    reverse=True)
    used_t: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i in used_t or j in used_p:
            continue
        used_t.add(i)
        used_p.add(j)
        pairs.append((i, j, line_matches(truth[i], pred[j])))
    return pairs


@dataclass(slots=True)
class DocScore:
    """One document against its truth: each judged field right or not, and its lines."""

    fields: dict[str, bool] = field(default_factory=dict)
    spurious: list[str] = field(default_factory=list)
    line_pairs: list[tuple[int, int, bool]] = field(default_factory=list)
    lines_true: int = 0
    lines_pred: int = 0
    failed: bool = False

    @property
    def lines_right(self) -> int:
        return sum(ok for _, _, ok in self.line_pairs)

    @property
    def perfect(self) -> bool:
        return (all(self.fields.values()) and not self.spurious
                and self.lines_right == self.lines_true == self.lines_pred)


def score_document(truth: dict, pred: dict | None) -> DocScore:
    result = DocScore(failed=not pred)
    pred = pred or {}
    for name, kind in HEADER_KINDS.items():
        t = truth.get(name)
        if t in EMPTY:
            if name in truth and pred.get(name) not in EMPTY:
                result.spurious.append(name)
            continue
        result.fields[name] = same(kind, t, pred.get(name))
    t_lines, p_lines = truth.get("line_items") or [], pred.get("line_items") or []
    result.line_pairs = pair_lines(t_lines, p_lines)
    result.lines_true, result.lines_pred = len(t_lines), len(p_lines)
    return result


@dataclass(slots=True)
class Totals:
    """Figures over many documents, as the shared scorer prints them."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEADER_KINDS, 0))
    judged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEADER_KINDS, 0))
    spurious: int = 0
    lines_right: int = 0
    lines_true: int = 0
    lines_pred: int = 0
    docs: int = 0
    perfect: int = 0
    failed: int = 0

    def add(self, score: DocScore) -> None:
        for name, ok in score.fields.items():
            self.judged[name] += 1
            self.right[name] += ok
        self.spurious += len(score.spurious)
        self.lines_right += score.lines_right
        self.lines_true += score.lines_true
        self.lines_pred += score.lines_pred
        self.docs += 1
        self.perfect += score.perfect
        self.failed += score.failed

    def summary(self) -> dict:
        judged = sum(self.judged.values())
        p = self.lines_right / self.lines_pred if self.lines_pred else 0.0
        r = self.lines_right / self.lines_true if self.lines_true else 0.0
        return {
            "docs": self.docs, "failed": self.failed,
            "header_accuracy": round(sum(self.right.values()) / judged, 4) if judged else 0.0,
            "spurious_fields": self.spurious,
            "line_precision": round(p, 4), "line_recall": round(r, 4),
            "line_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "perfect_docs": round(self.perfect / self.docs, 4) if self.docs else 0.0,
        }

    def field_accuracy(self) -> dict[str, float]:
        return {n: round(self.right[n] / self.judged[n], 3) for n in HEADER_KINDS if self.judged[n]}
