"""The business documents besides purchase orders, in the same visual families:
their titles, their own number and date labels, who issues them, and what of
the line table they print."""

from __future__ import annotations

from dataclasses import dataclass

from .labels import _t

KINDS = ("purchase_order", "invoice", "quote", "rfq", "order_confirmation", "delivery_note", "statement")

TITLES = {
    "purchase_order": _t(
        en="PURCHASE ORDER|Purchase Order|Purchase order|ORDER|Order|Standard Purchase Order|PO",
        de="Bestellung|BESTELLUNG|Einkaufsbestellung|Auftrag",
        fr="BON DE COMMANDE|Bon de commande|Commande",
        es="ORDEN DE COMPRA|Pedido|Orden de Compra|PEDIDO DE COMPRA",
        nl="INKOOPORDER|Bestelling|Inkooporder|Bestelbon",
        it="ORDINE D'ACQUISTO|Ordine fornitore|Ordine",
        fi="TILAUS|Ostotilaus|Tilaus",
    ),
    "invoice": _t(
        en="INVOICE|Tax Invoice|Commercial Invoice|Invoice|TAX INVOICE",
        de="Rechnung|RECHNUNG",
        fr="FACTURE|Facture",
        es="FACTURA|Factura",
        nl="FACTUUR|Factuur",
        it="FATTURA|Fattura",
        fi="LASKU|Lasku",
    ),
    "quote": _t(
        en="QUOTATION|Quote|Sales Quotation|Price Quotation|Offer",
        de="Angebot|ANGEBOT",
        fr="DEVIS|Offre de prix",
        es="PRESUPUESTO|Oferta|Cotización",
        nl="OFFERTE|Offerte",
        it="OFFERTA|Preventivo",
        fi="TARJOUS|Tarjous",
    ),
    "rfq": _t(
        en="REQUEST FOR QUOTATION|Request for Quote|RFQ|Inquiry",
        de="Anfrage|ANFRAGE|Preisanfrage",
        fr="DEMANDE DE PRIX|Demande de devis",
        es="SOLICITUD DE OFERTA|Solicitud de cotización",
        nl="OFFERTEAANVRAAG|Prijsaanvraag",
        it="RICHIESTA DI OFFERTA|Richiesta preventivo",
        fi="TARJOUSPYYNTÖ|Tarjouspyyntö",
    ),
    "order_confirmation": _t(
        en="ORDER CONFIRMATION|Order Acknowledgement|Sales Order Confirmation|Acknowledgment of Order",
        de="Auftragsbestätigung|AUFTRAGSBESTÄTIGUNG",
        fr="CONFIRMATION DE COMMANDE|Accusé de réception de commande",
        es="CONFIRMACIÓN DE PEDIDO|Acuse de pedido",
        nl="ORDERBEVESTIGING|Orderbevestiging",
        it="CONFERMA D'ORDINE|Conferma ordine",
        fi="TILAUSVAHVISTUS|Tilausvahvistus",
    ),
    "delivery_note": _t(
        en="DELIVERY NOTE|Packing Slip|Packing List|Goods Received Note|Dispatch Note|Goods Receipt",
        de="Lieferschein|LIEFERSCHEIN|Wareneingangsschein",
        fr="BON DE LIVRAISON|Bordereau de livraison",
        es="ALBARÁN|Albarán de entrega|Nota de entrega",
        nl="PAKBON|Afleverbon|Leveringsbon",
        it="DOCUMENTO DI TRASPORTO|DDT|Bolla di consegna",
        fi="LÄHETE|Lähetysluettelo|Vastaanottokuittaus",
    ),
    "statement": _t(
        en="STATEMENT OF ACCOUNT|Account Statement|Customer Statement|Statement",
        de="Kontoauszug|Offene-Posten-Liste|Saldenbestätigung",
        fr="RELEVÉ DE COMPTE|Relevé client",
        es="EXTRACTO DE CUENTA|Estado de cuenta",
        nl="REKENINGOVERZICHT|Openstaande posten",
        it="ESTRATTO CONTO|Estratto conto",
        fi="TILIOTE|Avoimet laskut|Saldovahvistus",
    ),
}

