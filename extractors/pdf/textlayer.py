"""The one answer to "does this PDF page already have real text?".

A page is read from its text layer only when that layer holds enough readable
characters. Empty pages, whitespace, unmapped glyphs (pdfplumber's "(cid:12)",
U+FFFD, private-use code points), control characters and a handful of stray
characters over a scanned image all send the page to OCR instead.
"""
from __future__ import annotations

import re
import unicodedata

from extractors.model import Page

MIN_CHARS = 12  # fewer readable characters than this is not a text layer worth trusting
MAX_BAD_SHARE = 0.25  # more unreadable characters than this: the font has no usable map
MIN_WORDLIKE_SHARE = 0.4  # share of words with a letter or digit in them

_CID = re.compile(r"\(cid:\d+\)")
_BAD_CATEGORIES = {"Co", "Cn", "Cc", "Cs"}  # private use, unassigned, control, surrogate


def has_text_layer(page: Page) -> bool:
    """True when the page's own words are usable; False means OCR the page."""
    texts = [w.text for w in page.words if w.text and not w.text.isspace()]
    if not texts:
        return False
    good, bad = text_quality("".join(texts))
    if good < MIN_CHARS:
        return False
    if bad > MAX_BAD_SHARE * (good + bad):
        return False
    wordlike = sum(1 for t in texts if any(ch.isalnum() for ch in _CID.sub("", t)))
    return wordlike >= MIN_WORDLIKE_SHARE * len(texts)


def text_quality(text: str) -> tuple[int, int]:
    """(readable, unreadable) character counts, ignoring whitespace."""
    cids = len(_CID.findall(text))
    text = _CID.sub("", text)
    good = bad = 0
    for ch in text:
        if ch.isspace():
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in _BAD_CATEGORIES:
            bad += 1
        else:
            good += 1
    return good, bad + cids
