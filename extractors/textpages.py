"""Plain text (an email body, a .txt upload) as one virtual page of words.

Each text line becomes a row of words 12 points high; a character is 6 points
wide, so columns that line up in monospaced text line up in the boxes too.
"""
from __future__ import annotations

import re

from extractors.model import LETTER_HEIGHT, LETTER_WIDTH, Page, Source, Word

CHAR_W = 6.0  # points per character
LINE_H = 12.0  # points per line
WORD_H = 0.8  # share of the line a word's box is high, so lines never touch
_WORD = re.compile(r"\S+")
TEXT_SAMPLE = 4096  # bytes looked at to tell text from a binary file
UTF8_TAIL = 4  # a multi-byte character (at most this long) cut at the sample's end is fine


def is_text(data: bytes) -> bool:
    """UTF-8 without NUL bytes, judged on the first TEXT_SAMPLE bytes."""
    sample = data[:TEXT_SAMPLE]
    if not sample or b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - UTF8_TAIL
    return True


def text_to_pages(text: str, source: Source = "text") -> list[Page]:
    words: list[Word] = []
    lines = text.replace("\r\n", "\n").replace("\t", "    ").split("\n")
    width = 0.0
    for row, line in enumerate(lines):
        top = row * LINE_H
        for m in _WORD.finditer(line):
            x0, x1 = m.start() * CHAR_W, m.end() * CHAR_W
            width = max(width, x1)
            words.append(Word(m.group(), x0, top, x1, top + LINE_H * WORD_H, page=1, source=source))
    return [Page(number=1, width=max(width, LETTER_WIDTH), height=max(len(lines) * LINE_H, LETTER_HEIGHT),
                 words=words, source=source)]
