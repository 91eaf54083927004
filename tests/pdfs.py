"""PDFs made on the fly for tests: a plain PO, and the bad ones."""
from __future__ import annotations

import io
from datetime import UTC, datetime

from fpdf import FPDF

DEFAULT_LINES = (("HB-1240", "Hex bolt M12x40 zinc", 40, "0.85"),)


def simple_po(po_number: str = "4500012345", lines=DEFAULT_LINES, header=None,
              buyer: str = "Acme Industrial Supply Inc.") -> bytes:
    """A one-page PO; `header` replaces the label/value rows (PO number included)."""
    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 3, 5, tzinfo=UTC))  # same input, same bytes
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "PURCHASE ORDER", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    header = header or (("PO Number:", po_number), ("Order Date:", "2024-03-05"),
                        ("Delivery Date:", "2024-03-20"), ("Currency:", "USD"))
    for label, value in header:
        pdf.cell(40, 6, label)
        pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.cell(0, 6, f"Buyer: {buyer}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Supplier: Northwind Fasteners Ltd", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (30, 80, 20, 25, 30)
    for w, h in zip(widths, ("Item", "Description", "Qty", "Unit Price", "Amount")):
        pdf.cell(w, 7, h, border=1)
    pdf.ln()
    total = 0
    for sku, desc, qty, price in lines:
        amount = qty * float(price)
        total += amount
        for w, v in zip(widths, (sku, desc, str(qty), price, f"{amount:.2f}")):
            pdf.cell(w, 7, v, border=1)
        pdf.ln()
    pdf.ln(2)
    pdf.cell(155, 7, "Total", align="R")
    pdf.cell(30, 7, f"{total:.2f}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def many_pages(count: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(count):
        doc.new_page(612, 792)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def encrypted() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", canPrint=0)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "PURCHASE ORDER 123")
    c.save()
    return buf.getvalue()
