"""tesseract `image_to_data` rows into `Word`s in reading order, in PDF points."""
from __future__ import annotations

import re

import numpy as np

from extractors.model import Word
from extractors.ocr.repair.tokens import numeric_repair, separator_repair

# Marks that table rulings and speckle turn into; never a word on their own.
_JUNK = set("|¦[]{}_~\\—–‘’`'\"«»°•·¬")
_EDGE_JUNK = "|¦[]{}_~‘’`«»"
# A speck before a word reads as a quote ("“Menge" lost the Qty column), a ruling's
# remnant before an amount as an em dash ("—270.00"), which is never a minus sign.
_LEADING_MARKS = "“”„\"—"
_ENDS_WITH_POINT = re.compile(r"[$€£¥₹]?\d[\d,.]*[.,]")
# An amount with cents after a mark tesseract has no glyph for: a currency sign it does
# not know (the rupee sign read as "%"), never a percentage or a count.
_SIGN_MISREAD = re.compile(r"[%&#*»~]\d{1,3}(?:,\d{2,3})*\.\d{2}")
_CENTS = re.compile(r"\d{2}")
_WHOLE = re.compile(r"[$€£¥₹]?\d[\d,.]*")
_POINT_CENTS = re.compile(r"[.,]\d{2}")
WORD_LEVEL = 5  # tesseract's image_to_data level of a word (1 page ... 4 line, 5 word)
# tesseract's confidences are 0..100 as it reports them, 0..1 once on a Word
LOW_CONF = 25.0  # under this a short token is noise ...
SHORT_TOKEN = 3  # ... short: fewer letters and digits than this
SHADOW_CONF = 0.5  # a token this unsure lying over a confident word is a second guess ...
STRONG_CONF = 0.8  # ... confident: at least this sure
SHADOW_OVERLAP = 0.5  # share of the unsure token's box inside the confident word's
SPLIT_GAP = 0.8  # word heights: an amount cut at its point is joined across a gap under this
GOOD_WORD_CONF = 0.6  # a word read with this confidence ...
GOOD_WORD_CHARS = 2  # ... and this many letters or digits counts as read well
# Slanted text lines laid level (pixels)
MIN_SLOPE = 0.004  # about 0.25 degrees: lines this level are left alone
MAX_SLOPE = 0.1  # a line steeper than this is a misread, not a slant
SLOPE_MIN_CONF = 50  # words read at least this well (0..100) ...
SLOPE_MIN_CHARS = 2  # ... with this many characters show a line's baseline
SLOPE_MIN_WORDS = 3  # words on a line to fit its slope
SLOPE_MIN_SPAN = 200  # pixels a line must run across for its slope to mean anything
SLOPE_MIN_LINES = 3  # lines with a slope before the page is levelled at all
PERSPECTIVE_MIN_LINES = 6  # lines before the slope is fitted as a function of height (a photo's perspective)


def page_words(data: dict, page: int, pt_per_px: float, offset: tuple[int, int] = (0, 0),
               level=None) -> list[Word]:
    """Words (level 5 rows) with conf in 0..1, boxes scaled to points, in reading order.
    `level(x, y)` (page pixels) is how far to lift a word; by default from `slope_fix`."""
    words: list[Word] = []
    level = level or slope_fix(data)
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if int(data["level"][i]) != WORD_LEVEL or conf < 0:
            continue
        text = _clean(text)
        if not text or (conf < LOW_CONF and sum(ch.isalnum() for ch in text) < SHORT_TOKEN):
            continue  # logo fragments and speckle read as "ae", "-", "soa"
        x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        if h <= 1 and len(text) > 1:
            continue  # letters are never a pixel tall: a guess at a picture's edge
        x, y = x + offset[0], y + offset[1]  # a crop's words go back to page pixels
        y -= level(x + w / 2, y + h / 2)  # a slanted text line is laid level
        words.append(Word(text, x * pt_per_px, y * pt_per_px, (x + w) * pt_per_px,
                          (y + h) * pt_per_px, page=page, conf=round(conf / 100.0, 3),
                          source="ocr"))
    return reading_order(drop_shadows(words))


def drop_shadows(words: list[Word]) -> list[Word]:
    """Drop a guess tesseract makes over a word it also read well: a near-zero
    confidence token lying mostly inside a confident one ("feat" over "P.O.")."""
    weak = [w for w in words if w.conf < SHADOW_CONF]
    if not weak:
        return words
    strong = [w for w in words if w.conf >= STRONG_CONF]
    drop = {id(w) for w in weak if any(_inside(w, s) >= SHADOW_OVERLAP for s in strong)}
    return [w for w in words if id(w) not in drop]


