"""Line-table columns: roles, header wording per language, and the column sets
documents draw from."""

from __future__ import annotations

import random

from .labels import _t

ROLES = (
    "line_no",
    "sku",
    "customer_sku",
    "description",
    "hsn",
    "unit",
    "quantity",
    "unit_price",
    "per",
    "discount",
    "tax_rate",
    "tax_amount",
    "amount",
    "date",
    "other",
)
NUMERIC = {"line_no", "quantity", "unit_price", "per", "discount", "tax_rate", "tax_amount", "amount", "gross"}

COLUMN_WORDS = {
    "line_no": _t(
        en="Line|Ln|#|Item|Pos.|No.|Sr. No.|S.No.|Itm|LN",
        de="Pos.|Position|Pos|Nr.",
        fr="Ligne|Pos.|N°",
        es="Línea|Pos.|Nº",
        nl="Regel|Pos.|Nr.",
        it="Riga|Pos.|N.",
        fi="Rivi|Nro|Pos.",
    ),
    "sku": _t(
        en="Item No.|Item #|Item Code|Part No.|Part Number|Material|SKU|Product Code|Article|Cat. No.|Item Number|"
        "Stock No.|Product No.|Code|Product Number",
        de="Artikelnr.|Art.-Nr.|Material|Materialnummer|Artikel|Sachnummer|Teilenummer",
        fr="Référence|Réf.|Code article|Article",
        es="Código|Referencia|Ref.|Artículo|Cód. artículo",
        nl="Artikelnr.|Artikelcode|Code",
        it="Codice|Cod. articolo|Articolo",
        fi="Tuotenro|Tuotekoodi|Koodi",
    ),
    "customer_sku": _t(
        en="Your Part No.|Vendor Part #|Supplier Item|Mfr. Part No.|Customer Part|Vendor Item No.|Your Ref.",
        de="Ihre Art.-Nr.|Lieferanten-Art.-Nr.|Ihre Materialnr.|Kundenartikelnr.",
        fr="Votre réf.|Réf. fournisseur",
        es="Su referencia|Ref. proveedor",
        nl="Uw artikelnr.|Lev. artikelnr.",
        it="Vs. codice|Cod. fornitore",
        fi="Toimittajan koodi|Teidän nro",
    ),
    "description": _t(
        en="Description|Item Description|Product|Details|Description of Goods|Material Description|"
        "Product Name|Article Description|Particulars|Item",
        de="Bezeichnung|Beschreibung|Artikelbezeichnung|Text|Materialkurztext",
        fr="Désignation|Description|Libellé",
        es="Descripción|Concepto|Denominación",
        nl="Omschrijving|Beschrijving|Artikel",
        it="Descrizione|Descrizione articolo|Denominazione",
        fi="Nimike|Kuvaus|Tuote|Selite",
    ),
    "hsn": _t(
        en="HSN|HSN/SAC|HSN Code|HS Code",
        de="Zolltarifnr.|HS-Code",
        fr="Code SH|Nomenclature",
        es="Código HS|TARIC",
        nl="HS-code|GN-code",
        it="Voce doganale|Codice HS",
        fi="Tullinimike",
    ),
    "unit": _t(
        en="UOM|Unit|U/M|UM|Units|UoM",
        de="Einheit|ME|Mengeneinheit|Einh.",
        fr="Unité|U.|UV",
        es="Unidad|Ud.|UM",
        nl="Eenheid|Eenh.",
        it="UM|U.M.|Unità",
        fi="Yks.|Yksikkö",
    ),
    "quantity": _t(
        en="Qty|Quantity|Qty Ordered|Order Qty|Ord. Qty|QTY|Quant.|Order qty.",
        de="Menge|Bestellmenge|Anz.|Anzahl",
        fr="Qté|Quantité",
        es="Cant.|Cantidad|Unidades",
        nl="Aantal|Hoeveelheid|Aant.",
        it="Q.tà|Quantità|Qtà",
        fi="Määrä|Kpl|Tilattu",
    ),
    "unit_price": _t(
        en="Unit Price|Price|Rate|Unit Cost|Price Each|Price/Unit|Price per unit|Net Price|Price Per",
        de="Einzelpreis|Preis|E-Preis|Preis/ME|Stückpreis|Nettopreis",
        fr="Prix unitaire|P.U.|Prix unit. HT|PU HT",
        es="Precio|Precio unitario|Precio unit.|P. unit.",
        nl="Prijs|Stuksprijs|Eenheidsprijs|Prijs p/st",
        it="Prezzo|Prezzo unitario|Prezzo unit.",
        fi="Yksikköhinta|A-hinta|Hinta|à-hinta",
    ),
    "per": _t(
        en="Per|Price Unit|Per Qty",
        de="pro|PE|Preiseinheit",
        fr="Par|Unité de prix",
        es="Por",
        nl="Per",
        it="Per",
        fi="Per|Hintayks.",
    ),
    "discount": _t(
        en="Disc. %|Discount|Disc.",
        de="Rabatt|Rab. %|Rabatt %",
        fr="Remise|Rem. %",
        es="Dto.|Dto. %|Descuento",
        nl="Korting|Korting %",
        it="Sconto|Sc. %",
        fi="Ale %|Alennus",
    ),
    "tax_rate": _t(
        en="Tax %|VAT %|Tax Rate|GST %|GST Rate",
        de="MwSt.|MwSt. %|USt %",
        fr="TVA|Taux TVA|TVA %",
        es="IVA|% IVA",
        nl="BTW|BTW %",
        it="IVA|Aliq. IVA|% IVA",
        fi="ALV %|ALV",
    ),
    "tax_amount": _t(
        en="Tax|Tax Amount|VAT|GST Amt|Tax Amt",
        de="MwSt.-Betrag|Steuer",
        fr="Montant TVA",
        es="Importe IVA|Cuota IVA",
        nl="BTW-bedrag",
        it="Importo IVA|Imposta",
        fi="ALV-määrä|Vero",
    ),
    "amount": _t(
        en="Amount|Total|Ext. Price|Extended Amount|Line Total|Extended|Net Amount|Net Value|Value|"
        "Extended Cost|Total Price|Net value",
        de="Gesamtpreis|Betrag|Gesamt|Wert|Nettowert|Summe",
        fr="Montant|Montant HT|Total HT|Total ligne",
        es="Importe|Total|Importe neto",
        nl="Bedrag|Totaal|Regeltotaal",
        it="Importo|Totale|Valore",
        fi="Yhteensä|Summa|Arvo|Rivisumma",
    ),
    "gross": _t(
        en="Total Amount|Gross|Total incl. tax|Gross Amount",
        de="Brutto|Gesamt brutto",
        fr="Total TTC|Montant TTC",
        es="Total con IVA",
        nl="Totaal incl. BTW",
        it="Totale ivato",
        fi="Yhteensä sis. ALV",
    ),
    "date": _t(
        en="Delivery Date|Del. Date|Req. Date|Due Date|Need By|Ship Date|Date Req.",
        de="Liefertermin|Termin|Lieferdatum|LT",
        fr="Date livr.|Délai|Date de livraison",
        es="Fecha entrega|Entrega|F. entrega",
        nl="Leverdatum|Lev.datum",
        it="Data cons.|Consegna|Data consegna",
        fi="Toim.pvm|Toimitus|Toimituspvm",
    ),
}

