"""Label wording per field and language: many synonyms each, abbreviations
included, as real documents print them. `pick` draws one for a document."""

from __future__ import annotations

import random

LANGS = ("en", "de", "fr", "es", "nl", "it", "fi")


def _t(**by_lang: str) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(s.strip() for s in words.split("|")) for lang, words in by_lang.items()}


HEADER = {
    "po_number": _t(
        en="PO Number|PO No.|PO #|PO#|P.O. No.|P.O. #|P.O. Number|Purchase Order No.|"
           "Purchase Order Number|Purchase Order|"
        "Order No.|Order Number|Order #|Our Order No.|Document Number|PO Ref.|Purchase Order #|PO No|Order Ref.",
        de="Bestellnummer|Bestell-Nr.|Bestellnr.|Bestellung Nr.|Unsere Bestellnummer|Beleg-Nr.|"
           "Einkaufsbeleg|Bestellung",
        fr="N° de commande|Numéro de commande|Commande n°|Bon de commande n°|N° commande|Réf. commande",
        es="Nº de pedido|Número de pedido|Pedido nº|Orden de compra|Nº Orden de Compra|Nº OC|N° Pedido",
        nl="Bestelnummer|Inkoopordernummer|Ordernummer|Bestelnr.|Inkooporder nr.",
        it="N. ordine|Numero ordine|Ordine n.|Ordine d'acquisto n.|Rif. ordine|N° Ordine",
        fi="Tilausnumero|Tilaus nro|Ostotilausnumero|Tilausnro|Tilaus n:o",
    ),
    "order_date": _t(
        en="Order Date|PO Date|Date|Date of Order|Issue Date|Issued|Order Create Date|Document Date|Dated|Created On|"
        "P.O. Date|Date Issued|Order Dt",
        de="Bestelldatum|Datum|Belegdatum|Ausstellungsdatum|Bestelldat.|vom",
        fr="Date de commande|Date|Date d'émission|Date commande",
        es="Fecha de pedido|Fecha|Fecha de emisión|Fecha orden",
        nl="Besteldatum|Datum|Orderdatum",
        it="Data ordine|Data|Data emissione|Data documento",
        fi="Tilauspäivä|Päiväys|Pvm|Tilauspvm",
    ),
    "delivery_date": _t(
        en="Delivery Date|Delivery Dt|Deliv. Date|Required Date|Req. Date|Need By|Need-by Date|Deliver By|"
        "Requested Delivery|Due Date|Required By|Date Required|Expected Delivery Date|Promised Delivery|Ship Date",
        de="Liefertermin|Lieferdatum|Wunschtermin|Anlieferdatum|Gewünschter Liefertermin|Liefertermin bis",
        fr="Date de livraison|Livraison souhaitée|Délai de livraison|Date livraison",
        es="Fecha de entrega|Entrega|Fecha entrega requerida|Plazo de entrega",
        nl="Leverdatum|Gewenste leverdatum|Afleverdatum",
        it="Data consegna|Consegna richiesta|Data di consegna",
        fi="Toimituspäivä|Toimitusaika|Toivottu toimituspäivä|Toim.pvm",
    ),
    "payment_terms": _t(
        en="Payment Terms|Terms|Payt. terms|Terms of Payment|Payment|Payment Term",
        de="Zahlungsbedingungen|Zahlungsziel|Zahlung|Zahlungsbed.",
        fr="Conditions de paiement|Règlement|Modalités de paiement",
        es="Forma de pago|Condiciones de pago",
        nl="Betalingsvoorwaarden|Betaling|Betalingstermijn",
        it="Pagamento|Condizioni di pagamento|Modalità di pagamento",
        fi="Maksuehdot|Maksuehto",
    ),
    "incoterms": _t(
        en="Incoterms|Delivery Terms|Deliv. terms|Freight Terms|Terms of Delivery|FOB",
        de="Lieferbedingungen|Incoterms|Lieferkonditionen",
        fr="Conditions de livraison|Incoterms",
        es="Condiciones de entrega|Incoterms",
        nl="Leveringsvoorwaarden|Incoterms",
        it="Resa|Porto|Condizioni di resa",
        fi="Toimitusehto|Toimitusehdot",
    ),
    "currency": _t(
        en="Currency|Curr.|Currency Code",
        de="Währung",
        fr="Devise|Monnaie",
        es="Moneda|Divisa",
        nl="Valuta",
        it="Valuta|Divisa",
        fi="Valuutta",
    ),
    "contact": _t(
        en="Buyer|Contact|Contact Person|Purchaser|Ordered By|Requested By|Your Contact|Buyer Name|"
           "Contact Person/Telephone",
        de="Ansprechpartner|Einkäufer|Sachbearbeiter|Kontakt|Bearbeiter",
        fr="Contact|Acheteur|Interlocuteur|Suivi par",
        es="Contacto|Comprador|Atención",
        nl="Contactpersoon|Inkoper",
        it="Referente|Buyer|Compratore",
        fi="Yhteyshenkilö|Ostaja|Käsittelijä",
    ),
    "vendor_no": _t(
        en="Vendor No.|Vendor #|Supplier No.|Vendor Code|Supplier ID|Your vendor number with us|"
           "Vendor ID|Supplier Code",
        de="Lieferantennummer|Lieferanten-Nr.|Kreditor|Lief.-Nr.",
        fr="N° fournisseur|Code fournisseur",
        es="Nº proveedor|Código proveedor",
        nl="Leveranciersnummer|Crediteurnr.",
        it="Cod. fornitore|Codice fornitore",
        fi="Toimittajanumero|Toimittajanro",
    ),
    "quote_ref": _t(
        en="Quote No.|Quote Ref.|Quotation|Your Quotation|Your Reference|Your Ref.|Offer No.",
        de="Angebot|Ihr Angebot|Angebotsnummer|Ihr Zeichen",
        fr="Votre devis|Réf. devis|Offre n°",
        es="Oferta|Su presupuesto|Ref. oferta",
        nl="Offertenummer|Uw offerte|Uw referentie",
        it="Vs. offerta|Rif. offerta",
        fi="Tarjous|Tarjousnumero|Viitteenne",
    ),
    "requisition": _t(
        en="Requisition No.|Req. No.|Requisition|PR Number|Cost Center|Project|Job Number",
        de="Bedarfsanforderung|Banf-Nr.|Kostenstelle|Projekt",
        fr="Demande d'achat|Centre de coût|Projet",
        es="Solicitud|Centro de coste|Proyecto",
        nl="Aanvraagnummer|Kostenplaats|Project",
        it="Richiesta d'acquisto|Centro di costo|Commessa",
        fi="Hankintapyyntö|Kustannuspaikka|Projekti",
    ),
    "contract": _t(
        en="Contract|Contract No.|Agreement No.|Blanket Order|Rel. ord. against contract",
        de="Rahmenvertrag|Kontrakt|Vertrags-Nr.",
        fr="Contrat n°|Contrat-cadre",
        es="Contrato|Contrato marco",
        nl="Contractnummer|Raamcontract",
        it="Contratto|Contratto quadro",
        fi="Sopimus|Puitesopimus",
    ),
    "ship_via": _t(
        en="Ship Via|Carrier|Shipping Method|Transport By|Mode of Transport",
        de="Versandart|Spediteur|Versand",
        fr="Transporteur|Mode d'expédition",
        es="Transportista|Medio de envío",
        nl="Verzendwijze|Vervoerder",
        it="Vettore|Spedizione",
        fi="Kuljetustapa|Kuljetus",
    ),
    "vendor": _t(
        en="Vendor|Supplier|To|Vendor Address|Issued To|Order To|Supplier Details",
        de="Lieferant|An|Auftragnehmer",
        fr="Fournisseur|À l'attention de",
        es="Proveedor|Señores|A",
        nl="Leverancier|Aan",
        it="Fornitore|Spett.le|Spettabile",
        fi="Toimittaja|Myyjä",
    ),
    "ship_to": _t(
        en="Ship To|Ship-To|Deliver To|Delivery Address|Please deliver to|Consignee|Shipping Address|Ship To Address|"
        "Delivery Location|Goods to be delivered to",
        de="Lieferanschrift|Lieferadresse|Anlieferadresse|Warenempfänger|Bitte liefern an",
        fr="Adresse de livraison|Livrer à|Lieu de livraison",
        es="Dirección de entrega|Entregar en|Lugar de entrega",
        nl="Afleveradres|Leveradres|Leveren aan",
        it="Luogo di consegna|Destinazione merce|Consegnare a|Indirizzo di consegna",
        fi="Toimitusosoite|Toimituspaikka|Vastaanottaja",
    ),
    "bill_to": _t(
        en="Bill To|Invoice To|Invoice Address|Billing Address|Send Invoice To|Invoicing Address",
        de="Rechnungsanschrift|Rechnungsadresse|Rechnung an",
        fr="Adresse de facturation|Facturer à",
        es="Dirección de facturación|Facturar a",
        nl="Factuuradres|Factureren aan",
        it="Indirizzo di fatturazione|Fatturare a",
        fi="Laskutusosoite|Laskutus",
    ),
    "buyer": _t(
        en="Buyer|Purchaser|Ordered By|Customer|Bill From|From",
        de="Besteller|Auftraggeber|Käufer",
        fr="Acheteur|Client|Donneur d'ordre",
        es="Comprador|Cliente",
        nl="Koper|Opdrachtgever",
        it="Committente|Acquirente",
        fi="Ostaja|Tilaaja",
    ),
    "subtotal": _t(
        en="Subtotal|Sub-Total|Net Total|Total Net|Goods Total|Total before tax|Total Amount Without VAT|Net Amount|"
        "Tot.net item val. excl. tax|Total excl. VAT|Merchandise Total|Order Subtotal|Taxable Value",
        de="Zwischensumme|Nettobetrag|Summe netto|Warenwert|Gesamt netto|netto",
        fr="Sous-total|Total HT|Montant HT|Total hors taxes",
        es="Subtotal|Base imponible|Importe neto|Total sin IVA",
        nl="Subtotaal|Totaal excl. BTW|Netto bedrag",
        it="Imponibile|Totale imponibile|Subtotale|Totale netto",
        fi="Välisumma|Yhteensä ilman ALV|Veroton summa|Netto",
    ),
    "discount": _t(
        en="Discount|Less Discount|Special discount",
        de="Rabatt|abzgl. Rabatt|Nachlass",
        fr="Remise|Escompte",
        es="Descuento|Dto.",
        nl="Korting",
        it="Sconto",
        fi="Alennus",
    ),
    "shipping": _t(
        en="Shipping|Freight|Carriage|Delivery|Freight Charges|Shipping & Handling",
        de="Versandkosten|Fracht|Frachtkosten|Verpackung und Versand",
        fr="Frais de port|Transport",
        es="Portes|Gastos de envío|Transporte",
        nl="Verzendkosten|Vracht",
        it="Spese di trasporto|Trasporto",
        fi="Rahti|Toimituskulut",
    ),
    "total": _t(
        en="Total|Order Total|Grand Total|Total Amount|Total PO Amount|Total Order Value|TOTAL|Total Value|"
        "Value of Order|Net Order Value|Total Due",
        de="Gesamtbetrag|Gesamtsumme|Endbetrag|Summe|Gesamt|Bestellwert|Gesamt brutto",
        fr="Total TTC|Montant total|Net à payer|Total",
        es="Total|Importe total|Total pedido|Total a pagar",
        nl="Totaal|Totaalbedrag|Totaal incl. BTW|Te betalen",
        it="Totale|Totale ordine|Totale documento",
        fi="Yhteensä|Loppusumma|Tilauksen arvo|Kokonaissumma",
    ),
    "amount_in_words": _t(
        en="Amount in words|Amount Chargeable (in words)|Say|Total in words",
        de="In Worten|Betrag in Worten",
        fr="Arrêté à la somme de",
        es="Son|Importe en letra",
        nl="In woorden",
        it="In lettere",
        fi="Kirjaimin",
    ),
    "notes": _t(
        en="Notes|Remarks|Comments|Special Instructions|IMPORTANT INFORMATION ABOUT THIS PO",
        de="Hinweise|Bemerkungen|Anmerkungen",
        fr="Remarques|Observations|Notes",
        es="Observaciones|Notas",
        nl="Opmerkingen|Toelichting",
        it="Note|Annotazioni",
        fi="Huomautukset|Lisätietoja",
    ),
    "quantity_total": _t(
        en="Total Quantity|Total Qty|Qty Total|Total units",
        de="Gesamtmenge|Summe Menge",
        fr="Quantité totale",
        es="Cantidad total",
        nl="Totaal aantal",
        it="Quantità totale",
        fi="Määrä yhteensä",
    ),
}

