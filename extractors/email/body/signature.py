"""Signatures, sign-offs, greetings and legal disclaimers at the end of an email."""
from __future__ import annotations

import re

SIGN_OFFS = re.compile(
    r"^\s*(best|kind|warm|many|with)?\s*(regards|wishes|thanks)\b.{0,40}$|"
    r"^\s*(thanks|thank you|thx|cheers|sincerely|yours( truly| sincerely| faithfully)?|"
    r"best|br|rgds|regards|mit freundlichen gr[üu](ß|ss)en|freundliche gr[üu](ß|ss)e|"
    r"viele gr[üu](ß|ss)e|beste gr[üu](ß|ss)e|gr[üu](ß|ss)e|lg|mfg|cordialement|"
    r"bien [àa] vous|saluti|cordiali saluti|distinti saluti|un saluto|saludos|"
    r"atentamente|met vriendelijke groet(en)?)\s*[,.!]?\s*([A-Z][\w.'-]*\s*){0,3}$",
    re.I)
MOBILE = re.compile(
    r"^\s*(sent from my \w+|sent from (outlook|mail|yahoo|samsung)|get outlook for \w+|"
    r"von meinem \w+ gesendet|envoy[ée] de mon \w+|inviato da(l mio)? \w+)", re.I)
_GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|"
                       r"hallo|guten tag|sehr geehrte[rs]?|bonjour|ciao|buongiorno|hola)\b.{0,40}$",
                       re.I)
_CONTACT = re.compile(r"(\+?\d[\d ()./-]{6,}\d)|(@[\w-]+\.)|(www\.|https?://)|"
                      r"^\s*(tel|phone|fax|mobile|mob|cell|m|t|f|e|p)\s*[.:]", re.I)
_ORDERISH = re.compile(r"\d+\s*(x|pcs|pieces|units|boxes|box|ea|each|cases|qty)\b|\bqty\b"
                       r"|\b(po|order)\b", re.I)
DISCLAIMER = re.compile(
    r"(confidential|intended (solely )?(only )?for the (use of the )?(addressee|"
    r"(named )?recipient)|intended recipient|privileged|received this (e-?mail|message) in "
    r"error|disclaimer|vertraulich|irrt[üu]mlich erhalten|nicht der richtige adressat|"
    r"riservat|destinatario|ce message et (toutes )?les pi[èe]ces|confidentiel|"
    r"before printing this|think before you print|n'imprimez|stampare questa|"
    r"legally binding|virus(es)? (free|check))", re.I)
MAX_SIGNATURE_LINES = 10  # lines a signature or a contact block runs to at most
SIGNATURE_LINE_WORDS = 10  # words on each line of a signature after a sign-off
CONTACT_LINE_WORDS = 8  # words on each line of a last paragraph that is contact details
LONE_DISCLAIMER_CHARS = 200  # a body that is one disclaimer-like paragraph is boilerplate only past this
DISCLAIMER_MIN_WORDS = 8  # one disclaimer phrase makes a paragraph boilerplate only with this many words


def is_greeting(line: str) -> bool:
    return bool(_GREETING.match(line)) or bool(SIGN_OFFS.match(line))


def split_disclaimer(text: str) -> tuple[str, str]:
    """(rest, disclaimer): trailing paragraphs that read as legal boilerplate."""
    paras = re.split(r"\n\s*\n|\n\s*[_\-=*]{5,}\s*\n", text)
    keep = len(paras)
    while keep > 1 and _is_disclaimer(paras[keep - 1]):
        keep -= 1
    if keep == 1 and len(paras) == 1 and _is_disclaimer(paras[0]) and len(paras[0]) > LONE_DISCLAIMER_CHARS:
        keep = 0
    return "\n\n".join(paras[:keep]).strip(), "\n\n".join(paras[keep:]).strip()


def _is_disclaimer(para: str) -> bool:
    hits = len(DISCLAIMER.findall(para))
    return hits >= 2 or (hits == 1 and len(para.split()) >= DISCLAIMER_MIN_WORDS) or (
        hits == 1 and bool(re.search(r"print|stamp", para, re.I)))


def split_signature(text: str) -> tuple[str, str]:
    """(rest, signature): '-- ' delimiter, mobile footers, or a sign-off with a short tail."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip() in ("--", "-- ") or line.strip() == "__":
            return "\n".join(lines[:i]).strip(), "\n".join(lines[i + 1:]).strip()
    for i, line in enumerate(lines):
        if MOBILE.match(line):
            rest = "\n".join(lines[:i]).strip()
            sig_from = _sign_off_index(lines[:i])
            if sig_from is not None:
                rest = "\n".join(lines[:sig_from]).strip()
                return rest, "\n".join(lines[sig_from:]).strip()
            return rest, "\n".join(lines[i:]).strip()
    i = _sign_off_index(lines)
    if i is not None:
        return "\n".join(lines[:i]).strip(), "\n".join(lines[i:]).strip()
    return _contact_block(lines)


def _sign_off_index(lines: list[str]) -> int | None:
    """The last sign-off line followed only by a short signature-like tail."""
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(content) < 2:
        return None
    for i in reversed(content[1:]):
        if not SIGN_OFFS.match(lines[i]):
            continue
        tail = [ln for ln in lines[i + 1:] if ln.strip()]
        if len(tail) <= MAX_SIGNATURE_LINES and all(len(ln.split()) <= SIGNATURE_LINE_WORDS for ln in tail):
            return i
        return None
    return None


def _contact_block(lines: list[str]) -> tuple[str, str]:
    """A last paragraph of short lines with a phone, mail or web address and no order words."""
    text = "\n".join(lines).strip()
    paras = re.split(r"\n\s*\n", text)
    if len(paras) < 2:
        return text, ""
    block = [ln for ln in paras[-1].split("\n") if ln.strip()]
    if (len(block) <= MAX_SIGNATURE_LINES and all(len(ln.split()) <= CONTACT_LINE_WORDS for ln in block)
            and any(_CONTACT.search(ln) for ln in block)
            and not any(_ORDERISH.search(ln) for ln in block)):
        return "\n\n".join(paras[:-1]).strip(), paras[-1].strip()
    return text, ""
