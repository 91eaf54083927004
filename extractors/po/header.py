"""Header fields read from label/value pairs: PO number, dates, money, currency, terms."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import confidence
from extractors.layout.geometry import bbox_of
from extractors.layout.textlines import Line
from extractors.model import Field, Word
from extractors.normalize import currency_of, money_str, parse_amount, parse_date
from extractors.ocr.repair.dates import unlabelled_dates
from extractors.ocr.repair.totals import unlabelled_total
from extractors.po.label_hits import LabelHit, value_candidates
from extractors.po.labels import UNAMBIGUOUS

PLACE_FACTOR = {"rest": confidence.VALUE_AFTER_LABEL, "right": confidence.VALUE_RIGHT_OF_LABEL,
                "below": confidence.VALUE_BELOW_LABEL}
MONEY_FIELDS = ("subtotal", "tax", "shipping", "total")
_MONEY_LIKE = re.compile(r"^\d{1,3}(,\d{3})*\.\d{2}$")

# How far into a label's value each kind is looked for (in words)
IDENT_WITHIN = 5  # the identifier is among the value's first words
DATE_WORDS = (1, 4, 3, 2)  # words a date is printed in, one-word dates first
DATE_WITHIN = 6  # a date is among the first words
MONEY_WITHIN = 8  # the amount is among the first words (a currency code may come first)
CURRENCY_WITHIN = 3  # a currency code or sign is among the first words
IDENT_MIN_CHARS = 3  # letters and digits in an identifier
PREFIX_GAP = 8  # points: a short letter prefix this close joins the number ("RS 0012697")
# Ranking the values of one field (scores start from the values' confidences)
LATER_TOTAL = 0.001  # per line: of two equal totals the last one printed wins
EARLIER_FIELD = 0.0005  # per line: of two equal header values the first one printed wins
TOTAL_ABOVE_TABLE = 0.5  # factor: a "total" printed above the item table is seldom the order's
FIELD_BELOW_TABLE = 0.7  # factor: a header value printed under the item table
MONEY_CANDIDATES = 4  # distinct amounts kept per money field for the totals' arithmetic to choose from
# A PO number beside the document's title
TITLE_LINES = 40  # the title is among the document's first lines
TITLE_MAX_WORDS = 8  # a longer line is a sentence that mentions the order, not its title
TITLE_PO_MIN_CHARS = 4  # characters of a number beside the title that make it a PO number


@dataclass(slots=True)
class Context:
    decimal_comma: bool
    dayfirst: bool
    page_width: float


def ident_value(words: list[Word]) -> list[Word] | None:
    """The identifier in a value: first token with a digit, with a short letter prefix."""
    for i, w in enumerate(words[:IDENT_WITHIN]):
        t = w.text.strip("#:.,;()")
        if len(re.sub(r"[^0-9A-Za-z]", "", t)) < IDENT_MIN_CHARS or not any(c.isdigit() for c in t):
            continue
        if parse_date(t) or _MONEY_LIKE.match(t) or "@" in t:
            return None
        if i > 0 and re.fullmatch(r"[A-Z]{1,3}", words[i - 1].text) and words[i - 1].x1 > w.x0 - PREFIX_GAP:
            return [words[i - 1], w]
        return [w]
    return None


def date_value(words: list[Word], ctx: Context) -> tuple[list[Word], str] | None:
    for n in DATE_WORDS:
        for i in range(min(len(words), DATE_WITHIN) - n + 1):
            chunk = words[i:i + n]
            iso = parse_date(" ".join(w.text for w in chunk), ctx.dayfirst)
            if iso:
                return chunk, iso
    return None


def money_value(words: list[Word], ctx: Context) -> tuple[list[Word], str] | None:
    """The last amount among the words (currency codes and symbols around it are fine)."""
    found = None
    for i, w in enumerate(words[:MONEY_WITHIN]):
        if "%" in w.text or (i + 1 < len(words) and words[i + 1].text.startswith("%")):
            continue  # a rate, not an amount
        value = parse_amount(w.text, ctx.decimal_comma)
        if value is not None and any(c.isdigit() for c in w.text):
            found = ([w], money_str(value))
    return found


def read_field(fld: str, hit: LabelHit, lines: list[Line], hit_segs: set[int], ctx: Context) -> Field | None:
    for words, place in value_candidates(hit, lines, hit_segs, ctx.page_width):
        f = _value_for(fld, words, ctx)
        if f is None:
            continue
        value_words, normalized = f
        conf = hit.strength * PLACE_FACTOR[place] * min(w.conf for w in value_words)
        return Field(fld, " ".join(w.text for w in value_words), normalized, round(conf, 3),
                     page=hit.seg.page, bbox=bbox_of(value_words), rule=f"label_{place}:{fld}")
    return None


def _value_for(fld: str, words: list[Word], ctx: Context):
    if fld == "po_number":
        found = ident_value(words)
        return (found, None) if found else None
    if fld in ("order_date", "requested_delivery_date"):
        return date_value(words, ctx)
    if fld in MONEY_FIELDS:
        return money_value(words, ctx)
    if fld == "currency":
        code = currency_of(" ".join(w.text for w in words[:CURRENCY_WITHIN]))
        return (words[:1], code) if code else None
    if fld == "payment_terms":
        text = " ".join(w.text for w in words)
        return (words, None) if re.search(r"[A-Za-z0-9]", text) else None
    return None


def pick_header(hits: list[LabelHit], lines: list[Line], hit_segs: set[int], ctx: Context,
                table_lines: set[int], first_table_line: int | None,
                seller_issued: bool = False) -> tuple[dict[str, Field], dict[str, list[Field]]]:
    """The best value for each label-valued field, and every money candidate, best first."""
    scored: dict[str, list[tuple[float, Field]]] = {}
    for hit in hits:
        fld = hit.field
        if fld in ("supplier", "ship_to", "bill_to", "buyer", "other") or hit.line in table_lines:
            continue
        if seller_issued and fld == "po_number" and hit.strength < UNAMBIGUOUS:
            continue  # "Order no." on a confirmation is the seller's number
        f = read_field(fld, hit, lines, hit_segs, ctx)
        if f is None:
            continue
        score = f.confidence
        before_table = first_table_line is None or hit.line < first_table_line
        if fld in MONEY_FIELDS:
            score += LATER_TOTAL * hit.line
            if before_table and first_table_line is not None:
                score *= TOTAL_ABOVE_TABLE
        else:
            score -= EARLIER_FIELD * hit.line
            if not before_table:
                score *= FIELD_BELOW_TABLE
        scored.setdefault(fld, []).append((score, f))
    ranked = {k: [f for _, f in sorted(v, key=lambda t: -t[0])] for k, v in scored.items()}
    best = {k: v[0] for k, v in ranked.items()}
    label_words = {id(w) for h in hits for w in h.label_words}
    best.update(unlabelled_dates(best, lines, ctx.dayfirst, first_table_line, label_words))  # OCR garbled their labels
    money = {k: _distinct(v) for k, v in ranked.items() if k in MONEY_FIELDS}
    money.update(unlabelled_total(money, lines, ctx.decimal_comma))  # OCR garbled its label
    return best, money


def _distinct(fields: list[Field]) -> list[Field]:
    seen, out = set(), []
    for f in fields:
        if f.normalized not in seen:
            seen.add(f.normalized)
            out.append(f)
    return out[:MONEY_CANDIDATES]


def po_number_from_title(lines: list[Line]) -> Field | None:
    """'PURCHASE ORDER 515065' or a PO-like number printed next to the title."""
    for line in lines[:TITLE_LINES]:
        text = line.text.lower()
        if len(line.words) > TITLE_MAX_WORDS:
            continue  # a sentence that mentions the order, not its title
        if "purchase order" in text or "bestellung" in text:
            for seg in line.segments:
                found = ident_value(seg.words)
                if found and len(found[-1].text) >= TITLE_PO_MIN_CHARS:
                    return Field("po_number", " ".join(w.text for w in found), None, confidence.PO_NUMBER_BY_TITLE,
                                 page=line.page, bbox=bbox_of(found), rule="title:po_number")
    return None
