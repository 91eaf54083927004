"""Erase dotted and dashed rules: row separators that a fax or a scan broke into specks.

A light dashed line between table rows comes out of a black-and-white fax as a
row of specks a pixel or two high. Too broken for the ruling eraser, it still
makes tesseract take the row of text beside it for a picture (a generated fax
lost 12 of 28 lines to it). Such a rule is thin (paper a few pixels above and
below each speck), long (an inch or more with only short gaps) and stands
alone (almost nothing just above or below it along its length), which text,
whose letters are tall and close, never is.
"""
from __future__ import annotations

import numpy as np

from .ocr_clean import _shift, _spans, otsu, runs

THIN_INCH = 0.02  # paper this far above and below a speck: it is no letter stroke
GAP_INCH = 0.1  # longest gap between the dots or dashes of one rule
MIN_INCH = 1.0  # a word never runs this long with only such gaps
MIN_INK = 0.1  # share of the span that is dots
MAX_NEAR = 0.05  # share of the span with ink just above or below: text has far more


def erase_dotted_rules(a: np.ndarray, dpi: float) -> np.ndarray:
    """The page with its dotted and dashed horizontal rules painted white."""
    mask = dotted_rules(a, dpi)
    if not mask.any():
        return a
    out = a.copy()
    out[mask | _shift(mask, 1) | _shift(mask, -1)] = 255  # and their soft edges
    return out


def dotted_rules(a: np.ndarray, dpi: float) -> np.ndarray:
    """Pixels of dotted or dashed horizontal rules."""
    dark = a < otsu(a)
    k = max(2, round(dpi * THIN_INCH))
    thin = dark & ~_shift(dark, k) & ~_shift(dark, -k)
    # Three rows together: a rule a deskew left as a staircase steps between them.
    band = thin | _shift(thin, 1) | _shift(thin, -1)
    length = max(16, round(dpi * MIN_INCH))
    out = np.zeros_like(dark)
    rows = np.nonzero(band.sum(axis=1) >= length * MIN_INK)[0]
    if not len(rows):
        return out
    t = band[rows]
    bridged = ~runs(~t, max(3, round(dpi * GAP_INCH)) + 1)  # short gaps closed
    long = runs(bridged, length)
    near = np.zeros_like(dark)
    for d in (k + 1, k + 2):
        near |= _shift(dark, d) | _shift(dark, -d)
    for i, y in enumerate(rows):
        for x0, x1 in _spans(long[i]):
            if t[i, x0:x1].mean() >= MIN_INK and near[y, x0:x1].mean() < MAX_NEAR:
                out[y, x0:x1] |= thin[y, x0:x1]
    return out
