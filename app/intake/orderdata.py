"""The working copy of a PO: what was read, matched to master data, then checked.

The same dict is what the clerk edits (Document.reviewed) and what the order is
made from, so the pipeline and the review page never disagree.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from app.catalog.lookup import Catalog, price_for, price_tiers
from app.catalog.matching.units import to_base_quantity
from app.catalog.models import Customer, Product
from app.intake import shipto
from app.intake.models import Document
from app.intake.validation import LineFacts, OrderFacts, ProductFacts, to_decimal
from app.orders.queries import order_for_po, order_history

HEADER = ("po_number", "order_date", "requested_delivery_date", "buyer", "supplier", "ship_to", "bill_to",
          "currency", "subtotal", "tax", "shipping", "total", "payment_terms")
LINE_KEYS = ("sku", "description", "quantity", "unit", "unit_price", "amount")


def working_data(result: dict) -> dict:
    """Header values and lines of an extraction result, each line with where it was read."""
    data = {k: result.get(k) for k in HEADER}
    details = result.get("lines") or []
    data["line_items"] = []
    for i, item in enumerate(result.get("line_items") or []):
        line = {k: item.get(k) for k in LINE_KEYS}
        d = details[i] if i < len(details) else {}
        line["source"] = {"page": d.get("page"), "bbox": d.get("bbox"), "confidence": d.get("confidence")}
        quantity = (d.get("fields") or {}).get("quantity") or {}
        if quantity.get("confidence") is not None:
            line["source"]["quantity_confidence"] = quantity["confidence"]
            line["source"]["rule"] = quantity.get("rule")
        data["line_items"].append(line)
    data["customer_id"] = None
    return data


def _party_text(value: object) -> str | None:
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v) or None
    return value  # type: ignore[return-value]


def match_customer(cat: Catalog, data: dict, doc: Document) -> dict | None:
    found = cat.customers.match(sender=doc.sender, name=_party_text(data.get("buyer")),
                                address=_party_text(data.get("ship_to")) or _party_text(data.get("bill_to")),
                                hint=doc.customer_hint)
    if not found:
        return None
    best = found[0]
    c = cat.customer_by_id[best.id]
    return {"id": c.id, "code": c.code, "name": c.name, "score": best.score, "reason": best.reason,
            "method": best.method, "candidates": [{"id": i, "score": s} for i, s in best.candidates]}


def match_line(cat: Catalog, line: dict, customer_id: int | None, history) -> None:
    """Fill in the product a line means, with the score and reason, and its quantity in our unit."""
    quantity = to_decimal(line.get("quantity"))
    found = cat.products.match_line(line.get("sku"), line.get("description"), customer_id=customer_id,
                                    unit=line.get("unit"), unit_price=to_decimal(line.get("unit_price")),
                                    quantity=quantity, history=history)
    line["product_id"] = line["our_sku"] = line["base_quantity"] = None
    line["match"] = None
    if not found:
        return
    best = found[0]
    product = cat.product_by_id[best.id]
    set_product(line, product, best.score, best.reason, best.method,
                [{"id": i, "sku": cat.product_by_id[i].sku, "score": s} for i, s in best.candidates])


def set_product(line: dict, product: Product, score: float, reason: str, method: str, candidates=()) -> None:
    quantity = to_decimal(line.get("quantity"))
    line["product_id"], line["our_sku"] = product.id, product.sku
    line["match"] = {"score": score, "reason": reason, "method": method, "candidates": list(candidates)}
    base, note = (to_base_quantity(quantity, line.get("unit"), product) if quantity is not None else (None, ""))
    line["base_quantity"] = str(base) if base is not None else None
    line["unit_note"] = note or None


def apply_matches(session: Session, cat: Catalog, data: dict, doc: Document) -> dict:
    """Match the customer (unless already chosen) and every line; returns the match summary."""
    customer = None
    uploader = doc.customer_id if doc.channel == "portal" else None  # a customer's own upload
    if data.get("customer_id") or uploader:
        c = session.get(Customer, data.get("customer_id") or uploader)
        how = ("chosen by a clerk", "clerk") if data.get("customer_id") else ("uploaded by the customer", "uploader")
        customer = {"id": c.id, "code": c.code, "name": c.name, "score": 1.0, "reason": how[0],
                    "method": how[1], "candidates": []} if c else None
    customer = customer or match_customer(cat, data, doc)
    data["customer_id"] = customer["id"] if customer else None
    history = order_history(session, customer["id"]) if customer else None
    for line in data["line_items"]:
        match_line(cat, line, data["customer_id"], history)
    return {"customer": customer,
            "lines": [{"product_id": li["product_id"], "sku": li["our_sku"], **(li["match"] or {})}
                      for li in data["line_items"]]}


def sender_trusted(customer: Customer | None, sender: str | None) -> bool:
    """A document by email is trusted only from an address or domain known for its customer."""
    if not sender or customer is None:
        return True
    sender = sender.lower()
    addresses = {a for a in customer.sender_addresses.split(";") if a}
    domains = {d for d in customer.email_domains.split(";") if d}
    domain = sender.rsplit("@", 1)[-1]
    return sender in addresses or any(domain == d or domain.endswith("." + d) for d in domains)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def order_facts(session: Session, cat: Catalog, data: dict, doc: Document, *, customer_score: float,
                confidences: dict[str, float], doc_type: str | None, today: date, lead_days: int) -> OrderFacts:
    customer = session.get(Customer, data["customer_id"]) if data.get("customer_id") else None
    products = [_product(session, cat, li.get("product_id")) for li in data["line_items"]]
    tiers = price_tiers(session, customer, {p.sku for p in products if p is not None})
    lines = []
    for li, product in zip(data["line_items"], products):
        quantity = to_decimal(li.get("quantity"))
        expected = price_for(tiers, product, quantity) if product else None
        facts = ProductFacts(product.sku, product.uom, product.pack_size, product.active) if product else None
        match = li.get("match") or {}
        lines.append(LineFacts(
            quantity=quantity, unit=li.get("unit"), unit_price=to_decimal(li.get("unit_price")),
            amount=to_decimal(li.get("amount")), product=facts, match_score=match.get("score", 0.0),
            match_reason=match.get("reason", ""), expected_price=_per_ordered_unit(expected, li, product),
            confidence=(li.get("source") or {}).get("confidence") or 1.0))
    dup = order_for_po(session, customer.id, data.get("po_number")) if customer else None
    return OrderFacts(
        doc_type=doc_type or "purchase_order", customer_known=customer is not None, customer_score=customer_score,
        sender_trusted=sender_trusted(customer, doc.sender), po_number=data.get("po_number"),
        order_date=_date(data.get("order_date")), requested_date=_date(data.get("requested_delivery_date")),
        ship_to=_party_text(data.get("ship_to")) or (
            shipto.resolve(None, shipto.on_file_addresses(customer.ship_to)).address if customer else None),
        subtotal=to_decimal(data.get("subtotal")), tax=to_decimal(data.get("tax")),
        shipping=to_decimal(data.get("shipping")), total=to_decimal(data.get("total")),
        confidences=confidences, lines=lines,
        duplicate_order=dup.number if dup is not None and dup.document_id != doc.id else None,
        today=today, lead_days=lead_days, require_date=False)


def _product(session: Session, cat: Catalog, product_id: int | None) -> Product | None:
    if not product_id:
        return None
    return cat.product_by_id.get(product_id) or session.get(Product, product_id)


def _per_ordered_unit(price: Decimal | None, line: dict, product: Product | None) -> Decimal | None:
    """The list price for the unit the customer ordered in (a box of 100 costs 100 x EA)."""
    if price is None or product is None:
        return price
    quantity, base = to_decimal(line.get("quantity")), to_decimal(line.get("base_quantity"))
    if quantity and base and quantity != base:
        return price * base / quantity
    return price
