"""Darken faint ink before OCR, so light grey print survives tesseract's threshold.

Forms print their field labels ("PO No.", "Delivery Schedule") in light grey.
After blur, noise and a coarse JPEG the whole print turns grey: even the black
text's darkest pixels sit far above black, the grey labels halfway to the paper,
and tesseract's global Otsu threshold turns them into paper (the labels, and so
the fields, were lost on skewed scans). A tone curve that maps the paper to white
and bends the mid-greys toward black keeps them.

Only such washed-out pages get the curve. On a page whose print is still black
(crisp scans, most photos once their light is flattened) it only fattens the
strokes: bold names on rotated scans read as noise and photos lost totals. On a
blank page it would turn the paper's shadowed edge into ink.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from extractors.ocr.pixels import LEVELS, WHITE

GAMMA = 2.0  # mid-grey 0.5 becomes 0.25: faint labels fall on the ink side
PAPER_PERCENTILE = 90  # most of a page is paper
INK_PERCENTILE = 0.5  # the darkest print: this percentile of the page's grey levels
SAMPLE_STEP = 4  # the percentiles are taken on every fourth pixel each way
INK_CONTRAST = 64  # paper and ink closer than this: no print (a blank page, its shadowed edge)
WASHED_OUT = 65  # the darkest print above this grey level: the page's print has faded


def darken_faint(img: Image.Image) -> Image.Image:
    """Grayscale page -> the same page with paper white and faint ink darkened;
    a page whose print is still black comes back as it is."""
    a = np.asarray(img)
    ink, paper = np.percentile(a[::SAMPLE_STEP, ::SAMPLE_STEP], (INK_PERCENTILE, PAPER_PERCENTILE))
    if ink <= WASHED_OUT or paper - ink < INK_CONTRAST:
        return img
    levels = np.clip((np.arange(LEVELS, dtype=np.float64) - ink) / (paper - ink), 0.0, 1.0)
    return img.point(np.round(float(WHITE) * levels ** GAMMA).astype(np.uint8).tolist())
