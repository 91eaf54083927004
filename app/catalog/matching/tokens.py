"""Blocking for description matching: an inverted word index over the catalog.

A query's words (typos mapped to catalog words by one-edit neighbours, short
words to the catalog words they start) pick a few hundred candidate products,
rarest words first; only those are then scored with rapidfuzz. Arrays, not
Python objects, so a million products fit in ~100 MB.
"""
from __future__ import annotations

import bisect
import math
import threading
from array import array
from collections.abc import Iterable

import numpy as np
from rapidfuzz.distance import OSA

from app.catalog.matching.text import chunk_words, chunks

MIN_TYPO_LEN = 4  # shorter words must match exactly (too many one-edit neighbours)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class TokenIndex:
    """Words of every text (a product description; see matching.text.tokens) as arrays: `doc_tokens` in document order
    and `postings` (document numbers per word), plus the vocabulary."""

    def __init__(self, texts: Iterable[str]):
        vocab: dict[str, int] = {}
        known: dict[str, tuple[int, ...]] = {}  # chunk -> word numbers
        flat = array("i")
        lens = array("i")
        for text in texts:
            ids: list[int] = []
            for chunk in chunks(text):
                tids = known.get(chunk)
                if tids is None:
                    tids = known[chunk] = tuple(vocab.setdefault(w, len(vocab))
                                                for w in chunk_words(chunk))
                ids.extend(tids)
            if len(set(ids)) != len(ids):
                ids = list(dict.fromkeys(ids))
            flat.extend(ids)
            lens.append(len(ids))
        self.size = len(lens)
        self.words = list(vocab)
        self.vocab = vocab
        tok = np.frombuffer(flat, dtype=np.int32) if len(flat) else np.zeros(0, np.int32)
        self.doc_tokens = tok.copy()
        self.doc_offsets = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(lens, dtype=np.int32) if self.size else [], out=self.doc_offsets[1:])
        docs_of_tok = np.repeat(np.arange(self.size, dtype=np.int32), np.diff(self.doc_offsets))
        order = np.argsort(self.doc_tokens, kind="stable")
        self.postings = docs_of_tok[order]
        self.df = np.bincount(self.doc_tokens, minlength=len(self.words)).astype(np.int64)
        self.post_offsets = np.zeros(len(self.words) + 1, dtype=np.int64)
        np.cumsum(self.df, out=self.post_offsets[1:])
        self._local = threading.local()  # per-thread scratch: queries may run in parallel
        self._sorted_words = sorted(w for w in self.words if w.isalpha())
        self._neighbours: dict[str, list[int]] = {}
        for word, tid in vocab.items():
            if len(word) >= MIN_TYPO_LEN:
                for key in _deletes(word) | {word}:
                    self._neighbours.setdefault(key, []).append(tid)

    def doc_text(self, doc: int) -> str:
        """The normalised description of document `doc`."""
        a, b = self.doc_offsets[doc], self.doc_offsets[doc + 1]
        return " ".join([self.words[t] for t in self.doc_tokens[a:b].tolist()])

    def lookup(self, word: str) -> list[int]:
        """Catalog words a query word stands for: itself, else words one edit away,
        else (alphabetic words of 3+ letters) catalog words it abbreviates."""
        tid = self.vocab.get(word)
        if tid is not None:
            return [tid]
        found: set[int] = set()
        if len(word) >= MIN_TYPO_LEN:
            for key in _deletes(word) | {word}:
                for t in self._neighbours.get(key, ()):
                    if OSA.distance(word, self.words[t], score_cutoff=1) <= 1:
                        found.add(t)
        if not found and len(word) >= 3 and word.isalpha():
            i = bisect.bisect_left(self._sorted_words, word)
            while i < len(self._sorted_words) and self._sorted_words[i].startswith(word):
                found.add(self.vocab[self._sorted_words[i]])
                i += 1
                if len(found) >= 8:
                    break
        return sorted(found)

    def candidates(self, words: list[str], k: int = 64, seed_cap: int = 8_000,
                   seed_words: int = 3) -> np.ndarray:
        """Documents sharing the most (rarest-weighted) words with the query, at most
        `k`. Seeds are the documents holding one of the query's rarest words (up to
        `seed_words` words, `seed_cap` documents); each seed is then scored by all
        the query's words through its own word list."""
        groups = []
        for word in words:
            tids = self.lookup(word)
            df = int(sum(self.df[t] for t in tids))
            if df:
                groups.append((df, tids))
        if not groups:
            return np.zeros(0, dtype=np.int32)
        groups.sort()
        seeds: list[np.ndarray] = []
        total = 0
        for i, (df, tids) in enumerate(groups):
            if i and (i >= seed_words or total + df > seed_cap):
                break
            for t in tids:  # a very common first word: only its first documents
                a = self.post_offsets[t]
                seeds.append(self.postings[a:min(self.post_offsets[t + 1], a + seed_cap)])
            total += df
        ids = np.concatenate(seeds)[: 2 * seed_cap]
        weights = getattr(self._local, "weights", None)
        if weights is None:
            weights = self._local.weights = np.zeros(len(self.words), dtype=np.float32)
        all_tids = [t for _, tids in groups for t in tids]
        for df, tids in groups:
            weights[tids] = math.log(1 + self.size / df)
        starts = self.doc_offsets[ids]
        lens = self.doc_offsets[ids + 1] - starts
        bounds = np.zeros(len(ids), dtype=np.int64)
        np.cumsum(lens[:-1], out=bounds[1:])
        pos = np.repeat(starts - bounds, lens) + np.arange(int(bounds[-1] + lens[-1]))
        scores = np.add.reduceat(weights[self.doc_tokens[pos]], bounds)
        weights[all_tids] = 0
        if len(ids) > k:
            ids = ids[np.argpartition(-scores, k)[:k]]
        return np.unique(ids)
