"""Line items and header fields on POs built unlike our generator's: other column orders and
wordings, a unit column, empty code cells, codes inside the description, written dates,
amounts with the currency after them. Each PDF is drawn here with absolute positions."""
from fpdf import FPDF

from extractors.pdf.read import read_pdf
from extractors.po.extract import extract_po
from extractors.po.rows import looks_like_code


class Sheet:
    """An A4 page drawn with points from the top-left; `right=True` right-aligns at x."""

    def __init__(self):
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_page()
        self.pdf.set_font("Helvetica", size=9)
        self.pdf.core_fonts_encoding = "windows-1252"  # the euro sign in a core font

    def text(self, x, y, s, right=False):
        if right:
            x -= self.pdf.get_string_width(s)
        self.pdf.text(x, y, s)

    def row(self, y, cells):
        for x, s, right in cells:
            if s:
                self.text(x, y, s, right)

    def read(self) -> dict:
        return extract_po(read_pdf(bytes(self.pdf.output()), max_pages=5)).to_result()


def letterhead(sheet: Sheet, po="PO-7781", date="2024-03-05", date_label="Order Date:"):
    sheet.text(50, 50, "Lumen Fit-Out Ltd")
    sheet.text(50, 62, "7 Canal Wharf, Leeds LS11 5PS")
    sheet.text(380, 50, "PO Number:")
    sheet.text(470, 50, po)
    sheet.text(380, 62, date_label)
    sheet.text(470, 62, date)


def items(result, *names):
    return [tuple(i.get(n) for n in names) for i in result["line_items"]]


def test_unit_column_and_an_empty_code_cell():
    # "Line" and "Cat. No." set close together; the first item has no catalogue number and
    # a description full of figures ("M20 x 1.5,") that must not become its SKU
    s = Sheet()
    letterhead(s)
    s.row(150, [(50, "Line", False), (75, "Cat. No.", False), (150, "Details", False), (380, "Order Qty", True),
                (390, "Unit", False), (470, "Unit Price", True), (550, "Line Total", True)])
    rows = [("1", "", "Cable gland M20 x 1.5, nylon, IP68, grey", "10", "PK", "5.53", "55.30"),
            ("2", "FW-M12", "Flat washer M12 DIN 125A", "30", "BX", "8.14", "244.20"),
            ("3", "SK-14-46", "Socket set 1/4\" drive, 1 m", "5", "EA", "33.58", "167.90")]
    y = 168
    for line, code, desc, qty, unit, price, amount in rows:
        s.row(y, [(50, line, False), (75, code, False), (150, desc, False), (380, qty, True),
                  (390, unit, False), (470, price, True), (550, amount, True)])
        y += 16
    result = s.read()
    assert items(result, "sku", "unit", "quantity", "amount") == [
        (None, "PK", "10", "55.30"), ("FW-M12", "BX", "30", "244.20"), ("SK-14-46", "EA", "5", "167.90")]
    # the description keeps its own words ("set", "m") and loses the unit column's
    assert [i["description"] for i in result["line_items"]] == [
        "Cable gland M20 x 1.5, nylon, IP68, grey", "Flat washer M12 DIN 125A", "Socket set 1/4\" drive, 1 m"]


def test_without_a_code_column_a_part_code_is_taken_from_the_description():
    s = Sheet()
    letterhead(s)
    s.row(150, [(50, "Description", False), (400, "Quantity", True), (480, "Each", True), (550, "Extended", True)])
    rows = [("HG-3310 Hinge soft close 35 mm", "24", "4.10", "98.40"),
            ("Cable gland M20 x 1.5, nylon", "10", "5.53", "55.30"),
            ("Connector 3-way, 0.2-4 mm2 KN-128-BLK", "50", "1.40", "70.00")]
    y = 168
    for desc, qty, price, amount in rows:
        s.row(y, [(50, desc, False), (400, qty, True), (480, price, True), (550, amount, True)])
        y += 16
    result = s.read()
    assert items(result, "sku", "quantity") == [("HG-3310", "24"), (None, "10"), ("KN-128-BLK", "50")]
    assert result["line_items"][0]["description"] == "Hinge soft close 35 mm"


def test_part_codes_are_told_from_dimensions_and_numbers():
    for code in ("HB-1240", "KN-128-BLK", "H07V-K", "6204ZZ", "AX4410"):
        assert looks_like_code(code), code
    for text in ("1.5,", "1.5", "M20", "200mm", "3-way", "0.2-4", "2024", "12x40", "IP68,"):
        assert not looks_like_code(text), text


