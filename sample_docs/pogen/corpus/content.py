"""What a document says, before it is drawn: the family (one issuer with its
print form) and each document's parties, numbers, dates, lines and totals."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .countries import COUNTRIES, Country
from .design import Design, draw_design
from .kinds import RULES
from .parties import Party, make_party, person, site_of
from .products import Item, code_style, draw_item, item_code, trades_for

CENT = Decimal("0.01")
RATE = {"USD": "1", "EUR": "0.92", "GBP": "0.79", "INR": "83", "CAD": "1.36", "CHF": "0.88", "MXN": "17.1"}
PAY_TERMS = {
    "en": (
        "Net 30",
        "Net 60 days",
        "30 days from invoice date",
        "Due on receipt",
        "2% 10, Net 30",
        "Within 30 days Due net",
        "NET 45",
        "Advance payment",
    ),
    "de": ("30 Tage netto", "14 Tage 2% Skonto, 30 Tage netto", "Zahlbar sofort ohne Abzug"),
    "fr": ("30 jours fin de mois", "45 jours date de facture", "Paiement à réception"),
    "es": ("30 días fecha factura", "Transferencia a 60 días", "Contado"),
    "nl": ("30 dagen netto", "Binnen 14 dagen"),
    "it": ("Bonifico 60 gg d.f.f.m.", "Rimessa diretta 30 gg"),
    "fi": ("14 pv netto", "30 päivää netto"),
}
INCOTERMS = ("EXW", "FCA", "DAP", "DDP", "CPT", "FOB", "CIF", "FOB Origin", "DAP destination")
CARRIERS = ("UPS Ground", "DHL Freight", "Our truck", "Best way", "FedEx", "Schenker", "Collect", "Kuehne + Nagel")


@dataclass
class Family:
    key: str  # layout_group
    country: Country
    lang: str
    lang2: str | None  # a second label language (mixed documents)
    currency: str
    company: Party  # the issuer of every document of the family
    code_style: str
    trades: list[str]
    number_style: str  # shape of the family's document numbers
    design: Design
    upper_desc: bool


@dataclass
class Line:
    line_no: str
    sku: str | None  # the item code truth reports
    other_code: str | None  # the other party's code, printed too
    description: str
    hsn: str | None
    unit: str
    quantity: Decimal
    price: Decimal  # printed price, for `per` units
    per: int
    discount: Decimal | None  # percent
    tax_rate: Decimal | None  # percent
    tax_amount: Decimal | None
    amount: Decimal  # net of discount, before tax
    when: date | None  # the line's delivery date
    notes: list[str] = field(default_factory=list)

    @property
    def unit_price(self) -> Decimal:
        return self.price / self.per


@dataclass
class Doc:
    kind: str
    family: Family
    buyer: Party
    supplier: Party
    ship_to: Party | None
    bill_to: Party | None
    number: str  # the document's own number (a PO's is the PO number)
    po_ref: str | None  # the customer's PO number a non-PO document quotes
    day: date
    po_day: date | None  # the customer's PO date a non-PO document quotes
    delivery: date | None
    other_dates: dict[str, date]
    payment_terms: str | None
    contact: str | None
    extras: list[tuple[str, str]]
    lines: list[Line]
    discount: Decimal | None
    taxes: list[tuple[Decimal, Decimal]]  # (rate percent, amount)
    shipping: Decimal | None
    instructions: list[str] = field(default_factory=list)

    @property
    def issuer(self) -> Party:
        return self.family.company

    @property
    def subtotal(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), Decimal("0.00"))

    @property
    def tax(self) -> Decimal:
        return sum((amount for _rate, amount in self.taxes), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.subtotal - (self.discount or 0) + self.tax + (self.shipping or 0)


def make_family(key: str, rng: random.Random, mixed: bool) -> Family:
    country = COUNTRIES[rng.choices(list(COUNTRIES), [5, 1, 3, 4, 4, 1, 1, 2, 1, 2, 2, 1, 2, 2][: len(COUNTRIES)])[0]]
    lang = country.lang
    lang2 = rng.choice([x for x in ("en", "de", "fr") if x != lang]) if mixed else None
    currency = country.currency if rng.random() < 0.9 else rng.choice(("USD", "EUR"))
    company = make_party(country, rng)
    return Family(
        key,
        country,
        lang,
        lang2,
        currency,
        company,
        code_style(rng),
        trades_for(rng),
        rng.choice(("sap", "prefix_year", "digits", "indian", "letters", "dash")),
        draw_design(key, country, rng),
        rng.random() < 0.25,
    )


def doc_number(style: str, kind: str, day: date, rng: random.Random) -> str:
    n = rng.randint(1, 999999)
    prefix = {
        "purchase_order": "PO",
        "invoice": "INV",
        "quote": "QT",
        "rfq": "RFQ",
        "order_confirmation": "SO",
        "delivery_note": "DN",
        "statement": "ST",
    }[kind]
    return {
        "sap": f"{rng.choice((45, 55, 43, 35))}{rng.randint(0, 99999999):08d}",
        "prefix_year": f"{prefix}-{day.year}-{n % 100000:05d}",
        "digits": f"{n:06d}"[-rng.choice((5, 6)) :],
        "indian": f"{rng.choice(('ABC', 'PUR', prefix))}/{day.year % 100}-{day.year % 100 + 1}/{n % 1000:03d}",
        "letters": f"{prefix}{n:07d}",
        "dash": f"{n % 100:02d}-{n % 10000:04d}",
    }[style]


QUANTITIES = (
    1,
    2,
    3,
    4,
    5,
    6,
    8,
    10,
    12,
    15,
    20,
    24,
    25,
    30,
    40,
    48,
    50,
    60,
    100,
    120,
    144,
    200,
    250,
    500,
    504,
    540,
    1000,
    1200,
    2040,
    5000,
)


def _quantity(item: Item, rng: random.Random) -> Decimal:
    """Cheap things by the hundred, dear things by the piece."""
    if item.unit in ("KG", "M", "L", "TON") and rng.random() < 0.4:
        return Decimal(str(round(rng.uniform(1, 900), rng.choice((1, 2)))))
    cap = 10 if item.base_price > 200 else 100 if item.base_price > 20 else 5000
    return Decimal(rng.choice([q for q in QUANTITIES if q <= cap]))


def make_line(fam: Family, i: int, item: Item, rng: random.Random, kind_prices: bool, day: date) -> Line:
    d = fam.design
    cols = d.columns
    qty = _quantity(item, rng)
    rate = Decimal(RATE.get(fam.currency, "1"))
    unit_price = item.base_price * rate * Decimal(str(rng.uniform(0.8, 1.2)))
    per = rng.choice((1, 1, 100, 1000)) if ("per" in cols or d.per_inline) and unit_price < 5 else 1
    places = 4 if unit_price < 1 and rng.random() < 0.5 else 2
    price = (unit_price * per).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) or CENT
    disc = Decimal(rng.choice(("0", "2", "5", "10", "12.5"))) if "discount" in cols else None
    gross = qty * price / per * (1 - (disc or Decimal(0)) / 100)
    amount = gross.quantize(CENT, ROUND_HALF_UP)
    rates = fam.country.tax_rates if rng.random() < 0.15 else fam.country.tax_rates[:1]
    tax_rate = Decimal(rng.choice(rates)) * 100 if {"tax_rate", "tax_amount"} & set(cols) else None
    tax_amount = (amount * tax_rate / 100).quantize(CENT, ROUND_HALF_UP) if tax_rate is not None else None
    desc = item.description.upper() if fam.upper_desc else item.description
    if rng.random() < 0.15:
        desc += rng.choice(
            (
                ", as per drawing DWG-{0} rev. {1}",
                " - supplied with certificate of conformity {0}",
                " incl. packaging and labelling per spec {0}{1}",
            )
        ).format(rng.randint(100, 9999), "BCD"[i % 3])
    coded = "sku" in cols or d.stacked_code
    primary = item_code(fam.code_style, rng, desc) if coded and rng.random() < 0.93 else None
    other = item_code(rng.choice(("digits8", "alnum_dash", "dotted")), rng) if "customer_sku" in cols else None
    step = {"1": 1, "10": 10, "00010": 10, "001": 1}[d.line_no_style]
    no = (i + 1) * step
    line_no = {"00010": f"{no:05d}", "001": f"{no:03d}"}.get(d.line_no_style, str(no))
    when = day + timedelta(days=rng.randint(5, 60)) if ("date" in cols or d.date_as_note) else None
    if when and rng.random() < d.same_date:
        when = day + timedelta(days=21)
    if not kind_prices:
        price, per, disc, amount, tax_rate, tax_amount = Decimal(0), 1, None, Decimal(0), None, None
    return Line(
        line_no,
        primary,
        other,
        desc,
        item.hsn if "hsn" in cols else None,
        item.unit,
        qty,
        price,
        per,
        disc,
        tax_rate,
        tax_amount,
        amount,
        when,
    )


def counterparty(fam: Family, rng: random.Random) -> Party:
    home = fam.country if rng.random() < 0.8 else COUNTRIES[rng.choice(sorted(COUNTRIES))]
    return make_party(home, rng)


def make_doc(fam: Family, kind: str, rng: random.Random, n_lines: int) -> Doc:
    rules = RULES[kind]
    other = counterparty(fam, rng)
    buyer, supplier = (other, fam.company) if rules.seller_issues else (fam.company, other)
    day = date(2019, 1, 2) + timedelta(days=rng.randint(0, 2500))
    items = [draw_item(rng.choice(fam.trades), rng) for _ in range(n_lines)]
    lines = [make_line(fam, i, it, rng, rules.prices, day) for i, it in enumerate(items)]
    ship_to = site_of(buyer, rng) if rng.random() < 0.85 and kind != "statement" else None
    if fam.design.buyer_name_at == "ship_to" and not rules.seller_issues:
        ship_to = Party(
            buyer.name,
            ship_to.lines if ship_to else buyer.lines,
            buyer.country,
            buyer.vat_id,
            buyer.phone,
            buyer.email,
            buyer.web,
            buyer.person,
        )
    taxes = []
    net = sum((ln.amount for ln in lines), Decimal(0))
    discount = (
        (net * Decimal(rng.choice(("0.02", "0.03", "0.05")))).quantize(CENT, ROUND_HALF_UP)
        if "discount" in fam.design.totals_lines and rules.totals
        else None
    )
    taxed = rules.totals and ("tax" in fam.design.totals_lines or any(ln.tax_amount is not None for ln in lines))
    if taxed and any(ln.tax_amount is not None for ln in lines):
        by_rate: dict[Decimal, Decimal] = {}
        for ln in lines:
            by_rate[ln.tax_rate] = by_rate.get(ln.tax_rate, Decimal(0)) + ln.tax_amount
        taxes = sorted(by_rate.items(), reverse=True)
    elif taxed:
        r = Decimal(rng.choice(fam.country.tax_rates)) * 100
        taxes = [(r, ((net - (discount or 0)) * r / 100).quantize(CENT, ROUND_HALF_UP))]
    shipping = (
        Decimal(rng.choice(("0.00", "25.00", "45.50", "120.00", "350.00"))) * Decimal(RATE.get(fam.currency, "1"))
        if "shipping" in fam.design.totals_lines and rules.totals
        else None
    )
    refers = rng.random() < rules.refers_to_po
    po_day = day - timedelta(days=rng.randint(1, 30)) if refers and rng.random() < 0.6 else None
    delivery = (
        day + timedelta(days=rng.randint(3, 60))
        if kind in ("purchase_order", "rfq", "order_confirmation") and rng.random() < 0.75
        else None
    )
    others = {
        "due_date": day + timedelta(days=30),
        "valid_until": day + timedelta(days=rng.choice((14, 30, 60))),
        "reply_by": day + timedelta(days=rng.choice((7, 10, 14))),
    }
    extras = [(key, _extra(key, rng, day)) for key in fam.design.extras]
    return Doc(
        kind,
        fam,
        buyer,
        supplier,
        ship_to,
        buyer if rng.random() < 0.5 else None,
        doc_number(fam.number_style, kind, day, rng),
        doc_number(rng.choice(("sap", "digits", "prefix_year", "letters")), "purchase_order", day, rng)
        if refers
        else None,
        day,
        po_day,
        delivery,
        others,
        rng.choice(PAY_TERMS.get(fam.lang, PAY_TERMS["en"])) if rng.random() < 0.7 else None,
        person(fam.country, rng) if rng.random() < 0.6 else None,
        extras,
        lines,
        discount,
        taxes,
        shipping.quantize(CENT) if shipping is not None else None,
    )


def _extra(key: str, rng: random.Random, day: date) -> str:
    return {
        "vendor_no": str(rng.randint(10000, 999999)),
        "quote_ref": f"Q{day.year % 100}-{rng.randint(100, 9999)}",
        "requisition": f"{rng.choice(('REQ', 'PR', 'CC'))}{rng.randint(1000, 999999)}",
        "contract": f"{rng.randint(4600000000, 4699999999)}",
        "ship_via": rng.choice(CARRIERS),
        "incoterms": rng.choice(INCOTERMS),
    }[key]
