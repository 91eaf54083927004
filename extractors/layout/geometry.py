"""Boxes and intervals on a page, in PDF points."""
from __future__ import annotations

from extractors.model import BBox, Word


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How much the intervals [a0, a1] and [b0, b1] overlap (0.0 when apart)."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def bbox_of(words: list[Word]) -> BBox:
    """The box around some words."""
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))
