"""Words -> text lines -> segments (runs of words separated by a column gap).

A segment is what a reader sees as one phrase: "P.O. Number:" and "RS 0012697"
in "P.O. Number:   RS 0012697" are two segments when the gap is wide.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from extractors.model import Page, Word

# Lengths are PDF points; gaps are measured in word heights, so they scale with the type.
MIN_WORD_HEIGHT = 4.0  # a word is never taken as shorter, so gap tests still hold for specks and tiny type
MIN_LINE_HEIGHT = 6.0  # the least height distances between lines are measured in (po/ reads blocks by it)
TALL_WORD = 1.8  # median word heights: taller words (logos, big titles) do not stretch a line
LINE_REACH = 3  # a word joins a line by overlapping one of its last three words (a skew drifts)
DIGIT_GROUP_GAP = 0.35  # word heights: a thin space between digit groups, as in "1 234,56"
SMALL_GAP = 1.5  # word heights: gaps up to this are spaces between words of one phrase
MIN_GAPS = 5  # fewer such spaces on a page and its usual space is not known
PHRASE_GAP = 0.9  # word heights: a wider gap ends a phrase (a segment) ...
PHRASE_GAP_SPACES = 2.2  # ... unless it is within this many of the page's usual spaces


class _Words:
    """What a run of words (a phrase or a whole line) says and where it sits vertically."""

    __slots__ = ()
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(slots=True)
class Segment(_Words):
    """A phrase: words of one line with no wide gap between them ("P.O. Number:")."""

    words: list[Word]
    page: int
    line: int = 0  # index of its line in the document's line list

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def bbox(self):
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words)


@dataclass(slots=True)
class Line(_Words):
    """A line of text on a page, left to right, split into its phrases."""

    page: int
    words: list[Word]
    index: int = 0
    segments: list[Segment] = field(default_factory=list)

    @property
    def height(self) -> float:
        """The median height of its words."""
        return sorted(w.bottom - w.top for w in self.words)[len(self.words) // 2]


def page_lines(pages: list[Page]) -> list[Line]:
    """All lines of all pages in reading order, each split into segments."""
    out: list[Line] = []
    for page in pages:
        rows: list[list[Word]] = []
        heights = sorted(w.bottom - w.top for w in page.words)
        tall = heights[len(heights) // 2] * TALL_WORD if heights else 0.0
        for w in sorted(page.words, key=lambda w: (w.top + w.bottom) / 2):
            mid = (w.top + w.bottom) / 2
            if rows:
                last = [x for x in rows[-1][-LINE_REACH:] if x.bottom - x.top <= tall] or rows[-1][-1:]
                if min(x.top for x in last) <= mid <= max(x.bottom for x in last):
                    rows[-1].append(w)
                    continue
            rows.append([w])
        space = word_gap(rows)
        for row in rows:
            row.sort(key=lambda w: w.x0)
            row = _join_digit_groups(row)
            line = Line(page=page.number, words=row, index=len(out))
            line.segments = _segments(row, page.number, line.index, space)
            out.append(line)
    return out


_HEAD_GROUP = re.compile(r"^[-(]?[$€£₹]?\d{1,3}$")
_NEXT_GROUP = re.compile(r"^\d{3}([.,]\d{1,4})?[)]?$")


def _join_digit_groups(row: list[Word]) -> list[Word]:
    """'1 234,56' printed with a thin space is one amount, not two words."""
    out: list[Word] = []
    for w in row:
        if out and _NEXT_GROUP.match(w.text) and re.match(r"^[-(]?[$€£₹]?\d{1,3}( \d{3})*$", out[-1].text) \
                and _HEAD_GROUP.match(out[-1].text.split(" ")[0]):
            prev = out[-1]
            if 0 <= w.x0 - prev.x1 < DIGIT_GROUP_GAP * max(prev.bottom - prev.top, MIN_WORD_HEIGHT):
                out[-1] = Word(f"{prev.text} {w.text}", prev.x0, min(prev.top, w.top), w.x1,
                               max(prev.bottom, w.bottom), prev.page, min(prev.conf, w.conf), prev.source)
                continue
        out.append(w)
    return out


def word_gap(rows: list[list[Word]]) -> float:
    """The page's usual space between two words of a phrase (median of the small gaps)."""
    gaps = []
    for row in rows:
        ws = sorted(row, key=lambda w: w.x0)
        for a, b in itertools.pairwise(ws):
            g = b.x0 - a.x1
            if 0 <= g <= SMALL_GAP * max(a.bottom - a.top, MIN_WORD_HEIGHT):
                gaps.append(g)
    return sorted(gaps)[len(gaps) // 2] if len(gaps) >= MIN_GAPS else 0.0


def _segments(words: list[Word], page: int, index: int, space: float = 0.0) -> list[Segment]:
    segs: list[Segment] = []
    current: list[Word] = []
    for w in words:
        if current:
            h = max(min(w.bottom - w.top, current[-1].bottom - current[-1].top), MIN_WORD_HEIGHT)
            gap = w.x0 - current[-1].x1
            if gap > max(h * PHRASE_GAP, space * PHRASE_GAP_SPACES):
                segs.append(Segment(current, page, index))
                current = []
        current.append(w)
    if current:
        segs.append(Segment(current, page, index))
    return segs
