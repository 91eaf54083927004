"""The ship-to an email body names, as written: one address or one site.

"Ship to: ...", "Lieferanschrift: ...", "Livrer à : ...", "Dirección de entrega: ..." (with the
lines it wraps onto), an address block under "deliver to the vessel:" or "ship to", and a site
named in a sentence ("to our Charlestown warehouse", "Delivery to Canal Wharf as normal",
"Anlieferung Werk 2 Mannheim", "Entrega en Houston (9000 Clinton Dr)").
"""
from __future__ import annotations

import re

from extractors import confidence
from extractors.email.body.lines import ADDRESS
from extractors.email.body.mentions import Span

_LABEL_WORDS = (
    r"ship(?:ping)?[ -]to(?: address)?|deliver(?:y)?[ -](?:to|at|address)|delivery\s+location|"
    r"shipping\s+address|send\s+to|lieferadresse|lieferanschrift|lieferung\s+an|anlieferung\s+an|"
    r"versand(?:adresse|\s+an)|adresse\s+de\s+livraison|livrer\s+[àa]|livraison\s+[àa]|lieu\s+de\s+livraison|"
    r"direcci[óo]n\s+de\s+entrega|entregar\s+en|lugar\s+de\s+entrega|enviar\s+a|consegna\s+a|"
    r"indirizzo\s+di\s+consegna|afleveradres")
_SHIP_LABEL = re.compile(
    rf"(?im)(?:^|(?<=[.!?;])[ \t]+)[ \t]*(?:{_LABEL_WORDS})(?:[ \t]+(?:the|our|a|la|le|die|el)?[ \t]*"
    r"(?:vessel|site|job ?site|chantier|baustelle|obra))?[ \t]*:[ \t]*(?P<v>.*)$")
_SHIP_LABEL_END = re.compile(rf"(?im)\b(?:{_LABEL_WORDS}|ship\s+to)[ \t]*:?[ \t]*$")
_SITE_WORDS = (r"(?i:site|plant|warehouse|facility|office|branch|location|store|depot|dc|campus|dock|"
               r"distribution cent(?:er|re)|yard|factory|hq|headquarters|shop|mill|lab|job ?site)")
# Sites in the other languages, named after a preposition and a possessive or article:
# "an unser Lager in Köln", "sur notre chantier de Lyon", "en nuestro almacén de Monterrey".
_SITE_ABROAD = re.compile(
    r"(?i:\b(?:an|in|nach|zu|auf)\s+(?:unser(?:e|en|em)?|das|die|den|dem)\s+|"
    r"\b(?:[àa]|au|sur|dans|vers)\s+(?:notre|nos|le|la|l'|l’)\s*|"
    r"\b(?:en|a|al|hasta)\s+(?:nuestr[oa]s?|el|la)\s+)"
    r"(?P<v>(?i:zentrallager|lager|werk|baustelle|halle|niederlassung|filiale|standort|d[ée]p[ôo]t|entrep[ôo]t|"
    r"chantier|usine|atelier|magasin|agence|cour|almac[ée]n|obra|planta|bodega|taller|nave|sucursal|tienda)"
    r"(?:\s+(?:\d+\w*|(?:in|de|d'|del|à)\s*[A-ZÄÖÜÉ][\w'-]*(?:\s+[A-ZÄÖÜÉ][\w'-]*)?|[A-ZÄÖÜÉ][\w'-]*))?)")
_DELIVERY_CONTEXT = re.compile(r"(?i)\b(?:deliver|ship|send|sent|liefer|anliefer|schick|versend|livr|exp[ée]di|"
                               r"envo|entreg|env[íi]|mand)\w*")
_SHIP_SITE = re.compile(
    rf"\bto\s+(?:our|the)\s+(?P<v>(?:[A-Z][\w.'&-]*\s+){{1,4}}{_SITE_WORDS}s?)\b")
_SHIP_SITE_IN = re.compile(
    rf"\bto\s+(?:our|the)\s+(?P<v>{_SITE_WORDS}\s+(?:in|at)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,2}})")
