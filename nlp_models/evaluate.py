"""Score the committed classifier on a hand-written file ('=== label | instr' blocks).

python -m nlp_models.evaluate [nlp_models/data/handwritten_short_test.txt] [--errors]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nlp_models.classifier import load_classifier
from nlp_models.generate_data import read_blocks
from nlp_models.train import prf

SHORT_TEST = Path(__file__).parent / "data" / "handwritten_short_test.txt"


def evaluate_file(path: Path = SHORT_TEST, classifier=None) -> dict:
    """Accuracy, macro F1 and per-label figures of the request label, plus the misread messages."""
    clf = classifier or load_classifier()
    rows = read_blocks(Path(path))
    guesses = clf.classify([r["text"] for r in rows])
    labels = clf.request_labels
    per_label = {label: prf([(r["label"] == label, g.label == label) for r, g in zip(rows, guesses)])
                 for label in labels}
    errors = [{"text": r["text"], "gold": r["label"], "guess": g.label, "score": g.score}
              for r, g in zip(rows, guesses) if r["label"] != g.label]
    return {"texts": len(rows), "accuracy": round(1 - len(errors) / max(len(rows), 1), 4),
            "macro_f1": round(sum(m["f1"] for m in per_label.values()) / len(per_label), 4),
            "per_label": per_label, "errors": errors}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path, nargs="?", default=SHORT_TEST)
    parser.add_argument("--errors", action="store_true")
    a = parser.parse_args()
    m = evaluate_file(a.path)
    print(json.dumps({"texts": m["texts"], "accuracy": m["accuracy"], "macro_f1": m["macro_f1"]}))
    for label, v in m["per_label"].items():
        print(f"{label:<20} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} n={v['support']}")
    if a.errors:
        for e in m["errors"]:
            print(f"{e['gold']:>16} -> {e['guess']:<16} {e['score']:.2f}  {e['text']!r}")
