"""Find ink that tesseract's page layout left unread, for a second, smaller read.

tesseract's automatic layout (psm 3) now and then drops a whole column block,
e.g. the price columns of a monospaced table. Painting out every word already
read leaves the ink nobody read; when that is a real share of the page's ink,
the box around it is read again on its own.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.ocr.pixels import WHITE, otsu, runs

MIN_SHARE = 0.06  # unread ink below this share of all ink is logos, rules and specks
MARGIN_PX = 12  # pixels of page kept around the unread ink in its crop
BOX_MARGIN = 2  # pixels (of the sampled page) around each word read that count as read
HALVE_ABOVE = 2_000_000  # pixels: a bigger page is looked at on every other pixel
BLOCK = 8  # px of the sampled image; a block this size more than half dark is not text
SOLID = 0.5  # share of a block that is dark for the block to be solid
LINE_INCH = 0.15  # taller than a 12 pt capital: an edge, a rule or a bar, not a letter
MIN_STROKE_PX = 4  # straight runs of ink this long at least are lines, at any resolution


def unread_region(img: Image.Image, boxes_px: list[tuple[int, int, int, int]], dpi: float
                  ) -> tuple[Image.Image, tuple[int, int]] | None:
    """The crop holding unread ink, words already read painted white, and its offset."""
    a = np.asarray(img.convert("L"))
    step = 2 if a.size > HALVE_ABOVE else 1
    small = a[::step, ::step]
    dark = _text_ink(small < otsu(small))
    total = int(dark.sum())
    if total == 0:
        return None
    covered = np.zeros_like(dark)
    for x0, y0, x1, y1 in boxes_px:
        covered[max(0, y0 // step - BOX_MARGIN): y1 // step + BOX_MARGIN,
                max(0, x0 // step - BOX_MARGIN): x1 // step + BOX_MARGIN] = True
    left = dark & ~covered
    if left.sum() < MIN_SHARE * total:  # most pages: no need to look for lines
        return None
    stroke = max(MIN_STROKE_PX, int(dpi * LINE_INCH / step))  # longer straight runs are lines, not letters
    left &= ~(runs(left, stroke) | runs(np.ascontiguousarray(left.T), stroke).T)
    if left.sum() < MIN_SHARE * total:
        return None
    rows, cols = np.nonzero(left.any(axis=1))[0], np.nonzero(left.any(axis=0))[0]
    y0, y1 = max(0, rows[0] * step - MARGIN_PX), min(a.shape[0], (rows[-1] + 1) * step + MARGIN_PX)
    x0, x1 = max(0, cols[0] * step - MARGIN_PX), min(a.shape[1], (cols[-1] + 1) * step + MARGIN_PX)
    crop = a[y0:y1, x0:x1].copy()
    for bx0, by0, bx1, by1 in boxes_px:  # words read once are not read twice
        crop[max(0, by0 - y0): max(0, by1 - y0), max(0, bx0 - x0): max(0, bx1 - x0)] = WHITE
    return Image.fromarray(crop), (x0, y0)


def _text_ink(dark: np.ndarray) -> np.ndarray:
    """Dark pixels outside solid areas (bars, shading, photo borders, logos' fills)."""
    h, w = (dark.shape[0] // BLOCK) * BLOCK, (dark.shape[1] // BLOCK) * BLOCK
    if h == 0 or w == 0:
        return dark
    density = dark[:h, :w].reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK).mean(axis=(1, 3))
    solid = np.repeat(np.repeat(density > SOLID, BLOCK, axis=0), BLOCK, axis=1)
    out = dark.copy()
    out[:h, :w] &= ~solid
    return out
