"""What the browser tests of the desk share: a PO whose number sits under an odd label (so the
machine misses it) and whose first line is a customer part, a document of it waiting for review,
waiting for page images, the screenshot folder, and the page-width check."""
from __future__ import annotations

import io

from app.catalog.service import import_csv
from app.intake import service
from app.intake.models import Document
from tests.helpers import ARTIFACTS, SAMPLES

SCREENS = ARTIFACTS / "screenshots"  # every page the browser tests open, for a person to look at (gitignored)
MASTER = SAMPLES / "master"
LINES = (("AC-778", "Bolt to customer spec 778", 40, "6.20"),
         ("HB-0640", "Hex bolt M6 x 40 mm, grade 8.8, zinc plated", 10, "6.20"))
HEADER = (("Job ticket:", "JT-5521"), ("Order Date:", "2024-03-05"), ("Delivery Date:", "2024-03-20"),
          ("Currency:", "USD"))
PHONE = {"width": 390, "height": 844}


def job_ticket_po(lines=LINES, header=HEADER, buyer: str = "Acme Industrial Supply Inc.") -> bytes:
    """A Letter-size PO (reportlab) whose PO number sits under 'Job ticket:' and whose first line is a customer part."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, 740, "PURCHASE ORDER")
    c.setFont("Helvetica", 10)
    y = 712
    for label, value in header + (("Buyer:", buyer), ("Supplier:", "Northwind Fasteners Ltd")):
        c.drawString(40, y, label)
        c.drawString(150, y, value)
        y -= 16
    cols = (40, 120, 380, 430, 500)
    y -= 14
    for x, head in zip(cols, ("Item", "Description", "Qty", "Unit Price", "Amount")):
        c.drawString(x, y, head)
    total = 0.0
    for sku, desc, qty, price in lines:
        y -= 18
        amount = qty * float(price)
        total += amount
        for x, v in zip(cols, (sku, desc, str(qty), price, f"{amount:.2f}")):
            c.drawString(x, y, v)
    c.drawString(430, y - 26, "Total")
    c.drawString(500, y - 26, f"{total:.2f}")
    c.save()
    return buf.getvalue()


def load_catalogue(session) -> None:
    for kind in ("customers", "products", "prices", "xref"):
        import_csv(session, kind, (MASTER / f"{kind}.csv").read_text())
    session.commit()


def received(session, settings, data: bytes, name: str, channel: str = "upload", sender: str | None = None) -> Document:
    """A document stored and read by the real pipeline (in this process)."""
    doc = service.ingest_bytes(session, settings, data, filename=name, channel=channel, sender=sender).document
    session.commit()
    service.process_document(settings, doc.id)
    session.expire_all()
    return session.get(Document, doc.id)


def wait_for_images(page) -> None:
    """Until every page image has loaded. (Not wait_for_function: its polling evaluates strings,
    which the pages' Content-Security-Policy forbids, as it should.)"""
    page.evaluate("""Promise.all(Array.from(document.querySelectorAll('#pages img')).map(i => i.complete ? null :
        new Promise(done => {
            i.addEventListener('load', done, {once: true}); i.addEventListener('error', done); })))""")


def shot(page, name: str, full_page: bool = True) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=full_page)


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: no horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