def test_quantity_after_price_with_a_discount_column():
    s = Sheet()
    letterhead(s)
    s.row(150, [(50, "Description", False), (230, "Part No.", False), (360, "Price", True), (420, "Qty", True),
                (470, "Disc %", True), (550, "Net Amount", True)])
    rows = [("Bearing housing cast iron", "AX-4410", "14.50", "12", "10", "156.60"),
            ("Grease cartridge 400 g", "", "3.20", "40", "", "128.00")]
    y = 168
    for desc, code, price, qty, disc, amount in rows:
        s.row(y, [(50, desc, False), (230, code, False), (360, price, True), (420, qty, True),
                  (470, disc, True), (550, amount, True)])
        y += 16
    result = s.read()
    assert items(result, "sku", "quantity", "unit_price", "amount") == [
        ("AX-4410", "12", "14.50", "156.60"), (None, "40", "3.20", "128.00")]
    assert [i["description"] for i in result["line_items"]] == ["Bearing housing cast iron", "Grease cartridge 400 g"]


def test_written_dates_with_ordinals_and_a_short_required_date_label():
    s = Sheet()
    letterhead(s, date="5th March 2024", date_label="Issued:")
    s.text(380, 74, "Req. Date:")
    s.text(470, 74, "22nd of March 2024")
    s.row(150, [(50, "Item Code", False), (150, "Description", False), (380, "Qty", True), (470, "Unit Price", True),
                (550, "Amount", True)])
    s.row(168, [(50, "HB-1240", False), (150, "Hex bolt", False), (380, "4", True), (470, "2.00", True),
                (550, "8.00", True)])
    result = s.read()
    assert (result["order_date"], result["requested_delivery_date"]) == ("2024-03-05", "2024-03-22")


def test_euro_amounts_with_the_symbol_after_them_and_totals_in_a_box():
    s = Sheet()
    letterhead(s, date="14.02.2024")
    s.row(150, [(40, "Pos", False), (65, "Material", False), (140, "Description", False), (380, "Qty", True),
                (395, "UoM", False), (480, "Unit Price", True), (555, "Amount", True)])
    rows = [("10", "AX-4410", "Bearing housing", "12", "PC", "1.450,00 €", "17.400,00 €"),
            ("20", "KL-22-B", "Coupling jaw 28 mm", "5", "SET", "27,90 €", "139,50 €")]
    y = 168
    for pos, code, desc, qty, unit, price, amount in rows:
        s.row(y, [(40, pos, False), (65, code, False), (140, desc, False), (380, qty, True), (395, unit, False),
                  (480, price, True), (555, amount, True)])
        y += 16
    s.pdf.rect(380, 700, 180, 52)
    for k, (label, value) in enumerate((("Net value", "17.539,50 €"), ("VAT 19 %", "3.332,51 €"),
                                        ("Total", "20.872,01 €"))):
        s.row(715 + 14 * k, [(388, label, False), (553, value, True)])
    result = s.read()
    assert items(result, "sku", "unit", "quantity", "unit_price", "amount") == [
        ("AX-4410", "PC", "12", "1450.00", "17400.00"), ("KL-22-B", "SET", "5", "27.90", "139.50")]
    assert (result["subtotal"], result["tax"], result["total"], result["currency"]) == (
        "17539.50", "3332.51", "20872.01", "EUR")


def test_a_code_column_beside_an_item_column_that_holds_the_names():
    s = Sheet()
    letterhead(s)
    s.row(150, [(70, "Qty", True), (80, "Code", False), (150, "Item", False), (420, "Price/Unit", True),
                (550, "Line Value", True)])
    rows = [("200", "CB-4412", "Carton 400x300x200 double wall", "1.12", "224.00"),
            ("10", "", "Stretch wrap 500 mm x 300 m", "24.90", "249.00")]
    y = 168
    for qty, code, name, price, amount in rows:
        s.row(y, [(70, qty, True), (80, code, False), (150, name, False), (420, price, True), (550, amount, True)])
        y += 16
    result = s.read()
    assert items(result, "sku", "description", "quantity") == [
        ("CB-4412", "Carton 400x300x200 double wall", "200"), (None, "Stretch wrap 500 mm x 300 m", "10")]


def test_a_dollar_sign_means_the_dollar_the_document_names():
    s = Sheet()
    letterhead(s)
    s.row(150, [(50, "Item Code", False), (150, "Description", False), (380, "Qty", True), (470, "Unit Price", True),
                (550, "Amount", True)])
    s.row(168, [(50, "TP-48", False), (150, "Packing tape", False), (380, "10", True), (470, "2.35", True),
                (550, "23.50", True)])
    s.row(200, [(550, "TOTAL AUD", True)])  # the amount in a box under its label
    s.row(214, [(550, "$23.50", True)])
    result = s.read()
    assert (result["total"], result["currency"]) == ("23.50", "AUD")


