"""Line-item tables in small generated PDFs: ruled and unruled, wrapped descriptions,
a table running over two pages with its header repeated, a German PO with 1.234,56."""
from fpdf import FPDF

from extractors.pdf.read import read_pdf
from extractors.po.extract import extract_po

COLS = {"sku": 50, "description": 130, "quantity": 380, "unit_price": 460, "amount": 550}
RIGHT = {"quantity", "unit_price", "amount"}


class Doc:
    """A PDF drawn with absolute positions (points from the top-left)."""

    def __init__(self):
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_font("Helvetica", size=9)

    def page(self):
        self.pdf.add_page()

    def text(self, x, y, s, right=False):
        if right:
            x -= self.pdf.get_string_width(s)
        self.pdf.text(x, y, s)

    def rule(self, y):
        self.pdf.line(45, y, 560, y)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def header_block(doc: Doc, po="PO-5501", date="2024-03-05"):
    doc.text(50, 50, "Westfield Tools Inc.")
    doc.text(50, 62, "1200 Commerce St, Dallas, TX 75201")
    doc.text(380, 50, "PO Number:")
    doc.text(460, 50, po)
    doc.text(380, 62, "Order Date:")
    doc.text(460, 62, date)


def table_header(doc: Doc, y, labels=("Item Code", "Description", "Qty", "Unit Price", "Amount")):
    for (name, x), label in zip(COLS.items(), labels):
        doc.text(x, y, label, right=name in RIGHT)


def row(doc: Doc, y, values: dict):
    for name, value in values.items():
        doc.text(COLS[name], y, value, right=name in RIGHT)


def read(data: bytes):
    return extract_po(read_pdf(data, max_pages=20)).to_result()


ITEMS = [
    {"sku": "HB-1240", "description": "Hex bolt M12x40 zinc", "quantity": "40", "unit_price": "0.85",
     "amount": "34.00"},
    {"sku": "WA-0120", "description": "Washer M12 DIN 125", "quantity": "100", "unit_price": "0.05", "amount": "5.00"},
    {"sku": "NU-0012", "description": "Hex nut M12 grade 8", "quantity": "40", "unit_price": "0.12", "amount": "4.80"},
]


def simple_table(ruled: bool) -> bytes:
    doc = Doc()
    doc.page()
    header_block(doc)
    table_header(doc, 150)
    if ruled:
        doc.rule(140)
        doc.rule(155)
    y = 175
    for item in ITEMS:
        row(doc, y, item)
        if ruled:
            doc.rule(y + 6)
        y += 20
    doc.text(380, y + 20, "Subtotal")
    doc.text(550, y + 20, "43.80", right=True)
    doc.text(380, y + 34, "Sales Tax")
    doc.text(550, y + 34, "3.50", right=True)
    doc.text(380, y + 48, "Total")
    doc.text(550, y + 48, "47.30", right=True)
    return doc.bytes()


def strip(items):
    return [{k: v for k, v in i.items() if k in COLS} for i in items]


def test_unruled_table_gives_every_line_and_no_totals_rows():
    result = read(simple_table(ruled=False))
    assert strip(result["line_items"]) == ITEMS
    assert (result["subtotal"], result["tax"], result["total"]) == ("43.80", "3.50", "47.30")
    assert result["checks"] == {"line_amounts": True, "lines_sum_subtotal": True, "totals_add_up": True}


def test_ruled_table_reads_the_same():
    assert strip(read(simple_table(ruled=True))["line_items"]) == ITEMS


def test_wrapped_description_lines_join_their_item():
    doc = Doc()
    doc.page()
    header_block(doc)
    table_header(doc, 150)
    row(doc, 175, {"sku": "SB-S3-44", "description": "Safety boots S3 SRC, composite",
                   "quantity": "2", "unit_price": "42.66", "amount": "85.32"})
    doc.text(130, 186, "toe cap, size 44")
    row(doc, 205, {"sku": "HB-1020", "description": "Hex bolt M10 x 20 mm",
                   "quantity": "10", "unit_price": "4.50", "amount": "45.00"})
    doc.text(380, 240, "Total")
    doc.text(550, 240, "130.32", right=True)
    items = read(doc.bytes())["line_items"]
    assert len(items) == 2
    assert items[0]["description"] == "Safety boots S3 SRC, composite toe cap, size 44"
    assert items[1]["sku"] == "HB-1020"


