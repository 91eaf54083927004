"""Label/value pairing on the word-and-box model (email text pages share it with PDFs)."""
import pytest

from extractors.po.extract import extract_po
from extractors.textpages import text_to_pages


def extract(text: str):
    return extract_po(text_to_pages(text))


@pytest.mark.parametrize("label", [
    "PO #:", "P.O. Number:", "PO No.", "Purchase Order No:", "Order No.:", "Bestellnummer:",
    "Auftragsnummer:", "Purchase Order Number",
])
def test_po_number_right_of_its_label_in_many_wordings(label):
    ex = extract(f"ACME Industrial Supply Inc.\n\n{label}   4500012345\nDate: 2024-03-05\n")
    assert ex.value("po_number") == "4500012345"
    assert ex.fields["po_number"].rule.startswith("label_")


def test_values_under_a_row_of_column_labels():
    text = ("ACME Industrial Supply Inc.\n\n"
            "PO Number      Order Date     Delivery Date   Currency\n"
            "PO-88123       03/15/2024     04/01/2024      USD\n")
    ex = extract(text)
    assert ex.value("po_number") == "PO-88123"
    assert ex.value("order_date") == "2024-03-15"
    assert ex.value("requested_delivery_date") == "2024-04-01"
    assert ex.value("currency") == "USD"


def test_day_month_order_follows_the_documents_other_dates():
    text = ("Order Date: 04/03/2024\nDelivery Date: 25/03/2024\n")
    ex = extract(text)
    assert ex.value("order_date") == "2024-03-04"
    assert ex.value("requested_delivery_date") == "2024-03-25"


def test_european_amounts_make_ambiguous_dates_day_first():
    text = "Bestellnummer: 123456\nDatum: 02/05/2025\nNetto:   1.234,56 EUR\nGesamt:   1.469,13 EUR\n"
    ex = extract(text)
    assert ex.value("order_date") == "2025-05-02"
    assert ex.value("subtotal") == "1234.56"
    assert ex.value("total") == "1469.13"
    assert ex.value("currency") == "EUR"


def test_a_field_the_document_lacks_stays_none():
    ex = extract("PO Number: 4711\nOrder Date: 2024-03-05\n")
    for name in ("supplier", "ship_to", "tax", "total", "requested_delivery_date", "currency"):
        assert ex.value(name) is None


def test_vendor_and_ship_to_blocks_side_by_side():
    text = ("Westfield Tools Inc.\n\n"
            "Vendor:                          Ship To:\n"
            "Northwind Fasteners Ltd          Westfield Tools Inc. - Dock 4\n"
            "Unit 4, Tame Valley              1200 Commerce St\n"
            "Tamworth B77 5BY                 Dallas, TX 75201\n"
            "\n"
            "PO Number: 77120\n")
    ex = extract(text)
    assert ex.value("supplier") == "Northwind Fasteners Ltd"
    assert ex.value("ship_to") == "Westfield Tools Inc. - Dock 4, 1200 Commerce St, Dallas, TX 75201"
    assert ex.value("buyer") == "Westfield Tools Inc."


def test_vendor_number_is_not_taken_for_the_po_number():
    ex = extract("Vendor Number: 10-CHEP001\nP.O. Number: RS 0012697\n")
    assert ex.value("po_number") == "RS 0012697"


def test_tax_rate_is_not_the_tax_amount():
    text = "Subtotal        614,16 €\nMwSt. 19 %      116,69 €\nGesamtbetrag    730,85 €\n"
    ex = extract(text)
    assert ex.value("tax") == "116.69"
    assert ex.checks.get("totals_add_up") is True


def test_ocr_misread_labels_still_pair_with_their_blocks():
    from dataclasses import replace

    text = ("Harbor Point Electric Co.\n\n"
            "1 Vendo                     Deliver Td\n"
            "Northwind Fasteners Ltd     Harbor Point Electric - Warehouse\n"
            "Unit 4, Tame Valley         20 Terminal St\n"
            "Tamworth B77 5BY            Charlestown, MA 02129\n")
    pages = text_to_pages(text)
    pages[0].words = [replace(w, source="ocr", conf=0.8) for w in pages[0].words]
    ex = extract_po(pages)
    assert ex.value("supplier") == "Northwind Fasteners Ltd"
    assert ex.value("ship_to") == "Harbor Point Electric - Warehouse, 20 Terminal St, Charlestown, MA 02129"


