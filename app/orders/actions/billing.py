"""Money: invoices from what shipped, credit notes, corrections, payments, overdue flags, closing."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

from sqlmodel import Session, select

from app.catalog.models import Customer
from app.core.auth import SYSTEM, Actor, require_role
from app.core.errors import NotFound
from app.core.numbers import next_number
from app.orders import events as ev
from app.orders.actions.common import lock_order, order_lines, record, refuse, write_ledger
from app.orders.actions.credit import auto_release_credit
from app.orders.models import Invoice, InvoiceKind, InvoiceLine, Order, OrderLine, Payment, Shipment, ShipmentLine
from app.orders.queries import due_date_for, invoice_balance, invoice_lines, payments_of
from app.orders.rules import ledger as L
from app.orders.rules.transitions import Action as A
from app.orders.rules.transitions import check_allowed

InvoicePer = Literal["order", "shipment"]
INVOICE_PER: InvoicePer = "order"  # one invoice per order (all shipped, uninvoiced units) or per shipment
FINANCE_ROLES = ("finance",)
CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT)


def _new_invoice(session: Session, order: Order, kind: str, rows: list[tuple[OrderLine, Decimal, Decimal]], *,
                 shipment_id: int | None = None, corrects: int | None = None) -> Invoice:
    """An invoice or credit note with its lines, numbered gaplessly in this transaction."""
    customer = session.get(Customer, order.customer_id)
    seq, prefix = ("invoice", "INV-") if kind == "invoice" else ("credit_note", "CN-")
    inv = Invoice(number=next_number(session, seq, prefix), kind=kind, order_id=order.id,
                  customer_id=order.customer_id, shipment_id=shipment_id, corrects_invoice_id=corrects,
                  currency=order.currency, total=sum((_money(q * p) for _, q, p in rows), Decimal(0)),
                  due_date=due_date_for(customer, date.today()) if kind == "invoice" else None,
                  status="open" if kind == "invoice" else "issued")
    session.add(inv)
    session.flush()
    for line, qty, price in rows:
        session.add(InvoiceLine(invoice_id=inv.id, order_line_id=line.id, quantity=qty, unit_price=price,
                                amount=_money(qty * price)))
    session.flush()
    return inv


def check_invoice(session: Session, inv: Invoice) -> list[str]:
    """Invoice accuracy against the order: prices, quantities within what shipped, total = lines."""
    problems = []
    rows = invoice_lines(session, inv.id)
    lines = {li.id: li for li in order_lines(session, inv.order_id)}
    for row in rows:
        line = lines.get(row.order_line_id)
        if line is None:
            problems.append(f"invoice line {row.id} is not a line of the order")
            continue
        repriced = Decimal(row.unit_price) != Decimal(line.unit_price)
        if inv.kind == InvoiceKind.INVOICE and inv.corrects_invoice_id is None and repriced:
            problems.append(f"line {line.line_no}: price {row.unit_price} differs from order price {line.unit_price}")
        if Decimal(line.invoiced) > Decimal(line.shipped):
            problems.append(f"line {line.line_no}: invoiced {line.invoiced} exceeds shipped {line.shipped}")
        if _money(Decimal(row.quantity) * Decimal(row.unit_price)) != _money(row.amount):
            problems.append(f"line {line.line_no}: amount {row.amount} is not quantity x price")
    if _money(sum((Decimal(r.amount) for r in rows), Decimal(0))) != _money(inv.total):
        problems.append(f"total {inv.total} differs from the sum of its lines")
    return problems


def _checked(session: Session, inv: Invoice) -> Invoice:
    problems = check_invoice(session, inv)
    if problems:
        raise refuse("invoice_mismatch", "The invoice does not agree with the order: " + "; ".join(problems),
                     problems=problems)
    return inv


def invoice(session: Session, order_id: int, actor: Actor, *, per: InvoicePer = INVOICE_PER,
            version: int | None = None) -> list[Invoice]:
    """Bill what shipped and is not invoiced yet: one invoice for the order, or one per shipment."""
    require_role(actor, *FINANCE_ROLES, "clerk")
    order = lock_order(session, order_id, version)
    lines = order_lines(session, order_id)
    check_allowed(A.INVOICE, order.state, [L.LineLedger.from_attrs(li) for li in lines])
    by_id = {li.id: li for li in lines}
    batches: list[tuple[int | None, dict[int, Decimal]]] = []
    if per == "shipment":
        billed = {s for s in session.exec(select(Invoice.shipment_id).where(
            Invoice.order_id == order.id, Invoice.kind == "invoice")).all() if s is not None}
        for shipment in session.exec(select(Shipment).where(Shipment.order_id == order.id).order_by(Shipment.id)):
            if shipment.id not in billed:
                qty = {sl.order_line_id: Decimal(sl.quantity) for sl in session.exec(
                    select(ShipmentLine).where(ShipmentLine.shipment_id == shipment.id))}
                batches.append((shipment.id, qty))
    else:
        batches.append((None, {li.id: L.LineLedger.from_attrs(li).to_invoice for li in lines}))
    made = []
    for shipment_id, quantities in batches:
        rows = []
        for line_id, wanted in quantities.items():
            line = by_id[line_id]
            qty = min(wanted, L.LineLedger.from_attrs(line).to_invoice)
            if qty > 0:
                write_ledger(line, L.invoice(L.LineLedger.from_attrs(line), qty))
                rows.append((line, qty, Decimal(line.unit_price)))
        if rows:
            inv = _checked(session, _new_invoice(session, order, "invoice", rows, shipment_id=shipment_id))
            made.append(inv)
    if not made:
        raise refuse("nothing_to_invoice", "Nothing shipped is left to invoice")
    record(session, order, *[ev.invoiced(order.id, actor.name, invoice_id=i.id, invoice_number=i.number,
                                         total=i.total, due_date=i.due_date, shipment_id=i.shipment_id)
                             for i in made], lines=lines)
    return made


def credit_note(session: Session, order: Order, original: Invoice, rows: list[tuple[OrderLine, Decimal, Decimal]],
                actor: Actor, *, return_id: int | None = None) -> Invoice:
    """A credit note against one invoice (returns, corrections); the caller records the order."""
    note = _new_invoice(session, order, "credit_note", rows, corrects=original.id)
    session.add(ev.credit_note_issued(order.id, actor.name, credit_note_id=note.id, credit_note_number=note.number,
                                      invoice_id=original.id, total=note.total, return_id=return_id))
    _refresh_status(session, original)
    return note


def correct_invoice(session: Session, invoice_id: int, actor: Actor, lines: Mapping[int, Mapping[str, object]], *,
                    reason: str | None = None, version: int | None = None) -> tuple[Invoice, Invoice]:
    """Credit the whole invoice and issue a corrected one; payments move to the new invoice.

    `lines`: line_no -> {"quantity": ..., "unit_price": ...} for the lines that change."""
    require_role(actor, *FINANCE_ROLES)
    original = _invoice(session, invoice_id)
    order = lock_order(session, original.order_id, version)
    check_allowed(A.ISSUE_CREDIT, order.state)
    if original.kind != "invoice" or original.status in ("void", "corrected"):
        raise refuse("invoice_not_correctable", f"{original.number} cannot be corrected (it is {original.status})")
    order_rows = {li.id: li for li in order_lines(session, order.id)}
    old = invoice_lines(session, original.id)
    by_no = {order_rows[r.order_line_id].line_no: r for r in old}
    unknown = set(map(int, lines)) - set(by_no)
    if unknown:
        raise refuse("unknown_line", f"Invoice {original.number} has no line {sorted(unknown)}",
                     line_no=sorted(unknown))
    note = credit_note(session, order, original, [(order_rows[r.order_line_id], Decimal(r.quantity),
                                                   Decimal(r.unit_price)) for r in old], actor)
    new_rows = []
    for no, row in by_no.items():
        line, change = order_rows[row.order_line_id], lines.get(no, {})
        qty = Decimal(str(change.get("quantity", row.quantity)))
        price = Decimal(str(change.get("unit_price", row.unit_price)))
        base = L.LineLedger.from_attrs(line)
        write_ledger(line, replace(base, invoiced=base.invoiced - Decimal(row.quantity) + qty))
        if qty > 0:
            new_rows.append((line, qty, price))
    if not new_rows:
        raise refuse("invalid_quantity", "A corrected invoice needs at least one line")
    new = _new_invoice(session, order, "invoice", new_rows, shipment_id=original.shipment_id, corrects=original.id)
    _checked(session, new)
    for payment in payments_of(session, original.id):
        payment.invoice_id = new.id
        session.add(payment)
    new.paid, original.paid, original.status = original.paid, Decimal(0), "corrected"
    _refresh_status(session, new)
    record(session, order, ev.invoice_corrected(order.id, actor.name, invoice_id=original.id, credit_note_id=note.id,
                                                new_invoice_id=new.id, reason=reason))
    return note, new


def _invoice(session: Session, invoice_id: int, lock: bool = False) -> Invoice:
    inv = session.get(Invoice, invoice_id, with_for_update=lock, populate_existing=lock)
    if inv is None:
        raise NotFound("invoice_not_found", f"no invoice {invoice_id}")
    return inv


def _refresh_status(session: Session, inv: Invoice, today: date | None = None) -> None:
    if inv.kind != "invoice" or inv.status in ("void", "corrected"):
        return
    session.flush()
    balance = invoice_balance(session, inv)
    if balance <= 0:
        inv.status = "paid"
    elif inv.due_date is not None and inv.due_date < (today or date.today()):
        inv.status = "overdue"
    else:
        inv.status = "partially_paid" if Decimal(inv.paid) > 0 else "open"
    session.add(inv)


def record_payment(session: Session, invoice_id: int, amount: Decimal | int | str, actor: Actor, *,
                   reference: str | None = None, received_at: datetime | None = None) -> Payment:
    """Money received against an invoice (partial or full); credit holds that now fit are released."""
    require_role(actor, *FINANCE_ROLES)
    try:
        value = L.as_qty(amount)
    except Exception:
        raise refuse("invalid_amount", f"Payment amount must be positive, got {amount}") from None
    inv = _invoice(session, invoice_id)
    order = lock_order(session, inv.order_id)
    inv = _invoice(session, invoice_id, lock=True)
    if inv.kind != "invoice" or inv.status in ("void", "corrected"):
        raise refuse("invoice_not_payable", f"{inv.number} is a {inv.kind} ({inv.status}); pay the current invoice")
    check_allowed(A.RECORD_PAYMENT, order.state)
    if received_at is not None and received_at.tzinfo is None:
        received_at = received_at.replace(tzinfo=UTC)  # a bank date without zone is UTC
    payment = Payment(invoice_id=inv.id, amount=value, reference=reference, recorded_by=actor.name,
                      **({"received_at": received_at} if received_at else {}))
    session.add(payment)
    inv.paid = Decimal(inv.paid) + value
    _refresh_status(session, inv)
    session.flush()
    record(session, order, ev.payment_received(order.id, actor.name, payment_id=payment.id, invoice_id=inv.id,
                                                invoice_number=inv.number, amount=value, reference=reference))
    auto_release_credit(session, order.customer_id)
    return payment


def mark_overdue(session: Session, today: date | None = None, actor: Actor = SYSTEM) -> list[Invoice]:
    """Flag invoices past their due date with money still owed (run by the alerts job); each once."""
    today = today or date.today()
    due = session.exec(select(Invoice).where(Invoice.kind == "invoice", Invoice.due_date < today,
                                             Invoice.status.in_(("open", "partially_paid")))
                       .order_by(Invoice.order_id, Invoice.id)).all()
    flagged = []
    for inv in due:
        order = lock_order(session, inv.order_id)
        balance = invoice_balance(session, inv)
        if balance <= 0:
            continue
        inv.status = "overdue"
        session.add(inv)
        record(session, order, ev.invoice_overdue(order.id, actor.name, invoice_id=inv.id, invoice_number=inv.number,
                                                  due_date=inv.due_date, open_amount=balance))
        flagged.append(inv)
    return flagged


def close(session: Session, order_id: int, actor: Actor, *, version: int | None = None) -> Order:
    """Close a paid order; afterwards only returns and credits may happen."""
    require_role(actor, *FINANCE_ROLES, "clerk")
    order = lock_order(session, order_id, version)
    check_allowed(A.CLOSE, order.state)
    return record(session, order, ev.closed(order.id, actor.name))
