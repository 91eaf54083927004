"""An email body split into what the sender wrote now and everything else.

`split_body` finds the first reply or forward boundary ("On ... wrote:",
"-----Original Message-----", an Outlook "From:/Sent:/To:/Subject:" block, their
German, French, Italian and Spanish forms), quoted "> " lines, the signature and
legal disclaimers. A forward whose sender added next to nothing has the
forwarded message as its request.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.email.body.signature import is_greeting, split_disclaimer, split_signature

NOTE_MAX_WORDS = 12  # a forwarder's note this short ("FYI, see below") is not the request
HEADER_BLOCK_LINES = 6  # lines after a quoted "From:" that hold its Date, To and Subject

_REPLY = re.compile(
    r"^(On\b.{0,300}\bwrote|Am\b.{0,300}\bschrieb.{0,120}|Le\b.{0,300}\ba [ée]crit|"
    r"El\b.{0,300}\bescribi[óo]|Il\b.{0,300}\bha scritto|Op\b.{0,300}\bschreef.{0,120})\s*:\s*$",
    re.I)
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(Original Message|Urspr[üu]ngliche Nachricht|Originalnachricht|"
    r"Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$", re.I)
_FORWARD = re.compile(
    r"^\s*(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transf[ée]r[ée]|"
    r"Mensaje reenviado|Messaggio inoltrato)\s*-{2,}|Begin forwarded message:)\s*$", re.I)
_KEYS = {
    "from": "from", "von": "from", "de": "from", "da": "from", "van": "from",
    "sent": "date", "date": "date", "gesendet": "date", "datum": "date", "envoyé": "date",
    "inviato": "date", "enviado": "date", "verzonden": "date",
    "to": "to", "an": "to", "à": "to", "a": "to", "para": "to", "aan": "to",
    "cc": "cc", "kopie": "cc",
    "subject": "subject", "betreff": "subject", "objet": "subject", "oggetto": "subject",
    "asunto": "subject", "onderwerp": "subject",
}
_HEADER = re.compile(r"^\s*\*?([A-Za-zÀ-ÿ]+)\s*:\*?\s*(.*)$")
_FWD_SUBJECT = re.compile(r"^\s*(fw|fwd|wg|tr|i|rv|doorst)\s*:", re.I)
_RULE = re.compile(r"^\s*[_\-=]{8,}\s*$")


@dataclass(slots=True)
class SplitBody:
    """The parts of a body; `forward_note` is a forwarder's short note above the forward, and
    `forwarded` the forwarded message's own request under a longer note."""

    request: str = ""
    quoted: str = ""
    signature: str = ""
    disclaimer: str = ""
    forwarded_headers: list[dict] = field(default_factory=list)
    forward_note: str = ""
    forwarded: str = ""


def split_body(text: str, subject: str | None = None) -> SplitBody:
    """`subject`: the message's own subject; 'FW: ...' makes an '-----Original Message-----'
    block a forward (Outlook writes the same marker for replies and forwards)."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut, kind = _boundary(lines)
    head, tail = lines[:cut], lines[cut:]
    quoted_inline = [ln for ln in head if ln.lstrip().startswith(">")]
    head = [ln for ln in head if not ln.lstrip().startswith(">")]
    out = _own_text(head)
    if kind is None:
        out.quoted = "\n".join(quoted_inline).strip()
        return out
    headers, rest = _header_block(tail, skip_marker=kind in ("forward", "original"))
    is_forward = kind == "forward" or _FWD_SUBJECT.match(headers.get("subject", "") or "") or (
        kind == "original" and _FWD_SUBJECT.match(subject or ""))
    if is_forward and _word_count(out.request) <= NOTE_MAX_WORDS:
        inner = split_body("\n".join(rest))
        inner.forwarded_headers.insert(0, headers)
        inner.forward_note = out.request
        inner.signature = inner.signature or out.signature
        inner.disclaimer = "\n\n".join(d for d in (out.disclaimer, inner.disclaimer) if d)
        return inner
    if is_forward:
        inner = split_body("\n".join(rest))
        out.forwarded_headers += [headers, *inner.forwarded_headers]
        out.forwarded = inner.request
    out.quoted = "\n".join(quoted_inline + tail).strip()
    return out


def _boundary(lines: list[str]) -> tuple[int, str | None]:
    """Index and kind of the first reply/forward boundary (len(lines), None if none)."""
    for i, line in enumerate(lines):
        if _FORWARD.match(line):
            return i, "forward"
        if _ORIGINAL.match(line):
            return i, "original"
        if _REPLY.match(line.strip()):
            return i, "reply"
        if i + 1 < len(lines) and re.match(r"^(On|Am|Le|El|Il|Op)\b", line.strip()) \
                and _REPLY.match(f"{line.strip()} {lines[i + 1].strip()}"):
            return i, "reply"
        if _starts_header_block(lines, i):
            j = i - 1 if i > 0 and _RULE.match(lines[i - 1]) else i
            return j, "block"
    return len(lines), None


def _starts_header_block(lines: list[str], i: int) -> bool:
    m = _HEADER.match(lines[i])
    if not m or _KEYS.get(m.group(1).lower()) != "from" or not m.group(2).strip():
        return False
    seen = {"from"}
    for line in lines[i + 1:i + 1 + HEADER_BLOCK_LINES]:
        h = _HEADER.match(line)
        if h and _KEYS.get(h.group(1).lower()):
            seen.add(_KEYS[h.group(1).lower()])
    return "date" in seen and ("to" in seen or "subject" in seen)


def _header_block(tail: list[str], skip_marker: bool) -> tuple[dict, list[str]]:
    """The 'From:/Date:/Subject:' lines at the top of a quoted block, and what follows."""
    i = 0
    while i < len(tail) and (not tail[i].strip() or _RULE.match(tail[i])
                             or (skip_marker and i == 0)):
        i += 1
    headers: dict = {}
    last = None
    while i < len(tail):
        m = _HEADER.match(tail[i])
        key = _KEYS.get(m.group(1).lower()) if m else None
        if key and key not in headers:
            headers[key] = m.group(2).strip().strip("*").strip()
            last = key
        elif last and tail[i].startswith((" ", "\t")) and tail[i].strip():
            headers[last] += " " + tail[i].strip()  # a folded header line
        else:
            break
        i += 1
    return headers, tail[i:]


def _own_text(head: list[str]) -> SplitBody:
    body = "\n".join(head).strip()
    body, disclaimer = split_disclaimer(body)
    body, signature = split_signature(body)
    body, more = split_disclaimer(body)
    disclaimer = "\n\n".join(d for d in (more, disclaimer) if d)
    return SplitBody(request=body.strip(), signature=signature.strip(),
                     disclaimer=disclaimer.strip())


def _word_count(text: str) -> int:
    lines = [ln for ln in text.split("\n") if ln.strip() and not is_greeting(ln)]
    return sum(len(re.findall(r"\w+", ln)) for ln in lines)
