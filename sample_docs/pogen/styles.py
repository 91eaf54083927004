"""The buyers' document layouts: fonts, label wordings, header/party/table
arrangements, date and money styles. One style per buyer."""
from __future__ import annotations

from dataclasses import dataclass, field

EN = dict(po="PO Number", date="Order Date", delivery="Delivery Date", terms="Payment Terms",
          contact="Buyer", vendor="Vendor", ship_to="Ship To", bill_to="Bill To", subtotal="Subtotal",
          tax="Tax", shipping="Shipping", total="Total", continued="Continued on next page",
          cont_header="continued", page="Page", currency="Currency", notes="Notes",
          vendor_no="Vendor No.", quote="Quote Ref.", requisition="Requisition No.", ship_via="Ship Via",
          incoterms="Incoterms")
DE = dict(po="Bestellnummer", date="Bestelldatum", delivery="Liefertermin", terms="Zahlungsbedingungen",
          contact="Ansprechpartner", vendor="Lieferant", ship_to="Lieferanschrift", bill_to="Rechnungsanschrift",
          subtotal="Zwischensumme", tax="MwSt. 19 %", shipping="Versandkosten", total="Gesamtbetrag",
          continued="Fortsetzung auf der nächsten Seite", cont_header="Fortsetzung", page="Seite",
          currency="Währung", notes="Hinweise", vendor_no="Lieferantennr.", quote="Angebot",
          requisition="Bedarfsanforderung", ship_via="Versandart", incoterms="Lieferbedingung")

# column kinds: line, code, desc, qty, uom, price, amount
COLS_EN = dict(line="Line", code="Item No.", desc="Description", qty="Qty", uom="UOM",
               price="Unit Price", amount="Amount")


@dataclass(frozen=True)
class Style:
    key: str
    scenario: str                     # short name used in file names, e.g. "ruled-usd"
    page: str                         # letter | a4
    font: str                         # base-14 name or a TTF key from fonts.py
    bold: str
    size: float
    title: str
    header: str                       # left | above | grid
    parties: str                      # side | stacked
    table: str                        # grid | zebra | plain | hlines
    columns: tuple[tuple[str, str, float], ...]   # (kind, label, width share)
    date_fmt: str
    money: str                        # en | de | in
    symbol: str                       # printed before/after totals
    symbol_after: bool = False
    lang: str = "en"
    uom_style: str = "code"           # code | words | de
    code_mix: dict = field(default_factory=lambda: {"ours": 1.0})
    labels: dict = field(default_factory=lambda: dict(EN))
    accent: tuple[float, float, float] = (0.15, 0.15, 0.15)
    title_align: str = "right"
    bill_to: bool = True
    taxed: float = 0.8                # share of POs that print a tax row
    tax_rate: str = "0.0825"
    grid_cols: int = 3                # cells per row in a 'grid' header
    party_bar: bool = True            # party labels on a filled bar (else underlined)


def _lab(base: dict, **over) -> dict:
    return {**base, **over}