def _inside(w: Word, s: Word) -> float:
    """Share of w's box that lies inside s's box."""
    dx = min(w.x1, s.x1) - max(w.x0, s.x0)
    dy = min(w.bottom, s.bottom) - max(w.top, s.top)
    area = (w.x1 - w.x0) * (w.bottom - w.top)
    return dx * dy / area if dx > 0 and dy > 0 and area > 0 else 0.0


def slope_fix(data: dict):
    """How far to lift each word so tesseract's text lines lie level.

    A photo (perspective) or a skew the deskew missed leaves lines slanted by a
    line height or more across the page, and the layout, which groups words by
    height, would mix neighbouring rows. tesseract follows each line's baseline:
    the slope of its lines, fitted as a straight function of height on the page
    (perspective tilts the top and bottom differently), gives the correction.
    Pages with level lines get none."""
    lines: dict[tuple, list[tuple[float, float]]] = {}
    for i, text in enumerate(data["text"]):
        if int(data["level"][i]) != WORD_LEVEL or float(data["conf"][i]) < SLOPE_MIN_CONF \
                or len(text.strip()) < SLOPE_MIN_CHARS:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i]) \
            if "line_num" in data else None
        x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        lines.setdefault(key, []).append((x + w / 2, y + h))  # the bottom: the baseline
    fits = []  # (mid height, slope, weight)
    for pts in lines.values():
        if len(pts) < SLOPE_MIN_WORDS or None in lines:
            continue
        xs = np.array([p[0] for p in pts])
        ys = np.array([p[1] for p in pts])
        span = xs.max() - xs.min()
        if span < SLOPE_MIN_SPAN:
            continue
        slope = float(np.polyfit(xs, ys, 1)[0])
        if abs(slope) < MAX_SLOPE:
            fits.append((float(np.median(ys)), slope, span))
    if len(fits) < SLOPE_MIN_LINES:
        return lambda x, y: 0.0
    mids, slopes, weights = (np.array(v) for v in zip(*fits))
    if float(np.average(np.abs(slopes), weights=weights)) < MIN_SLOPE:
        return lambda x, y: 0.0
    if len(fits) >= PERSPECTIVE_MIN_LINES and np.ptp(mids) > 0:
        b, a = np.polyfit(mids, slopes, 1, w=weights)
    else:
        b, a = 0.0, float(np.average(slopes, weights=weights))
    xc = float(np.median([p[0] for pts in lines.values() for p in pts]))
    return lambda x, y: (a + b * y) * (x - xc)


def _clean(text: str) -> str:
    text = text.strip()
    if not text or all(ch in _JUNK for ch in text):
        return ""
    stripped = text.strip(_EDGE_JUNK).lstrip(_LEADING_MARKS)
    if stripped and any(ch.isalnum() for ch in stripped):
        text = stripped
    if _SIGN_MISREAD.fullmatch(text):
        text = text[1:]
    return separator_repair(numeric_repair(text))


def reading_order(words: list[Word]) -> list[Word]:
    """Group words into lines by vertical overlap, lines top to bottom, words left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        line = lines[-1] if lines else None
        if line is not None:
            top = sum(x.top for x in line) / len(line)
            bottom = sum(x.bottom for x in line) / len(line)
            if top <= mid <= bottom:
                line.append(w)
                continue
        lines.append([w])
    return [w for line in lines for w in merge_split_numbers(sorted(line, key=lambda w: w.x0))]


def merge_split_numbers(line: list[Word]) -> list[Word]:
    """Join amounts tesseract cut at the decimal point ("716." "00", "54" ".00"),
    which happens with monospaced type; only when the gap is under a character."""
    out: list[Word] = []
    for w in line:
        prev = out[-1] if out else None
        if prev is not None and _split_pair(prev.text, w.text) and \
                w.x0 - prev.x1 <= SPLIT_GAP * max(prev.bottom - prev.top, w.bottom - w.top):
            out[-1] = Word(prev.text + w.text, prev.x0, min(prev.top, w.top), w.x1,
                           max(prev.bottom, w.bottom), page=prev.page,
                           conf=min(prev.conf, w.conf), source=prev.source)
        else:
            out.append(w)
    return out


def _split_pair(left: str, right: str) -> bool:
    return bool((_ENDS_WITH_POINT.fullmatch(left) and _CENTS.fullmatch(right))
                or (_WHOLE.fullmatch(left) and _POINT_CENTS.fullmatch(right)))


def read_quality(words: list[Word]) -> float:
    """Share of words that read as confident words: near 0 for a page read sideways."""
    if not words:
        return 0.0
    good = sum(1 for w in words
               if w.conf >= GOOD_WORD_CONF and sum(ch.isalnum() for ch in w.text) >= GOOD_WORD_CHARS)
    return good / len(words)
