"""Page orientation (90/180/270) and small-angle deskew for OCR.

Orientation comes from tesseract's OSD; when OSD gives up (sparse pages, few
letters) the page is tried at each quarter turn on a small copy and the turn
whose words tesseract is most confident about wins. Skew is found with a
projection profile: text lines make the sharpest row histogram when level.
"""
from __future__ import annotations

import re

import numpy as np
import pytesseract
from PIL import Image

from extractors.ocr.pixels import WHITE, otsu

OSD_MIN_CONF = 1.5  # below this OSD's answer is no better than a guess
# Quarter turns, judged on a small copy of the page (pixels on its long side)
TURN_SAMPLE_PX = 1400  # enough for tesseract to read a page's words, small enough to read it fast
TURN_MIN_CONF = 60  # tesseract conf (0..100) of the words that count for a turn ...
TURN_MIN_CHARS = 3  # ... and their letters and digits
SIDEWAYS_INK = (0.003, 0.25)  # share of ink outside which a page is blank or noise: no text to tell by
SIDEWAYS_GAPS = 0.35  # share of empty columns in the inked span of a page on its side ...
SIDEWAYS_MARGIN = 0.25  # ... and how much more of them there are than of empty rows
EMPTY_LINE = 0.02  # share of the fullest row's (or column's) ink under which a row is empty
# Skew (degrees), found on a copy this many pixels on its long side
SKEW_SAMPLE_PX = 1000  # text lines still make sharp rows at this size
MAX_SKEW = 8.0  # degrees; beyond that it is a rotation problem, not skew
SKEW_INK = (0.002, 0.5)  # share of ink outside which there are no text lines to level
SKEW_MAX_POINTS = 200_000  # ink pixels sampled for the projection profiles
COARSE_STEP, FINE_STEP = 0.5, 0.1  # degrees between the angles tried, then around the best one
END_SLACK = 0.01  # degrees past the last angle, so that it is tried too
SKEW_GAIN = 1.02  # the best angle's profile must be this much sharper than level's
MIN_DESKEW = 0.3  # degrees: tesseract copes with less, and rotating a page costs ~0.1 s
REDUCE_BELOW = 0.5  # a copy this much smaller or less is first shrunk by box averaging
_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def rotate_upright(img: Image.Image, turn: int) -> Image.Image:
    """Rotate clockwise by `turn` degrees (a multiple of 90), as OSD's "Rotate" means."""
    if turn % 360 == 0:
        return img
    return img.rotate(-turn, expand=True)


def osd_turn(img: Image.Image, *, timeout: float) -> int | None:
    """OSD's clockwise correction in degrees, or None when it cannot tell."""
    try:
        text = pytesseract.image_to_osd(img, config="--psm 0 -c min_characters_to_try=10",
                                        timeout=timeout)
    except pytesseract.TesseractError:
        return None
    turn, conf = _OSD_ROTATE.search(text), _OSD_CONF.search(text)
    if not turn or not conf or float(conf.group(1)) < OSD_MIN_CONF:
        return None
    return int(turn.group(1)) % 360


def best_turn_by_ocr(img: Image.Image, *, lang: str, timeout: float) -> int:
    """Pick the quarter turn by reading a small copy: two tries, not four.

    Whether text runs across or down the page comes from the pixel profiles;
    tesseract then decides between the two turns left (0/180 or 90/270).
    """
    small = _shrink(img, TURN_SAMPLE_PX)
    turns = (0, 180) if _text_runs_across(small) else (90, 270)
    best, best_score = 0, 0.0
    for turn in turns:
        try:
            data = pytesseract.image_to_data(rotate_upright(small, turn), lang=lang,
                                             config="--psm 11", timeout=timeout,
                                             output_type=pytesseract.Output.DICT)
        except (pytesseract.TesseractError, RuntimeError):
            continue
        score = sum(float(c) for t, c in zip(data["text"], data["conf"])
                    if float(c) >= TURN_MIN_CONF and sum(ch.isalnum() for ch in t) >= TURN_MIN_CHARS)
        if score > best_score:
            best, best_score = turn, score
    return best


def looks_sideways(img: Image.Image) -> bool:
    """A clear case of text running down the page (a page scanned on its side)."""
    a = np.asarray(_shrink(img.convert("L"), TURN_SAMPLE_PX))
    dark = a < otsu(a)
    if not SIDEWAYS_INK[0] < dark.mean() < SIDEWAYS_INK[1]:
        return False
    rows, cols = _gap_share(dark.sum(axis=1)), _gap_share(dark.sum(axis=0))
    return cols >= SIDEWAYS_GAPS and cols - rows >= SIDEWAYS_MARGIN


def _text_runs_across(img: Image.Image) -> bool:
    """Text lines leave empty rows between them; on a page lying on its side the
    empty stripes run down the columns instead."""
    a = np.asarray(img.convert("L"))
    dark = a < otsu(a)
    rows, cols = dark.sum(axis=1), dark.sum(axis=0)
    return _gap_share(rows) >= _gap_share(cols)


def _gap_share(profile: np.ndarray) -> float:
    """Share of the inked span whose lines are (nearly) empty."""
    inked = np.nonzero(profile)[0]
    if len(inked) < 2:
        return 0.0
    span = profile[inked[0]: inked[-1] + 1]
    return float(np.mean(span <= max(1, span.max() * EMPTY_LINE)))


def skew_angle(img: Image.Image) -> float:
    """The text lines' slope in degrees (0.0 when level); `deskew` undoes it."""
    small = _shrink(img.convert("L"), SKEW_SAMPLE_PX)
    a = np.asarray(small, dtype=np.uint8)
    dark = a < otsu(a)
    if dark.mean() < SKEW_INK[0] or dark.mean() > SKEW_INK[1]:
        return 0.0
    ys, xs = np.nonzero(dark)
    if len(xs) > SKEW_MAX_POINTS:
        pick = np.random.default_rng(0).choice(len(xs), SKEW_MAX_POINTS, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - a.shape[1] / 2.0
    ys = ys.astype(np.float64)

    def sharpness(deg: float) -> float:
        t = np.deg2rad(deg)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        hist = np.bincount(rows - rows.min())
        return float(np.sum(hist.astype(np.float64) ** 2))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + END_SLACK, COARSE_STEP), key=sharpness)
    fine = max(np.arange(coarse - COARSE_STEP, coarse + (COARSE_STEP + END_SLACK), FINE_STEP), key=sharpness)
    base = sharpness(0.0)
    if sharpness(fine) < base * SKEW_GAIN:  # no clear gain: leave the page alone
        return 0.0
    return round(float(fine), 2)


def deskew(img: Image.Image, angle: float) -> Image.Image:
    if abs(angle) < MIN_DESKEW:
        return img
    fill = WHITE if img.mode == "L" else (WHITE, WHITE, WHITE)
    # `angle` is the projection angle; rotating by its negative levels the lines.
    return img.rotate(-angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=fill)


def _shrink(img: Image.Image, longest: int) -> Image.Image:
    scale = longest / max(img.size)
    if scale >= 1.0:
        return img
    if scale <= REDUCE_BELOW:  # box averaging first: a quarter of the resize's work
        img = img.reduce(int(1 / scale))
        scale = longest / max(img.size)
        if scale >= 1.0:
            return img
    return img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))),
                      Image.Resampling.BILINEAR)
