"""Orders as customers write them in email bodies, in English, German, French and Spanish (issue
#12): lists, tables, number words, units and pack sizes, sizes that are not quantities, PO numbers,
dates against the email's own date, the one ship-to, forwards, quotes taken up and reorders.
Every example here was written for this file."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.email.body.extract import extract_from_text
from extractors.email.extract import extract_body
from extractors.email.message.html import html_to_text

THURSDAY = date(2026, 11, 12)  # the Date header of the customer's email
MONDAY = date(2026, 11, 30)


def read(text: str, received: date = THURSDAY) -> list[tuple]:
    """(sku, description, quantity, unit) of every line read."""
    out = []
    for li in extract_from_text(text, received=received).to_result()["line_items"]:
        out.append((li.get("sku"), li.get("description"), li.get("quantity"), li.get("unit")))
    return out


@pytest.mark.parametrize("text, expected", [
    pytest.param("Hereby our order:\n\n1. KL-2204 - cable gland M20 - 8 boxes\n2. KL-2206 - cable gland M25 - 5 boxes\n"
                 "3. KL-2210 - lock nut M25 - 12 boxes\n",
                 [("KL-2204", "cable gland M20", "8", "box"), ("KL-2206", "cable gland M25", "5", "box"),
                  ("KL-2210", "lock nut M25", "12", "box")], id="en-numbered-list-numbers-are-line-numbers"),
    pytest.param("Can you send\n\n6 - LED work light\n3 - extension lead 10m\n",
                 [(None, "LED work light", "6", None), (None, "extension lead 10m", "3", None)],
                 id="en-dashed-quantity-first"),
    pytest.param("Please add 1,000 black cable ties 200mm to the order.\n\n- 1,000 black cable ties 200mm\n",
                 [(None, "black cable ties 200mm", "1000", None)], id="en-thousands-separator-in-a-list"),
    pytest.param("Item 1: M12 x 80 hex bolts, zinc plated - 14 boxes\nItem 2: M12 washers - 3 boxes\n",
                 [(None, "M12 x 80 hex bolts, zinc plated", "14", "box"), (None, "M12 washers", "3", "box")],
                 id="en-item-n-colon"),
    pytest.param("Pos. 10   44-1020-01   Sechskantmutter M12 verzinkt    zwanzig Kartons\n"
                 "Pos. 20   44-1020-07   Scheibe M12                      8 Kartons\n",
                 [("44-1020-01", "Sechskantmutter M12 verzinkt", "20", "box"),
                  ("44-1020-07", "Scheibe M12", "8", "box")], id="de-pos-rows-number-words"),
    pytest.param("Wir bestellen:\n* zwölf Rollen Isolierband schwarz\n* 3 Pakete Kabelbinder 300 mm\n",
                 [(None, "Isolierband schwarz", "12", "roll"), (None, "Kabelbinder 300 mm", "3", "pack")],
                 id="de-bullets-with-units"),
    pytest.param("- 4 boîtes de 100 vis à tête fraisée 5 x 40\n- une douzaine de gants de manutention\n",
                 [(None, "vis à tête fraisée 5 x 40", "4", "box of 100"), (None, "gants de manutention", "12", None)],
                 id="fr-boxes-of-100-and-a-dozen"),
    pytest.param("  - 3 cajas de tornillos M6x30 cincados\n  - media docena de discos de corte 125 mm\n",
                 [(None, "tornillos M6x30 cincados", "3", "box"), (None, "discos de corte 125 mm", "6", None)],
                 id="es-boxes-and-half-a-dozen"),
    pytest.param("1)  EP-4410   Bouchons d'oreilles (boîte de 200)   5 boîtes\n"
                 "2)  EP-4412   Casque anti-bruit 30 dB              6 pièces\n",
                 [("EP-4410", "Bouchons d'oreilles (boîte de 200)", "5", "box"),
                  ("EP-4412", "Casque anti-bruit 30 dB", "6", "pcs")], id="fr-serial-numbers-and-sizes"),
    pytest.param("HPX-3001 safety glasses x 24 @ $4.10\nHPX-3009 ear plugs x 10 @ 18.00\n",
                 [("HPX-3001", "safety glasses", "24", None), ("HPX-3009", "ear plugs", "10", None)],
                 id="en-x-qty-at-price"),
    pytest.param("2 x torque wrench 20-100Nm (3/8\" drive)\n1 x 1/4in socket set, the 46 piece one\n",
                 [(None, 'torque wrench 20-100Nm (3/8" drive)', "2", None),
                  (None, "1/4in socket set, the 46 piece one", "1", None)], id="en-n-x-with-sizes"),
    pytest.param("- 5 x 50 pcs cable lugs 16 mm²\n",
                 [(None, "cable lugs 16 mm²", "5", "pack of 50")], id="en-packs-of-fifty"),
    pytest.param("Material        Description           Old Qty   New Qty   UOM\n"
                 "AC-77120        HEX NUT M16           10        25        BX\n",
                 [("AC-77120", "HEX NUT M16", "25", "box")], id="en-change-table-new-quantity"),
    pytest.param("Pos. 3 Trennscheiben 125 mm (77-1002-11): Menge von 10 auf 4 Pakete reduzieren\n"
                 "Pos. 4 Fächerscheiben 125 mm K60: ersatzlos streichen\n",
                 [("77-1002-11", "Trennscheiben 125 mm", "4", "pack"), (None, "Fächerscheiben 125 mm K60", "0", None)],
                 id="de-reduce-and-delete"),
    pytest.param("1. Las arandelas planas M12: aumentar de 4 a 7 cajas.\n2. Adelantar la entrega.\n",
                 [(None, "arandelas planas M12", "7", "box")], id="es-change-list-from-to"),
    pytest.param("can i get 4 boxs of m10 nuts and 2 box of\nwashers m10 to suit. thanks",
                 [(None, "m10 nuts", "4", "box"), (None, "washers m10", "2", "box")], id="en-typo-unit-wrapped"),
    pytest.param("Bitte liefern Sie uns zwölf Kartons Schrauben M8 und drei Rollen Klebeband.",
                 [(None, "Schrauben M8", "12", "box"), (None, "Klebeband", "3", "roll")],
                 id="de-sentence-number-words"),
    pytest.param("Merci de nous envoyer deux douzaines de paires de gants taille 9.",
                 [(None, "gants taille 9", "24", "pair")], id="fr-sentence-two-dozen-pairs"),
    pytest.param("Necesitamos dos cajas de tuercas M8 y 10 cajas de arandelas M8 para el viernes.",
                 [(None, "tuercas M8", "2", "box"), (None, "arandelas M8", "10", "box")], id="es-sentence"),
])
def test_order_lines_as_written(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("Our yard is at 2210 Industrial Pkwy, Reno NV 89502.\n", id="street-and-zip"),
    pytest.param("Vendor #: 100482\nTerms: Net 30\n", id="field-values"),
    pytest.param("Tom Walsh | 617-555-0142 x 214\n", id="phone-extension"),
    pytest.param("Zero termico: 2600 » 3400 m;\nVenti: 3000 m da forti da NW.\n", id="weather-report"),
    pytest.param("Sitz der Gesellschaft: Köln, Registergericht Köln HRB 445566\n", id="register-number"),
    pytest.param("We got 10 boxes of the wrong length and want to send them back.\n", id="prose-about-a-return"),
    pytest.param("Dimensions: 10 x 120 mm, 400ML can, M10x50 bolt\n", id="sizes"),
])
def test_numbers_that_are_not_order_lines(text):
    assert read(text) == []


def test_two_readings_of_a_quantity_are_kept_for_a_clerk():
    ex = extract_from_text("- 12 boxes of M8 nuts, 20 boxes\n", received=THURSDAY)
    (item,) = ex.line_items
    assert item.quantity.confidence < 0.5
    assert any(w.startswith("ambiguous_quantity") for w in ex.warnings)


def test_a_clear_quantity_is_read_with_confidence():
    (item,) = extract_from_text("- 8 boxes of M8 nuts\n", received=THURSDAY).line_items
    assert item.quantity.confidence >= 0.7


def test_an_outlook_table_of_paragraph_cells_is_read_by_its_header():
    html = ("<p>Veuillez trouver notre commande.</p><table><tr><td><p><b>Réf.</b></p></td><td><p><b>Article</b></p>"
            "</td><td><p><b>Quantité</b></p></td></tr><tr><td><p>GL-NIT-9</p></td><td><p>Gants nitrile, taille 9</p>"
            "</td><td><p>deux douzaines de paires</p></td></tr><tr><td><p>SG-CLR</p></td><td><p>Lunettes verre clair"
            "</p></td><td><p>10</p></td></tr></table>")
    assert read(html_to_text(html)) == [("GL-NIT-9", "Gants nitrile, taille 9", "24", "pair"),
                                        ("SG-CLR", "Lunettes verre clair", "10", None)]


@pytest.mark.parametrize("text, po", [
    pytest.param("Numéro de commande : MR-PO-61200", "MR-PO-61200", id="fr-numero-de-commande"),
    pytest.param("Commande n° 2026-1187. Merci.", "2026-1187", id="fr-commande-n"),
    pytest.param("Notre référence : DUP-7781.", "DUP-7781", id="fr-notre-reference"),
    pytest.param("Orden de compra: 4500197", "4500197", id="es-orden-de-compra"),
    pytest.param("Nueva OC 4500196411. Es igual que la anterior.", "4500196411", id="es-oc"),
    pytest.param("bitte liefern Sie gemäß Bestellung 26-05120:", "26-05120", id="de-bestellung"),
    pytest.param("Bestell-Nr.: 11-26-052", "11-26-052", id="de-bestell-nr"),
    pytest.param("Hereby our order VDT-261044:", "VDT-261044", id="en-our-order"),
    pytest.param("Please cancel whatever is still open on NSF-PO-118555.", "NSF-PO-118555", id="po-shaped"),
    pytest.param("Please reference SO-10442 and invoice INV-26-05511.", None, id="our-own-numbers-are-not-pos"),
])
def test_po_number_in_four_languages(text, po):
    assert extract_from_text(text, received=THURSDAY).value("po_number") == po


@pytest.mark.parametrize("text, received, expected", [
    pytest.param("Needed Tues 8th December for the shutdown.", MONDAY, "2026-12-08", id="en-weekday-day-month"),
    pytest.param("Required by: Friday 11/20", THURSDAY, "2026-11-20", id="en-weekday-checks-month-first"),
    pytest.param("Fecha de entrega: viernes 11 de diciembre", THURSDAY, "2026-12-11", id="es-viernes-11-de-diciembre"),
    pytest.param("La necesitamos a más tardar el viernes 27.", THURSDAY, "2026-11-27", id="es-weekday-and-day"),
    pytest.param("Livraison souhaitée le : 16/12/2026", THURSDAY, "2026-12-16", id="fr-livraison-souhaitee"),
    pytest.param("Date de livraison souhaitée : mardi 1er décembre.", THURSDAY, "2026-12-01", id="fr-1er-decembre"),
    pytest.param("Lieferung bitte bis spätestens Freitag, 27. November.", THURSDAY, "2026-11-27", id="de-spaetestens"),
    pytest.param("Liefertermin: bis Ende KW 50 (11.12.2026)", THURSDAY, "2026-12-11", id="de-liefertermin-label"),
    pytest.param("Delivery date moves from Dec 16 to Friday Dec 18.", THURSDAY, "2026-12-18", id="en-from-to"),
    pytest.param("Can these be with us by the 4th?", THURSDAY, "2026-12-04", id="en-by-the-4th"),
    pytest.param("The last lot shipped today, thanks.", date(2026, 12, 2), None, id="en-shipped-today-is-no-request"),
    pytest.param("We paid that on 10/28.", THURSDAY, None, id="en-past-date"),
    pytest.param("Please deliver not before 16 November.", THURSDAY, None, id="en-not-before-is-a-hold"),
    pytest.param("we're stocked until the end of the month", THURSDAY, None, id="en-until-is-no-request"),
])
def test_requested_date_against_the_emails_own_date(text, received, expected):
    assert extract_from_text(text, received=received).value("requested_delivery_date") == expected


@pytest.mark.parametrize("text, hold", [
    pytest.param("Please deliver not before 16 November, we are closed.", "2026-11-16", id="en-not-before"),
    pytest.param("Bitte auf keinen Fall vor dem 27.11. anliefern.", "2026-11-27", id="de-nicht-vor"),
    pytest.param("No enviar antes del 3 de diciembre.", "2026-12-03", id="es-no-antes"),
])
def test_not_before_is_read_as_hold_until(text, hold):
    assert extract_from_text(text, received=THURSDAY).value("hold_until") == hold


@pytest.mark.parametrize("text, ship_to", [
    pytest.param("Livrer à : Maple Ridge - Yard, 85 Citation Dr, Vaughan, ON L4K 2Z6",
                 "Maple Ridge - Yard, 85 Citation Dr, Vaughan, ON L4K 2Z6", id="fr-livrer-a"),
    pytest.param("Dirección de entrega: Polígono Industrial Norte, calle del Hierro 4,\n28001 Madrid.\n\nGracias",
                 "Polígono Industrial Norte, calle del Hierro 4, 28001 Madrid", id="es-wrapped-label"),
    pytest.param("Lieferanschrift: Bauer Maschinenbau GmbH Werk 2, Am Hafen 7, 68159 Mannheim",
                 "Bauer Maschinenbau GmbH Werk 2, Am Hafen 7, 68159 Mannheim", id="de-lieferanschrift"),
    pytest.param("DO NOT SEND TO THE YARD. DELIVER TO THE VESSEL:\nM/V SOUTHERN GULL, PIER 66, 2200 ALASKAN WAY, "
                 "SEATTLE WA 98121\nASK FOR THE CHIEF ENGINEER",
                 "M/V SOUTHERN GULL, PIER 66, 2200 ALASKAN WAY, SEATTLE WA 98121",
                 id="en-block-under-a-label"),
    pytest.param("Please drop ship direct to our customer:\n\n  Hill Joinery\n  14 Mill Lane\n  Leeds LS6 2AA\n"
                 "  0113 555 0101\n", "Hill Joinery, 14 Mill Lane, Leeds LS6 2AA", id="en-drop-ship-block"),
    pytest.param("Delivery to Canal Wharf as normal, no rush.", "Canal Wharf", id="en-site-in-a-sentence"),
    pytest.param("Deliver to our Charlestown warehouse as usual.", "Charlestown warehouse", id="en-our-site"),
    pytest.param("Please send the following:\n\n- 4 boxes M8 nuts\n- 2 boxes M8 washers\n", None,
                 id="a-list-of-items-is-no-address"),
])
def test_the_one_ship_to_the_email_names(text, ship_to):
    assert extract_from_text(text, received=THURSDAY).value("ship_to") == ship_to


FORWARD = """Order desk - please book this for Britwell. Andy confirmed by phone, PO no. is BEL/PO/10388.
Prices as per their list.

