"""Short messages written the way the service builds the text: subject, blank line, body.

The body may be empty, only a signature or disclaimer, or a one-line note; subjects carry
forward (Fwd:/FW:/WG:/TR:) and reply (Re:/AW:) prefixes. Other labels come in the same form.
"""

from __future__ import annotations

import random

from nlp_models import phrases_short as ps
from nlp_models.phrases_extra import DISCLAIMERS

EXTRA_NOTES = ["See attached.", "Photos attached.", "Details attached.", "Please see below.", "PFA.", ""]


def _fill(template: str, r: random.Random) -> str:
    from nlp_models.generate_data import fill  # late import: generate_data imports this module

    return fill(template.replace("{ow}", r.choice(ps.ORDER_WORDS)), r)


def _prefix(r: random.Random, reply_odds: float) -> str:
    roll = r.random()
    if roll < reply_odds:
        return r.choice(ps.REPLY)
    return r.choice(ps.FORWARD) if roll < reply_odds + 0.25 else ""


def _sign(r: random.Random) -> str:
    off = r.choice(ps.SIGN_OFFS)
    sig = _fill(r.choice(ps.SIGNATURES), r) if r.random() < 0.7 else ""
    return "\n".join(p for p in ((off + ",") if off and sig and r.random() < 0.5 else off, sig) if p)


def _new_order_body(r: random.Random) -> str:
    roll = r.random()
    if roll < 0.25:
        return ""
    if roll < 0.35:
        return _sign(r)
    if roll < 0.42:
        return (_sign(r) + "\n\n" + _fill(r.choice(DISCLAIMERS), r)).strip()
    note = _fill(r.choice(ps.ATTACH_NOTES), r)
    return note + ("\n" + _sign(r) if r.random() < 0.5 else "")


def _other_body(label: str, r: random.Random) -> str:
    body = _fill(r.choice(ps.BODIES[label]), r)
    if r.random() < 0.2:
        body = f"{body} {r.choice(EXTRA_NOTES)}".strip()
    return body + ("\n" + _sign(r) if r.random() < 0.4 else "")


def short_message(label: str, r: random.Random) -> dict:
    """One short message of this label as {'text', 'label', 'instructions'}."""
    if label == "new_order":
        subject = _prefix(r, 0.05) + _fill(r.choice(ps.ORDER_SUBJECTS), r)
        body = _new_order_body(r)
        if r.random() < 0.08 and body:
            subject = ""  # a note without a subject
    else:
        mode = r.random()
        if mode < 0.3:  # the intent only in the subject
            subject, body = _prefix(r, 0.3) + _fill(r.choice(ps.SUBJECTS[label]), r), ""
            if r.random() < 0.4:
                body = _sign(r)
        elif mode < 0.7:  # a plain order subject, the intent in the body
            subject = _prefix(r, 0.6) + _fill(r.choice(ps.ORDER_SUBJECTS[:6]), r)
            body = _other_body(label, r)
        else:
            subject = _prefix(r, 0.3) + _fill(r.choice(ps.SUBJECTS[label]), r)
            body = _other_body(label, r)
    text = f"{subject}\n\n{body}".strip()
    if r.random() < 0.1:
        text = text.lower() if r.random() < 0.7 else text.upper()
    return {"text": text, "label": label, "instructions": []}


def generate_short(n: int, seed: int) -> list[dict]:
    """n short messages, the labels in turn: balanced, so signatures and sign-offs stay neutral."""
    r = random.Random(seed)
    labels = sorted([*ps.SUBJECTS, "new_order"])
    return [short_message(labels[i % len(labels)], r) for i in range(n)]