# Column sets a design draws from; order is drawn separately. (name -> columns, without optional extras)
BASE_SETS = (
    ("line_no", "sku", "description", "quantity", "unit", "unit_price", "amount"),
    ("sku", "description", "quantity", "unit_price", "amount"),
    ("line_no", "description", "quantity", "unit", "unit_price", "amount"),
    ("quantity", "unit", "sku", "description", "unit_price", "amount"),
    ("line_no", "sku", "description", "date", "quantity", "unit", "unit_price", "per", "amount"),
    ("line_no", "description", "sku", "quantity", "unit_price", "amount"),
    ("line_no", "quantity", "sku", "description", "unit_price", "discount", "tax_rate", "amount"),
    ("line_no", "sku", "description", "hsn", "quantity", "unit", "unit_price", "amount"),
    ("description", "quantity", "unit_price", "amount"),
)
OPTIONAL = ("customer_sku", "date", "discount", "tax_rate", "unit", "hsn", "per", "tax_amount")


def draw_columns(rng: random.Random, indian: bool) -> list[str]:
    """A column set for one design: a base set, a few optional extras, sometimes the codes
    moved; Indian designs carry HSN and per-line tax columns more often."""
    cols = list(rng.choice(BASE_SETS))
    for extra in OPTIONAL:
        if extra not in cols and rng.random() < (
            0.45 if indian and extra in ("hsn", "tax_rate", "tax_amount") else 0.12
        ):
            at = (
                cols.index("amount")
                if extra in ("discount", "tax_rate", "tax_amount", "per")
                else cols.index("description") + 1
            )
            cols.insert(at, extra)
    if "tax_amount" in cols and rng.random() < 0.5:
        cols.append("gross")
    return cols