Tom

-----Original Message-----
From: Andy Hughes <a.hughes@britwell-eng.example>
Sent: 20 November 2026 16:05
To: Tom Aldridge <t.aldridge@northwind-supply.example>
Subject: bits for the January shutdown

Tom,

We'll need:

3 x 600mm spirit level
2 x torque wrench 40-200Nm

Can these be with us by the 4th?

Cheers
Andy
"""


def test_a_forward_takes_the_po_from_the_note_and_the_lines_and_dates_from_the_forwarded_mail():
    ex = extract_body(FORWARD, subject="FW: bits for the January shutdown", sent=date(2026, 11, 23))
    result = ex.to_result()
    assert result["po_number"] == "BEL/PO/10388"
    assert [(li.get("description"), li["quantity"]) for li in result["line_items"]] == [
        ("600mm spirit level", "3"), ("torque wrench 40-200Nm", "2")]
    assert result["requested_delivery_date"] == "2026-12-04"  # the 4th after the forwarded mail's 20 November


QUOTE_ACCEPTED = """Karen - go ahead as quoted. PO is NSF-PO-118777.

On Tue, Nov 10, 2026 at 3:05 PM Karen Brennan <k.brennan@northwind-supply.example> wrote:
> Please find our quotation Q-26-1004:
>
> FE-CO2-5     Fire extinguisher CO2 5 kg          2 EA   96.00
> FA-KIT-50    First aid kit, workplace 50 person  1 EA   64.00
"""

SAME_AGAIN = """Hi, same again as our last order please, PO LFO-2411.