def test_misspelt_labels_in_a_text_layer_are_not_guessed():
    ex = extract("Vendo                       Deliver Td\nNorthwind Fasteners Ltd     Harbor Point Electric\n")
    assert ex.value("ship_to") is None


def test_ambiguous_dates_in_a_pound_sterling_po_are_day_first():
    ex = extract("Purchase Order No.: BW-1\nDate: 05/03/2024\nTotal Due:   £953.10\n")
    assert ex.value("order_date") == "2024-03-05"


def test_ambiguous_dates_in_a_dollar_po_are_month_first():
    ex = extract("Purchase Order No.: AC-1\nDate: 05/03/2024\nTotal:   $953.10\n")
    assert ex.value("order_date") == "2024-05-03"


def test_a_plain_text_po_with_blocks_table_and_totals():
    text = (
        "GLOBEX MANUFACTURING CORP.\n"
        "4400 Industrial Pkwy, Cleveland, OH 44135\n\n"
        "                                              Purchase Order #: 7781-22\n"
        "                                              Dated: March 5th, 2024\n"
        "                                              Need By: 03/28/2024\n\n"
        "Supplier                                  Ship-To Address\n"
        "Acme Bearings Inc.                        Globex Manufacturing - Plant 3\n"
        "77 Roller Way                             1200 Factory Rd\n"
        "Dayton, OH 45402                          Toledo, OH 43604\n\n"
        "Item No.    Description                     Qty   UOM   Unit Price    Ext. Price\n"
        "AB-6204     Deep groove ball bearing 6204   200   EA        2.15        430.00\n"
        "            2RS sealed\n"
        "AB-6305     Deep groove ball bearing 6305    50   EA        4.80        240.00\n\n"
        "                                                   Merchandise Total    670.00\n"
        "                                                   Freight               25.00\n"
        "                                                   Sales Tax (8%)        53.60\n"
        "                                                   Grand Total:   USD   748.60\n")
    r = extract(text).to_result()
    assert (r["po_number"], r["order_date"], r["requested_delivery_date"]) == ("7781-22", "2024-03-05", "2024-03-28")
    assert (r["buyer"], r["supplier"]) == ("GLOBEX MANUFACTURING CORP.", "Acme Bearings Inc.")
    assert r["ship_to"] == "Globex Manufacturing - Plant 3, 1200 Factory Rd, Toledo, OH 43604"
    assert (r["subtotal"], r["shipping"], r["tax"], r["total"], r["currency"]) == (
        "670.00", "25.00", "53.60", "748.60", "USD")
    assert [(i["sku"], i["description"], i["quantity"]) for i in r["line_items"]] == [
        ("AB-6204", "Deep groove ball bearing 6204 2RS sealed", "200"),
        ("AB-6305", "Deep groove ball bearing 6305", "50")]
    assert r["checks"] == {"line_amounts": True, "lines_sum_subtotal": True, "totals_add_up": True}


def test_a_misread_line_amount_is_repaired_when_the_subtotal_confirms_it():
    text = ("PO Number: 4711\n\n"
            "Item     Description        Qty    Unit Price     Amount\n"
            "A-100    Cable gland M20     10          2.50      26.00\n"
            "A-200    Lock nut M20        10          0.40       4.00\n\n"
            "                                   Subtotal       29.00\n")
    ex = extract(text)
    assert [i.amount.normalized for i in ex.line_items] == ["25.00", "4.00"]
    assert ex.line_items[0].amount.rule == "repaired:quantity_x_price"
    assert ex.checks["line_amounts"] is True and ex.checks["lines_sum_subtotal"] is True


def test_a_form_section_with_labelled_company_and_address_lines():
    text = ("Hero Limited\n\n"
            "Shipped To\n"
            "Vendor Name: Balozi Khamisi\n"
            "Company Name: Higgly Wiggly Books\n"
            "Address: 938 NE Burner Road\n"
            "      Boulder City, CO 92848       Phone: 938-294-2949\n\n"
            "Shipped From\n"
            "Name: Kidane Tsehaye\n"
            "Company Name: Jupiter Book Supply\n")
    ex = extract(text)
    assert ex.value("supplier") == "Higgly Wiggly Books"
    assert ex.value("ship_to") == "Higgly Wiggly Books, 938 NE Burner Road, Boulder City, CO 92848"
    assert ex.value("buyer") == "Hero Limited"
