"""Text normalisation shared by training and run time, so both see the same tokens.

Negation scope (`mark_negation`) follows two independent, long-standing methods:
NegEx (Chapman et al. 2001: a trigger negates the next few words, a window ended by
punctuation or a conjunction such as "but") and the NOT_ tagging of Das & Chen (2001) /
Pang, Lee & Vaithyanathan (2002) for bag-of-words classifiers (each word in scope gets a
marked form, so "no rush" carries the feature "neg_rush" and the rush cue never fires on it).
"""

from __future__ import annotations

import re

from nlp_models.cues import cue_tokens

MAX_CHARS = 4000
STEM = 5
NEG = "neg_"  # prefix of a word inside a negation's scope
SCOPE = 5  # words after a trigger that it negates (NegEx's window: "no es necesario que sea urgente")
_QUOTED = re.compile(r"^\s*>.*$", re.MULTILINE)
_DIGITS = re.compile(r"\d+")
_TOKENS = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]", re.UNICODE)
# Negation triggers in English, German, French and Spanish ("no" is the Spanish "not" too).
_TRIGGER_WORDS = """
no not dont don't didn't doesn't won't wont cannot can't cant never without nothing none neither nor
nicht kein keine keinen keinem keiner keines keinesfalls nie niemals ohne
ne n' pas jamais sans aucun aucune ni
nunca sin ningún ninguna ninguno tampoco
"""
TRIGGERS = frozenset(_TRIGGER_WORDS.split())
# Words that close a negation's scope before SCOPE words (NegEx's termination terms).
CLOSERS = frozenset(["but", "however", "although", "aber", "sondern", "jedoch", "mais", "cependant", "pero", "sino"])
_PUNCT = frozenset(".,;:!?()[]\"/|-–—")
# German puts "nicht" after a finite verb that ends its clause ("es eilt nicht", "das ist nicht
# nötig"): a clause-final "nicht"/"kein" negates the word before it (Duden, Satznegation).
_POSTPOSED = frozenset({"nicht"})


def mark_negation(tokens: list[str]) -> list[str]:
    """Words in a negation's scope get the NEG prefix; the trigger itself stays as it is."""
    out = list(tokens)
    left = 0
    for i, tok in enumerate(tokens):
        if tok in _PUNCT or tok in CLOSERS:
            left = 0
            continue
        if left:
            out[i] = NEG + tok
            left -= 1
        if tok in TRIGGERS or tok.endswith("n't") or tok.startswith("n'"):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else "."
            if tok == "no" and nxt == ".":  # "no." is a number sign, not a negation
                continue
            left = SCOPE
            if tok in _POSTPOSED and nxt in _PUNCT and i and tokens[i - 1] not in _PUNCT:
                out[i - 1] = NEG + tokens[i - 1].removeprefix(NEG)
    return out


def normalize(text: str) -> str:
    """Lowercase, digits to '9', quoted reply lines ('> ...') dropped when other text remains; then,
    after ' | ': the words in a negation's scope in their marked form ('neg_rush'; the plain word
    stays in the text, so "we have no invoice" is still about an invoice), 5-letter stems of longer
    words (so 'cancel', 'cancellation' and 'storniert', 'stornieren' share a feature), and the
    instruction cues found on the marked text (nlp_models.cues) as 'cue_<instruction>'.
    """
    text = text[:MAX_CHARS]
    unquoted = _QUOTED.sub("", text)
    if len(unquoted.split()) >= 3:
        text = unquoted
    tokens = _TOKENS.findall(_DIGITS.sub("9", text.lower()))
    marked = mark_negation(tokens)
    negated = [t for t in marked if t.startswith(NEG)]
    stems = [t[:STEM] for t in tokens if len(t) > STEM and t.isalpha()]
    body = " ".join(tokens)
    extra = " ".join(negated + stems + cue_tokens(" ".join(marked)))
    # An empty doc crashes the bag-of-words layer, so an empty message becomes one word.
    return f"{body} | {extra}" if extra else (body or "empty")
