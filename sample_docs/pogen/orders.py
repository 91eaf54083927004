"""A purchase order's content (what gets printed) and its truth record."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .catalog import Product, by_sku, products
from .parties import SELLER, Address, Buyer, xref
from .prices import unit_price

CENT = Decimal("0.01")
GERMAN_WORDS = (("Hex bolt", "Sechskantschraube"), ("Hex nut", "Sechskantmutter"),
                ("Flat washer", "Unterlegscheibe"), ("zinc plated", "verzinkt"),
                ("stainless steel", "Edelstahl"), ("Socket head cap screw", "Zylinderschraube"),
                ("Cable tie", "Kabelbinder"), ("Nitrile disposable gloves", "Nitril-Einweghandschuhe"),
                ("Safety glasses", "Schutzbrille"), ("Threaded rod", "Gewindestange"),
                ("Wedge anchor", "Bolzenanker"), ("twist drill bit", "Spiralbohrer"))


@dataclass
class Line:
    code: str | None      # code printed on the line (ours, the buyer's, or none)
    sku: str              # our SKU behind it
    description: str
    quantity: Decimal
    uom: str              # as printed: EA, BX, "box of 100", ...
    unit_price: Decimal
    amount: Decimal


@dataclass
class PurchaseOrder:
    buyer: Buyer
    po_number: str
    order_date: date
    delivery_date: date | None
    ship_to: Address
    contact: str
    lines: list[Line]
    tax_rate: Decimal | None    # None: no tax row printed
    shipping: Decimal | None    # None: no shipping row printed
    extras: list[tuple[str, str]] = field(default_factory=list)   # other header fields: (label key, value)
    instruction: str | None = None                                # a special instruction in the notes

    @property
    def currency(self) -> str:
        return self.buyer.currency

    @property
    def subtotal(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), Decimal("0.00"))

    @property
    def tax(self) -> Decimal | None:
        if self.tax_rate is None:
            return None
        return (self.subtotal * self.tax_rate).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.subtotal + (self.tax or 0) + (self.shipping or 0)


def po_number(b: Buyer, rng: random.Random, day: date) -> str:
    n = rng.randint(1, 99999)
    return {
        "ACME": f"45000{n:05d}", "BAUER": f"BE-{day.year}-{n:05d}", "BRITWELL": f"BW{n:06d}",
        "MAPLE": f"MRC-{day:%y}{n:05d}", "SHAKTI": f"SPS/PO/{day.year}/{n:04d}"[:20],
        "PACIFIC": f"{day:%y}-{n:05d}", "VANDIJK": f"IO{n:07d}", "NORTHSTAR": f"NS-{n:06d}",
        "HARBOR": f"HP{day:%m}{n:05d}",
    }.get(b.code, f"PO{n:06d}")


def _uom_text(p: Product, uom_style: str) -> str:
    if uom_style == "words" and p.pack_size > 1:
        return {"BX": "box of", "PK": "pack of", "CS": "case of"}.get(p.uom, p.uom.lower() + " of") + f" {p.pack_size}"
    if uom_style == "de":
        return {"EA": "Stk", "BX": "Karton", "PK": "Pack", "CS": "Kiste", "RL": "Rolle", "PR": "Paar"}[p.uom]
    return p.uom


def _describe(p: Product, b: Buyer, lang: str, rng: random.Random) -> str:
    d = p.description
    if lang == "de":
        for en, de in GERMAN_WORDS:
            d = d.replace(en, de)
    if b.layout == "pacific":
        d = d.upper()
    elif rng.random() < 0.25 and "," in d:
        d = d.split(",")[0]           # buyers often shorten our wording
    if p.pack_size > 1 and rng.random() < 0.3:
        d += f" ({p.pack_size}/{p.uom.lower()})"
    return d


def make_line(p: Product, b: Buyer, rng: random.Random, code_mode: str, lang: str, uom_style: str) -> Line:
    qty = Decimal(rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 10, 12, 15, 20, 24, 25, 30, 40, 50, 100, 120, 200)))
    if p.list_price > 50 and qty > 10:
        qty = Decimal(rng.randint(1, 6))
    price = unit_price(b.price_list, p.sku, qty)
    code = {"ours": p.sku, "xref": xref(b.code).get(p.sku), "none": None}[code_mode]
    return Line(code, p.sku, _describe(p, b, lang, rng), qty, _uom_text(p, uom_style), price,
                (qty * price).quantize(CENT, ROUND_HALF_UP))


def make_lines(b: Buyer, rng: random.Random, n: int, code_mix: dict[str, float], lang: str,
               uom_style: str) -> list[Line]:
    """n lines, distinct products; codes chosen by the buyer's mix of ours/xref/none."""
    active = [p for p in products() if p.active]
    refs = xref(b.code)
    picked = rng.sample(active, min(n, len(active)))
    lines = []
    modes, weights = zip(*code_mix.items())
    for p in picked:
        mode = rng.choices(modes, weights)[0]
        if mode == "xref":
            if not refs:
                mode = "ours"
            elif p.sku not in refs:
                p = by_sku()[rng.choice(sorted(set(refs) - {ln.sku for ln in lines} or set(refs)))]
        lines.append(make_line(p, b, rng, mode, lang, uom_style))
    return lines


