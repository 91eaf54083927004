"""Incoming documents matched to customers by sender, domain, number, name and address."""
from __future__ import annotations

import pytest

from app.catalog.matching import CustomerMatcher, CustomerRecord

CUSTOMERS = [
    CustomerRecord(1, "C-1001", "Acme Industrial Supply, Inc.", ("acme-industrial.com",),
                   ("purchasing@acme-industrial.com",), ("1200 Commerce St, Dallas, TX 75202",)),
    CustomerRecord(2, "C-1002", "Acme Tools GmbH", ("acme-tools.de",), (),
                   ("Industriestraße 5, 70565 Stuttgart",)),
    CustomerRecord(3, "C-1003", "Northwind Traders Ltd", ("gmail.com", "northwind.co.uk"),
                   ("northwind.orders@gmail.com",), ("12 Harbour Rd, Bristol BS1 5TT",)),
    CustomerRecord(4, "C-1004", "Contoso Manufacturing LLC", ("contoso.com",), (),
                   ("400 Lake Ave, Chicago, IL 60601",)),
    # Two divisions share a mail domain; only the name tells them apart.
    CustomerRecord(5, "C-1005", "Globex Corporation - East", ("globex.com",), (), ()),
    CustomerRecord(6, "C-1006", "Globex Corporation - West", ("globex.com",), (), ()),
]


@pytest.fixture(scope="module")
def matcher() -> CustomerMatcher:
    return CustomerMatcher(CUSTOMERS)


def test_known_sender_address_wins(matcher):
    best = matcher.match("Jane Doe <Purchasing@Acme-Industrial.com>", None, None)[0]
    assert (best.id, best.score, best.method) == (1, 1.0, "sender")
    assert best.reason == "sender address purchasing@acme-industrial.com"


def test_sender_domain_identifies_customer(matcher):
    best = matcher.match("bob@acme-industrial.com", None, None)[0]
    assert (best.id, best.method) == (1, "domain")
    assert best.reason == "sender domain acme-industrial.com"


def test_sender_subdomain_counts_as_the_domain(matcher):
    assert matcher.match("ap@mail.eu.contoso.com", None, None)[0].id == 4


def test_free_mail_domain_is_ignored(matcher):
    # Anyone can write from gmail.com: it must not point at Northwind
    assert matcher.match("someone.else@gmail.com", None, None) == []


def test_known_free_mail_address_still_matches(matcher):
    best = matcher.match("northwind.orders@gmail.com", None, None)[0]
    assert (best.id, best.method) == (3, "sender")


@pytest.mark.parametrize("name", [
    pytest.param("ACME Industrial Supply LLC", id="other-legal-suffix"),
    pytest.param("The Acme Industrial Supply Co.", id="article-and-suffix"),
    pytest.param("Acme Industrail Supply", id="typo"),
    pytest.param("acme industrial supply inc", id="lower-case"),
])
def test_fuzzy_name_with_suffix_noise(matcher, name):
    best = matcher.match(None, name, None)[0]
    assert (best.id, best.method) == (1, "name")
    assert "like 'Acme Industrial Supply, Inc.'" in best.reason


def test_name_breaks_tie_between_divisions_on_one_domain(matcher):
    matches = matcher.match("orders@globex.com", "Globex Corporation West", None)
    assert matches[0].id == 6
    assert "sender domain globex.com" in matches[0].reason and "name" in matches[0].reason
    assert matches[1].id == 5 and matches[1].score < matches[0].score


def test_address_identifies_customer(matcher):
    best = matcher.match(None, None, "400 Lake Avenue\nChicago IL 60601")[0]
    assert (best.id, best.method) == (4, "address")


def test_customer_number_hint(matcher):
    best = matcher.match(None, None, None, hint="c 1002")[0]
    assert (best.id, best.method, best.reason) == (2, "hint", "customer number C-1002")


def test_agreeing_signals_score_higher_than_one(matcher):
    name_only = matcher.match(None, "Contoso Manufacturing", None)[0]
    both = matcher.match(None, "Contoso Manufacturing", "400 Lake Ave Chicago")[0]
    assert both.id == name_only.id == 4
    assert both.score > name_only.score


def test_unknown_sender_and_name_returns_nothing(matcher):
    assert matcher.match("x@unknown-example.org", "Zebra Quantum Holdings", None) == []
