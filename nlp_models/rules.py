"""A tiny rule layer before the model, for the most common message the model cannot see:
a subject that only names an order, and a body that is empty or only an attachment note.

Rule (the only one): first line = subject, the rest = body (the service builds
subject + blank line + body). When the subject, after forward prefixes (Fwd:/FW:/WG:/TR:),
is an order word with an optional number, 'attached' or 'from <company>', and every body
word is in NOTE_WORDS (a closed list: 'please see attached', 'PFA', 'FYI', sign-offs),
the label is new_order. A reply (Re:/AW:) never matches: it may answer anything.
A text without a subject matches when it is only an attachment note ('Please see the attached PO.').
"""

from __future__ import annotations

import re

RULE_SCORE = 0.95
_FORWARD = r"(?:(?:fwd?|fw|wg|tr|weitergeleitet)\s*:\s*)*"
_ORDER_WORD = (r"(?:new\s+|our\s+)?(?:purchase\s+order|p\.?\s?o\.?|order|bestellung|auftrag|bon\s+de\s+commande"
               r"|commande|pedido|orden\s+de\s+compra|bestelling|inkooporder)")
_NUMBER = r"(?:\s*(?:no\.?|nr\.?|n°|#|:|-)?\s*[a-z]{0,4}[\d][\w/.-]*)?"
_TAIL = r"(?:\s+attached|\s+(?:from|-|/|for)\s+(?P<tail>[^?!:\n]{1,40}))?"
ORDER_SUBJECT = re.compile(rf"^{_FORWARD}{_ORDER_WORD}{_NUMBER}{_TAIL}\s*$", re.IGNORECASE)
# A company name after 'from' or '-' must not carry an intent ('PO 4411 - cancelled').
_INTENT = re.compile(r"cancel|storn|annul|chang|revis|amend|updat|status|where|eta\b|track|deliver|ship|"
                     r"return|rma|damag|invoice|rechnung|factur|credit|confirm|quote|price|urgent|query|question",
                     re.IGNORECASE)
_NOTE_WORDS = """
please pls kindly see find attached attachment enclosed here is the our a an of this as below fyi pfa po
order purchase new for processing process handle thanks thank you thx regards kind best cheers hi hello
dear team all br greetings sent from my iphone ipad android outlook
anbei unsere die bestellung im anhang danke gruss grüße mit freundlichen
ci joint notre commande veuillez trouver merci cordialement adjunto nuestro pedido saludos
bijgaand onze bestelling groet met vriendelijke
"""
NOTE_WORDS = frozenset(_NOTE_WORDS.split())
_ATTACH = re.compile(r"attach|enclos|pfa|anbei|anhang|ci-joint|joint|adjunt|bijgaand|below", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
MAX_NOTE_WORDS = 12


def _note_only(body: str) -> bool:
    words = [w.lower() for w in _WORD.findall(body)]
    return len(words) <= MAX_NOTE_WORDS and all(w in NOTE_WORDS for w in words)


def _order_subject(subject: str) -> bool:
    m = ORDER_SUBJECT.match(subject.strip())
    return bool(m) and not (m.group("tail") and _INTENT.search(m.group("tail")))


def rule_label(text: str) -> str | None:
    """'new_order' when the rule above matches, else None (the model decides)."""
    text = (text or "").strip()
    if not text:
        return None
    subject, _, body = text.partition("\n")
    if _order_subject(subject) and _note_only(body):
        return "new_order"
    if _note_only(text) and _ATTACH.search(text):
        return "new_order"
    return None


# Scope: a cancellation of what cannot be shipped is an instruction about part of an order,
# not a cancellation of the order ("no b/o - cancel anything you can't ship", "annulez ce qui
# n'est pas en stock"). Sources: issue #12 (two such new orders read as cancel_order) and the
# desk set's label rule ("An order that says 'cancel anything you can't ship' ... is a new_order
# with no_backorder"); the same reading is ConText's scope idea (Harkema et al. 2009): the
# cancel word's scope ends at its own sentence.
_CANCEL = re.compile(r"cancel|cancél|storn|annul|anul|streich", re.IGNORECASE)
_STOCK_SCOPE = re.compile(
    r"can'?t (?:ship|supply|deliver)|cannot|unable to|not (?:in stock|available|on the shelf)|out of stock|"
    r"from stock|backorder|back order|b/o|rather than|nicht (?:lieferbar|am lager|verfügbar|vorrätig)|"
    r"nachliefern|rückstand|nicht auf lager|reliquat|pas (?:en stock|disponible)|n'est pas disponible|"
    r"pendiente|no (?:tengan|tienen|haya|hay) (?:en )?(?:stock|existencia)|lo que no", re.IGNORECASE)
# A whole-order cancellation may mention backorders too ("cancel whatever is still open and close
# the PO"): these words keep the label (desk rules: cancelling the open balance and closing is cancel_order).
_WHOLE_ORDER = re.compile(r"in full|entire|whole|complete(?:ly)?\b|close (?:out )?the (?:po|order)|komplett|"
                          r"vollständig|gesamte|totalité|entière|complet|complet[ao]|total", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def cancel_is_partial(text: str) -> bool:
    """True when every sentence that cancels something cancels only what is out of stock."""
    if _WHOLE_ORDER.search(text or ""):
        return False
    cancelling = [s for s in _SENTENCE.split(text or "") if _CANCEL.search(s)]
    return bool(cancelling) and all(_STOCK_SCOPE.search(s) for s in cancelling)
