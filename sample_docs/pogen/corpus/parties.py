"""Fictional companies, people and addresses, composed from each country's
word stock (no real firm's name is used)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .countries import COUNTRIES, ENDINGS, INDUSTRY, STEMS, Country


@dataclass(frozen=True)
class Party:
    name: str
    lines: tuple[str, ...]  # address lines below the name
    country: Country
    vat_id: str
    phone: str
    email: str
    web: str
    person: str

    def one_line(self) -> str:
        return ", ".join((self.name, *self.lines))


def postcode(pattern: str, rng: random.Random) -> str:
    out = []
    for ch in pattern:
        if ch == "9":
            out.append(str(rng.randint(0, 9)) if out else str(rng.randint(1, 9)))
        elif ch == "A":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXY"))
        else:
            out.append(ch)
    return "".join(out)


def person(c: Country, rng: random.Random) -> str:
    first, last = rng.choice(c.first_names), rng.choice(c.surnames)
    return rng.choice((f"{first} {last}", f"{first[0]}. {last}", f"{last}, {first}", f"{first} {last}".upper()))


def company_name(c: Country, rng: random.Random) -> str:
    stem = rng.choice(STEMS) + rng.choice(ENDINGS)
    industry = rng.choice(INDUSTRY[c.lang])
    surname = rng.choice(c.surnames)
    pattern = rng.choice(("stem_ind", "sur_ind", "sur_sur", "stem", "stem_ind", "sur_ind"))
    base = {
        "stem_ind": f"{stem} {industry}",
        "sur_ind": f"{surname} {industry}",
        "sur_sur": f"{surname} & {rng.choice(c.surnames)}",
        "stem": stem,
    }[pattern]
    if pattern == "stem" and rng.random() < 0.5:
        base = f"{stem} {rng.choice(INDUSTRY['en'])}"
    return f"{base} {rng.choice(c.suffixes)}"


def street(c: Country, rng: random.Random) -> str:
    return rng.choice(c.street).format(name=rng.choice(c.street_names), n=rng.randint(1, 480))


def city_line(c: Country, rng: random.Random) -> str:
    city, code = rng.choice(c.cities), postcode(c.postcode, rng)
    if c.code in ("US", "CA"):
        return f"{city} {code}" if rng.random() < 0.6 else f"{city}  {code}".upper()
    if c.code == "IN":
        return f"{city} - {code}" if rng.random() < 0.5 else f"{city} {code}"
    if c.code == "GB":
        return f"{city} {code}"
    if c.code == "FI":
        return f"FI-{code} {city.upper()}" if rng.random() < 0.3 else f"{code} {city}"
    return f"{code} {city}"


def vat_id(c: Country, rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
    if c.code == "IN":
        return (
            f"{rng.randint(10, 37)}{''.join(rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(5))}"
            f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGH')}1Z{rng.randint(1, 9)}"
        )
    if c.code in ("US", "CA"):
        return f"{digits[:2]}-{digits[2:9]}"
    prefix = {
        "GB": "GB",
        "DE": "DE",
        "AT": "ATU",
        "CH": "CHE-",
        "FR": "FR",
        "BE": "BE0",
        "NL": "NL",
        "ES": "ES",
        "MX": "",
        "IT": "IT",
        "FI": "FI",
    }[c.code]
    return prefix + digits + ("B01" if c.code == "NL" else "")


DIAL = {"AT": 43, "CH": 41, "BE": 32, "NL": 31, "ES": 34, "MX": 52, "IT": 39}


def phone(c: Country, rng: random.Random) -> str:
    n = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731 - a tiny local digit drawer
    return {
        "US": f"({n(3)}) {n(3)}-{n(4)}",
        "CA": f"{n(3)}-{n(3)}-{n(4)}",
        "IN": f"+91 {n(5)} {n(5)}",
        "GB": f"+44 {n(4)} {n(6)}",
        "DE": f"+49 {n(3)} {n(6)}-{n(2)}",
        "FR": f"+33 {n(1)} {n(2)} {n(2)} {n(2)} {n(2)}",
        "FI": f"+358 {n(2)} {n(3)} {n(4)}",
    }.get(c.code, f"+{DIAL.get(c.code, 1)} {n(3)} {n(6)}")


def slug(name: str) -> str:
    word = re.sub(r"[^a-z]", "", name.lower().split()[0].translate(str.maketrans("äöüéèàçñ", "aoueeacn")))
    return word or "company"


def make_party(c: Country, rng: random.Random, name: str | None = None) -> Party:
    name = name or company_name(c, rng)
    lines = [street(c, rng)]
    if rng.random() < 0.15:
        lines.insert(0, rng.choice(("Building 2", "Gate 3", "Dock 4-6", "Suite 210", "2nd Floor", "Hall B")))
    lines.append(city_line(c, rng))
    if rng.random() < 0.7:
        lines.append(c.name if rng.random() < 0.8 else c.name.upper())
    dom = f"{slug(name)}.example"
    return Party(
        name,
        tuple(lines),
        c,
        vat_id(c, rng),
        phone(c, rng),
        f"{rng.choice(('info', 'orders', 'purchasing', 'ap', 'einkauf', 'sales'))}@{dom}",
        f"www.{dom}",
        person(c, rng),
    )


def site_of(p: Party, rng: random.Random) -> Party:
    """Another address of the same company (a plant, a warehouse, a store)."""
    c = p.country
    word = {
        "en": ("Plant", "Warehouse", "DC", "Receiving", "Site"),
        "de": ("Werk", "Lager", "Zentrallager"),
        "fr": ("Usine", "Entrepôt", "Dépôt"),
        "es": ("Planta", "Almacén", "Centro logístico"),
        "nl": ("Magazijn", "Vestiging", "DC"),
        "it": ("Stabilimento", "Magazzino", "Deposito"),
        "fi": ("Tehdas", "Varasto", "Logistiikkakeskus"),
    }[c.lang]
    name = rng.choice(
        (
            f"{p.name} - {rng.choice(word)} {rng.choice(c.cities).split(',')[0]}",
            f"{p.name.split()[0]} {rng.choice(word)} {rng.randint(1, 9)}",
            p.name.upper(),
            p.name,
        )
    )
    site = make_party(c, rng, name)
    return Party(site.name, site.lines, c, p.vat_id, site.phone, p.email, p.web, site.person)


def country(code: str) -> Country:
    return COUNTRIES[code]
