"""Labelled documents for training and measuring the PO reader.

`labeled` finds documents with their truth files and issuer groups, `pages` reads
them once and keeps the words on disk, `score` applies the published scoring rules
(shared/eval/score.py) in-process, and `folds` splits by issuer, never by document.
"""
