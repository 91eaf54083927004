"""The seller (us) and the fictional buyer companies, with their addresses,
terms and own part numbers (customer cross-references)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

from .catalog import products


@dataclass(frozen=True)
class Address:
    name: str
    lines: tuple[str, ...]   # street, city line, country

    def one_line(self) -> str:
        return ", ".join((self.name, *self.lines))


SELLER = Address("Northwind Fasteners Ltd", (
    "Unit 4, Tame Valley Business Park", "Tamworth B77 5BY", "United Kingdom"))
SELLER_EMAIL = "orders@northwind-fasteners.example"


@dataclass(frozen=True)
class Buyer:
    code: str
    name: str
    layout: str              # key into styles.STYLES ("mix": a layout drawn per document)
    domain: str
    senders: tuple[str, ...]
    hq: tuple[str, ...]      # letterhead address lines
    ship_to: tuple[Address, ...]
    bill_to: Address
    currency: str
    terms: str
    credit_limit: int
    automation: str          # never | confident | always
    priority: int
    part_format: str = ""    # their own part numbers, e.g. "AC-{n:06d}"; "" = none
    contacts: tuple[str, ...] = field(default=("Purchasing",))

    @property
    def price_list(self) -> str:
        return f"LIST-{self.currency}"


def _b(code, name, layout, domain, senders, hq, ships, currency, terms, limit, auto, prio, fmt, contacts):
    ship = tuple(Address(n, tuple(ls)) for n, ls in ships)
    return Buyer(code, name, layout, domain, tuple(f"{s}@{domain}" for s in senders), tuple(hq), ship,
                 Address(name, tuple(hq)), currency, terms, limit, auto, prio, fmt, tuple(contacts))


BUYERS: tuple[Buyer, ...] = (
    _b("ACME", "Acme Industrial Supply Inc.", "acme", "acme-industrial.example", ("purchasing", "j.ortega"),
       ("1200 Commerce St", "Dallas, TX 75201", "USA"),
       [("Acme Industrial - Dallas DC", ["4400 Irving Blvd", "Dallas, TX 75247", "USA"]),
        ("Acme Industrial - Houston", ["9000 Clinton Dr", "Houston, TX 77029", "USA"])],
       "USD", "Net 30", 250000, "confident", 2, "AC-{n:06d}", ("Jorge Ortega", "Kim Lee")),
    _b("BAUER", "Bauer Maschinenbau GmbH", "bauer", "bauer-maschinenbau.example", ("einkauf", "s.keller"),
       ("Industriestraße 12", "70565 Stuttgart", "Deutschland"),
       [("Bauer Maschinenbau GmbH Werk 2", ["Am Hafen 7", "68159 Mannheim", "Deutschland"]),
        ("Bauer Maschinenbau GmbH", ["Industriestraße 12", "70565 Stuttgart", "Deutschland"])],
       "EUR", "30 Tage netto", 150000, "confident", 2, "{a:02d}-{n:04d}-{b:02d}", ("Sabine Keller", "Tobias Brandt")),
    _b("BRITWELL", "Britwell Engineering Ltd", "britwell", "britwell-eng.example", ("procurement", "a.hughes"),
       ("Riverside Works, Attercliffe Rd", "Sheffield S4 7WZ", "United Kingdom"),
       [("Britwell Engineering Ltd - Stores", ["Riverside Works, Attercliffe Rd", "Sheffield S4 7WZ",
                                               "United Kingdom"])],
       "GBP", "30 days end of month", 80000, "always", 3, "", ("Alan Hughes",)),
    _b("MAPLE", "Maple Ridge Construction Corp.", "maple", "mapleridge-construction.example", ("po", "d.tremblay"),
       ("255 Queens Quay W, Suite 900", "Toronto, ON M5J 2N1", "Canada"),
       [("Maple Ridge - Site 14 Gatehouse", ["3100 Steeles Ave E", "Markham, ON L3R 8T3", "Canada"]),
        ("Maple Ridge - Yard", ["85 Citation Dr", "Vaughan, ON L4K 2Z6", "Canada"])],
       "CAD", "Net 45", 120000, "confident", 3, "MR{n:05d}", ("Denis Tremblay",)),
    _b("SHAKTI", "Shakti Power Systems Pvt. Ltd.", "shakti", "shaktipower.example", ("purchase", "r.kulkarni"),
       ("Plot 42, MIDC Bhosari", "Pune 411026, Maharashtra", "India"),
       [("Shakti Power Systems - Chakan Plant", ["Gat No. 118, Chakan Industrial Area", "Pune 410501, Maharashtra",
                                                 "India"])],
       "INR", "45 days from invoice", 9000000, "never", 4, "SPS/{a:02d}/{n:04d}", ("Rahul Kulkarni",)),
    _b("PACIFIC", "Pacific Coast Marine Services LLC", "pacific", "pacificcoastmarine.example", ("ap-po", "m.nguyen"),
       ("2201 Alaskan Way, Pier 66", "Seattle, WA 98121", "USA"),
       [("PCMS Shipyard Receiving", ["1801 W Marginal Way SW", "Seattle, WA 98106", "USA"])],
       "USD", "Net 30", 60000, "confident", 3, "", ("Minh Nguyen",)),
    _b("VANDIJK", "Van Dijk Techniek B.V.", "vandijk", "vandijk-techniek.example", ("inkoop", "p.devries"),
       ("Waalhaven Z.z. 40", "3089 JH Rotterdam", "Netherlands"),
       [("Van Dijk Techniek B.V. Magazijn", ["Waalhaven Z.z. 40", "3089 JH Rotterdam", "Netherlands"])],
       "EUR", "Net 30 days", 90000, "confident", 3, "VD{n:06d}", ("Pieter de Vries",)),
    _b("NORTHSTAR", "Northstar Facilities Group", "northstar", "northstarfacilities.example", ("orders", "b.larson"),
       ("800 Nicollet Mall, Floor 12", "Minneapolis, MN 55402", "USA"),
       [("Northstar - St. Paul Campus", ["1450 Energy Park Dr", "St. Paul, MN 55108", "USA"]),
        ("Northstar - Bloomington", ["8100 34th Ave S", "Bloomington, MN 55425", "USA"])],
       "USD", "2% 10, Net 30", 200000, "always", 1, "", ("Beth Larson", "Omar Haddad")),
    _b("HARBOR", "Harbor Point Electric Co.", "harbor", "harborpoint-electric.example", ("buyers", "t.walsh"),
       ("55 Summer St", "Boston, MA 02110", "USA"),
       [("Harbor Point Electric - Warehouse", ["20 Terminal St", "Charlestown, MA 02129", "USA"])],
       "USD", "Net 30", 75000, "confident", 2, "HPE-{a:02d}{n:04d}", ("Tom Walsh",)),
    _b("CASCADE", "Cascade Hardware Distributors", "mix", "cascadehardware.example", ("orders",),
       ("410 SW Columbia St", "Portland, OR 97201", "USA"),
       [("Cascade Hardware DC", ["12000 NE Airport Way", "Portland, OR 97220", "USA"])],
       "USD", "Net 30", 40000, "never", 5, "CHD-{n:05d}", ("Orders desk", "Dana Fischer")),
    _b("LUMEN", "Lumen Fit-Out Ltd", "mix", "lumenfitout.example", ("buying",),
       ("7 Canal Wharf", "Leeds LS11 5PS", "United Kingdom"),
       [("Lumen Fit-Out Ltd", ["7 Canal Wharf", "Leeds LS11 5PS", "United Kingdom"])],
       "GBP", "Net 30", 25000, "confident", 4, "", ("Buying team",)),
)


def buyer(code: str) -> Buyer:
    return next(b for b in BUYERS if b.code == code)


@cache
def xref(code: str) -> dict[str, str]:
    """The buyer's own part numbers: our SKU -> their part, for ~40 active products."""
    b = buyer(code)
    if not b.part_format:
        return {}
    rng = random.Random(f"xref-{code}")
    active = [p for p in products() if p.active]
    chosen = rng.sample(active, 40)
    out, used = {}, set()
    for p in chosen:
        while True:
            part = b.part_format.format(n=rng.randint(1000,
                                                      99999) % (10 ** 4 if "{n:04d}" in b.part_format else 10 ** 6),
                                        a=rng.randint(10, 99), b=rng.randint(1, 20))
            if part not in used:
                break
        used.add(part)
        out[p.sku] = part
    return out