_SHIP_INLINE = re.compile(
    r"(?i:\b(?:deliver|ship|send)(?:ed)?\s+(?:it\s+|them\s+|everything\s+|the goods\s+)?to)\s+"
    r"(?P<v>\d+[A-Za-z]?\s+[A-Z][^\n]*?)(?=\s+(?:by|before|on|until|no later)\b|[.;]\s|\.?\n|\.?$)")
_PLACE = r"(?P<v>[A-Z][\w.'&-]*(?:[ \t]+(?:[A-Z0-9][\w.'&-]*|de|del|des|du|am|an))*(?:[ \t]*\([^)\n]{3,40}\))?)"
_SHIP_PLACE = re.compile(
    r"(?i:\b(?:delivery|deliver(?:ed)?|ship(?:ped)?|shipment|send|sent)\s+to(?:\s+our(?:\s+(?:warehouse|site|yard|store))?)?|"
    r"\banlieferung(?:\s+(?:in|nach|an))?|\blieferung\s+(?:nach|an|in)|"
    r"\bentrega(?:r)?\s+en|\blivraison\s+(?:[àa]|au|sur)|\blivrer\s+(?:[àa]|au|sur))"
    rf"[ \t]+(?!the\b|our\b|you\b|us\b|me\b|them\b){_PLACE}")
_NEED_AT = re.compile(
    r"(?i:\b(?:need(?:ed)?|require[ds]?|necesit\w+|brauchen|ben[öo]tigen|besoin)\b[^.\n]{0,60}?\b(?:at|in|en|nach|[àa])\b)"
    rf"[ \t]+(?!the\b|our\b|least\b|stock\b|once\b){_PLACE}")
_INTRO = re.compile(r"(?im)^[^\n]*:[ \t]*$")  # a line that ends in a colon announces what follows
_DELIVERY_WORDS = re.compile(r"(?i)\b(?:ship|deliver|send|drop[ -]ship|liefer|anliefer|versand|livr|exp[ée]di|"
                             r"entreg|env[íi]|direcci[óo]n|adresse|address|anschrift)\w*")
INTRO_CHARS = 160  # characters of the paragraph before an announcing colon searched for a delivery word
_SHIP_BELOW = re.compile(r"(?i)\bto\s+(?:our|the|this|following)\s+(?:address|location)"
                         r"(?:\s+below)?\s*:?[ \t]*\n")
_TRAILING = re.compile(r"\s*(?:\([^)]*(?:open|contact|attn|ask|call|tel|phone|hours|goods)[^)]*\)|"
                       r"\((?:contact|contacto|kontakt)[^)]*\))\s*$", re.I)
_PHONE_LINE = re.compile(r"^\s*(?:(?:tel|phone|fon|m|mob|cell)\b\.?:?\s*)?\+?[\d ()./-]{7,}\s*$", re.I)
_ADDRESS_HINT = re.compile(r"\d|\b(?:street|st|ave|road|rd|way|blvd|rue|calle|stra(?:ß|ss)e|weg|platz)\b", re.I)
_INSTRUCTION = re.compile(r"(?i)\s*(?:ask|call|contact|please|phone|tel|bitte|merci|contacto|llamar|"
                          r"preguntar|demander|fragen|appeler|thanks|gracias|danke)\b")
ONE_LINE_ADDRESS = 60  # characters: a ship-to value this long is the whole address
ADDRESS_LINES = 5  # lines a ship-to address runs to at most
STOP_AFTER_PLACE = re.compile(r"(?i)\s+(?:as|like|wie|comme|como|by|bis|before|please|por|pour|on|am|le|el|"
                              r"normal|usual|always|siempre|immer|toujours|para|for)\b.*$")


