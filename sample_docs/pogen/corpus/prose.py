"""Running text that surrounds the fields: instructions to the supplier, terms
and conditions, legal footers. Composed from sentence parts so no two
documents repeat a paragraph word for word."""

from __future__ import annotations

import random

INSTRUCTIONS = {
    "en": (
        "Please confirm receipt of this order within {n} working days.",
        "Quote our order number on all invoices, delivery notes and correspondence.",
        "Deliveries accepted Monday to Friday between 7:00 and {h}:00 only.",
        "Partial shipments are not accepted without prior approval.",
        "A certificate of analysis must accompany each delivery.",
        "Invoices must be sent by e-mail to {email}.",
        "Call {phone} at least 24 hours before delivery.",
        "Pallets must not exceed {kg} kg and 1.8 m in height.",
        "Goods must be packed to prevent damage in transit.",
        "Prices are fixed for the duration of this order.",
    ),
    "de": (
        "Bitte bestätigen Sie den Eingang dieser Bestellung innerhalb von {n} Arbeitstagen.",
        "Bestellnummer auf allen Rechnungen und Lieferscheinen angeben.",
        "Warenannahme Montag bis Freitag von 7:00 bis {h}:00 Uhr.",
        "Teillieferungen nur nach vorheriger Absprache.",
        "Rechnungen bitte per E-Mail an {email}.",
        "Jeder Lieferung ist ein Werkszeugnis beizufügen.",
        "Es gelten unsere allgemeinen Einkaufsbedingungen.",
    ),
    "fr": (
        "Merci de nous retourner l'accusé de réception sous {n} jours.",
        "Rappeler notre numéro de commande sur toutes les factures et bons de livraison.",
        "Livraisons du lundi au vendredi de 7h00 à {h}h00.",
        "Les factures sont à adresser à {email}.",
        "Toute livraison partielle doit être acceptée au préalable.",
    ),
    "es": (
        "Rogamos confirmen la recepción de este pedido en un plazo de {n} días.",
        "Indicar el número de pedido en todas las facturas y albaranes.",
        "Horario de recepción de mercancía: lunes a viernes de 7:00 a {h}:00.",
        "Enviar las facturas a {email}.",
    ),
    "nl": (
        "Gelieve deze bestelling binnen {n} werkdagen te bevestigen.",
        "Vermeld ons bestelnummer op alle facturen en pakbonnen.",
        "Facturen uitsluitend per e-mail naar {email}.",
    ),
    "it": (
        "Si prega di confermare il presente ordine entro {n} giorni.",
        "Indicare il numero d'ordine su fatture e documenti di trasporto.",
        "Inviare le fatture a {email}.",
    ),
    "fi": (
        "Pyydämme vahvistamaan tilauksen {n} arkipäivän kuluessa.",
        "Merkitkää tilausnumeromme kaikkiin laskuihin ja lähetteisiin.",
        "Laskut sähköpostitse osoitteeseen {email}.",
    ),
}

TERMS_SUBJECTS = {
    "en": ("The Supplier", "The Seller", "Vendor", "The Contractor"),
    "de": ("Der Lieferant", "Der Auftragnehmer"),
    "fr": ("Le Fournisseur", "Le Vendeur"),
    "es": ("El Proveedor", "El Vendedor"),
}
TERMS_PARTS = {
    "en": (
        (
            "shall deliver the goods",
            "shall invoice the goods",
            "warrants that all goods",
            "shall indemnify the Buyer",
            "may not assign this order",
            "shall comply with all applicable laws",
        ),
        (
            "in accordance with the specifications stated herein",
            "free from defects in material and workmanship",
            "against all claims arising from the use of the goods",
            "without the prior written consent of the Buyer",
            "at the delivery address and on the date stated",
            "including export control and anti-bribery regulations",
        ),
        (
            "Time of delivery is of the essence.",
            "Title passes on acceptance at the delivery address.",
            "The Buyer may reject non-conforming goods at the Supplier's cost.",
            "This order is governed by the laws of the Buyer's country.",
            "Acceptance of this order implies acceptance of these terms.",
            "",
        ),
    ),
    "de": (
        (
            "liefert die Ware",
            "gewährleistet, dass die Ware",
            "stellt den Besteller frei",
            "darf diesen Auftrag nicht übertragen",
        ),
        (
            "gemäß den vereinbarten Spezifikationen",
            "frei von Sach- und Rechtsmängeln ist",
            "von allen Ansprüchen Dritter",
            "ohne schriftliche Zustimmung des Bestellers",
        ),
        (
            "Der Liefertermin ist verbindlich.",
            "Gerichtsstand ist der Sitz des Bestellers.",
            "Es gilt deutsches Recht.",
            "",
        ),
    ),
    "fr": (
        ("livre la marchandise", "garantit que la marchandise", "ne peut céder la présente commande"),
        ("conformément aux spécifications convenues", "est exempte de tout vice", "sans l'accord écrit de l'acheteur"),
        (
            "Le délai de livraison est impératif.",
            "Tout litige relève du tribunal de commerce du siège de l'acheteur.",
            "",
        ),
    ),
    "es": (
        ("entregará la mercancía", "garantiza que la mercancía", "no podrá ceder este pedido"),
        (
            "conforme a las especificaciones acordadas",
            "está libre de defectos",
            "sin el consentimiento escrito del comprador",
        ),
        ("El plazo de entrega es esencial.", "Este pedido se rige por la legislación española.", ""),
    ),
}
TERMS_TITLE = {
    "en": ("TERMS AND CONDITIONS OF PURCHASE", "General Terms and Conditions", "STANDARD TERMS"),
    "de": ("Allgemeine Einkaufsbedingungen", "Einkaufsbedingungen"),
    "fr": ("Conditions générales d'achat",),
    "es": ("Condiciones generales de compra",),
}


def instructions(lang: str, rng: random.Random, email: str, phone: str, k: int) -> list[str]:
    pool = INSTRUCTIONS.get(lang, INSTRUCTIONS["en"])
    return [
        s.format(
            n=rng.choice((2, 3, 5)),
            h=rng.choice((14, 15, 16)),
            email=email,
            phone=phone,
            kg=rng.choice((800, 1000, 1200)),
        )
        for s in rng.sample(pool, min(k, len(pool)))
    ]


def terms_paragraph(lang: str, rng: random.Random) -> str:
    lang = lang if lang in TERMS_PARTS else "en"
    subjects, (verbs, objects, closers) = (
        TERMS_SUBJECTS[lang],
        (TERMS_PARTS[lang][0], TERMS_PARTS[lang][1], TERMS_PARTS[lang][2]),
    )
    sentences = [f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}." for _ in range(rng.randint(2, 4))]
    sentences.append(rng.choice(closers))
    return " ".join(s for s in sentences if s)


def terms_title(lang: str, rng: random.Random) -> str:
    return rng.choice(TERMS_TITLE.get(lang, TERMS_TITLE["en"]))