STYLES: dict[str, Style] = {s.key: s for s in (
    Style("acme", "ruled-usd", "letter", "Helvetica", "Helvetica-Bold", 9, "PURCHASE ORDER", "left", "side", "grid",
          (("line", "Line", .06), ("code", "Item #", .16), ("desc", "Description", .42), ("qty", "Qty", .08),
           ("uom", "UOM", .07), ("price", "Unit Price", .10), ("amount", "Ext. Price", .11)),
          "mdy", "en", "$", code_mix={"ours": .5, "xref": .4, "none": .1},
          labels=_lab(EN, vendor="Vendor", tax="Sales Tax"), accent=(0.1, 0.2, 0.5)),
    Style("bauer", "de-eur", "a4", "DejaVuSans", "DejaVuSans-Bold", 8.5, "Bestellung", "above", "side", "zebra",
          (("line", "Pos.", .06), ("code", "Artikelnr.", .15), ("desc", "Bezeichnung", .35), ("qty", "Menge", .08),
           ("uom", "Einheit", .08), ("price", "Einzelpreis", .13), ("amount", "Gesamtpreis", .15)),
          "dmy_dot", "de", "€", symbol_after=True, lang="de", uom_style="de",
          code_mix={"xref": .6, "ours": .3, "none": .1}, labels=dict(DE), accent=(0.55, 0.1, 0.1), title_align="left",
          tax_rate="0.19"),
    Style("britwell", "plain-gbp", "a4", "Times-Roman", "Times-Bold", 10, "Purchase Order", "left", "stacked", "plain",
          (("code", "Part No.", .17), ("desc", "Description", .45), ("qty", "Quantity", .10),
           ("price", "Price", .13), ("amount", "Value", .15)),
          "dmon", "en", "£", code_mix={"ours": .7, "none": .3},
          labels=_lab(EN, po="Purchase Order No.", date="Date", delivery="Required By", vendor="Supplier",
                      ship_to="Deliver To", bill_to="Invoice To", tax="VAT @ 20%", shipping="Carriage",
                      total="Total Due", contact="Contact"), title_align="center", bill_to=False, tax_rate="0.20"),
    Style("maple", "boxed-cad", "letter", "LiberationSansNarrow", "LiberationSansNarrow-Bold", 9.5, "PURCHASE ORDER",
          "grid", "side", "zebra",
          (("line", "#", .05), ("code", "Product Code", .17), ("desc", "Description", .40), ("qty", "Qty", .08),
           ("uom", "Unit", .08), ("price", "Unit Cost", .10), ("amount", "Line Total", .12)),
          "iso", "en", "CA$", code_mix={"xref": .5, "ours": .4, "none": .1},
          labels=_lab(EN, po="P.O. #", date="P.O. Date", delivery="Required Date", tax="HST 13%",
                      shipping="Freight", total="TOTAL CAD"), accent=(0.6, 0.1, 0.1), tax_rate="0.13"),
    Style("shakti", "inr-grid", "a4", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold", 8.5, "PURCHASE ORDER", "grid",
          "stacked", "grid",
          (("line", "Sr.", .05), ("code", "Item Code", .16), ("desc", "Item Description", .37), ("qty", "Qty", .08),
           ("uom", "UoM", .08), ("price", "Rate", .12), ("amount", "Amount", .14)),
          "dmy_slash", "in", "₹", code_mix={"xref": .5, "ours": .3, "none": .2},
          labels=_lab(EN, po="PO No.", date="PO Date", delivery="Delivery Schedule", vendor="Supplier",
                      ship_to="Consignee", bill_to="Buyer (Bill To)", tax="IGST @ 18%", shipping="Freight Charges",
                      total="Grand Total"), accent=(0.1, 0.35, 0.2), title_align="center", tax_rate="0.18"),
    Style("pacific", "mono-usd", "letter", "Courier", "Courier-Bold", 9, "PURCHASE ORDER", "left", "stacked", "plain",
          (("line", "LN", .05), ("code", "ITEM", .14), ("desc", "DESCRIPTION", .37), ("qty", "QTY", .06),
           ("uom", "U/M", .14), ("price", "UNIT COST", .11), ("amount", "EXTENSION", .13)),
          "long_us", "en", "$", uom_style="words", code_mix={"ours": .6, "none": .4},
          labels=_lab({k: v.upper() for k, v in EN.items()}, po="ORDER NUMBER", date="ORDER DATE",
                      delivery="SHIP BY", vendor="VENDOR", contact="BUYER", tax="SALES TAX 10.1%"),
          title_align="left", taxed=0.3, tax_rate="0.101"),
    Style("vandijk", "hlines-eur-en", "a4", "Times-Roman", "Times-Bold", 9.5, "PURCHASE ORDER", "above", "stacked",
          "hlines",
          (("code", "Article", .17), ("desc", "Description", .43), ("qty", "Qty", .09),
           ("price", "Price/unit", .14), ("amount", "Total", .17)),
          "long_uk", "de", "€", code_mix={"xref": .5, "ours": .4, "none": .1},
          labels=_lab(EN, po="Order Number", date="Order date", delivery="Delivery date", vendor="Supplier",
                      ship_to="Delivery address", bill_to="Invoice address", tax="VAT 21%", total="Total EUR"),
          accent=(0.0, 0.3, 0.55), title_align="left", tax_rate="0.21"),
    Style("northstar", "grid-header-usd", "letter", "Helvetica", "Helvetica-Bold", 8.5, "Purchase Order", "grid",
          "side", "hlines",
          (("line", "Ln", .05), ("code", "SKU", .15), ("desc", "Item Description", .44), ("qty", "Qty", .08),
           ("uom", "UOM", .07), ("price", "Unit Price", .10), ("amount", "Amount", .11)),
          "iso", "en", "$", code_mix={"ours": .8, "none": .2},
          labels=_lab(EN, po="PO #", date="PO Date", delivery="Need By", vendor="Supplier"),
          accent=(0.2, 0.2, 0.2), title_align="right", taxed=0.5, tax_rate="0.07875", grid_cols=6,
          party_bar=False),
    Style("harbor", "zebra-usd-xref", "letter", "Helvetica", "Helvetica-Bold", 9, "PURCHASE ORDER", "left", "side",
          "zebra",
          (("code", "Our Part #", .16), ("desc", "Description", .44), ("qty", "Qty", .09),
           ("uom", "Unit", .11), ("price", "Price", .09), ("amount", "Total", .11)),
          "long_us", "en", "$", uom_style="words", code_mix={"xref": .7, "ours": .2, "none": .1},
          labels=_lab(EN, po="Purchase Order No.", date="Date", delivery="Deliver By", vendor="Vendor",
                      ship_to="Deliver To", bill_to="Invoice To", tax="Sales Tax 6.25%"), accent=(0.05, 0.35, 0.45),
          tax_rate="0.0625"),
    # drawn again for every document by varied.py; these values are only defaults
    Style("mix", "varied", "letter", "Helvetica", "Helvetica-Bold", 9, "PURCHASE ORDER", "left", "side", "grid",
          tuple((k, v, .14) for k, v in COLS_EN.items()), "iso", "en", "$"),
)}
