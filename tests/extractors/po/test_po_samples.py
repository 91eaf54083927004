"""Every committed sample PO extracts to its truth file, compared the way the scorer
compares (shared/eval/score.py): identifiers on letters and digits, dates exactly,
money within a cent, names and addresses by token-set similarity."""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.normalize import parse_amount
from extractors.pdf.read import read_pdf
from extractors.po.extract import extract_po
from tests.helpers import SAMPLES, SHARED

SAMPLE_PDFS = sorted((SAMPLES / "pos").glob("*.pdf"))
EVAL_DEV = SHARED / "eval" / "dev"
KINDS = {"po_number": "ident", "order_date": "date", "requested_delivery_date": "date",
         "buyer": "name", "supplier": "name", "ship_to": "address", "currency": "code",
         "subtotal": "money", "tax": "money", "total": "money"}


def _norm(text) -> list[str]:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[^\w]+", " ", text).split()


def similarity(a, b) -> float:
    ta, tb = set(_norm(a)), set(_norm(b))
    if not ta or not tb:
        return 0.0
    common = " ".join(sorted(ta & tb))
    left = (common + " " + " ".join(sorted(ta - tb))).strip()
    right = (common + " " + " ".join(sorted(tb - ta))).strip()
    ratios = [difflib.SequenceMatcher(None, left, right).ratio()]
    if common:
        ratios += [difflib.SequenceMatcher(None, common, left).ratio(),
                   difflib.SequenceMatcher(None, common, right).ratio()]
    return max(ratios)


def _money(value) -> Decimal | None:
    return None if value in (None, "") else parse_amount(str(value))


def same(kind: str, truth, pred) -> bool:
    if pred in (None, ""):
        return False
    if kind == "ident":
        t, p = (re.sub(r"[^0-9A-Za-z]", "", str(v)).upper() for v in (truth, pred))
        return t == p or t.removeprefix("PO") == p.removeprefix("PO")
    if kind == "date":
        return str(truth)[:10] == str(pred)[:10]
    if kind == "code":
        return str(truth).upper() == str(pred).upper()
    if kind == "money":
        t, p = _money(truth), _money(pred)
        return t is not None and p is not None and abs(t - p) <= Decimal("0.01")
    return similarity(truth, pred) >= (0.85 if kind == "name" else 0.80)


def line_ok(truth: dict, pred: dict) -> bool:
    for key in ("quantity", "unit_price", "amount"):
        if truth.get(key) not in (None, "") and not same("money", truth[key], pred.get(key)):
            return False
    ident = []
    if truth.get("sku"):
        ident.append(same("ident", truth["sku"], pred.get("sku")))
    if truth.get("description"):
        ident.append(similarity(truth["description"], pred.get("description") or "") >= 0.80)
    return any(ident) if ident else True


def compare(truth: dict, pred: dict) -> tuple[list[str], int, int, int, int, int]:
    """(misses, header right, header total, lines right, true lines, predicted lines)."""
    misses, right, total = [], 0, 0
    for name, kind in KINDS.items():
        if truth.get(name) in (None, ""):
            continue
        total += 1
        if same(kind, truth[name], pred.get(name)):
            right += 1
        else:
            misses.append(f"{name}: want {truth[name]!r} got {pred.get(name)!r}")
    t_lines, p_lines = truth.get("line_items") or [], pred.get("line_items") or []
    used, ok = set(), 0
    for t in t_lines:  # lines come in order, so pair each with the first free match
        for j, p in enumerate(p_lines):
            if j not in used and line_ok(t, p):
                used.add(j)
                ok += 1
                break
    if ok != len(t_lines) or len(p_lines) != len(t_lines):
        misses.append(f"lines: {ok} right of {len(t_lines)}, {len(p_lines)} predicted")
    return misses, right, total, ok, len(t_lines), len(p_lines)


def extract_file(path: Path) -> dict:
    return extract_po(read_pdf(path.read_bytes(), max_pages=200)).to_result()


@pytest.mark.skipif(not SAMPLE_PDFS, reason="no sample POs committed yet")
@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=[p.name for p in SAMPLE_PDFS])
def test_sample_po_matches_its_truth(path: Path):
    truth = json.loads(path.with_name(path.name + ".truth.json").read_text())
    misses, *_ = compare(truth, extract_file(path))
    assert misses == []


def _eval_text_pdfs() -> list[Path]:
    if not EVAL_DEV.is_dir():
        return []
    out = []
    for path in sorted(EVAL_DEV.rglob("*")):
        if path.suffix.lower() != ".pdf" or not path.with_name(path.name + ".truth.json").exists():
            continue
        head = read_pdf(path.read_bytes(), max_pages=200)
        if sum(len(p.words) for p in head) >= 20:  # born-digital text only; scans go to OCR
            out.append(path)
    return out


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="shared/eval is not present")
def test_real_text_pdfs_reach_the_accuracy_bar():
    right = total = lines_ok = lines_true = lines_pred = 0
    for path in _eval_text_pdfs():
        truth = json.loads(path.with_name(path.name + ".truth.json").read_text())
        _, r, t, ok, nt, npred = compare(truth, extract_file(path))
        right, total = right + r, total + t
        lines_ok, lines_true, lines_pred = lines_ok + ok, lines_true + nt, lines_pred + npred
    assert total > 0
    precision, recall = lines_ok / max(lines_pred, 1), lines_ok / max(lines_true, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert right / total >= 0.90
    assert f1 >= 0.85
