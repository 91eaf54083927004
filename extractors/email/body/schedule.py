"""Which date of an email is which: the delivery date the customer asks for, the order date, and
the first day a delivery is allowed ("not before"), by the words before each date in English,
German, French and Spanish.

"Required by: Friday 11/13", "Needed Tues 8th December", "Liefertermin: 20.11.2026", "Livraison
souhaitée le : 16/12/2026", "Fecha de entrega: viernes 11 de diciembre", "la necesito para el
jueves 19", "moves from Dec 16 to Friday Dec 18" (the second); "not before 16 November" and
"nicht vor dem 27.11." hold the delivery; "shipped today", "dated 05.11.2026", "was supposed to
land tuesday" ask for nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import confidence
from extractors.email.body.dates import DateMention

CUE_CHARS = 50  # characters before a date searched for what it is
_TAIL = r"(?:[\s:,]|the|on|le|el|am|den|dem|al|du|del|de)*(?:\b\w+,?\s*)?$"  # a weekday may sit between
_REQUESTED = re.compile(
    r"(?i)(?:\bby|\bon|\bbefore|\bno later than|\blatest|\bneed(?:ed|s)?(?:\s+(?:it|them|this|these|everything|all))*"
    r"(?:\s+(?:all|here|there))?(?:\s+(?:by|on|for|at\s+\w+\s+by))?|\brequired(?:\s+(?:by|on|date))?|\bdue(?:\s+(?:by|on))?|"
    r"\bdeliver(?:y|ed)?(?:\s+(?:required|requested|date|by|on))*|\barriv\w*(?:\s+(?:by|on))?|\bon site by|"
    r"\bin by|\bwith us by|\brequested(?:\s+date)?|\bneed-by|\bship(?:ping)?\s+(?:by|on|date)|\bfor\s+(?=\w+day)|"
    r"\bbis(?:\s+(?:zum|spätestens|sp[äa]testens\s+am))?|\bsp[äa]testens(?:\s+(?:am|bis))?|liefertermin|"
    r"\btermin|\bzum|\bben[öo]tig\w*(?:\s+(?:wir|sie))?(?:\s+(?:bis|am|zum))?|\bd[ée]lai|\bplazo(?:\s+de\s+entrega)?|"
    r"\blieferdatum|\blieferung(?:\s+(?:bis|am|zum|bitte\s+bis(?:\s+sp[äa]testens)?))?|\bben[öo]tigt(?:\s+(?:bis|am|zum))?|"
    r"\bbrauchen\s+(?:wir\s+)?(?:bis|am)|\bauf den|\bwunschtermin|\banlieferung(?:\s+(?:am|bis))?|"
    r"\bavant(?:\s+le)?|\bpour\s+le|\bd'ici(?:\s+le)?|\bau plus tard(?:\s+le)?|"
    r"\blivraison(?:\s+(?:souhait[ée]e|imp[ée]rative|pr[ée]vue|demand[ée]e))?(?:\s+(?:le|avant(?:\s+le)?|pour\s+le))?|"
    r"\blivrer(?:\s+(?:le|avant(?:\s+le)?|pour\s+le))?|\bdate\s+de\s+livraison(?:\s+souhait[ée]e)?|"
    r"\bantes\s+del?|\bpara\s+el|\ba m[áa]s tardar(?:\s+el)?|\bfecha\s+de\s+entrega|"
    r"\bentrega(?:r)?(?:\s+(?:el|antes\s+del?|para\s+el|al))?|\bnecesit\w+(?:\s+(?:para\s+el|el|antes\s+del?))?|"
    r"\bhasta\s+el)" + _TAIL)
_LABEL = re.compile(
    r"(?i)(\brequired\s+(?:by|date)|\bneed[- ]by|\bdelivery\s+(?:date|required|requested)|"
    r"\brequested\s+(?:delivery|date)|\bdue\s+date|liefertermin|\blieferdatum|wunschtermin|\btermin|"
    r"\bdate\s+de\s+livraison|\blivraison\s+souhait[ée]e|\bd[ée]lai(?:\s+de\s+livraison)?|"
    r"\bfecha\s+de\s+entrega|\bfecha\s+requerida|\bplazo\s+de\s+entrega)\b[^:\n]{0,20}:")
_HOLD = re.compile(
    r"(?i)(?:\bnot\s+(?:before|earlier\s+than|until)|\bno\s+earlier\s+than|\bnicht\s+vor(?:\s+dem)?|"
    r"\bkeinen\s+fall\s+vor(?:\s+dem)?|\bfr[üu]hestens(?:\s+(?:am|ab))?|\bpas\s+avant(?:\s+le)?|"
    r"\bau\s+plus\s+t[ôo]t(?:\s+le)?|\bno\s+(?:\w+\s+)?antes\s+del?|\bhold\s+(?:until|till)|"
    r"\bdo\s+not\s+(?:deliver|ship|send)\s+(?:before|until))" + _TAIL)
_ORDER_DATE = re.compile(r"(?i)(?:\bdated|\border\s+date|\bpo\s+date|\bdate\s+of\s+(?:the\s+)?order|"
                         r"\bvom|\bdatum|\bdate|\bfecha|\bdu|\bdel)[\s:]*$")
_PAST = re.compile(r"(?i)\b(?:shipped|delivered|received|sent|was|were|war|confirmed|best[äa]tigt|ago|since|seit|"
                   r"desde|last|letzte[nrm]?|dernier|pasad[oa]|paid|pay[ée]|bezahlt|pag(?:amos|ado)|spoke|"
                   r"until|till|through|stocked|closed)\b[^.\n]{0,25}$")
_FROM_TO = re.compile(r"(?i)^\s*(?:to|auf|au|a|al|->|→|until|bis)\s+")
_FROM = re.compile(r"(?i)\b(?:from|von|du|de|del|desde)\s*$")
WRAP_LEAD = 12  # characters: a date this close to the start of a line continues the line above
FROM_TO_GAP = 15  # characters between the old and the new date of "from X to Y"


@dataclass(slots=True)
class Roles:
    """The dates the email gives each role, with the confidence the cue leaves them."""

    requested: tuple[DateMention, float] | None = None
    order: DateMention | None = None
    hold_until: DateMention | None = None


def date_roles(text: str, dates: list[DateMention]) -> Roles:
    roles = Roles()
    for i, d in enumerate(dates):
        line_start = _wrapped_line_start(text, d.start)
        before = text[max(line_start, d.start - CUE_CHARS):d.start].replace("\n", " ")
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if nxt is not None and _FROM.search(before) and nxt.start - d.end <= FROM_TO_GAP and \
                _FROM_TO.match(text[d.end:nxt.start]):
            continue  # "from Dec 16 to Friday Dec 18": the old date
        after_from = i > 0 and _FROM_TO.match(text[dates[i - 1].end:d.start]) and \
            _FROM.search(text[max(0, dates[i - 1].start - CUE_CHARS):dates[i - 1].start])
        if _HOLD.search(before):
            roles.hold_until = roles.hold_until or d
            continue
        if roles.requested is not None:
            if roles.order is None and _ORDER_DATE.search(before):
                roles.order = d
            continue
        label = _LABEL.search(text[line_start:d.start])
        if label and not any(line_start <= o.start < d.start for o in dates if o is not d):
            roles.requested = (d, d.confidence)
        elif _PAST.search(before):
            continue
        elif _REQUESTED.search(before) or after_from:
            roles.requested = (d, d.confidence)
        elif _ORDER_DATE.search(before):
            roles.order = roles.order or d
        elif _future_phrase(d):
            roles.requested = (d, d.confidence * confidence.DATE_WITHOUT_CUE)
    return roles


def _wrapped_line_start(text: str, pos: int) -> int:
    """Where the line of `pos` starts; a date at the start of a line continues the line above
    ("... auf den\n27.11.2026")."""
    start = text.rfind("\n", 0, pos) + 1
    if len(text[start:pos].strip()) <= WRAP_LEAD and start > 1 and text[start - 2] != "\n":
        return text.rfind("\n", 0, start - 1) + 1
    return start


def _future_phrase(d: DateMention) -> bool:
    """'next Tuesday', 'within 3 days', 'tomorrow' point forward even without 'by'."""
    if d.rule in ("relative", "relative_words"):
        return not d.text.lower().startswith(("today", "heute", "aujourd", "hoy", "oggi"))
    return d.rule == "weekday" and d.text.lower().split()[0] in (
        "next", "this", "coming", "nächsten", "nächste", "kommenden", "prochain", "el", "próximo")
