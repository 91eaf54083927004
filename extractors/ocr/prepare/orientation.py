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

from extractors.ocr.pixels import otsu

OSD_MIN_CONF = 1.5  # below this OSD's answer is no better than a guess
MAX_SKEW = 8.0  # degrees; beyond that it is a rotation problem, not skew
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
    small = _shrink(img, 1400)
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
                    if float(c) >= 60 and sum(ch.isalnum() for ch in t) >= 3)
        if score > best_score:
            best, best_score = turn, score
    return best


def looks_sideways(img: Image.Image) -> bool:
    """A clear case of text running down the page (a page scanned on its side)."""
    a = np.asarray(_shrink(img.convert("L"), 1400))
    dark = a < otsu(a)
    if not 0.003 < dark.mean() < 0.25:  # blank paper or noise: no text to tell by
        return False
    rows, cols = _gap_share(dark.sum(axis=1)), _gap_share(dark.sum(axis=0))
    return cols >= 0.35 and cols - rows >= 0.25


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
    return float(np.mean(span <= max(1, span.max() * 0.02)))


def skew_angle(img: Image.Image) -> float:
    """The text lines' slope in degrees (0.0 when level); `deskew` undoes it."""
    small = _shrink(img.convert("L"), 1000)
    a = np.asarray(small, dtype=np.uint8)
    dark = a < otsu(a)
    if dark.mean() < 0.002 or dark.mean() > 0.5:
        return 0.0
    ys, xs = np.nonzero(dark)
    if len(xs) > 200_000:
        pick = np.random.default_rng(0).choice(len(xs), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - a.shape[1] / 2.0
    ys = ys.astype(np.float64)

    def sharpness(deg: float) -> float:
        t = np.deg2rad(deg)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        hist = np.bincount(rows - rows.min())
        return float(np.sum(hist.astype(np.float64) ** 2))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=sharpness)
    base = sharpness(0.0)
    if sharpness(fine) < base * 1.02:  # no clear gain: leave the page alone
        return 0.0
    return round(float(fine), 2)


def deskew(img: Image.Image, angle: float) -> Image.Image:
    if abs(angle) < 0.3:  # tesseract copes with less; rotating a page costs ~0.1 s
        return img
    fill = 255 if img.mode == "L" else (255, 255, 255)
    # `angle` is the projection angle; rotating by its negative levels the lines.
    return img.rotate(-angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=fill)


def _shrink(img: Image.Image, longest: int) -> Image.Image:
    scale = longest / max(img.size)
    if scale >= 1.0:
        return img
    if scale <= 0.5:  # halve by box averaging first: a quarter of the resize's work
        img = img.reduce(int(1 / scale))
        scale = longest / max(img.size)
        if scale >= 1.0:
            return img
    return img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))),
                      Image.Resampling.BILINEAR)
