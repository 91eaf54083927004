"""Purchase-order fields and line items from pages of words (PDF text, OCR or email).

extract_po(pages) -> Extraction. No templates: labels from vocabularies,
values found to the right of or below them, address blocks under labels,
the line-item table from its header row, then cross-checks.
"""
from __future__ import annotations

import re

from extractors import confidence
from extractors.layout.textlines import page_lines
from extractors.model import LETTER_WIDTH, Extraction, Field, Page
from extractors.normalize import currency_of, currency_token, date_order
from extractors.po.checks import choose_totals, run_checks
from extractors.po.header import Context, pick_header, po_number_from_title
from extractors.po.items import read_items
from extractors.po.label_hits import find_hits
from extractors.po.parties import block, is_company, letterhead, party_field, window_address


def extract_po(pages: list[Page]) -> Extraction:
    ex = Extraction(page_count=len(pages), sources=[p.source for p in pages])
    lines = page_lines(pages)
    if not lines:
        return ex
    ctx = _context(pages)
    hits = find_hits(lines)
    hit_segs = {id(h.seg) for h in hits}
    hit_lines: dict[int, set[str]] = {}
    first_words: dict[int, str] = {}
    for h in hits:
        hit_lines.setdefault(h.line, set()).add(h.field)
        if h.seg is lines[h.line].segments[0] and h.label_words[0] is h.seg.words[0]:
            first_words[h.line] = " ".join(w.text for w in h.label_words).lower().rstrip(":").replace(".", "")
    items, table_lines, first_table = read_items(lines, hit_lines, ctx.decimal_comma, first_words)
    ex.line_items = items
    seller_issued = is_confirmation(lines)
    best, money = pick_header(hits, lines, hit_segs, ctx, table_lines, first_table, seller_issued)
    ex.fields.update(best)
    choose_totals(ex, money)
    if "po_number" not in ex.fields:
        f = po_number_from_title(lines)
        if f:
            ex.fields["po_number"] = f
    _parties(ex, hits, lines, hit_segs, table_lines)
    if seller_issued:
        _swap_parties(ex)
    _currency(ex, pages)
    run_checks(ex)
    return ex


TITLE_ZONE = 0.45  # share of page 1's height, from the top, a document's title is in
CONFIRMATION_TITLES = ("order confirmation", "auftragsbestätigung", "sales order confirmation",
                       "confirmation of order", "bestellbestätigung", "order acknowledgement",
                       "order acknowledgment", "sales order")


def is_confirmation(lines) -> bool:
    """A seller-issued order confirmation rather than a purchase order (judged by its title)."""
    page1 = [ln for ln in lines if ln.page == 1]
    if not page1:
        return False
    limit = max(ln.bottom for ln in page1) * TITLE_ZONE
    for ln in page1:
        if ln.top > limit:
            break
        text = ln.text.lower()
        if "purchase order" in text or text.strip() == "bestellung":
            return False
        if any(text.startswith(t) or f" {t}" in text for t in CONFIRMATION_TITLES):
            return True
    return False


def _swap_parties(ex: Extraction) -> None:
    """On a confirmation the letterhead is the seller and the address window the customer."""
    buyer, supplier = ex.fields.pop("buyer", None), ex.fields.pop("supplier", None)
    if buyer is not None:
        ex.fields["supplier"] = Field("supplier", buyer.value, None, buyer.confidence * confidence.SELLER_ISSUED,
                                      buyer.page, buyer.bbox, buyer.rule + ":seller_issued")
    if supplier is not None:
        ex.fields["buyer"] = Field("buyer", supplier.value, None, supplier.confidence * confidence.SELLER_ISSUED,
                                   supplier.page, supplier.bbox, supplier.rule + ":seller_issued")


DAYFIRST_CURRENCIES = {"EUR", "GBP", "INR", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "ZAR",
                       "SGD", "HKD", "BRL", "TRY", "AED"}


def _context(pages: list[Page]) -> Context:
    texts = [w.text for p in pages for w in p.words]
    comma = sum(1 for t in texts if re.fullmatch(r"[-$€£]?\d{1,3}(\.\d{3})*,\d{2}", t))
    dot = sum(1 for t in texts if re.fullmatch(r"[-$€£]?\d{1,3}(,\d{3})*\.\d{2,4}", t))
    orders = [date_order(t) for t in texts]
    dmy, mdy = orders.count("dmy"), orders.count("mdy")
    decimal_comma = comma > dot
    # no date decides it: day first where the money says Europe, Britain, India, Oceania
    codes = [currency_token(t) for t in texts]
    dayfirst_money = sum(1 for c in codes if c in DAYFIRST_CURRENCIES)
    us_money = sum(1 for c in codes if c in ("USD", "CAD"))
    dayfirst = dmy > mdy or (dmy == mdy and (decimal_comma or dayfirst_money > us_money))
    width = max((p.width for p in pages), default=LETTER_WIDTH)
    return Context(decimal_comma=decimal_comma, dayfirst=dayfirst, page_width=width)


