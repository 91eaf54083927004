"""Darken faint ink before OCR, so light grey print survives tesseract's threshold.

Forms print their field labels ("PO No.", "Delivery Schedule") in light grey.
After blur and JPEG they sit halfway between paper and ink, and tesseract's
global Otsu threshold, set between the paper and the black print, turns them
into paper: the labels, and so the fields, were lost on skewed and photographed
pages. A tone curve that maps the paper to white and bends the mid-greys toward
black keeps them; black print stays black and paper stays white.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

GAMMA = 2.0  # mid-grey 0.5 becomes 0.25: faint labels fall on the ink side
PAPER_PERCENTILE = 90  # most of a page is paper
INK_PERCENTILE = 0.5
MIN_RANGE = 32  # paper and ink closer than this: a blank or empty page, left alone


def darken_faint(img: Image.Image) -> Image.Image:
    """Grayscale page -> the same page with paper white and faint ink darkened."""
    a = np.asarray(img)
    sample = a[::4, ::4]
    ink, paper = np.percentile(sample, (INK_PERCENTILE, PAPER_PERCENTILE))
    if paper - ink < MIN_RANGE:
        return img
    levels = np.clip((np.arange(256, dtype=np.float64) - ink) / (paper - ink), 0.0, 1.0)
    return img.point(np.round(255.0 * levels ** GAMMA).astype(np.uint8).tolist())
