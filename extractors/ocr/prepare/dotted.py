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

from extractors.ocr.pixels import WHITE, otsu, runs, spans
from extractors.ocr.prepare.clean import MIN_RULE_PX

THIN_INCH = 0.02  # paper this far above and below a speck: it is no letter stroke
GAP_INCH = 0.25  # longest gap between the dots or dashes of one rule (a fax drops whole dashes)
MIN_INCH = 1.0  # a word never runs this long with only such gaps
MIN_INK = 0.1  # share of the span that is dots
MAX_NEAR = 0.05  # share of the span with ink just above or below: text has far more
MIN_THIN_PX = 2  # pixels of paper above and below a speck, at any resolution
MIN_GAP_PX = 3  # pixels of gap closed between dots, at any resolution


def erase_dotted_rules(a: np.ndarray, dpi: float) -> np.ndarray:
    """The page with its dotted and dashed horizontal rules painted white."""
    mask = dotted_rules(a, dpi)
    rows = np.nonzero(mask.any(axis=1))[0]
    if not len(rows):
        return a
    out = a.copy()
    for y in rows:  # the rule and its soft edges a pixel above and below
        out[max(0, y - 1):y + 2, mask[y]] = WHITE
    return out


def dotted_rules(a: np.ndarray, dpi: float) -> np.ndarray:
    """Pixels of dotted or dashed horizontal rules."""
    dark = a < otsu(a)
    height = dark.shape[0]
    k = max(MIN_THIN_PX, round(dpi * THIN_INCH))
    thin = dark.copy()
    thin[k:] &= ~dark[:-k]
    thin[:-k] &= ~dark[k:]
    length = max(MIN_RULE_PX, round(dpi * MIN_INCH))
    out = np.zeros_like(dark)
    # Three rows together: a rule a deskew left as a staircase steps between them.
    # Only rows whose band can hold enough specks are looked at: the rest of the
    # page costs one count per row.
    counts = np.count_nonzero(thin, axis=1)
    near_counts = counts + np.concatenate(([0], counts[:-1])) + np.concatenate((counts[1:], [0]))
    rows = np.nonzero(near_counts >= length * MIN_INK)[0]
    if not len(rows):
        return out
    band = thin[rows] | thin[np.maximum(rows - 1, 0)] | thin[np.minimum(rows + 1, height - 1)]
    keep = np.count_nonzero(band, axis=1) >= length * MIN_INK
    rows, t = rows[keep], band[keep]
    if not len(rows):
        return out
    bridged = ~runs(~t, max(MIN_GAP_PX, round(dpi * GAP_INCH)) + 1)  # short gaps closed
    long = runs(bridged, length)
    found = long.any(axis=1)  # most candidate rows are text, with no long run
    rows, t, long = rows[found], t[found], long[found]
    near = np.zeros_like(t)
    for d in (k + 1, k + 2, -k - 1, -k - 2):  # ink just above or below each row
        ys = rows - d
        inside = (ys >= 0) & (ys < height)
        near[inside] |= dark[ys[inside]]
    for i, y in enumerate(rows):
        for x0, x1 in spans(long[i]):
            if t[i, x0:x1].mean() >= MIN_INK and near[i, x0:x1].mean() < MAX_NEAR:
                out[y, x0:x1] |= thin[y, x0:x1]
    return out
