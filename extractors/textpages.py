"""Plain text (an email body, a .txt upload) as one virtual page of words.

Each text line becomes a row of words 12 points high; a character is 6 points
wide, so columns that line up in monospaced text line up in the boxes too.
"""
from __future__ import annotations

import re

from extractors.model import Page, Source, Word

CHAR_W = 6.0
LINE_H = 12.0
_WORD = re.compile(r"\S+")


def text_to_pages(text: str, source: Source = "text") -> list[Page]:
    words: list[Word] = []
    lines = text.replace("\r\n", "\n").replace("\t", "    ").split("\n")
    width = 0.0
    for row, line in enumerate(lines):
        top = row * LINE_H
        for m in _WORD.finditer(line):
            x0, x1 = m.start() * CHAR_W, m.end() * CHAR_W
            width = max(width, x1)
            words.append(Word(m.group(), x0, top, x1, top + LINE_H * 0.8, page=1, source=source))
    return [Page(number=1, width=max(width, 612.0), height=max(len(lines) * LINE_H, 792.0),
                 words=words, source=source)]