PAGE = _t(
    en="Page {p} of {n}|Page {p}/{n}|{p}/{n}|Page {p}|Pg {p} of {n}|Page {p} OF {n}|- {p} -",
    de="Seite {p} von {n}|Seite {p}/{n}|Blatt {p}|Seite {p}",
    fr="Page {p}/{n}|Page {p} sur {n}",
    es="Página {p} de {n}|Pág. {p}/{n}|Hoja {p} de {n}",
    nl="Pagina {p} van {n}|Blad {p}/{n}",
    it="Pagina {p} di {n}|Pag. {p}/{n}",
    fi="Sivu {p} ({n})|Sivu {p}/{n}|{p} ({n})",
)
CONTINUED = _t(
    en="Continued on next page|Continued ...|(CONTINUED ON NEXT PAGE)|*** continued ***",
    de="Fortsetzung auf der nächsten Seite|Fortsetzung folgt",
    fr="Suite page suivante|Suite au verso",
    es="Continúa en la página siguiente|Sigue",
    nl="Vervolg op volgende pagina|Zie volgende pagina",
    it="Segue|Continua alla pagina successiva",
    fi="Jatkuu seuraavalla sivulla|Jatkuu",
)
CARRIED = _t(
    en="Carried forward|Subtotal this page|Page total",
    de="Übertrag|Zwischensumme Seite",
    fr="À reporter|Report",
    es="Suma y sigue|Suma anterior",
    nl="Transport|Subtotaal pagina",
    it="A riportare|Riporto",
    fi="Siirto|Sivun summa",
)
BROUGHT = _t(
    en="Brought forward|Balance b/f",
    de="Übertrag",
    fr="Report",
    es="Suma anterior",
    nl="Transport",
    it="Riporto",
    fi="Siirto",
)


def words_for(table: dict, key: str, lang: str) -> tuple[str, ...]:
    pools = table[key]
    return pools.get(lang) or pools["en"]


def pick(table: dict, key: str, lang: str, rng: random.Random, second: str | None = None) -> str:
    """One wording of `key` in `lang`; with a `second` language sometimes a bilingual label
    ("Bestellnummer / Order No.") or the second language's wording alone (mixed documents)."""
    first = rng.choice(words_for(table, key, lang))
    if second and second != lang:
        roll = rng.random()
        if roll < 0.35:
            return f"{first} / {rng.choice(words_for(table, key, second))}"
        if roll < 0.7:
            return rng.choice(words_for(table, key, second))
    return first


def case(text: str, how: str) -> str:
    return {"upper": text.upper(), "title": text[:1].upper() + text[1:], "as_is": text}[how]