def test_other_wordings_for_the_po_number_the_issue_date_and_the_amount_payable():
    s = Sheet()
    s.text(50, 50, "Aldgate Print Services Ltd")
    for k, (label, value) in enumerate((("PO Ref:", "APS/PO/88213"), ("Vendor No.:", "400213"),
                                        ("Date of issue:", "7 May 2024"), ("Delivery date:", "ASAP"))):
        s.row(70 + 13 * k, [(350, label, False), (440, value, False)])
    s.row(150, [(50, "Stock Code", False), (130, "Description", False), (390, "Hours/Qty", True), (470, "Rate", True),
                (550, "Net", True)])
    s.row(168, [(50, "SVC-INSTALL", False), (130, "Installation labour", False), (390, "2.5", True),
                (470, "45.00", True), (550, "112.50", True)])
    s.row(200, [(380, "Amount payable", False), (550, "112.50", True)])
    result = s.read()
    # the vendor number is not the PO number, and "ASAP" is no date
    assert (result["po_number"], result["order_date"], result["requested_delivery_date"], result["total"]) == (
        "APS/PO/88213", "2024-05-07", None, "112.50")
    assert items(result, "sku", "quantity", "amount") == [("SVC-INSTALL", "2.5", "112.50")]


def test_erp_lines_with_the_description_under_the_code_and_a_date_per_line():
    s = Sheet()
    letterhead(s)
    s.row(150, [(40, "LN", False), (60, "ITEM NUMBER / DESCRIPTION", False), (300, "NEED DATE", False),
                (390, "QTY", True), (400, "UM", False), (480, "UNIT PRICE", True), (560, "EXT PRICE", True)])
    rows = [("1", "PL-0250-A36", "PLATE 1/4\" A36 48 X 96", "8.00", "EA", "212.4000", "1,699.20"),
            ("2", "WELD-ER70S6-035", "MIG WIRE ER70S-6 .035 33 LB SPOOL", "6.00", "SP", "96.0000", "576.00")]
    y = 168
    for line, code, desc, qty, unit, price, amount in rows:
        s.row(y, [(40, line, False), (60, code, False), (300, "11/18/2024", False), (390, qty, True),
                  (400, unit, False), (480, price, True), (560, amount, True)])
        s.text(60, y + 9, desc)
        y += 26
    result = s.read()
    assert items(result, "sku", "description", "quantity", "unit", "unit_price") == [
        ("PL-0250-A36", "PLATE 1/4\" A36 48 X 96", "8", "EA", "212.40"),
        ("WELD-ER70S6-035", "MIG WIRE ER70S-6 .035 33 LB SPOOL", "6", "SP", "96.00")]


def test_code_and_description_in_one_column():
    s = Sheet()
    letterhead(s)
    s.row(150, [(50, "Item Number / Description", False), (390, "Qty", True), (480, "Unit Price", True),
                (560, "Amount", True)])
    s.row(168, [(50, "PL-0250 Plate 1/4\" steel", False), (390, "8", True), (480, "212.40", True),
                (560, "1,699.20", True)])
    result = s.read()
    assert items(result, "sku", "description") == [("PL-0250", "Plate 1/4\" steel")]


def test_an_item_column_with_code_and_name_and_no_description_column():
    s = Sheet()
    letterhead(s)
    s.row(150, [(50, "Item", False), (390, "Qty", True), (480, "Price", True), (560, "Amount", True)])
    s.row(168, [(50, "HB-1240 Hex bolt M12", False), (390, "40", True), (480, "0.85", True), (560, "34.00", True)])
    s.row(184, [(50, "Grease cartridge", False), (390, "2", True), (480, "3.20", True), (560, "6.40", True)])
    result = s.read()
    assert items(result, "sku", "description") == [("HB-1240", "Hex bolt M12"), (None, "Grease cartridge")]


def test_quantity_first_with_its_label_set_close_to_the_description_label():
    # "Qty Ordered" ends 8 pt before "Details": two labels, so the description keeps its figures
    s = Sheet()
    letterhead(s)
    s.row(150, [(90, "Qty Ordered", True), (98, "Details", False), (276, "Item #", False), (424, "Each", True),
                (502, "Value", True)])
    s.row(168, [(90, "2", True), (98, "Insulated ferrules 2.5 mm2", False), (276, "FER-25", False),
                (424, "51.91", True), (502, "103.82", True)])
    result = s.read()
    assert items(result, "sku", "description", "quantity", "unit_price") == [
        ("FER-25", "Insulated ferrules 2.5 mm2", "2", "51.91")]
