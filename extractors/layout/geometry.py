"""Boxes and intervals on a page, in PDF points."""
from __future__ import annotations


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How much the intervals [a0, a1] and [b0, b1] overlap (0.0 when apart)."""
    return max(0.0, min(a1, b1) - max(a0, b0))
