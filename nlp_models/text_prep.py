"""Text normalisation shared by training and run time, so both see the same tokens."""

from __future__ import annotations

import re

MAX_CHARS = 4000
STEM = 5
_QUOTED = re.compile(r"^\s*>.*$", re.MULTILINE)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(rf"[^\W\d_]{{{STEM + 1},}}")


def normalize(text: str) -> str:
    """Lowercase, digits to '9', quoted reply lines ('> ...') dropped when other text remains.

    Word stems (first 5 letters of longer words) are appended, so the bag-of-words
    model links 'cancel', 'cancelled', 'cancellation' and 'storniert', 'stornieren'.
    """
    text = text[:MAX_CHARS]
    unquoted = _QUOTED.sub("", text)
    if len(unquoted.split()) >= 3:
        text = unquoted
    text = _SPACES.sub(" ", _DIGITS.sub("9", text.lower())).strip()
    stems = " ".join(w[:STEM] for w in _WORDS.findall(text))
    # An empty doc crashes the bag-of-words layer, so an empty message becomes one word.
    return f"{text} | {stems}" if stems else (text or "empty")