INSTRUCTIONS = {
    "en": ("Deliver Mon-Fri 7:00-15:00 to dock 4.", "Call 30 minutes before delivery.", "Partial shipments accepted.",
           "No partial shipments.", "Include certificates of conformity (EN 10204 3.1).",
           "Pallets must not exceed 1,000 kg.", "Advise lead time for backorders before shipping.",
           "Rush order: ship the same day if possible."),
    "de": ("Anlieferung Mo-Fr 7:00-15:00 Uhr, Tor 4.", "Teillieferungen zulässig.", "Keine Teillieferungen.",
           "Werkszeugnis 3.1 beifügen.", "Bitte Liefertermin umgehend bestätigen."),
}


def extras(rng: random.Random, day: date) -> list[tuple[str, str]]:
    """Zero to three other reference fields that sit near the PO number on real orders."""
    pool = [("vendor_no", str(rng.randint(10000, 99999))), ("quote", f"Q-{day.year}-{rng.randint(100, 9999)}"),
            ("requisition", f"REQ{rng.randint(100000, 999999)}"),
            ("ship_via", rng.choice(("UPS Ground", "FedEx Freight", "Best Way", "Our truck", "DHL Express"))),
            ("incoterms", rng.choice(("DAP", "FCA", "EXW", "CPT")))]
    return rng.sample(pool, rng.choice((0, 1, 1, 2, 3)))


def make_order(b: Buyer, rng: random.Random, n_lines: int, code_mix: dict[str, float], lang: str = "en",
               uom_style: str = "code", tax_rate: Decimal | None = None) -> PurchaseOrder:
    day = date(2023, 1, 2) + timedelta(days=rng.randint(0, 900))
    delivery = day + timedelta(days=rng.randint(5, 45)) if rng.random() < 0.8 else None
    lines = make_lines(b, rng, n_lines, code_mix, lang, uom_style)
    shipping = Decimal(rng.choice(("0.00", "25.00", "45.50", "75.00", "120.00"))) if rng.random() < 0.5 else None
    if shipping is not None and b.currency == "INR":
        shipping *= 80
    instruction = rng.choice(INSTRUCTIONS[lang]) if rng.random() < 0.4 else None
    return PurchaseOrder(b, po_number(b, rng, day), day, delivery, rng.choice(b.ship_to), rng.choice(b.contacts),
                         lines, tax_rate, shipping, extras(rng, day), instruction)


def truth(po: PurchaseOrder) -> dict:
    """What is printed, in the scorer's format (shared/eval/README.md)."""
    def s(x):
        return None if x is None else f"{x:.2f}"

    return {
        "po_number": po.po_number,
        "order_date": po.order_date.isoformat(),
        "requested_delivery_date": po.delivery_date.isoformat() if po.delivery_date else None,
        "buyer": po.buyer.name,
        "supplier": SELLER.name,
        "ship_to": po.ship_to.one_line(),
        "currency": po.currency,
        "subtotal": s(po.subtotal),
        "tax": s(po.tax),
        "total": s(po.total),
        "line_items": [
            {"sku": ln.code, "description": ln.description, "quantity": f"{ln.quantity.normalize():f}",
             "unit_price": s(ln.unit_price), "amount": s(ln.amount)}
            for ln in po.lines
        ],
    }
