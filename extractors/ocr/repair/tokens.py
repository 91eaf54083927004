"""Repairs for the letters OCR mistakes for digits (O/0, l/1, I/1, S/5, B/8, Z/2).

`numeric_repair` fixes a token that is meant to be a number (mostly digits
already); `code_variants` lists the spellings an OCRed product code could have
had, so matching can confirm a repair against master data instead of guessing.
"""
from __future__ import annotations

import itertools
import re

# Letter -> digit it is mistaken for, in tokens that should be numbers.
TO_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "Z": "2"}
# Both directions for codes: each confusable character and what it may really be.
CONFUSABLE = {"0": "O", "O": "0", "o": "0", "1": "lI", "l": "1I", "I": "1l", "5": "S",
              "S": "5", "8": "B", "B": "8", "2": "Z", "Z": "2"}
MAX_VARIANTS = 64  # spellings listed for one code, fewest changes first

_NUMBER_CHARS = set("0123456789.,-/$%+()")
# What makes a token an amount or a date, not a code: a currency sign, a date slash,
# or a separator inside the number (a full stop after "IO0039475." is not one).
_NUMBER_SHAPE = re.compile(r"[$€£¥₹/]|[.,][0-9OolISBZ|]")
_CURRENCY = "$€£¥₹"
_D = "[0-9OolISBZ|]"
# "1,929,06" / "10.152.97": groups of three, then two cents digits, one separator kind.
_SAME_SEPARATORS = re.compile(r"([$€£¥₹]?\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*)\2(\d{2})")
_DATE_MIXED = re.compile(r"\d{1,2}[.,]\d{1,2}[.,]\d{4}")
# "1O.5O", "$l,2OO.OO": an amount with cents is a number whatever its letters.
_MONEY_SHAPE = re.compile(rf"[$€£¥₹]?{_D}{{1,3}}(,{_D}{{3}})*\.{_D}{{2}}")


def separator_repair(text: str) -> str:
    """Fix a point read as a comma or back ("1,929,06" -> "1929.06", "20,09.2024" ->
    "20.09.2024"). An amount whose separators are all alike and end in two cents
    digits can only mean one value; it is written plainly so no locale guess is needed."""
    m = _SAME_SEPARATORS.fullmatch(text)
    if m:
        head, sep, cents = m.group(1), m.group(2), m.group(3)
        return head.replace(sep, "") + "." + cents
    if _DATE_MIXED.fullmatch(text) and "," in text and "." in text:
        return text.replace(",", ".")
    return text


def numeric_repair(text: str) -> str:
    """Fix letters inside a token shaped like an amount or a date ("1O.5O" -> "10.50").

    Only a token with a decimal point, a thousands separator, a date slash or a
    currency sign is repaired, and only when digits outnumber the confusable
    letters and every other character is number punctuation. A bare run of letters
    and digits ("IO0039475", "B77", "4S0") may be a code, a PO number or a postcode:
    it is kept as read, since nothing here can confirm the repair.
    """
    if not _NUMBER_SHAPE.search(text):
        return text
    digits = sum(ch.isdigit() for ch in text)
    letters = [ch for ch in text if ch.isalpha() or ch == "|"]
    if not letters or not digits:
        return text
    if (digits < 2 or 2 * len(letters) > digits) and not _MONEY_SHAPE.fullmatch(text):
        return text
    if any(ch not in TO_DIGIT for ch in letters):
        return text
    if len(letters) > 1 and not any(sep in text for sep in ".,"):
        return text  # several letters and no decimal point: likely a code, not a number
    body = text.lstrip(_CURRENCY)
    if any(ch not in _NUMBER_CHARS and ch not in TO_DIGIT for ch in body):
        return text
    return text[: len(text) - len(body)] + "".join(TO_DIGIT.get(ch, ch) for ch in body)


def code_variants(code: str) -> list[str]:
    """Spellings `code` could have had before OCR confusions, itself first.

    Every confusable character is swapped for its look-alikes; the list is capped
    at MAX_VARIANTS, preferring variants with fewer changes.
    """
    spots = [i for i, ch in enumerate(code) if ch in CONFUSABLE]
    out = [code]
    seen = {code}
    for changes in range(1, len(spots) + 1):
        for chosen in itertools.combinations(spots, changes):
            for repl in itertools.product(*(CONFUSABLE[code[i]] for i in chosen)):
                chars = list(code)
                for i, ch in zip(chosen, repl):
                    chars[i] = ch
                variant = "".join(chars)
                if variant not in seen:
                    seen.add(variant)
                    out.append(variant)
                if len(out) >= MAX_VARIANTS:
                    return out
    return out


def looks_numeric(text: str) -> bool:
    """True for a token that reads as a number once repaired ("1,2O0.00")."""
    return bool(re.fullmatch(r"[$€£¥₹]?[-+(]?\d[\d.,]*\)?%?", numeric_repair(text)))
