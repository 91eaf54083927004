"""An invoice or credit note rendered as a one-document PDF (fpdf2) the customer can download."""
from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF
from sqlmodel import Session

from app.catalog.models import Customer
from app.orders.models import Invoice, Order, OrderLine
from app.orders.queries import invoice_lines

SELLER = "Order Intake"


def _text(value: object) -> str:
    """Core PDF fonts are latin-1: replace anything else rather than fail."""
    return str(value if value is not None else "").encode("latin-1", "replace").decode("latin-1")


def render_invoice_pdf(session: Session, inv: Invoice) -> bytes:
    order = session.get(Order, inv.order_id)
    customer = session.get(Customer, inv.customer_id)
    title = "CREDIT NOTE" if inv.kind == "credit_note" else "INVOICE"
    pdf = FPDF(format="A4")
    pdf.set_title(f"{title.title()} {inv.number}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, _text(f"{title} {inv.number}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    head = [("Issued", inv.issued_at.date().isoformat()), ("Due", inv.due_date.isoformat() if inv.due_date else "-"),
            ("Order", order.number if order else inv.order_id), ("Customer PO", order.po_number if order else ""),
            ("Customer", f"{customer.name} ({customer.code})" if customer else inv.customer_id),
            ("Bill to", (order.bill_to if order else None) or (customer.bill_to if customer else "") or "")]
    if inv.corrects_invoice_id:
        original = session.get(Invoice, inv.corrects_invoice_id)
        head.append(("Corrects", original.number if original else inv.corrects_invoice_id))
    for label, value in head:
        pdf.cell(35, 6, _text(label + ":"))
        pdf.multi_cell(0, 6, _text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (12, 35, 68, 20, 25, 30)
    pdf.set_font("Helvetica", "B", 10)
    for w, h in zip(widths, ("#", "SKU", "Description", "Qty", "Unit price", "Amount")):
        pdf.cell(w, 7, h, border=1)
    pdf.ln()
    pdf.set_font("Helvetica", size=9)
    for row in invoice_lines(session, inv.id):
        line = session.get(OrderLine, row.order_line_id)
        cells = (line.line_no, line.sku, (line.description or "")[:40], _num(row.quantity),
                 _num(row.unit_price), _num(row.amount))
        for w, value in zip(widths, cells):
            pdf.cell(w, 6, _text(value), border=1)
        pdf.ln()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(sum(widths[:-1]), 8, _text(f"Total {inv.currency}"), align="R")
    pdf.cell(widths[-1], 8, _text(_num(inv.total)), align="R", new_x="LMARGIN", new_y="NEXT")
    if inv.kind == "invoice":
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 6, _text(f"Paid {_num(inv.paid)} - status {inv.status}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 10, _text(f"{SELLER} - {title.lower()} {inv.number}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _num(value: object) -> str:
    return f"{Decimal(value or 0):,.2f}"