Thanks
Georgia

-----Original Message-----
From: Georgia Platt <g.platt@lumen-fitout.example>
Sent: 02 November 2026 09:10
Subject: Order LFO-2380

- 6 boxes of the 10mm sleeve anchors
- 4 boxes M10 hex nuts
"""


def test_a_reply_taking_up_a_quote_takes_the_quoted_lines_and_says_so():
    ex = extract_body(QUOTE_ACCEPTED, subject="Re: Quotation Q-26-1004", sent=THURSDAY)
    result = ex.to_result()
    assert [(li["sku"], li["quantity"]) for li in result["line_items"]] == [("FE-CO2-5", "2"), ("FA-KIT-50", "1")]
    assert ex.fields["references_order"].rule == "email:quote"


def test_same_again_takes_the_lines_that_are_only_in_the_quoted_order():
    ex = extract_body(SAME_AGAIN, subject="Repeat order", sent=THURSDAY)
    assert [(li["description"], li["quantity"]) for li in ex.to_result()["line_items"]] == [
        ("10mm sleeve anchors", "6"), ("M10 hex nuts", "4")]
    assert ex.fields["references_order"].rule == "email:reorder"
    assert ex.value("po_number") == "LFO-2411"


@pytest.mark.parametrize("text, number", [
    pytest.param("Same again as our last order (LFO-2291) please.", "LFO-2291", id="en-same-again"),
    pytest.param("Bitte wie letztes Mal, Bestellung 26-05201.", None, id="de-wie-letztes-mal"),
    pytest.param("Même commande que la dernière fois s'il vous plaît.", None, id="fr-meme-commande"),
    pytest.param("Es igual que la 4500196301 pero con el doble.", "4500196301", id="es-igual-que-la"),
])
def test_reorder_references_in_four_languages(text, number):
    ex = extract_from_text(text, received=THURSDAY)
    ex2 = extract_body(text, sent=THURSDAY)
    assert ex2.fields["references_order"].rule == "email:reorder"
    assert ex2.fields["references_order"].normalized == number
    assert "references_order" not in ex.fields  # the body reader alone reads no reference


@pytest.mark.parametrize("text, ship_to", [
    pytest.param("Bitte an unser Lager in Köln liefern.", "Lager in Köln", id="de-an-unser-lager"),
    pytest.param("Merci de livrer sur notre chantier de Lyon avant vendredi.", "chantier de Lyon", id="fr-chantier"),
    pytest.param("Favor de entregar en nuestro almacén de Monterrey.", "almacén de Monterrey", id="es-almacen"),
    pytest.param("Please deliver to the St. Paul campus.", "St. Paul campus", id="en-campus"),
    pytest.param("Our warehouse in Dallas received the goods.", None, id="a-site-without-a-delivery-is-none"),
])
def test_a_site_named_in_a_sentence_in_four_languages(text, ship_to):
    assert extract_from_text(text, received=THURSDAY).value("ship_to") == ship_to


@pytest.mark.parametrize("text, expected", [
    pytest.param("Wunschliefertermin: 10.12.2026", "2026-12-10", id="de-wunschliefertermin"),
    pytest.param("die benötigen wir zum 15.", "2026-11-15", id="de-zum-15"),
    pytest.param("Délai : 15/12/2026", "2026-12-15", id="fr-delai"),
    pytest.param("lo necesitamos para el día 15", "2026-11-15", id="es-para-el-dia"),
    pytest.param("Plazo de entrega: 20 de noviembre", "2026-11-20", id="es-plazo"),
])
def test_more_ways_to_ask_for_a_delivery_date(text, expected):
    assert extract_from_text(text, received=THURSDAY).value("requested_delivery_date") == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("- 10 off HB-1240 hex bolt", [("HB-1240", "hex bolt", "10", "pcs")], id="en-uk-off"),
    pytest.param("- x10 HB-1240 hex bolt", [("HB-1240", "hex bolt", "10", None)], id="x-before-the-count"),
    pytest.param("10 No. M12 hex bolts 80mm", [(None, "M12 hex bolts 80mm", "10", "pcs")], id="en-uk-no"),
    pytest.param("Please change PO 4500012345: 60 x HB-1240 instead of 40.", [("HB-1240", None, "60", None)],
                 id="en-instead-of-is-the-old-quantity"),
])
def test_more_ways_to_write_a_count(text, expected):
    assert read(text) == expected
