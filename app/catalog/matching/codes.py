"""Exact and near code look-up over a million SKUs: sorted byte-string arrays."""
from __future__ import annotations

import numpy as np
from rapidfuzz.distance import OSA


class CodeIndex:
    """Codes (already normalised) of documents 0..n-1, sorted for binary search."""

    def __init__(self, codes: list[str]):
        arr = np.array([c.encode("ascii", "ignore") for c in codes], dtype=bytes)
        if arr.dtype.itemsize == 0:  # all codes empty
            arr = arr.astype("S1")
        self.order = np.argsort(arr, kind="stable").astype(np.int32)
        self.codes = arr[self.order]

    def exact(self, code: str) -> list[int]:
        """Documents whose code is exactly `code`."""
        if not code:
            return []
        key = code.encode("ascii", "ignore")
        lo = int(np.searchsorted(self.codes, key, side="left"))
        hi = int(np.searchsorted(self.codes, key, side="right"))
        return self.order[lo:hi].tolist()

    def near(self, code: str, window: int = 25, cutoff: float = 0.75) -> list[tuple[int, float]]:
        """Documents with a code close to `code` (a typo, a missing or extra suffix),
        found among codes sorting next to it or to its first half; with similarity 0..1."""
        if len(code) < 3:
            return []
        found: dict[int, float] = {}
        for key in {code, code[: max(3, len(code) // 2)]}:
            pos = int(np.searchsorted(self.codes, key.encode("ascii", "ignore")))
            lo, hi = max(0, pos - window), min(len(self.codes), pos + window)
            for i in range(lo, hi):
                other = self.codes[i].decode()
                sim = OSA.normalized_similarity(code, other, score_cutoff=cutoff)
                if sim:
                    doc = int(self.order[i])
                    found[doc] = max(sim, found.get(doc, 0.0))
        return sorted(found.items(), key=lambda kv: -kv[1])