def test_a_table_over_two_pages_with_its_header_repeated():
    doc = Doc()
    doc.page()
    header_block(doc)
    table_header(doc, 150)
    expected = []
    y = 175
    for n in range(30):
        item = {"sku": f"PN-{1000 + n}", "description": f"Cable tie pack {n}", "quantity": str(n + 1),
                "unit_price": "2.00", "amount": f"{2 * (n + 1)}.00"}
        expected.append(item)
        if y > 760:
            doc.text(50, 810, "Page 1 of 2")
            doc.page()
            doc.text(50, 40, "Purchase Order PO-5501 (continued)")
            table_header(doc, 70)
            y = 95
        row(doc, y, item)
        y += 20
    total = sum(2 * (n + 1) for n in range(30))
    doc.text(380, y + 20, "Total")
    doc.text(550, y + 20, f"{total:,}.00", right=True)
    result = read(doc.bytes())
    assert strip(result["line_items"]) == expected
    assert result["total"] == f"{total}.00"
    assert result["po_number"] == "PO-5501"


def test_a_german_po_with_decimal_commas():
    doc = Doc()
    doc.page()
    doc.text(50, 50, "Bauer Maschinenbau GmbH")
    doc.text(50, 62, "Industriestraße 12, 70565 Stuttgart")
    doc.text(380, 50, "Bestellnummer:")
    doc.text(460, 50, "BE-2024-1")
    doc.text(380, 62, "Datum:")
    doc.text(460, 62, "08.12.2024")
    table_header(doc, 150, ("Artikelnr.", "Bezeichnung", "Menge", "Einzelpreis", "Gesamtpreis"))
    row(doc, 175, {"sku": "91-2379-12", "description": "Einzelader H07V-K 6,0 mm2",
                   "quantity": "2", "unit_price": "1.091,08", "amount": "2.182,16"})
    row(doc, 195, {"sku": "54-2204-06", "description": "Leitungsschutzschalter C10",
                   "quantity": "100", "unit_price": "4,32", "amount": "432,00"})
    doc.text(380, 230, "Zwischensumme")
    doc.text(550, 230, "2.614,16 EUR", right=True)
    doc.text(380, 244, "MwSt. 19 %")
    doc.text(550, 244, "496,69 EUR", right=True)
    doc.text(380, 258, "Gesamtbetrag")
    doc.text(550, 258, "3.110,85 EUR", right=True)
    result = read(doc.bytes())
    assert [(i["sku"], i["quantity"], i["unit_price"], i["amount"]) for i in result["line_items"]] == [
        ("91-2379-12", "2", "1091.08", "2182.16"), ("54-2204-06", "100", "4.32", "432.00")]
    assert (result["order_date"], result["currency"]) == ("2024-12-08", "EUR")
    assert (result["subtotal"], result["tax"], result["total"]) == ("2614.16", "496.69", "3110.85")


def test_a_misprinted_column_is_repaired_from_quantity_times_price():
    doc = Doc()
    doc.page()
    header_block(doc)
    # columns in an unusual order: the price column header says only "Each"
    table_header(doc, 150, ("Code", "Description", "Ordered", "Each", "Line Total"))
    row(doc, 175, {"sku": "NP-1", "description": "Pallet heat treated", "quantity": "500",
                   "unit_price": "7.7842", "amount": "3,892.10"})
    result = read(doc.bytes())
    item = result["line_items"][0]
    assert (item["quantity"], item["unit_price"], item["amount"]) == ("500", "7.7842", "3892.10")
    assert result["checks"]["line_amounts"] is True


def test_rows_are_found_by_arithmetic_when_the_header_is_unreadable():
    doc = Doc()
    doc.page()
    header_block(doc)
    table_header(doc, 150, ("Ref", "Goods", "Nb", "Each", "Sum"))  # no known column words
    y = 175
    for item in ITEMS:
        row(doc, y, item)
        y += 20
    doc.text(50, y + 40, "Thank you for your business, call 555 0100 ext 12")
    result = read(doc.bytes())
    assert strip(result["line_items"]) == ITEMS


def test_amounts_with_a_space_as_thousands_separator():
    doc = Doc()
    doc.page()
    header_block(doc)
    table_header(doc, 150, ("Réf.", "Désignation", "Qté", "Prix unitaire", "Montant"))
    row(doc, 175, {"sku": "TX-100", "description": "Armoire électrique", "quantity": "2",
                   "unit_price": "1 234,50", "amount": "2 469,00"})
    doc.text(380, 210, "Total TTC")
    doc.text(550, 210, "2 962,80", right=True)
    result = read(doc.bytes())
    item = result["line_items"][0]
    assert (item["quantity"], item["unit_price"], item["amount"]) == ("2", "1234.50", "2469.00")
    assert result["total"] == "2962.80"
