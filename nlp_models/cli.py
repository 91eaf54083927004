"""Classify a stream: one JSON string per line in, one JSON object per line out.

python -m nlp_models.cli [--model PATH] < texts.jsonl
Output lines: {"label", "score", "scores", "instructions"}; label "review" when no classifier loads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from nlp_models.classifier import RequestClassifier, load_classifier

BATCH = 256


def _emit(stdout: TextIO, classifier: RequestClassifier | None, texts: list[str]) -> None:
    if classifier is None:
        for _ in texts:
            stdout.write(json.dumps({"label": "review", "score": 0.0, "instructions": {}}) + "\n")
        return
    for c in classifier.classify(texts, batch_size=BATCH):
        stdout.write(json.dumps({"label": c.label, "score": c.score, "scores": c.scores,
                                 "instructions": c.instructions}, ensure_ascii=False) + "\n")


def classify_stream(stdin: TextIO, stdout: TextIO, classifier: RequestClassifier | None) -> int:
    """Read JSON strings line by line, write one result per input line, in order. Returns the count."""
    batch: list[str] = []
    count = 0
    for line in stdin:
        if not line.strip():
            continue
        value = json.loads(line)
        batch.append(value if isinstance(value, str) else json.dumps(value))
        if len(batch) >= BATCH:
            _emit(stdout, classifier, batch)
            count, batch = count + len(batch), []
    _emit(stdout, classifier, batch)
    stdout.flush()
    return count + len(batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args(argv)
    classify_stream(sys.stdin, sys.stdout, load_classifier(args.model))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
