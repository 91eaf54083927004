"""Validation of a matched PO and the automation decision. Pure: values in, issues out.

Each issue has a stable code, a message for the clerk, whether it blocks
automation, and a kind: "confidence" issues are about how sure we are of what
we read; "validation" issues are about what the order says. Automation level
"always" overlooks the first kind, never the second.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from app.catalog.matching.units import to_base_quantity, whole_packs

# Per-field confidence needed for automation, for the fields the order is made of
# (who the buyer is comes from the customer match, which has its own threshold).
THRESHOLDS = {"po_number": 0.8, "order_date": 0.7, "requested_delivery_date": 0.7, "currency": 0.7,
              "ship_to": 0.6, "subtotal": 0.7, "tax": 0.7, "shipping": 0.7, "total": 0.7}
LINE_THRESHOLD = 0.7
MATCH_THRESHOLD = 0.8
PRICE_TOLERANCE = Decimal("0.02")  # 2 % off the price list is accepted
MONEY_TOLERANCE = Decimal("0.01")


@dataclass
class Issue:
    code: str
    message: str
    blocking: bool = True
    field: str | None = None
    kind: str = "validation"  # validation | confidence


@dataclass
class ProductFacts:
    sku: str
    uom: str
    pack_size: int
    active: bool


@dataclass
class LineFacts:
    """One line as validation sees it."""

    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    amount: Decimal | None
    product: ProductFacts | None
    match_score: float = 0.0
    match_reason: str = ""
    expected_price: Decimal | None = None
    confidence: float = 1.0


@dataclass
class OrderFacts:
    """What validation needs to know about the whole document."""

    doc_type: str = "purchase_order"
    customer_known: bool = False
    customer_score: float = 0.0
    sender_trusted: bool = True
    po_number: str | None = None
    order_date: date | None = None
    requested_date: date | None = None
    ship_to: str | None = None
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    shipping: Decimal | None = None
    total: Decimal | None = None
    confidences: dict[str, float] = field(default_factory=dict)
    lines: list[LineFacts] = field(default_factory=list)
    duplicate_order: str | None = None  # the number of an existing order with this PO
    today: date = field(default_factory=date.today)  # when the document came in
    lead_days: int = 0
    require_date: bool = True


def to_decimal(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def validate(f: OrderFacts) -> list[Issue]:
    issues: list[Issue] = []
    add = issues.append
    if f.doc_type not in ("purchase_order", "unknown"):
        add(Issue("not_a_po", f"the document looks like a {f.doc_type.replace('_', ' ')}, not a purchase order"))
    if not f.customer_known:
        add(Issue("unknown_customer", "no customer matches the sender, name or address", field="customer"))
    elif f.customer_score < MATCH_THRESHOLD:
        add(Issue("uncertain_customer", f"customer matched only {f.customer_score:.0%}", field="customer",
                  kind="confidence"))
    if not f.sender_trusted:
        add(Issue("untrusted_sender", "the sender is not a known address of this customer", field="customer"))
    if not f.po_number:
        add(Issue("missing_po_number", "no PO number found", field="po_number"))
    if f.duplicate_order:
        add(Issue("duplicate_po", f"this customer's PO {f.po_number} is already order {f.duplicate_order}",
                  field="po_number"))
    if not f.ship_to:
        add(Issue("missing_ship_to", "no ship-to address found", field="ship_to", blocking=False))
    if f.require_date and not f.requested_date:
        add(Issue("missing_required_date", "no requested delivery date found", field="requested_delivery_date",
                  blocking=False))
    if f.requested_date:
        earliest = (f.order_date or f.today) + timedelta(days=f.lead_days)
        if f.requested_date < earliest:
            add(Issue("date_too_early", f"requested {f.requested_date.isoformat()}, earliest possible is "
                      f"{earliest.isoformat()}", field="requested_delivery_date"))
    for name, conf in f.confidences.items():
        if name in THRESHOLDS and conf < THRESHOLDS[name]:
            add(Issue("low_confidence", f"{name.replace('_', ' ')} read with low confidence ({conf:.2f})",
                      field=name, kind="confidence"))
    if not f.lines:
        add(Issue("no_line_items", "no line items found", field="line_items"))
    for i, line in enumerate(f.lines):
        issues += _line_issues(i, line)
    issues += _total_issues(f)
    return issues


def _line_issues(i: int, line: LineFacts) -> list[Issue]:
    where, n = f"line_items[{i}]", i + 1
    out: list[Issue] = []
    if line.confidence < LINE_THRESHOLD:
        out.append(Issue("low_confidence", f"line {n} read with low confidence ({line.confidence:.2f})",
                         field=where, kind="confidence"))
    p = line.product
    if p is None:
        out.append(Issue("unknown_sku", f"line {n}: no product matches", field=f"{where}.sku"))
    else:
        if not p.active:
            out.append(Issue("inactive_sku", f"line {n}: {p.sku} is no longer sold", field=f"{where}.sku"))
        if line.match_score < MATCH_THRESHOLD:
            out.append(Issue("uncertain_sku", f"line {n}: {p.sku} matched only {line.match_score:.0%} "
                             f"({line.match_reason})", field=f"{where}.sku", kind="confidence"))
    # Pack sizes, units and prices are those of the matched product: against a product matched
    # only weakly they are noise (a 30 % guess says nothing about the customer's price).
    sure = p is not None and line.match_score >= MATCH_THRESHOLD
    if line.quantity is None or line.quantity <= 0:
        out.append(Issue("invalid_quantity", f"line {n}: no valid quantity", field=f"{where}.quantity"))
    elif sure:
        base, note = to_base_quantity(line.quantity, line.unit, p)
        if base is None:
            out.append(Issue("unit_mismatch", f"line {n}: {line.unit} cannot be converted to {p.sku}'s unit "
                             f"{p.uom} ({note})", field=f"{where}.quantity"))
        elif not whole_packs(base, p):
            out.append(Issue("pack_size_multiple", f"line {n}: {line.quantity} {line.unit or p.uom} is not a whole "
                             f"number of packs of {p.pack_size}", field=f"{where}.quantity"))
    if sure and line.unit_price is not None and line.expected_price:
        off = abs(line.unit_price - line.expected_price) / line.expected_price
        if off > PRICE_TOLERANCE:
            out.append(Issue("price_mismatch", f"line {n}: price {line.unit_price} differs from the price list "
                             f"{line.expected_price} by {off:.0%}", field=f"{where}.unit_price"))
    if None not in (line.quantity, line.unit_price, line.amount):
        gap = abs(line.quantity * line.unit_price - line.amount)
        if gap > max(MONEY_TOLERANCE, line.amount * Decimal("0.0001")):
            out.append(Issue("line_amount_mismatch", f"line {n}: {line.quantity} x {line.unit_price} is not "
                             f"{line.amount}", field=f"{where}.amount"))
    return out


def _total_issues(f: OrderFacts) -> list[Issue]:
    amounts = [line.amount for line in f.lines]
    if not f.lines or None in amounts:
        return []
    lines_sum = sum(amounts, Decimal("0"))
    extras = (f.tax or 0) + (f.shipping or 0)
    if f.subtotal is not None and abs(lines_sum - f.subtotal) > MONEY_TOLERANCE:
        return [Issue("total_mismatch", f"lines add up to {lines_sum}, the subtotal says {f.subtotal}",
                      field="subtotal")]
    if f.total is not None and abs(lines_sum + extras - f.total) > MONEY_TOLERANCE:
        if f.subtotal is None and abs(lines_sum - f.total) <= MONEY_TOLERANCE:
            return []
        return [Issue("total_mismatch", f"lines ({lines_sum}) plus tax and shipping ({extras}) are not the "
                      f"total {f.total}", field="total")]
    return []


def decide(automation: str, issues: list[Issue]) -> bool:
    """True when the order may be created with no human touch."""
    if automation == "never":
        return False
    blocking = [i for i in issues if i.blocking]
    if automation == "always":
        blocking = [i for i in blocking if i.kind != "confidence"]
    return not blocking
