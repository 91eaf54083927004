"""Incoming document -> customer: sender address, sender domain, customer number,
company name and address. Signals that agree add up; each one is explained."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from email.utils import parseaddr

from rapidfuzz import fuzz, process

from app.catalog.matching.records import CustomerRecord, Match
from app.catalog.matching.text import norm_address, norm_code, norm_company

# Domains anyone can have an address at: they say nothing about the customer.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.de", "yahoo.fr",
    "ymail.com", "hotmail.com", "hotmail.co.uk", "hotmail.de", "hotmail.fr", "outlook.com",
    "outlook.de", "live.com", "live.de", "msn.com", "aol.com", "aol.de", "icloud.com",
    "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.com", "gmx.at", "gmx.ch", "web.de",
    "t-online.de", "freenet.de", "mail.com", "mail.de", "posteo.de", "protonmail.com",
    "proton.me", "pm.me", "tutanota.com", "zoho.com", "yandex.ru", "yandex.com", "mail.ru",
    "qq.com", "163.com", "126.com", "orange.fr", "free.fr", "wanadoo.fr", "laposte.net",
    "libero.it", "virgilio.it", "btinternet.com", "comcast.net", "verizon.net",
    "att.net", "sbcglobal.net", "bluewin.ch", "seznam.cz", "wp.pl", "o2.pl", "onet.pl",
})

NAME_CUTOFF = 70
ADDRESS_CUTOFF = 75
AGREEMENT_BONUS = 0.05  # times the score of each further signal that agrees


def sender_email(sender: str | None) -> str:
    """'Jane <Jane@Acme.com>' -> 'jane@acme.com' ('' when there is none)."""
    addr = parseaddr(sender or "")[1].strip().lower()
    return addr if "@" in addr else ""


def _domains(domain: str) -> list[str]:
    """'orders.eu.acme.com' -> ['orders.eu.acme.com', 'eu.acme.com', 'acme.com']."""
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


class CustomerMatcher:
    """Customers indexed for matching incoming documents. Build once, query often."""

    def __init__(self, customers: Iterable[CustomerRecord]):
        self.customers = list(customers)
        self.by_sender: dict[str, list[int]] = {}
        self.by_domain: dict[str, list[int]] = {}
        self.by_code: dict[str, list[int]] = {}
        self.names = [norm_company(c.name) for c in self.customers]
        self.address_texts: list[str] = []
        self.address_owner: list[tuple[int, str]] = []  # (customer, address as written)
        self.address_words: dict[str, list[int]] = {}  # word -> addresses holding it
        for i, c in enumerate(self.customers):
            for addr in c.sender_addresses:
                self.by_sender.setdefault(sender_email(addr) or addr.lower(), []).append(i)
            for dom in c.email_domains:
                dom = dom.lower().lstrip("@").strip()
                if dom and dom not in FREE_MAIL:
                    self.by_domain.setdefault(dom, []).append(i)
            if c.code:
                self.by_code.setdefault(norm_code(c.code), []).append(i)
            for addr in c.addresses:
                for word in set(norm_address(addr).split()):
                    self.address_words.setdefault(word, []).append(len(self.address_texts))
                self.address_texts.append(norm_address(addr))
                self.address_owner.append((i, addr))

    def match(self, sender: str | None, name: str | None, address: str | None,
              hint: str | None = None, limit: int = 5) -> list[Match]:
        """Best customers for a document, best first. `hint`: a customer number or
        name printed on the document."""
        evidence: dict[int, list[tuple[float, str, str]]] = {}

        def add(i: int, score: float, reason: str, method: str) -> None:
            evidence.setdefault(i, []).append((score, reason, method))

        email = sender_email(sender)
        if email:
            for i in self.by_sender.get(email, ()):
                add(i, 1.0, f"sender address {email}", "sender")
            domain = email.rsplit("@", 1)[1]
            if domain not in FREE_MAIL:
                for dom in _domains(domain):
                    if dom in self.by_domain:
                        for i in self.by_domain[dom]:
                            if i not in evidence:  # a known sender already says more
                                add(i, 0.95, f"sender domain {dom}", "domain")
                        break
        if hint:
            hits = self.by_code.get(norm_code(hint), [])
            for i in hits:
                add(i, 0.97, f"customer number {self.customers[i].code}", "hint")
            if not hits:
                self._by_name(hint, add, limit)
        if name:
            self._by_name(name, add, limit)
        if address and self.address_texts:
            query = norm_address(address)
            texts = self._address_candidates(query)
            for _, score, j in process.extract(query, texts, scorer=fuzz.token_set_ratio,
                                               limit=limit * 2, score_cutoff=ADDRESS_CUTOFF):
                i, written = self.address_owner[j]
                add(i, 0.85 * score / 100, f"address {score:.0f}% like '{written}'", "address")
        ranked = []
        for i, items in evidence.items():
            best = {}
            for score, reason, method in sorted(items, reverse=True):
                best.setdefault(method, (score, reason))
            items = sorted(((s, r, m) for m, (s, r) in best.items()), reverse=True)
            score = min(1.0, items[0][0] + AGREEMENT_BONUS * sum(s for s, _, _ in items[1:]))
            ranked.append((score, i, "; ".join(r for _, r, _ in items), items[0][2]))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        out = [Match(self.customers[i].id, round(s, 4), r, m) for s, i, r, m in ranked[:limit]]
        if len(out) > 1:
            out[0] = Match(out[0].id, out[0].score, out[0].reason, out[0].method,
                           tuple((m.id, m.score) for m in out[1:]))
        return out

    def _by_name(self, name: str, add, limit: int) -> None:
        query = norm_company(name)
        if not query:
            return
        for _, score, i in process.extract(query, self.names, scorer=fuzz.QRatio,
                                           limit=limit * 2, score_cutoff=NAME_CUTOFF):
            add(i, 0.9 * score / 100, f"name {score:.0f}% like '{self.customers[i].name}'", "name")

    def _address_candidates(self, query: str, k: int = 200) -> dict[int, str]:
        """Addresses sharing the most words with the query, rarest words weighing most
        (postal codes, house numbers and street names pick a few out of many)."""
        votes: Counter[int] = Counter()
        for word in set(query.split()):
            holders = self.address_words.get(word, ())
            if 0 < len(holders) <= 5000:
                weight = 1.0 / len(holders)
                for j in holders:
                    votes[j] += weight
        return {j: self.address_texts[j] for j, _ in votes.most_common(k)}
