"""Label vocabularies: the wordings real POs use for each field, normalised by `norm`.

Each entry maps a normalised label to a strength (1.0 = unambiguous). Labels of
fields we do not extract ("other") are listed so their values are never taken
for ours (e.g. "Vendor Number" is not a PO number).
"""
from __future__ import annotations

import re


def norm(text: str) -> str:
    """Lower case, dots and colons gone, other punctuation as spaces: 'P.O. No.:' -> 'po no'."""
    t = text.casefold().replace(".", "").replace(":", " ").replace("º", "o")
    t = re.sub(r"[\-_/|()\[\]\u258c,;*]+", " ", t)
    t = t.replace("#", " # ")
    return " ".join(t.split())


UNAMBIGUOUS = 1.0  # the strength of a label that can only mean its field ("PO Number")
WEAK_LABEL = 0.8  # labels at or below this strength ("to", "date") need a colon or a phrase of their own

LABELS: dict[str, dict[str, float]] = {
    "po_number": {
        **dict.fromkeys([
            "po number", "po no", "po nr", "po #", "po num", "po n°", "p o number", "p o no", "p o #",
            "purchase order number", "purchase order no", "purchase order #", "purchase order nr",
            "bestellnummer", "bestell nr", "bestellnr", "bestellung nr", "bestell no", "auftragsnummer",
            "auftrags nr", "purchase order id", "po id", "order ref", "customer po", "customer po number",
            "your po", "your order number", "no de commande", "numéro de commande", "número de pedido",
            "po ref", "po reference", "purchase order ref", "purchase order reference", "order reference",
        ], UNAMBIGUOUS),
        **dict.fromkeys(["order number", "order no", "order #", "order nr", "document number",
                         "po", "p o", "purchase order", "purchase order no #"], 0.75),
        "number": 0.5, "no": 0.4, "nr": 0.4, "bestellung": 0.6,
    },
    "order_date": {
        **dict.fromkeys([
            "order date", "po date", "p o date", "podate", "date of order", "purchase order date",
            "bestelldatum", "auftragsdatum", "document date", "issue date", "po issue date", "dated as",
            "date issued", "creation date", "po creation date", "date ordered", "order placed",
            "fecha", "date de commande", "date of issue", "issued on", "date of po", "po issued", "order placed on",
        ], UNAMBIGUOUS),
        **dict.fromkeys(["date", "datum", "dated", "issued"], 0.7),
    },
    "requested_delivery_date": dict.fromkeys([
        "delivery date", "required date", "requested date", "requested delivery date", "due date",
        "need by", "need by date", "needed by", "deliver by", "delivery by", "required by",
        "required delivery date", "requested ship date", "ship date", "date required",
        "lieferdatum", "liefertermin", "wunschtermin", "requested delivery", "delivery required",
        "ship by", "delivery schedule", "expected delivery", "expected delivery date", "delivery due",
        "requested by", "date needed", "required delivery", "arrival date", "req date", "reqd date",
        "req delivery date", "req by", "date reqd", "delivery reqd", "due by", "deliver on", "delivery on",
    ], UNAMBIGUOUS),
    "supplier": {
        **dict.fromkeys([
            "vendor", "supplier", "lieferant", "seller", "vendor address", "supplier address",
            "vendor name", "supplier name", "sold by", "bill from", "vendor information", "fournisseur",
            "proveedor", "auftragnehmer",
        ], UNAMBIGUOUS),
        "to": 0.8,
    },
    "ship_to": dict.fromkeys([
        "ship to", "shipto", "deliver to", "delivery address", "shipping address", "ship to address",
        "lieferadresse", "lieferanschrift", "send goods to", "consignee", "delivery to", "deliver goods to",
        "shipped to", "place of delivery", "delivery location", "ship to location", "ship to party",
        "delivery point", "adresse de livraison", "dirección de entrega", "warenempfänger",
    ], UNAMBIGUOUS),
    "bill_to": dict.fromkeys([
        "bill to", "billto", "invoice to", "billing address", "bill to address", "rechnungsadresse",
        "rechnungsanschrift", "send invoice to", "invoice address", "invoicing address",
        "adresse de facturation", "rechnungsempfänger",
    ], UNAMBIGUOUS),
    "buyer": dict.fromkeys([
        "buyer", "purchaser", "customer", "ordered by", "sold to", "besteller", "auftraggeber",
        "kunde", "client", "buyer name", "issued by", "bill to party",
    ], UNAMBIGUOUS),
    "currency": dict.fromkeys(["currency", "currency code", "währung", "curr", "devise", "moneda"], UNAMBIGUOUS),
    "payment_terms": dict.fromkeys([
        "payment terms", "terms", "payment term", "terms of payment", "zahlungsbedingungen",
        "zahlungsbedingung", "zahlungsziel", "conditions de paiement",
    ], UNAMBIGUOUS),
    "subtotal": dict.fromkeys([
        "subtotal", "sub total", "order subtotal", "net order", "net total", "total net", "netto",
        "net amount", "net value", "total net value", "total net value excl tax", "total before tax",
        "total excl tax", "total excl vat", "total excluding tax", "zwischensumme", "nettobetrag",
        "summe netto", "gesamt netto", "nettosumme", "merchandise total", "total taxable value", "items total",
        "goods total", "amount before tax", "net order value",
        "total net amount", "line total", "subtotal excl vat", "sous total", "total ht",
        "merchandise", "total merchandise", "goods value", "total goods", "product total", "material total",
    ], UNAMBIGUOUS),
    "tax": dict.fromkeys([
        "tax", "sales tax", "vat", "mwst", "ust", "total tax", "total tax amount", "tax amount",
        "gst", "mehrwertsteuer", "umsatzsteuer", "vat amount", "tax total", "total vat", "tva",
        "sales tax amount", "estimated tax", "igst", "hst", "gst hst", "pst", "qst", "btw", "iva",
        "sales tax total", "tax (vat)",
    ], UNAMBIGUOUS),
    "shipping": dict.fromkeys([
        "freight", "shipping", "shipping and handling", "shipping & handling", "s&h", "delivery charge",
        "versand", "versandkosten", "fracht", "frachtkosten", "carriage", "shipping cost",
        "freight charges", "shipping charges", "delivery charges", "freight cost",
    ], UNAMBIGUOUS),
    "total": dict.fromkeys([
        "total", "order total", "grand total", "total amount", "total po amount", "po total", "gesamt",
        "gesamtbetrag", "gesamtsumme", "endbetrag", "amount due", "total due", "total value",
        "total order", "total order value", "invoice total", "total po value", "po amount",
        "total purchase order", "total ttc", "total incl tax", "total incl vat", "brutto",
        "gesamt brutto", "bruttobetrag", "total amount due", "order amount", "total po", "total cost",
        "total in eur", "gesamt in eur", "amount payable", "total payable", "balance due", "total to pay",
    ], UNAMBIGUOUS),
    "party_name": dict.fromkeys(["company name", "company", "firma", "firmenname", "business name"], UNAMBIGUOUS),
    "party_address": dict.fromkeys(["address", "street", "street address", "anschrift", "adresse"], UNAMBIGUOUS),
    "party_person": dict.fromkeys(["contact name", "contact person", "name", "attn", "attention"], UNAMBIGUOUS),
    "other": dict.fromkeys([
        "vendor number", "vendor no", "vendor #", "vendor id", "supplier number", "supplier no",
        "customer number", "customer no", "customer #", "kundennummer", "kunden nr", "lieferanten nr",
        "phone", "tel", "telephone", "fax", "email", "e mail", "page", "req #", "invoice number",
        "quote", "quotation", "contract", "tax code", "tax id", "item tax", "tax details", "carry over",
        "federal tax id", "your reference", "reference", "our reference", "contact", "your contact",
        "requisitioner", "ship via", "fob", "item code", "line", "item", "rev", "revision",
        "po revision date", "revision date", "printed", "kalenderwoche", "ansprechpartner", "uid",
        "uid nr", "gstin", "pan", "cin", "tax %", "remit to", "ship from",
        "shipping from", "shipped from", "shipping condition", "shipping type", "shipping method", "delivery terms",
        "terms of delivery", "mode of delivery", "incoterm", "incoterms", "lieferkonditionen",
        "sonderangaben", "order confirmation", "order confirmation to offer", "emailed on",
        "questions to", "branch plant", "payee", "receiving appt", "delivery instructions",
        "special instructions", "buyer email", "buyer phone", "delivery date time",
    ], UNAMBIGUOUS),
}

# Words that title a document rather than label a value
TITLE_WORDS = {"purchase order", "bestellung", "order", "po", "original", "copy", "page", "auftrag"}

# Legal-form words that mark a company name
COMPANY_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "corp", "corporation", "co",
    "company", "plc", "sa", "sas", "sarl", "bv", "nv", "kg", "ohg", "srl", "spa", "pty", "pvt",
    "llp", "lp", "group", "industries", "gesellschaft", "ug", "oy", "ab", "as", "kft", "sro",
}

ALL_LABELS: list[tuple[tuple[str, ...], str, float]] = sorted(
    ((tuple(label.split()), fld, s) for fld, table in LABELS.items() for label, s in table.items()),
    key=lambda t: -len(t[0]),
)

# Labels by their first word, longest first, for a quick lookup
BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, float]]] = {}
for _entry in ALL_LABELS:
    BY_FIRST.setdefault(_entry[0][0], []).append(_entry)
