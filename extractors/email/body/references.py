"""Numbers and references in an email body: the customer's PO number in English, German, French,
Spanish, Italian and Dutch ("PO#: 4500196233", "Bestellnummer: 26-04417", "Numéro de commande :
MR-PO-55907", "Orden de compra: 4500195", "Nueva OC 4500196388"), and a reference to an earlier
order or quote that the email repeats ("same again as LFO-2291", "igual que la 4500196301",
"wie letztes Mal", "go ahead as quoted").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import confidence
from extractors.email.body.mentions import Span

_VALUE = r"(?P<v>[A-Za-z0-9][A-Za-z0-9/_.-]*\d[A-Za-z0-9/_-]*|\d[A-Za-z0-9/_-]*)"
_NUMBER_WORD = (r"(?i:\s*(?:#|no\.?|nr\.?|n[°ºo]\.?|num(?:ber|[ée]ro|ero)?\.?|nummer|ref(?:erence)?\.?)"
                r"(?=[\s:#.=]|\d))?")
_IS = r"(?:\s+(?i:is|was|will be|reads|est|es|ist|lautet))?\s*[:#.=]?\s*"
# Labels that name the customer's order number in its language: as sure as "PO".
PO_NUMBER = re.compile(
    r"(?<![\w-])(?i:p\.?\s?o\.?|purchase\s+order|bestellung|bestellnummer|bestell-?nr\.?|bon\s+de\s+commande|"
    r"orden\s+de\s+compra|o\.\s?c\.|oc|inkooporder|ordine\s+d'acquisto|(?:num[ée]ro|n[°º])\s+de\s+commande|"
    r"(?:notre\s+)?commande\s*n[°ºo]\.?|(?:n[úu]mero\s+de\s+)?pedido\s+n[°ºo]\.?|n[úu]mero\s+de\s+pedido|"
    r"(?:our|your|new|official)\s+order(?:\s*(?:#|no\.?|number|nr\.?))?|ordernummer|bestelnummer)"
    rf"(?![A-Za-z])(?!\s*box){_NUMBER_WORD}{_IS}{_VALUE}")
# Words that often, not always, name it: "order no.", "notre référence", "ref.", "commande".
ORDER_NUMBER = re.compile(
    r"(?<![\w-])(?i:(?:the\s+)?order\s*(?:#|no\.?|number|nr\.?|ref(?:erence)?)|auftrag(?:snummer|s-?nr\.?)?|"
    r"(?:notre|votre)\s+commande|commande|pedido|ordine(?:\s+n[°ºo.]*)?|bestelling|"
    r"(?:our|notre|nuestra|unsere|onze)\s+r[ée]f[ée]r[ea]nc[eia]a?|(?:our|unsere)\s+ref\.?|ref\.|"
    r"r[ée]f[ée]rence\s+commande)"
    rf"{_IS}{_VALUE}")
# "XYZ-PO-118021", "BEL/PO/10293": an identifier that says it is a PO.
PO_SHAPED = re.compile(r"(?<![\w/-])(?P<v>[A-Z]{1,6}[-/]PO[-/][\w/-]*\d[\w/-]*)")
OUR_PREFIXES = ("SO-", "AB-", "DN-", "INV-", "RMA-", "RA-", "Q-", "AN-", "LS-", "CN-", "FV-")  # our documents
MIN_DIGITS = 3  # a PO number has at least this many digits ("PO 12" is not one)


def po_number(text: str, used: list[tuple[int, int]]) -> tuple[Span, float, str] | None:
    """The first PO number labelled as one, else one shaped like one; (span, confidence, rule)."""
    for pattern, conf, rule in ((PO_NUMBER, confidence.PO_LABEL_IN_TEXT, "email:po_label"),
                                (ORDER_NUMBER, confidence.ORDER_NUMBER_IN_TEXT, "email:order_number"),
                                (PO_SHAPED, confidence.PO_SHAPED_IN_TEXT, "email:po_shaped")):
        for m in pattern.finditer(text):
            value = m.group("v").rstrip(".-/")
            if any(s <= m.start("v") < e for s, e in used) or not is_po_value(value):
                continue
            return Span(value, m.start("v"), m.start("v") + len(value), value.upper()), conf, rule
    return None


def is_po_value(value: str) -> bool:
    """A customer's order number: enough digits, not one of our own document numbers."""
    return sum(c.isdigit() for c in value) >= MIN_DIGITS and not value.upper().startswith(OUR_PREFIXES)


@dataclass(slots=True)
class Reference:
    """The email repeats an earlier order ("reorder") or takes up a quote ("quote"); `number` is
    the order or quote it names, when it names one."""

    kind: str
    text: str
    number: str | None = None


_REORDER = re.compile(
    r"(?i)\b(same\s+(?:again|as\s+(?:last\s+time|before|usual|(?:our|the|my)\s+(?:last|previous)\s+(?:order|po)|"
    r"(?:PO|order)\b))|repeat\s+(?:order|of\s+(?:our|the)\s+(?:last|previous))|reorder\s+of|"
    r"wie\s+(?:letztes\s+mal|beim\s+letzten\s+mal|zuletzt|gehabt|die\s+letzte\s+bestellung)|"
    r"gleiche\s+bestellung\s+wie|nachbestellung\s+(?:von|der|zu)|"
    r"comme\s+(?:la\s+derni[èe]re\s+fois|d'habitude|la\s+(?:derni[èe]re\s+)?commande)|m[êe]me\s+commande\s+que|"
    r"igual\s+(?:que|a)\s+(?:la|el)|lo\s+mismo\s+que|repetir\s+(?:el\s+)?pedido|mismo\s+pedido\s+que)")
_QUOTE = re.compile(
    r"(?i)\b((?:go\s+ahead|proceed|please\s+(?:enter|book|process))\s+(?:as|per)\s+(?:quoted|(?:your|the)\s+quot\w*)|"
    r"as\s+quoted|as\s+per\s+(?:your|the)\s+(?:quote|quotation|offer)|accept\s+(?:your|the)\s+(?:quote|quotation|offer)|"
    r"wie\s+angeboten|gem[äa]ß\s+(?:ihrem\s+)?angebot|laut\s+(?:ihrem\s+)?angebot|"
    r"selon\s+(?:votre|le)\s+devis|comme\s+(?:indiqu[ée]\s+dans\s+votre|votre)\s+devis|"
    r"seg[úu]n\s+(?:su|la)\s+cotizaci[óo]n|como\s+(?:se\s+)?cotiz\w+)")
_NEAR = 60  # characters after a reorder phrase searched for the number it names


def reference(text: str) -> Reference | None:
    """A reorder ('same again', 'igual que la 4500196301') or a quote taken up ('as quoted')."""
    for kind, pattern in (("reorder", _REORDER), ("quote", _QUOTE)):
        m = pattern.search(text)
        if m is None:
            continue
        near = text[m.end():m.end() + _NEAR]
        number = re.search(r"(?<![\w-])([A-Z]{0,6}[-/]?[A-Z0-9]*\d[\w/-]*\d)", near)
        value = number.group(1) if number and sum(c.isdigit() for c in number.group(1)) >= MIN_DIGITS else None
        return Reference(kind, m.group(0), value)
    return None
