"""Order lines written inside a sentence: "40 x HB-1240", "HB-1240 qty 40", "2 boxes of the
12mm washers", "500 units of SKU 88-1002 (blue caps)", "100 Stk. Schrauben M6x20
(Art.-Nr. 4711-620)", "12 more HB-1240", "BV-050 ball valve x 20", "change SKU LT-77 to 30 units".
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import confidence
from extractors.email.body.mentions import (
    CODE_LABEL,
    NUMBER_WORDS,
    QTY,
    SKU,
    SKU_LOOSE,
    STOP,
    UNIT_RE,
    UNITS,
    Mention,
    Span,
    is_sku,
    qty_span,
    text_span,
    unit_span,
    with_code,
)
from extractors.email.body.quantities import number_at, unit_at

_SKU_QTY = re.compile(
    rf"(?P<sku>{SKU})[ \t]*[,:-]?[ \t]*(?i:qty|quantity|menge|qt[ée])\.?[ \t]*[:=]?[ \t]*"
    rf"(?P<qty>{QTY})(?:[ \t]*(?P<unit>(?i:{UNIT_RE}))\b)?")


def sku_qty(text: str):
    for m in _SKU_QTY.finditer(text):
        if is_sku(m.group("sku")):
            yield Mention(m.start(), m.end(), "sku_qty", confidence.CODE_QTY,
                          qty_span(m.group("qty"), m.start("qty")), text_span(m, "sku"), None, unit_span(m))


_QTY_X_SKU = re.compile(
    rf"(?<![\w.,])(?P<qty>{QTY})[ \t]*(?P<unit>(?i:{UNIT_RE}))?[ \t]*[x×*][ \t]*(?P<sku>{SKU_LOOSE})",
    re.I)


def qty_x_sku(text: str):
    for m in _QTY_X_SKU.finditer(text):
        if is_sku(m.group("sku")) or re.fullmatch(r"\d{4,}", m.group("sku")):
            yield Mention(m.start(), m.end(), "qty_x_sku", confidence.QTY_X_CODE,
                          qty_span(m.group("qty"), m.start("qty")), text_span(m, "sku"), None, unit_span(m))


ARTICLES_AFTER_UNIT = {"the", "your", "those", "these", "of", "our", "de", "des", "du", "von", "del", "la", "las",
                       "los", "le", "les", "el", "der", "die", "das", "den"}


@lru_cache(maxsize=1)
def _matcher():
    import spacy  # heavy (a second or more): loaded on the first email that needs this finder
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    desc = {"IS_PUNCT": False, "IS_SPACE": False, "LOWER": {"NOT_IN": sorted(STOP)}, "OP": "{1,8}"}
    qty = {"LIKE_NUM": True}
    unit = {"LOWER": {"IN": sorted(UNITS)}}
    det = {"LOWER": {"IN": sorted(ARTICLES_AFTER_UNIT)}, "OP": "{0,3}"}
    matcher.add("qty_unit_of", [[qty, unit, det, desc]], greedy="LONGEST")
    matcher.add("dozen", [[{"LOWER": "a"}, {"LOWER": "dozen"}, det, desc]], greedy="LONGEST")
    return nlp, matcher


def qty_unit_of(text: str):
    """'2 boxes of the 12mm washers', 'please send 100 pcs of M8 nuts' (spaCy token rules)."""
    nlp, matcher = _matcher()
    doc = nlp.make_doc(text)
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        q, u = span[0], span[1]
        if nlp.vocab.strings[match_id] == "dozen":
            qty = Span("a dozen", q.idx, u.idx + len(u.text), "12")
            unit = None
        else:
            if not (q.text.replace(",", ".").replace(".", "", 1).isdigit()
                    or q.lower_ in NUMBER_WORDS):
                continue
            qty = qty_span(q.text, q.idx)
            unit = Span(u.text, u.idx, u.idx + len(u.text), UNITS[u.lower_])
            if len(u.text) == 1 and (len(span) < 3 or span[2].lower_ != "of"):
                continue  # '3000 m da forti': a one-letter unit needs 'of' to start an item
        words = [t for t in span[2:] if t.lower_ not in ARTICLES_AFTER_UNIT]
        if not words or "\n" in text[words[0].idx:words[-1].idx]:
            continue
        d0, d1 = words[0].idx, words[-1].idx + len(words[-1].text)
        sku = next((Span(t.text, t.idx, t.idx + len(t.text)) for t in words
                    if is_sku(t.text) and re.search(r"[-/]|[A-Z]{2}", t.text)), None)
        yield Mention(qty.start, d1, "qty_unit_of", confidence.QTY_UNIT_OF, qty, sku,
                      Span(text[d0:d1], d0, d1), unit)


_END = (r"(?=\s*(?:[,;+&?!]|\.(?:\s|$)|\b(?:and|plus|to|by|for|please|und|sowie|bis|et|y|e|which|that|que|qui|"
        r"welche|mit|avec|con|pour|para|merci|gracias|danke|bitte|as|wie|comme|como|asap|"
        r"an\s+(?:unser|die|den|das|uns)|nach\s+[A-ZÄÖÜ]|[àa]\s+(?:notre|nos|la|l'|nuestr)|au\s|en\s+(?:nuestr|el|la)\b)\b"
        r"|\n|$))")
_QTY_OF_CODE = re.compile(
    rf"(?<![\w.,])(?P<qty>{QTY})[ \t]*(?P<unit>{UNIT_RE})?\.?[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?"
    rf"{CODE_LABEL}[ \t]*[:#]?[ \t]*(?P<sku>{SKU_LOOSE})(?:[ \t]*\((?P<desc>[^)\n]{{2,60}})\))?",
    re.I)


def qty_of_code(text: str):
    """'500 units of SKU 88-1002 (blue caps)'."""
    for m in _QTY_OF_CODE.finditer(text):
        desc = Span(m.group("desc").strip(), m.start("desc"), m.end("desc")) if m.group("desc") else None
        yield Mention(m.start(), m.end(), "qty_of_code", confidence.QTY_OF_LABELLED_CODE,
                      qty_span(m.group("qty"), m.start("qty")),
                      Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, unit_span(m))


_OF = r"(?:(?:of|de|des|du|von|del|di)[ \t]+|d'|d’)?(?:(?:the|your|our|la|las|los|le|les|el|der|die|das|den)[ \t]+)?"
_QTY_UNIT_DESC = re.compile(
    rf"(?<![\w.,])(?P<qty>{QTY})[ \t]*(?P<unit>{UNIT_RE})\.?[ \t]+{_OF}"
    rf"(?P<desc>[A-Za-zÀ-ÿ][^\n,;]*?(?:\([^)\n]*\))?){_END}", re.I)
DESCRIPTION_WORDS = 10  # "100 Stk. Schrauben M6x20": a longer run of words after the unit is a sentence
ABBREVIATED_UNITS = {"stk", "pcs", "pc", "ea", "ctn", "ctns", "pkg", "bx", "kgs", "lbs", "st"}


def qty_unit_desc(text: str):
    """'100 Stk. Schrauben M6x20 (Art.-Nr. 4711-620)': unit, then words up to a delimiter."""
    for m in _QTY_UNIT_DESC.finditer(text):
        if text[m.end("unit"):m.end("unit") + 1] == "." and m.group("unit").lower() not in ABBREVIATED_UNITS:
            continue  # '30 units. Everything else...': the sentence ended
        raw = m.group("desc").strip()
        if len(m.group("unit")) == 1 and not re.search(r"\bof\s", m.group(0)[:m.start("desc") - m.start()]):
            continue  # '3000 m da forti...': a one-letter unit needs 'of' to start an item
        if not raw or len(raw.split()) > DESCRIPTION_WORDS:
            continue
        desc = Span(raw, m.start("desc"), m.start("desc") + len(raw))
        yield with_code(Mention(m.start(), desc.end, "qty_unit_desc", confidence.QTY_UNIT_DESCRIPTION,
                                qty_span(m.group("qty"), m.start("qty")), None, desc, unit_span(m)))


_QTY_SKU = re.compile(rf"(?<![\w.,/-])(?P<qty>\d{{1,5}})[ \t]+(?:(?:more|additional|extra|new)[ \t]+)?"
                      rf"(?:of[ \t]+(?:the[ \t]+|your[ \t]+)?)?"
                      rf"(?P<sku>{SKU})")


def qty_sku(text: str):
    """'12 more HB-1240', '40 HB-1240': a number right before an item code."""
    for m in _QTY_SKU.finditer(text):
        code = m.group("sku")
        if is_sku(code) and re.search(r"[A-Z]", code) and re.search(r"-|[A-Z]{2}", code):
            yield Mention(m.start(), m.end(), "qty_sku", confidence.QTY_CODE, qty_span(m.group("qty"), m.start("qty")),
                          Span(code, m.start("sku"), m.end("sku")))


_SKU_X_QTY = re.compile(
    rf"(?P<sku>{SKU})(?P<desc>(?:[ \t]+[A-Za-z][\w-]*){{0,5}})[ \t]*[x×][ \t]*(?P<qty>{QTY})\b"
    rf"(?:[ \t]*(?P<unit>(?i:{UNIT_RE}))\b)?")


def sku_x_qty(text: str):
    """'BV-050 ball valve x 20': code, a few words, then 'x' and the quantity."""
    for m in _SKU_X_QTY.finditer(text):
        if not is_sku(m.group("sku")):
            continue
        raw = m.group("desc").strip()
        desc = Span(raw, m.start("desc") + m.group("desc").find(raw), 0) if raw else None
        if desc is not None:
            desc.end = desc.start + len(raw)
        yield Mention(m.start(), m.end(), "sku_x_qty", confidence.CODE_X_QTY, qty_span(m.group("qty"), m.start("qty")),
                      Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, unit_span(m))


_QTY_LABEL_CODE = re.compile(
    rf"(?i:qty|quantity|menge)[ \t]*[:=]?[ \t]*(?P<qty>{QTY})[ \t]*(?P<unit>(?i:{UNIT_RE}))?\b[ \t]*"
    rf"[,;/]?[ \t]*(?:{CODE_LABEL}|part|item|article)[ \t]*[:#]?[ \t]*(?P<sku>{SKU_LOOSE})"
    rf"(?:[ \t]*\((?P<desc>[^)\n]{{2,60}})\))?", re.I)


def qty_label_code(text: str):
    """'Qty: 5, Part: FL-330 (air filter)'."""
    for m in _QTY_LABEL_CODE.finditer(text):
        desc = Span(m.group("desc").strip(), m.start("desc"), m.end("desc")) if m.group("desc") else None
        yield Mention(m.start(), m.end(), "qty_label_code", confidence.QTY_LABEL_CODE,
                      qty_span(m.group("qty"), m.start("qty")),
                      Span(m.group("sku"), m.start("sku"), m.end("sku")), desc, unit_span(m))


_SKU_TO_QTY = re.compile(
    rf"(?P<sku>{SKU})[ \t]+(?:to|=)[ \t]+(?P<qty>{QTY})[ \t]*(?P<unit>(?i:{UNIT_RE}))\b")


def sku_to_qty(text: str):
    """'change SKU LT-77 to 30 units' (a change order names the new quantity)."""
    for m in _SKU_TO_QTY.finditer(text):
        if is_sku(m.group("sku")):
            yield Mention(m.start(), m.end(), "sku_to_qty", confidence.CODE_TO_QTY,
                          qty_span(m.group("qty"), m.start("qty")),
                          Span(m.group("sku"), m.start("sku"), m.end("sku")), None, unit_span(m))


_QTY_WORDS_SKU = re.compile(
    rf"(?<![\w.,/-])(?P<qty>\d{{1,5}})[ \t]+(?P<desc>(?:[A-Za-zÀ-ÿ][\w-]*[ \t]+){{1,4}})(?P<sku>{SKU})")


def qty_words_sku(text: str):
    """'2 toner cartridges TN-243': a number, a few words, then an item code."""
    for m in _QTY_WORDS_SKU.finditer(text):
        code = m.group("sku")
        words = m.group("desc").split()
        if not (is_sku(code) and re.search(r"[A-Z]", code) and re.search(r"-|[A-Z]{2}", code)) or any(
                w.lower() in ("to", "by", "on", "for", "and", "of", "po", "order") for w in words[-1:]):
            continue
        raw = " ".join(words)
        desc = Span(raw, m.start("desc"), m.start("desc") + len(m.group("desc").rstrip()))
        yield Mention(m.start(), m.end(), "qty_words_sku", confidence.QTY_WORDS_CODE,
                      qty_span(m.group("qty"), m.start("qty")), Span(code, m.start("sku"), m.end("sku")), desc)


_WORD_START = re.compile(r"(?<![\w-])[^\W\d_]")


def words_unit_desc(text: str):
    """'zwölf Kartons Schrauben M8', 'deux douzaines de paires de gants', 'dos cajas de tuercas',
    'a box of M8 nuts': a number in words, a count unit, then what is counted."""
    for w in _WORD_START.finditer(text):
        num = number_at(text, w.start())
        if num is None or not num.words:
            continue
        unit = unit_at(text, num.end)
        if unit is None:
            continue
        m = re.match(rf"\.?[ \t]+{_OF}(?P<desc>[^\W\d_(][^\n,;]*?(?:\([^)\n]*\))?){_END}", text[unit.end:])
        if m is None or len(m.group("desc").split()) > DESCRIPTION_WORDS:
            continue
        d0 = unit.end + m.start("desc")
        desc = Span(m.group("desc").strip(), d0, d0 + len(m.group("desc").strip()))
        qty = Span(text[num.start:num.end], num.start, num.end, format(num.value.normalize(), "f"))
        yield with_code(Mention(num.start, desc.end, "words_unit_desc", confidence.QTY_UNIT_DESCRIPTION, qty, None,
                                desc, Span(text[unit.start:unit.end], unit.start, unit.end, unit.code)))


_QTY_X_DESC = re.compile(rf"(?<![\w.,])(?P<qty>\d{{1,4}})[ \t]?[x×][ \t]+(?P<desc>[^\W\d_][^\n,;]*?){_END}")


def qty_x_desc(text: str):
    """'bitte 3x Akku-Schrauber 18V und ...': a count with 'x', then words."""
    for m in _QTY_X_DESC.finditer(text):
        raw = m.group("desc").strip()
        if not raw or len(raw.split()) > DESCRIPTION_WORDS:
            continue
        desc = Span(raw, m.start("desc"), m.start("desc") + len(raw))
        yield with_code(Mention(m.start(), desc.end, "qty_x_desc", confidence.QTY_X_DESCRIPTION,
                                qty_span(m.group("qty"), m.start("qty")), None, desc))


_ORDER_VERB = re.compile(
    r"(?i)\b(send|need|order|want|get|do|supply|ship|deliver|require|book|bestellen|liefern|ben[öo]tigen|brauchen|"
    r"schicken|envoyer|livrer|commander|fournir|besoin|necesit\w*|enviar|env[íi]en|mandar|pedir|suministrar)\b")
_SIZE_OR_CODE = r"(?:\b[Mm]\d|\d[\w/\"]*(?:mm|cm|in|\")|[A-Z]{2,}-?\d)"
_BARE_QTY_DESC = re.compile(
    rf"(?<![\w.,/-])(?P<qty>\d{{1,4}})[ \t]+(?P<desc>(?=[^\n,;]*?{_SIZE_OR_CODE})"
    rf"[^\W\d_(][^\n,;]*?|[Mm]\d[^\n,;]*?){_END}")


def verb_qty_desc(text: str):
    """'Can you do 500 M6 nylocs and 500 M6 washers?': a bare number after an order verb, before
    words that name a size or a code. Read with a low confidence: a clerk checks it."""
    for m in _BARE_QTY_DESC.finditer(text):
        clause = text[max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1:m.start()]
        raw = m.group("desc").strip()
        if not _ORDER_VERB.search(clause) and not re.search(r"(?i)\b(and|und|et|y)\s*$", clause):
            continue
        if not raw or len(raw.split()) > DESCRIPTION_WORDS or re.match(r"(?i)(?:days?|weeks?|hours?|years?)\b", raw):
            continue
        desc = Span(raw, m.start("desc"), m.start("desc") + len(raw))
        yield with_code(Mention(m.start(), desc.end, "verb_qty_desc", confidence.BARE_QTY_IN_SENTENCE,
                                qty_span(m.group("qty"), m.start("qty")), None, desc))