def _parties(ex: Extraction, hits, lines, hit_segs, table_lines) -> None:
    used: set[int] = set()
    found: dict[str, Field] = {}
    hits_by_seg = {id(h.seg): h for h in hits}
    for hit in hits:
        if hit.field not in ("supplier", "ship_to", "bill_to", "buyer") or hit.field in found:
            continue
        if hit.seg.page != 1 and lines[0].page == 1 and hit.field != "ship_to":
            continue
        if hit.line in table_lines:
            continue
        rows = block(hit, lines, hit_segs, table_lines, hits_by_seg)
        whole = hit.field in ("ship_to", "bill_to")
        f = party_field(hit.field, hit, rows, whole)
        if f is None:
            continue
        if hit.field == "buyer" and not is_company(f.value):
            continue
        found[hit.field] = f
        if hit.field == "bill_to":
            found["bill_to_name"] = party_field("bill_to", hit, rows, False)
        taken = {id(w) for r in rows for w in r}
        for ln in lines:
            for s in ln.segments:
                if any(id(w) in taken for w in s.words):
                    used.add(id(s))
    for name in ("supplier", "ship_to", "bill_to"):
        if name in found:
            ex.fields[name] = found[name]
    buyer = found.get("buyer")
    if buyer is None:
        sup = found.get("supplier")
        party_tops = [h.seg.top for h in hits if h.seg.page == 1
                      and h.field in ("supplier", "ship_to", "bill_to", "buyer")]
        head = letterhead(lines, hit_segs, used, sup.value if sup else None,
                          min(party_tops) if party_tops else None)
        if head is not None and head.rule == "letterhead:company":
            buyer = head
        elif "bill_to" in found:
            b = found["bill_to_name"]
            buyer = Field("buyer", b.value, None, confidence.BUYER_FROM_BILL_TO, b.page, b.bbox, "bill_to:first_line")
        else:
            buyer = head
    if buyer is not None:
        ex.fields["buyer"] = Field("buyer", buyer.value.split(", ")[0] if buyer.rule == "block:buyer" else buyer.value,
                                   None, buyer.confidence, buyer.page, buyer.bbox, buyer.rule)
    if "supplier" not in ex.fields:
        f = window_address(lines, hit_segs, used, buyer.value if buyer else None)
        if f is not None:
            ex.fields["supplier"] = f


DOLLARS = {"USD", "CAD", "AUD", "NZD", "SGD", "HKD"}


def _ocr_read(pages: list[Page], number: int) -> bool:
    return any(p.source == "ocr" for p in pages if p.number == number)


def _currency(ex: Extraction, pages: list[Page]) -> None:
    if "currency" in ex.fields:
        return
    codes = {}  # currency codes printed as words: "AUD" says which dollar "$" means, "INR" what OCR misread
    for p in pages:
        for w in p.words:
            code = currency_token(w.text) if w.text.isalpha() else None
            if code:
                codes[code] = codes.get(code, 0) + 1
    written = {code: n for code, n in codes.items() if code in DOLLARS}
    for name in ("total", "subtotal"):
        f = ex.fields.get(name)
        if f is not None:
            code = currency_of(f.value)
            if code == "USD" and "$" in f.value and "US" not in f.value.upper() and written:
                code = max(written, key=written.get)
            if code and codes and code not in codes and _ocr_read(pages, f.page):
                code = max(codes, key=codes.get)  # an OCRed "₹" read as "£" loses to "INR" printed on the page
            if code:
                ex.fields["currency"] = Field("currency", f.value, code, confidence.CURRENCY_BY_AMOUNT, f.page, f.bbox,
                                              "amount_symbol")
                return
    counts: dict[str, int] = {}
    first: dict[str, tuple] = {}
    for p in pages:
        for w in p.words:
            code = currency_token(w.text)
            if code:
                counts[code] = counts.get(code, 0) + 1
                first.setdefault(code, (w.text, p.number, w.bbox))
    if counts:
        code = max(counts, key=counts.get)
        text, page, bbox = first[code]
        share = counts[code] / sum(counts.values())
        conf = round(confidence.CURRENCY_ON_PAGES + confidence.CURRENCY_ON_PAGES_SHARE * share, 3)
        ex.fields["currency"] = Field("currency", text, code, conf, page, bbox, "document_symbol")