def ship_to(text: str) -> tuple[Span, float, str] | None:
    """(value, confidence, rule) of the ship-to the text names, or None."""
    m = _SHIP_LABEL.search(text)
    if m and m.group("v").strip():
        return _block(text, m.start("v"), m.group("v")), confidence.SHIP_TO_LABELLED, "email:ship_to_label"
    m = m or _SHIP_LABEL_END.search(text) or _SHIP_BELOW.search(text)
    if m is not None:
        start = text.find("\n", m.end() - 1)
        block = _block_below(text, start) if start >= 0 else None
        if block is not None:
            return block, confidence.SHIP_TO_BELOW, "email:ship_to_below"
    for intro in _INTRO.finditer(text):
        paragraph = text[max(0, intro.start() - INTRO_CHARS):intro.end()].split("\n\n")[-1]
        if _DELIVERY_WORDS.search(paragraph):
            block = _block_below(text, intro.end(), strict=True)
            if block is not None:
                return block, confidence.SHIP_TO_BELOW, "email:ship_to_below"
    m = _SHIP_INLINE.search(text)
    if m:
        v = " ".join(m.group("v").split())
        return Span(v, m.start("v"), m.end("v"), v), confidence.SHIP_TO_INLINE, "email:ship_to_inline"
    m = _SHIP_SITE.search(text) or _SHIP_SITE_IN.search(text)
    if m:
        v = " ".join(m.group("v").split())
        return Span(v, m.start("v"), m.end("v"), v), confidence.SHIP_TO_SITE, "email:ship_to_site"
    for m in _SITE_ABROAD.finditer(text):
        sentence = text[max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1:m.end() + 40]
        if _DELIVERY_CONTEXT.search(sentence):
            v = " ".join(m.group("v").split())
            return Span(v, m.start("v"), m.end("v"), v), confidence.SHIP_TO_SITE, "email:ship_to_site"
    for pattern in (_SHIP_PLACE, _NEED_AT):
        m = pattern.search(text)
        if m:
            v = STOP_AFTER_PLACE.sub("", " ".join(m.group("v").split())).strip(" ,.;")
            if v and not re.fullmatch(r"(?i)(?:the|our|us|you|me|them|it)", v):
                return Span(v, m.start("v"), m.start("v") + len(v), v), confidence.SHIP_TO_SITE, "email:ship_to_site"
    return None


def _clean(value: str) -> str:
    value = _TRAILING.sub("", value.strip())
    return value.strip(" ,.;")


def _block(text: str, start: int, first: str) -> Span:
    """The value after a label; a short one goes on over the next lines up to a blank line, and a
    long one that does not end in a full stop over the line it was wrapped onto."""
    lines = [first.strip()]
    end = start + len(first)
    whole = "," in lines[0] or len(lines[0]) >= ONE_LINE_ADDRESS
    pos = end + 1
    for line in text[pos:].split("\n"):
        if len(lines) >= ADDRESS_LINES or not line.strip() or re.match(r"\s*[A-Za-z][\w ]{0,25}:(\s|$)", line) \
                or _PHONE_LINE.match(line):
            break
        if whole and (lines[-1].rstrip().endswith((".", ")")) or not _ADDRESS_HINT.search(line)
                      or len(line.split()) > ONE_LINE_ADDRESS // 6):
            break
        lines.append(line.strip())
        end = pos + len(line)
        pos += len(line) + 1
        if whole:
            break
    value = _clean(", ".join(ln.strip(" ,") for ln in lines if ln.strip(" ,")))
    return Span(value, start, max(end, start), value)


def _block_below(text: str, newline: int, strict: bool = False) -> Span | None:
    """An address block under a line that announces it, up to the first blank line after it;
    `strict`: the line only may announce it, so the block must look like an address."""
    pos = newline + 1
    rest = text[pos:]
    skipped = len(rest) - len(rest.lstrip("\n"))
    pos += skipped
    lines, end = [], pos
    for line in text[pos:].split("\n"):
        if not line.strip() or len(lines) >= ADDRESS_LINES or _PHONE_LINE.match(line) or _INSTRUCTION.match(line):
            break
        lines.append(line.strip())
        end = pos + len(line)
        pos += len(line) + 1
    looks = ADDRESS if strict else _ADDRESS_HINT
    if not lines or not any(looks.search(ln) for ln in lines) or any(
            re.match(r"[-*•·]|\d+[.)]?\s+(?![A-Z][a-z])", ln) and not ADDRESS.search(ln) for ln in lines):
        return None  # an address, not the list of items that follows "the following:"
    value = _clean(", ".join(ln.strip(" ,") for ln in lines))
    return Span(value, newline + 1 + skipped, end, value)