# Each kind's own header fields (the PO's are in labels.HEADER)
KIND_LABELS = {
    "doc_number": {
        "invoice": _t(
            en="Invoice No.|Invoice #|Invoice Number|Inv. No.",
            de="Rechnungsnummer|Rechnungs-Nr.|Rechnung Nr.",
            fr="N° de facture|Facture n°",
            es="Nº de factura|Factura nº",
            nl="Factuurnummer|Factuurnr.",
            it="Numero fattura|Fattura n.",
            fi="Laskun numero|Laskunro",
        ),
        "quote": _t(
            en="Quote No.|Quotation #|Quotation Number|Offer No.",
            de="Angebotsnummer|Angebot Nr.",
            fr="Devis n°|N° de devis",
            es="Nº presupuesto|Oferta nº",
            nl="Offertenummer",
            it="Offerta n.|N. preventivo",
            fi="Tarjousnumero|Tarjous nro",
        ),
        "rfq": _t(
            en="RFQ No.|Inquiry No.|RFQ #|Request No.",
            de="Anfrage-Nr.|Anfragenummer",
            fr="Demande n°",
            es="Nº solicitud",
            nl="Aanvraagnummer",
            it="Richiesta n.",
            fi="Tarjouspyyntö nro",
        ),
        "order_confirmation": _t(
            en="Confirmation No.|Sales Order No.|Our Order No.|SO #|Acknowledgement No.",
            de="Auftragsnummer|AB-Nr.|Auftrags-Nr.",
            fr="N° de confirmation|Notre commande n°",
            es="Nº de confirmación|Nuestro pedido",
            nl="Orderbevestigingsnr.|Ons ordernummer",
            it="Conferma n.|Ns. ordine",
            fi="Vahvistus nro|Myyntitilaus",
        ),
        "delivery_note": _t(
            en="Delivery Note No.|Packing Slip #|Shipment No.|Dispatch No.|GRN No.",
            de="Lieferschein-Nr.|Lieferscheinnummer",
            fr="N° BL|Bon de livraison n°",
            es="Nº albarán",
            nl="Pakbonnummer",
            it="DDT n.|Documento n.",
            fi="Lähetenro|Lähetteen numero",
        ),
        "statement": _t(
            en="Statement No.|Account No.|Customer No.",
            de="Kundennummer|Konto-Nr.",
            fr="N° client|Compte",
            es="Nº cliente|Cuenta",
            nl="Klantnummer",
            it="Codice cliente",
            fi="Asiakasnumero",
        ),
    },
    "doc_date": _t(
        en="Date|Invoice Date|Document Date|Issue Date|Dated",
        de="Datum|Belegdatum|Rechnungsdatum",
        fr="Date|Date d'émission",
        es="Fecha|Fecha de emisión",
        nl="Datum|Documentdatum",
        it="Data|Data documento",
        fi="Päiväys|Päivämäärä",
    ),
    "due_date": _t(
        en="Due Date|Payment Due|Pay By",
        de="Fällig am|Zahlbar bis",
        fr="Échéance|Date d'échéance",
        es="Vencimiento|Fecha de vencimiento",
        nl="Vervaldatum",
        it="Scadenza",
        fi="Eräpäivä",
    ),
    "valid_until": _t(
        en="Valid Until|Validity|Offer valid until",
        de="Gültig bis|Bindefrist",
        fr="Valable jusqu'au",
        es="Válido hasta|Validez",
        nl="Geldig tot",
        it="Valida fino al",
        fi="Voimassa|Voimassa asti",
    ),
    "reply_by": _t(
        en="Quote Due|Reply by|Closing Date|Submit quotation by",
        de="Angebotsabgabe bis|Antwort bis",
        fr="Réponse avant le",
        es="Fecha límite de oferta",
        nl="Reactie voor",
        it="Risposta entro",
        fi="Vastaus viimeistään",
    ),
    "po_ref": _t(
        en="Your Order No.|Customer PO|Your PO #|PO Reference|Cust. PO No.|Your Ref.|Customer Order No.",
        de="Ihre Bestellung|Ihre Bestell-Nr.|Ihre Bestellnummer",
        fr="Votre commande|Votre réf. commande",
        es="Su pedido|Su Nº de pedido",
        nl="Uw ordernummer|Uw bestelling",
        it="Vs. ordine|Vostro ordine n.",
        fi="Tilauksenne|Tilausnumeronne",
    ),
    "po_date": _t(
        en="Order Date|Your Order Date|PO Date|Customer PO Date",
        de="Bestelldatum|Ihre Bestellung vom",
        fr="Date de votre commande",
        es="Fecha de su pedido",
        nl="Datum bestelling|Uw orderdatum",
        it="Data vs. ordine",
        fi="Tilauspäivä",
    ),
    "balance": _t(
        en="Balance Due|Total Outstanding|Amount Due|Closing Balance",
        de="Saldo|Offener Betrag",
        fr="Solde dû|Solde",
        es="Saldo pendiente|Saldo",
        nl="Openstaand saldo|Saldo",
        it="Saldo dovuto|Saldo",
        fi="Avoin saldo|Saldo",
    ),
}


@dataclass(frozen=True)
class KindRules:
    seller_issues: bool  # the seller is the issuer (else the buyer)
    prices: bool  # the line table carries prices and amounts
    totals: bool  # a totals block with subtotal / tax / total
    refers_to_po: float  # share that print the customer's PO number


RULES = {
    "purchase_order": KindRules(False, True, True, 0.0),
    "invoice": KindRules(True, True, True, 0.8),
    "quote": KindRules(True, True, True, 0.0),
    "rfq": KindRules(False, False, False, 0.0),
    "order_confirmation": KindRules(True, True, True, 0.95),
    "delivery_note": KindRules(True, False, False, 0.8),
    "statement": KindRules(True, False, False, 0.0),
}
