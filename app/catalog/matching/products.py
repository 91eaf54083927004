"""Order line -> product: exact SKU, cross reference, OCR-folded SKU, then fuzzy
code and description over a blocked candidate set, ties broken by the customer's
history, price, unit and pack size."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz, process

from app.catalog.matching.codes import CodeIndex
from app.catalog.matching.records import Match, ProductRecord
from app.catalog.matching.text import fold_ocr, looks_like_code, norm_code, normalise, ocr_code
from app.catalog.matching.tokens import TokenIndex
from app.catalog.matching.units import PACKAGES, Unit, parse_unit

DISAGREE = 60  # a code hit whose description is less alike than this gets a note
KEEP = 20  # fuzzy candidates kept per line after scoring
TIE = 0.005  # fuzzy matches this close to the best are a tie nothing broke
AMBIGUOUS = 0.8  # ... and then all scores are scaled by this, so the line goes to review


class ProductIndex:
    """Catalog index for matching order lines. Build once, query many times."""

    def __init__(self, products: Iterable[ProductRecord],
                 xrefs: Mapping[tuple[int, str], str] | None = None):
        self.products = products if isinstance(products, list) else list(products)
        self.words = TokenIndex(p.description for p in self.products)
        skus = [norm_code(p.sku) for p in self.products]
        self.skus = CodeIndex(skus)
        self.ocr_skus = CodeIndex([fold_ocr(s) for s in skus])
        self.xrefs: dict[tuple[int, str], str] = {}
        for (customer_id, part), sku in (xrefs or {}).items():
            self.add_xref(customer_id, part, sku)

    def add_xref(self, customer_id: int, part: str, sku: str) -> None:
        """Learn that this customer's part number means our `sku` (a clerk's correction)."""
        self.xrefs[(customer_id, norm_code(part))] = sku

    # --- matching ----------------------------------------------------------

    def match_line(self, code: str | None, description: str | None, *,
                   customer_id: int | None = None, unit: str | None = None,
                   unit_price: Decimal | None = None, quantity: Decimal | None = None,
                   history: Mapping[str, int] | None = None, limit: int = 5) -> list[Match]:
        """Best products for one order line, best first; the first carries the
        runners-up in `candidates`."""
        found: dict[int, tuple[float, str, str]] = {}  # doc -> (score, reason, method)
        exact = self._by_code(code, customer_id, found) if code else False
        if not exact and description and customer_id is not None:
            exact = self._by_xref(description, customer_id, found)  # a learned wording
        query = normalise(description) if description else ""
        if exact and query:
            exact = self._check_description(query, found)
        if not exact and description:  # a part number written inside the description
            for tok in description.split():
                if looks_like_code(tok) and self._by_code(tok, customer_id, found):
                    exact = True
        if not exact and code:
            self._near_code(code, found)
        hist = {norm_code(k): v for k, v in (history or {}).items()}
        if not exact and query:
            # Products this customer buys are always candidates, so that history can
            # break a tie even among thousands of look-alike descriptions.
            usual = sorted(hist, key=hist.get, reverse=True)[:200]
            self._fuzzy(query, found, [d for k in usual for d in self.skus.exact(k)])
        parsed = parse_unit(unit)
        ranked = []
        for doc, (score, reason, method) in found.items():
            if method in ("code_fuzzy", "description"):
                score, reason = self._tie_breaks(doc, score, reason, parsed, unit_price,
                                                 quantity, hist)
            product = self.products[doc]
            if not product.active:
                score -= 0.01
                reason += "; inactive product"
            ranked.append((max(0.0, min(score, 1.0)), doc, reason, method))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        ranked = _mark_ambiguous(ranked)
        out = [Match(self.products[d].id, round(s, 4), r, m) for s, d, r, m in ranked[:limit]]
        if len(out) > 1:
            out[0] = Match(out[0].id, out[0].score, out[0].reason, out[0].method,
                           tuple((m.id, m.score) for m in out[1:]))
        return out

    def _by_code(self, code: str, customer_id: int | None, found: dict) -> bool:
        """Exact SKU, then the customer's cross reference, then OCR look-alikes."""
        key = norm_code(code)
        hits = [(d, 1.0, f"sku {self.products[d].sku}", "sku") for d in self.skus.exact(key)]
        if not hits and customer_id is not None:
            return self._by_xref(code, customer_id, found) or self._by_ocr(code, found)
        return self._by_ocr(code, found) if not hits else self._keep(hits, found)

    def _by_xref(self, part: str, customer_id: int, found: dict) -> bool:
        sku = self.xrefs.get((customer_id, norm_code(part)))
        if sku is None:
            return False
        return self._keep([(d, 0.98, f"customer part {part.strip()} -> {self.products[d].sku} "
                            "(cross reference)", "xref") for d in self.skus.exact(norm_code(sku))],
                          found)

    def _by_ocr(self, code: str, found: dict) -> bool:
        return self._keep([(d, 0.95, f"sku {self.products[d].sku} read as '{code.strip()}' "
                            "(OCR look-alike characters)", "sku_ocr")
                           for d in self.ocr_skus.exact(ocr_code(code))], found)

    @staticmethod
    def _keep(hits: list, found: dict) -> bool:
        for doc, score, reason, method in hits:
            if score > found.get(doc, (0.0,))[0]:
                found[doc] = (score, reason, method)
        return bool(hits)

    def _check_description(self, query: str, found: dict) -> bool:
        """Note a code hit whose description disagrees; False if none agrees."""
        agree = False
        for doc, (score, reason, method) in list(found.items()):
            sim = fuzz.token_set_ratio(query, self.words.doc_text(doc))
            if sim < DISAGREE:
                found[doc] = (score - 0.1, f"{reason}; but description only {sim:.0f}% alike",
                              method)
            else:
                agree = True
        return agree

    def _near_code(self, code: str, found: dict) -> None:
        near = self.skus.near(norm_code(code)) + self.ocr_skus.near(ocr_code(code))
        for doc, sim in near:
            score = 0.9 * sim
            if score > found.get(doc, (0.0,))[0]:
                found[doc] = (score, f"code {code.strip()} {sim:.0%} like "
                              f"{self.products[doc].sku}", "code_fuzzy")

    def _fuzzy(self, query: str, found: dict, extra: list[int]) -> None:
        docs = self.words.candidates(query.split()).tolist()
        docs += [d for d in extra if d not in docs]
        if not docs:
            return
        texts = [self.words.doc_text(d) for d in docs]
        tset = process.cdist([query], texts, scorer=fuzz.token_set_ratio, workers=1)[0]
        tsort = process.cdist([query], texts, scorer=fuzz.token_sort_ratio, workers=1)[0]
        # token_set_ratio ranks; token_sort_ratio prefers the description with
        # fewest extra words when several contain the whole query.
        blended = (0.9 * tset + 0.1 * tsort) / 100.0
        best = sorted(range(len(docs)), key=lambda i: -blended[i])[:KEEP]
        usual = set(extra)
        best += [i for i, d in enumerate(docs) if d in usual and blended[i] >= 0.5 and i not in best]
        for i in best:
            doc, score = docs[i], float(blended[i]) * 0.97
            prior = found.get(doc)
            if prior and prior[2] == "code_fuzzy":  # code and description agree
                found[doc] = (min(0.97, max(score, prior[0]) + 0.05),
                              f"{prior[1]}; description {tset[i]:.0f}% alike", "code_fuzzy")
            elif not prior or score > prior[0]:
                desc = self.products[doc].description
                found[doc] = (score, f"description {tset[i]:.0f}% like '{desc}'", "description")

    def _tie_breaks(self, doc: int, score: float, reason: str, parsed: Unit,
                    unit_price: Decimal | None, quantity: Decimal | None,
                    hist: Mapping[str, int]) -> tuple[float, str]:
        """Small bonuses that reorder near-equal text scores, never a weak match."""
        p = self.products[doc]
        notes = []
        times = hist.get(norm_code(p.sku), 0)
        if times > 0:
            score += 0.02 + 0.01 * min(1.0, math.log10(times) / 2)
            notes.append(f"ordered {times} times before")
        if unit_price is not None and p.list_price:
            per = _price_factor(parsed, p)
            off = abs(Decimal(unit_price) / per - p.list_price) / p.list_price
            if off <= Decimal("0.02"):
                score += 0.02
                notes.append(f"price {unit_price} matches list {p.list_price}")
            elif off <= Decimal("0.10"):
                score += 0.01
                notes.append(f"price {unit_price} near list {p.list_price}")
        sold = _sold_unit(p.uom)
        if parsed.code and parsed.code == sold:
            score += 0.005
        elif parsed.code in PACKAGES and parsed.count and parsed.count == p.pack_size:
            score += 0.01
            notes.append(f"pack of {p.pack_size}")
        if (quantity is not None and p.pack_size > 1 and sold == "EA" and parsed.code in (None, "EA")
                and Decimal(quantity) % p.pack_size == 0):
            score += 0.005
        if notes:
            reason = f"{reason}; {'; '.join(notes)}"
        return min(score, 0.99), reason


@lru_cache(maxsize=256)
def _sold_unit(uom: str) -> str | None:
    return parse_unit(uom).code


def _price_factor(parsed: Unit, p: ProductRecord) -> Decimal:
    """How many selling units one ordered unit is, for comparing prices."""
    sold = _sold_unit(p.uom)
    if sold == "EA" and parsed.code in PACKAGES | {"DZ"}:
        return Decimal(parsed.count or p.pack_size or 1)
    return Decimal(1)


def _mark_ambiguous(ranked: list[tuple]) -> list[tuple]:
    """A fuzzy best match that others equal ('bolt' fits thousands) is no match to
    automate: lower the tied scores and say so."""
    if len(ranked) < 2 or ranked[0][3] not in ("description", "code_fuzzy"):
        return ranked
    best = ranked[0][0]
    tied = sum(1 for r in ranked if r[0] >= best - TIE)
    if tied < 2:
        return ranked
    note = f"; ambiguous: {tied}{'+' if tied >= KEEP else ''} products as alike"
    return [(s * AMBIGUOUS, d, r + note if i < tied else r, m)
            for i, (s, d, r, m) in enumerate(ranked)]
