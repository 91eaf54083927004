"""Find labels in segments and the values a reader would pair with them.

A value is read from the rest of the label's segment ("PO #: 4711"), from the
next segment to the right on the same line, or from the segment below that
lines up with the label (a header row with its values underneath).
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractors import confidence
from extractors.layout.geometry import overlap
from extractors.layout.textlines import MIN_LINE_HEIGHT, Line, Segment
from extractors.model import Word
from extractors.po.labels import ALL_LABELS, BY_FIRST, WEAK_LABEL, norm

# Labels misread by OCR (lengths in characters, or in words)
FUZZY_MIN_CHARS = 5  # shorter label texts are not matched fuzzily: too many near misses
FUZZY_WORDS = (3, 2, 1)  # label lengths tried against a misread one, longest first
FUZZY_MIN_SCORE = 84  # rapidfuzz ratio (0..100) a misread label must reach
SPECK_CHARS = 2  # a first token this short before an OCRed label may be a speck read as letters
DIGITS_WITHIN = 4  # a value with digits shows one within its first four words
# Where values sit (points, or line heights h)
EDGE_SLACK = 1  # a phrase starting this far inside the label's right edge is still right of it
SKEW_OVERLAP = 0.3  # share of the label's height a value on a neighbouring line overlaps (a skewed scan)
RIGHT_REACH = 0.6  # share of the page width a value may stand right of its label
VALUE_PARTS = 3  # further phrases that may continue a value to the right ("USD   2,575.50")
PART_GAP = 1.5  # h: a wider gap after a number ends the value
BELOW_LINES = 3  # lines under the label searched for its value
BELOW_REACH = 3.2  # h: how far below the label its value may sit
BELOW_SLACK = 4  # a value below may stick out this far either side of its label
ALIGN_SLACK = 12  # left edges this close line up
CELL_MARGIN = 2  # a value below stops this short of the neighbouring labels' edges

# Labels of FUZZY_MIN_CHARS or more by word count, for fuzzy matching of OCR text
LABEL_TEXTS: dict[int, dict[str, tuple[str, float]]] = {}
for _label, _fld, _strength in ALL_LABELS:
    if len(" ".join(_label)) >= FUZZY_MIN_CHARS:
        LABEL_TEXTS.setdefault(len(_label), {})[" ".join(_label)] = (_fld, _strength)
# Words after a label that still leave its value further right ("Gesamt in EUR   1.234,00")
_CURRENCY_WORDS = {"in", "usd", "eur", "gbp", "inr", "chf", "cad", "aud", "$", "€", "£", "₹", "ca$", "a$", "us$",
                   "excl", "incl", "net", "gross"}


@dataclass(slots=True)
class LabelHit:
    field: str
    strength: float
    seg: Segment
    label_words: list[Word]
    rest: list[Word]  # words after the label in the same segment

    @property
    def line(self) -> int:
        return self.seg.line

    @property
    def x0(self) -> float:
        return self.label_words[0].x0

    @property
    def x1(self) -> float:
        return self.label_words[-1].x1


def _tokens(words: list[Word]) -> list[tuple[str, int]]:
    out = []
    for i, w in enumerate(words):
        for tok in norm(w.text).split():
            out.append((tok, i))
    return out


def find_hits(lines: list[Line]) -> list[LabelHit]:
    """Every label occurrence: at a segment start, or after a word ending in ':'."""
    hits: list[LabelHit] = []
    for line in lines:
        for seg in line.segments:
            toks = _tokens(seg.words)
            if not toks:
                continue
            starts = [0] + [k for k in range(1, len(toks))
                            if toks[k][1] != toks[k - 1][1] and seg.words[toks[k - 1][1]].text.endswith(":")]
            for k in starts:
                hit = _match_at(seg, toks, k)
                if hit is None and k == 0 and seg.words[0].source == "ocr":
                    hit = _fuzzy_at(seg, toks, 0)
                    if hit is None and len(toks) > 1 and len(toks[0][0]) <= SPECK_CHARS:
                        hit = _fuzzy_at(seg, toks, 1)  # a speck read as a letter before the label
                if hit:
                    hits.append(hit)
    return hits


def _match_at(seg: Segment, toks, k: int) -> LabelHit | None:
    words = [t for t, _ in toks]
    for label, fld, strength in BY_FIRST.get(words[k], ()):
        n = len(label)
        if tuple(words[k:k + n]) != label:
            continue
        hit, stop = _hit(seg, toks, k, n, fld, strength)
        if hit or stop:
            return hit
    return None


def _hit(seg: Segment, toks, k: int, n: int, fld: str, strength: float) -> tuple[LabelHit | None, bool]:
    """The label hit for tokens k..k+n, or (None, stop) when they make no label here."""
    last_word = toks[k + n - 1][1]
    if k + n < len(toks) and toks[k + n][1] == last_word:
        return None, False  # label ends inside a word
    label_words = seg.words[toks[k][1]:last_word + 1]
    rest = seg.words[last_word + 1:]
    colon = label_words[-1].text.endswith(":")
    if rest and rest[0].text in (":", "#:", "-"):
        colon, rest = True, rest[1:]
    if rest and rest[0].text.endswith(":") and not colon:
        return None, True  # a longer label we do not know ("PO Contact:")
    if strength <= WEAK_LABEL and not colon and rest:
        return None, False
    if rest and not colon and not _plausible_rest(fld, rest):
        return None, False
    return LabelHit(fld, strength, seg, label_words, rest), True


def _fuzzy_at(seg: Segment, toks, k: int) -> LabelHit | None:
    """A label misread by OCR ("Deliver Td", "Vendo"): close in spelling to a known one."""

    words = [t for t, _ in toks]
    for n in FUZZY_WORDS:
        if k + n > len(toks):
            continue
        text = " ".join(words[k:k + n])
        if len(text) < FUZZY_MIN_CHARS:
            continue
        found = process.extractOne(text, list(LABEL_TEXTS.get(n, {})), scorer=fuzz.ratio,
                                   score_cutoff=FUZZY_MIN_SCORE)
        if found:
            fld, strength = LABEL_TEXTS[n][found[0]]
            hit, _ = _hit(seg, toks, k, n, fld, strength * confidence.FUZZY_LABEL)
            if hit:
                return hit
    return None


def _plausible_rest(fld: str, rest: list[Word]) -> bool:
    """A label without a colon followed by words: only when a value can follow directly."""
    if fld in ("supplier", "ship_to", "bill_to", "buyer", "other", "payment_terms"):
        return True
    if all(norm(w.text) in _CURRENCY_WORDS for w in rest):
        return True  # "Gesamt in EUR" with the amount further right
    return any(ch.isdigit() for w in rest[:DIGITS_WITHIN] for ch in w.text) or fld == "currency"


def value_candidates(hit: LabelHit, lines: list[Line], hit_segs: set[int], page_width: float):
    """(text words, where, bbox words) in the order a reader would look."""
    out = []
    if hit.rest:
        out.append((hit.rest, "rest"))
    line = lines[hit.line]
    right = [s for s in line.segments if s.x0 > hit.seg.x1 - EDGE_SLACK]
    if not right:  # a value printed a little higher or lower (a skewed scan)
        for k in (hit.line + 1, hit.line - 1):
            if 0 <= k < len(lines) and lines[k].page == line.page:
                right = [s for s in lines[k].segments if s.x0 > hit.seg.x1 - EDGE_SLACK
                         and overlap(s.top, s.bottom, hit.seg.top, hit.seg.bottom)
                         > SKEW_OVERLAP * (hit.seg.bottom - hit.seg.top)]
                if right:
                    break
    if right and id(right[0]) not in hit_segs and right[0].x0 - hit.seg.x1 < page_width * RIGHT_REACH:
        h = max(line.height, MIN_LINE_HEIGHT)
        words = list(right[0].words)
        for prev, seg in itertools.pairwise(right[:1 + VALUE_PARTS]):
            # "USD   2,575.50", or a value spread out in separate OCR words: "August 11, 2023"
            if id(seg) in hit_segs:
                break
            if any(c.isdigit() for w in words for c in w.text) and seg.x0 - prev.x1 > PART_GAP * h:
                break
            words += seg.words
        out.append((words, "right"))
    h = max(line.height, MIN_LINE_HEIGHT)
    for nxt in lines[hit.line + 1: hit.line + 1 + BELOW_LINES]:
        if nxt.page != line.page or nxt.top - line.bottom > h * BELOW_REACH:
            break
        below = [s for s in nxt.segments
                 if overlap(s.x0, s.x1, hit.seg.x0 - BELOW_SLACK, hit.seg.x1 + BELOW_SLACK) > 0
                 or (abs(s.x0 - hit.seg.x0) < ALIGN_SLACK)]
        if below:
            seg = below[0]
            if id(seg) not in hit_segs:
                out.append((_under(hit, line, seg), "below"))
            break
    return out


def _under(hit: LabelHit, line: Line, seg: Segment) -> list[Word]:
    """The words of `seg` under the label's column: up to the next label to its right."""
    nxt = [s.x0 for s in line.segments if s.x0 > hit.seg.x1]
    right = min(nxt) - CELL_MARGIN if nxt else math.inf
    left = max([s.x1 for s in line.segments if s.x1 < hit.seg.x0], default=-math.inf) + CELL_MARGIN
    words = [w for w in seg.words if w.x0 < right and w.x1 > left]
    return words or seg.words
