"""A layout drawn at random for each document: fonts, label synonyms, header,
party and table arrangements, column order, date style. Used for buyers that
have no fixed template, so extractors meet combinations no fixture shows."""
from __future__ import annotations

import random
from dataclasses import replace

from .parties import Buyer
from .styles import EN, Style

FONTS = (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold"),
         ("DejaVuSans", "DejaVuSans-Bold"), ("LiberationSansNarrow", "LiberationSansNarrow-Bold"),
         ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"))
SYNONYMS = {
    "po": ("PO Number", "P.O. #", "Purchase Order No.", "Order Number", "PO #", "PO No.", "Order No.",
           "Purchase Order Number"),
    "date": ("Order Date", "Date", "PO Date", "Date of Order", "Issue Date"),
    "delivery": ("Delivery Date", "Required Date", "Need By", "Deliver By", "Requested Delivery", "Due Date"),
    "vendor": ("Vendor", "Supplier", "To"),
    "ship_to": ("Ship To", "Deliver To", "Delivery Address", "Ship-To Address"),
    "bill_to": ("Bill To", "Invoice To", "Invoice Address", "Billing Address"),
    "subtotal": ("Subtotal", "Sub-total", "Net Total", "Goods Total", "Total before tax"),
    "shipping": ("Shipping", "Freight", "Carriage", "Delivery"),
    "total": ("Total", "Order Total", "Grand Total", "Total Amount", "Amount Due"),
}
TAX = {"USD": (("Sales Tax", "Tax", "Sales Tax 7.25%"), "0.0725"), "GBP": (("VAT", "VAT @ 20%", "VAT 20%"), "0.20"),
       "EUR": (("VAT", "VAT 19%"), "0.19"), "CAD": (("GST/HST", "HST 13%"), "0.13"), "INR": (("GST 18%",), "0.18")}
# day/month order follows the buyer's country: a US buyer never writes 06/01 for 6 January
DATES = {"USD": ("mdy", "iso", "long_us", "dmon"), "GBP": ("dmy_slash", "iso", "long_uk", "dmon")}
SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "C$", "INR": "₹"}
COLUMN_LABELS = {
    "line": ("Line", "#", "Ln", "Item"), "code": ("Item #", "Part No.", "SKU", "Item Code", "Product Code", "Cat. No."),
    "desc": ("Description", "Item Description", "Product", "Details"),
    "qty": ("Qty", "Quantity", "Qty Ordered", "Order Qty"), "uom": ("UOM", "Unit", "U/M"),
    "price": ("Unit Price", "Price", "Rate", "Unit Cost", "Price Each"),
    "amount": ("Amount", "Total", "Ext. Price", "Line Total", "Extended", "Net Amount"),
}
ORDERS = (("line", "code", "desc", "qty", "uom", "price", "amount"), ("code", "desc", "qty", "price", "amount"),
          ("qty", "uom", "code", "desc", "price", "amount"), ("line", "desc", "code", "qty", "price", "amount"))
WIDTH = {"line": .05, "code": .15, "qty": .08, "uom": .09, "price": .11, "amount": .12}
ACCENTS = ((0.1, 0.2, 0.5), (0.2, 0.2, 0.2), (0.45, 0.1, 0.3), (0.0, 0.4, 0.3), (0.5, 0.3, 0.0))


def varied(base: Style, buyer: Buyer, rng: random.Random) -> Style:
    font, bold = rng.choice(FONTS)
    uom_style = rng.choice(("code", "words"))
    order = rng.choice(ORDERS)
    widths = {**WIDTH, "uom": .13 if uom_style == "words" else .09}
    rest = 1 - sum(widths[k] for k in order if k != "desc")
    columns = tuple((k, rng.choice(COLUMN_LABELS[k]), rest if k == "desc" else widths[k]) for k in order)
    tax_labels, rate = TAX[buyer.currency]
    labels = {**EN, **{k: rng.choice(v) for k, v in SYNONYMS.items()}, "tax": rng.choice(tax_labels)}
    if labels["subtotal"] == "Total before tax" and labels["total"] == "Total":
        labels["total"] = "Order Total"
    return replace(
        base, page="letter" if buyer.currency in ("USD", "CAD") else "a4", font=font, bold=bold,
        size=rng.choice((8.5, 9, 9.5, 10)) - (0.5 if font == "Courier" else 0), title=rng.choice(
            ("PURCHASE ORDER", "Purchase Order", "ORDER", "Purchase Order / Order Confirmation Request")),
        header=rng.choice(("left", "above", "grid")), parties=rng.choice(("side", "stacked")),
        table=rng.choice(("grid", "zebra", "plain", "hlines")), columns=columns,
        date_fmt=rng.choice(DATES.get(buyer.currency, DATES["GBP"])),
        symbol=SYMBOL[buyer.currency], uom_style=uom_style, labels=labels, accent=rng.choice(ACCENTS),
        title_align=rng.choice(("left", "right", "center")), bill_to=rng.random() < 0.6, tax_rate=rate,
        grid_cols=rng.choice((3, 4, 6)), party_bar=rng.random() < 0.5,
        code_mix={"ours": .5, "xref": .3, "none": .2})
