"""Evaluate the request classifier across corpora and on the order-desk emails.

python -m nlp_models.evaluate --corpus-dir /work/corpus/messages --desk /work/corpus/desk_emails
                              [--seed 0] [--epochs N] [--errors] [--no-write]

- cross-corpus: for each corpus, a model trained WITHOUT it (on the other corpora and our own
  data), scored on it: macro-F1 over the labels that corpus has, and F1 per label;
- desk-dev / desk-test: the shipped recipe (all corpora but the unlicensed ones, our own data;
  never the desk set), label macro-F1 and instruction precision/recall, through the service's
  own text (nlp_models.desk); desk-test is only ever scored in aggregate;
- own test: the hand-written test files in data/ (same author as part of the training data).
Writes metrics.json and the README's results table (between the metrics markers).
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from nlp_models import sources
from nlp_models.classifier import RequestClassifier
from nlp_models.generate_data import read_blocks
from nlp_models.report import write_readme
from nlp_models.train import build, prf

HERE = Path(__file__).parent
METRICS = HERE / "metrics.json"
LABELS = ("new_order", "change_order", "cancel_order", "status_inquiry", "return_request", "invoice_question",
          "other")
OWN_TESTS = ("handwritten_test.txt", "handwritten_short_test.txt")


def classifier_from(nlp, precision: dict[str, float]) -> RequestClassifier:
    nlp.meta["cue_precision"] = precision
    return RequestClassifier(nlp)


def score(clf: RequestClassifier, rows: list[dict], labels: tuple[str, ...] | None = None,
          instructions: bool = True) -> dict:
    """Label macro-F1 over `labels` (default: the labels present in rows), F1 per label; and the
    instructions' micro precision/recall plus per instruction. Predictions outside `labels` count
    as errors of the gold label (they lower its recall)."""
    got = clf.classify([r["text"] for r in rows])
    labels = labels or tuple(lb for lb in LABELS if any(r["label"] == lb for r in rows))
    per_label = {lb: prf([(r["label"] == lb, g.label == lb) for r, g in zip(rows, got)]) for lb in labels}
    out = {"texts": len(rows), "accuracy": round(sum(r["label"] == g.label for r, g in zip(rows, got)) / len(rows), 4),
           "macro_f1": round(sum(m["f1"] for m in per_label.values()) / len(per_label), 4), "per_label": per_label}
    if instructions:
        names = clf.instruction_labels
        pairs = [(name in r["instructions"], name in g.instructions) for r, g in zip(rows, got) for name in names]
        out["instructions"] = prf(pairs)
        out["per_instruction"] = {name: prf([(name in r["instructions"], name in g.instructions)
                                             for r, g in zip(rows, got)]) for name in names}
    out["_errors"] = [{"text": r["text"], "gold": r["label"], "guess": g.label, "file": r.get("file"),
                       "gold_instr": r["instructions"], "instr": sorted(g.instructions)}
                      for r, g in zip(rows, got)
                      if r["label"] != g.label or set(r["instructions"]) != set(g.instructions)]
    return out


def cross_corpus(corpus_dir: Path, seed: int, epochs: int | None) -> dict:
    results = {}
    for name, rows in sources.read_corpora(corpus_dir).items():
        nlp, precision, inputs = build(corpus_dir, exclude=frozenset({name}), seed=seed, epochs=epochs)
        result = score(classifier_from(nlp, precision), rows, instructions=False)
        result.pop("_errors")
        results[name] = result | {"trained_on": sorted(inputs["corpora"])}
        logging.info("cross-corpus %s: macro-F1 %.3f", name, result["macro_f1"])
    return results


def desk_and_own(corpus_dir: Path, desk_dir: Path | None, seed: int, epochs: int | None) -> tuple[dict, list]:
    from nlp_models.desk import read_desk  # imports the service's email functions

    nlp, precision, inputs = build(corpus_dir, seed=seed, epochs=epochs)
    clf = classifier_from(nlp, precision)
    out = {"trained_on": inputs, "cue_precision": precision}
    errors = []
    if desk_dir is not None:
        dev = score(clf, read_desk(desk_dir, "dev"), LABELS)
        errors = dev.pop("_errors")
        test = score(clf, read_desk(desk_dir, "test"), LABELS)
        test.pop("_errors")  # desk-test is scored in aggregate only, never read
        out |= {"desk_dev": dev, "desk_test": test}
    for name in OWN_TESTS:
        own = score(clf, read_blocks(sources.DATA_DIR / name), LABELS)
        own.pop("_errors")
        out[f"own_{Path(name).stem}"] = own
    return out, errors


def main(corpus_dir: Path, desk_dir: Path | None, seed: int = 0, epochs: int | None = None) -> tuple[dict, list]:
    metrics = {"seed": seed, "cross_corpus": cross_corpus(corpus_dir, seed, epochs)}
    shipped, errors = desk_and_own(corpus_dir, desk_dir, seed, epochs)
    return metrics | shipped, errors


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus-dir", type=Path, required=True)
    parser.add_argument("--desk", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="print desk-dev errors (never desk-test)")
    parser.add_argument("--no-write", action="store_true")
    a = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    m, errs = main(a.corpus_dir, a.desk, a.seed, a.epochs)
    if not a.no_write:
        METRICS.write_text(json.dumps(m, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        write_readme(m)
    print(json.dumps({k: v["macro_f1"] for k, v in m["cross_corpus"].items()}))
    for part in ("desk_dev", "desk_test", "own_handwritten_test", "own_handwritten_short_test"):
        if part in m:
            print(part, m[part]["macro_f1"], m[part].get("instructions"))
    if a.errors:
        for e in errs:
            print(f"{e['file']}: {e['gold']} -> {e['guess']}  {e['gold_instr']} -> {e['instr']}")
