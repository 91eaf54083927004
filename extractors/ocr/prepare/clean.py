"""Light cleanup of a page image before OCR, kept only where it measurably helps.

Table rulings are the big one: tesseract takes a ruled table for a picture and
drops the cells (on the dev forms every line item was lost). Erasing long
straight dark runs, horizontal and vertical, gives the cells back and makes
tesseract faster. A 3x3 median runs only on speckled pages (fax noise): on
degraded copies of the dev forms it recovered 2 of 11 lost tokens. Autocontrast
was measured and dropped: tesseract's own Otsu threshold makes it a no-op.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

from extractors.ocr.pixels import SAMPLE_ABOVE, WHITE, bridge, cover, erode, grow, max_filter, otsu, runs, shift, spans

RULE_MIN_INCH = 0.6  # a dark run this long is a ruling, not a letter
RULE_MAX_THICK_INCH = 0.06  # thicker dark areas are bars or fills, not rulings
BAR_STROKE_INCH = 0.015  # white letter strokes inside a bar are about this wide
BAR_MIN_INCH = 0.03  # a bar is at least this high
BAR_INK = 0.6  # share of ink in a bar with its letters; a line of bold text has less
RUN_STEP = 8  # columns sampled when looking for rows that may hold a ruling
MIN_RULE_PX = 16  # pixels: a ruling is never shorter, at any resolution
MIN_THICK_PX = 3  # pixels: bars and thick areas are at least this thick, at any resolution
BAR_EDGE_PX = 2  # pixels of a bar's anti-aliased edge, inside and out, painted white with it
EDGE_GREY = 160  # grey levels: darker pixels on that edge would read as a box
UNEVEN_LIGHT = 40  # paper brightness spread (grey levels) that calls for flattening
LIGHT_SAMPLE_PX = 400  # the lighting is measured on a copy this many pixels on its long side ...
PAPER_WINDOW = 7  # ... as the brightest pixel in a window wider than a stroke (so paper, not ink) ...
LIGHT_BLUR = 3  # ... smoothed ...
LIGHT_PERCENTILES = (5, 95)  # ... and its spread taken between these percentiles
MEDIAN = 3  # pixels: the median filter run on a speckled page
SPECKLE_MAX_INK = 0.3  # share of ink: a darker page is not a mostly white one with specks
LONELY_SHARE = 0.05  # share of ink pixels with no dark neighbour above which a page is speckled


def clean_page(img: Image.Image, dpi: float, keep_bars: bool = True,
               bilevel: bool = False) -> Image.Image:
    """Grayscale page -> same size, speckle and table rulings removed; `bilevel` for a
    page scanned in black and white (a fax), whose rulings are ragged."""
    img = img.convert("L")
    img = flatten_light(img)
    a = np.asarray(img)
    if _speckled(a):
        img = img.filter(ImageFilter.MedianFilter(MEDIAN))
        a = np.asarray(img)
    if keep_bars:
        a = invert_bars(a, dpi)
    return Image.fromarray(remove_rulings(a, dpi, keep_bars, bilevel))


def invert_bars(a: np.ndarray, dpi: float) -> np.ndarray:
    """Turn white-on-dark bars (table headers, section titles) into dark-on-white:
    tesseract drops many of those words (on generated scans the "Qty" header, so
    the quantity column was lost). A bar is a rectangle that is mostly ink once
    its white letters are filled in."""
    dark = a < otsu(a)
    r = max(1, int(dpi * BAR_STROKE_INCH))
    filled = ~grow(~grow(dark, r), r)  # a closing: white strokes inside ink filled
    side = max(MIN_THICK_PX, int(dpi * BAR_MIN_INCH))
    solid = cover(erode(filled, side), side)  # an opening: drop thin lines and specks
    out = a
    min_width = int(dpi * RULE_MIN_INCH)
    for top, bottom in spans(solid.sum(axis=1) >= min_width):
        band = solid[top:bottom]
        for left, right in spans(band.sum(axis=0) >= (bottom - top) / 2):
            if right - left < min_width or dark[top:bottom, left:right].mean() < BAR_INK:
                continue
            if out is a:
                out = a.copy()
            inverted = float(WHITE) - a[top:bottom, left:right]
            paper = max(float(np.median(inverted)), 1.0)  # the bar's colour becomes white
            out[top:bottom, left:right] = np.clip(inverted * float(WHITE) / paper, 0, WHITE)
            # The bar's anti-aliased edge, inside and out, would read as a box.
            e = BAR_EDGE_PX
            outer = out[max(0, top - e):bottom + e, max(0, left - e):right + e]
            keep = outer.copy()
            keep[2 * e:-2 * e, 2 * e:-2 * e] = WHITE
            outer[keep < EDGE_GREY] = WHITE
    return out


def flatten_light(img: Image.Image) -> Image.Image:
    """Divide out uneven lighting (photos: shadows, vignetting, a dark table around
    the sheet), which a global threshold turns into black blotches. Pages lit
    evenly are returned as they are."""
    factor = max(1, round(max(img.size) / LIGHT_SAMPLE_PX))
    small = img.reduce(factor)
    # Paper brightness: the brightest value around each spot, with the ink filtered out.
    bg = max_filter(small, PAPER_WINDOW).filter(ImageFilter.GaussianBlur(LIGHT_BLUR))
    lo, hi = np.percentile(np.asarray(bg), LIGHT_PERCENTILES)
    if hi - lo < UNEVEN_LIGHT:
        return img
    bg = bg.resize(img.size, Image.Resampling.BILINEAR)
    a = np.asarray(img, dtype=np.float32) * float(WHITE) / np.maximum(np.asarray(bg, np.float32), 1.0)
    return Image.fromarray(np.clip(a, 0, WHITE).astype(np.uint8))


def remove_rulings(a: np.ndarray, dpi: float, keep_bars: bool = True,
                   ragged: bool = False) -> np.ndarray:
    """Paint white every dark horizontal or vertical run longer than RULE_MIN_INCH."""
    dark = a < otsu(a)
    length = max(MIN_RULE_PX, int(dpi * RULE_MIN_INCH))
    rules = np.zeros_like(dark)
    across, down = dark, dark
    if ragged:  # a binarised page's rulings are staircases with pinholes: a pixel
        # step up or down and one-pixel gaps still continue them (on grey pages this
        # would also join the letters of bold words, so it is for bilevel pages only)
        across = bridge(dark | shift(dark, 1) | shift(dark, -1))
        down = bridge((dark | shift(dark, 1, 1) | shift(dark, -1, 1)).T).T
    rows = _run_rows(across, length)  # only rows that could hold a ruling
    if len(rows):
        rules[rows] = runs(across[rows], length) & dark[rows]
    cols = _run_rows(np.ascontiguousarray(down[::RUN_STEP].T), length // RUN_STEP, 1)
    if len(cols):
        rules[:, cols] |= runs(np.ascontiguousarray(down[:, cols].T), length).T & dark[:, cols]
    if not rules.any():
        return a
    # Only thin lines: a dark bar with white header text in it is kept for tesseract,
    # which reads inverted text, instead of being painted out with its words.
    thick = max(MIN_THICK_PX, int(dpi * RULE_MAX_THICK_INCH))
    if keep_bars:
        rules &= ~grow(erode(dark, thick), thick)  # an opening: dark squares of side `thick`
    grown = rules.copy()  # one pixel more on each side takes the anti-aliased edge too
    grown[1:] |= rules[:-1]
    grown[:-1] |= rules[1:]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    out = a.copy()
    out[grown] = WHITE
    return out


def _run_rows(mask: np.ndarray, length: int, step: int = 0) -> np.ndarray:
    """Rows of `mask` that may hold a run of `length`: the run covers `length // step`
    consecutive samples of every `step`-th column, which text rows never do. A cheap
    test that lets the exact search skip most of a page."""
    step = step or RUN_STEP
    if step > 1:
        mask, length = mask[:, ::step], length // step
    return np.nonzero(runs(np.ascontiguousarray(mask), max(1, length)).any(axis=1))[0]


def _speckled(a: np.ndarray) -> bool:
    """Many isolated dark pixels (fax or scanner noise) on a mostly white page."""
    small = a[::2, ::2] if a.size > SAMPLE_ABOVE else a
    dark = small < otsu(small)
    if dark.mean() > SPECKLE_MAX_INK:
        return False
    inner = dark[1:-1, 1:-1]
    neighbours = (dark[:-2, 1:-1].astype(np.uint8) + dark[2:, 1:-1] + dark[1:-1, :-2]
                  + dark[1:-1, 2:])
    lonely = inner & (neighbours == 0)
    return inner.sum() > 0 and lonely.sum() / inner.sum() > LONELY_SHARE
