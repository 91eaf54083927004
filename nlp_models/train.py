"""Train the request classifier from nlp_models/data and write pipeline + metrics.

python -m nlp_models.train [--data nlp_models/data] [--output nlp_models/pipelines/request_classifier]
                           [--seed 0] [--epochs N] [--metrics nlp_models/metrics.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_config, load_model_from_config, minibatch, registry

from nlp_models.text_prep import normalize

HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"
DATA_DIR = HERE / "data"
OUTPUT_DIR = HERE / "pipelines" / "request_classifier"
METRICS = HERE / "metrics.json"
SPLITS = ("train", "dev", "test")


def read_split(data_dir: Path, name: str) -> list[dict]:
    path = Path(data_dir) / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def data_hashes(data_dir: Path) -> dict[str, str]:
    return {f"{s}.jsonl": hashlib.sha256((Path(data_dir) / f"{s}.jsonl").read_bytes()).hexdigest() for s in SPLITS}


def _examples(nlp, rows: list[dict], labels: list[str], key: str) -> list[Example]:
    out = []
    for row in rows:
        gold = {row["label"]} if key == "label" else set(row["instructions"])
        cats = {label: float(label in gold) for label in labels}
        out.append(Example.from_dict(nlp.make_doc(normalize(row["text"])), {"cats": cats}))
    return out


def predict(nlp, rows: list[dict]) -> list[tuple[dict, dict]]:
    docs = nlp.pipe((normalize(r["text"]) for r in rows), batch_size=256)
    return [(doc.cats, doc.spans) for doc in docs]


def prf(pairs: list[tuple[bool, bool]]) -> dict:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}


def score(nlp, rows: list[dict], thresholds: dict[str, float]) -> dict:
    request_labels = list(nlp.get_pipe("textcat").labels)
    cats = [c for c, _ in predict(nlp, rows)]
    guess = [max(request_labels, key=lambda label: c[label]) for c in cats]
    per_label = {label: prf([(r["label"] == label, g == label) for r, g in zip(rows, guess)])
                 for label in request_labels}
    instructions = {label: prf([(label in r["instructions"], c[label] >= t) for r, c in zip(rows, cats)])
                    for label, t in thresholds.items()}
    scored = [m["f1"] for m in instructions.values() if m["support"]]
    return {
        "texts": len(rows),
        "accuracy": round(sum(r["label"] == g for r, g in zip(rows, guess)) / max(len(rows), 1), 4),
        "macro_f1": round(sum(m["f1"] for m in per_label.values()) / len(per_label), 4),
        "per_label": per_label,
        "instructions_macro_f1": round(sum(scored) / len(scored), 4) if scored else None,
        "instructions": instructions,
    }


def tune_thresholds(nlp, rows: list[dict]) -> dict[str, float]:
    """Per instruction, the threshold with the best F1 on dev (ties: the middle one)."""
    cats = [c for c, _ in predict(nlp, rows)]
    thresholds = {}
    for label in nlp.get_pipe("textcat_multilabel").labels:
        grid = [i / 20 for i in range(1, 20)]
        f1s = [prf([(label in r["instructions"], c[label] >= t) for r, c in zip(rows, cats)])["f1"] for t in grid]
        best = max(f1s)
        ties = [t for t, f in zip(grid, f1s) if f == best]
        thresholds[label] = ties[len(ties) // 2]
    return thresholds


def train(config_path: Path, train_rows: list[dict], seed: int, epochs: int | None = None):
    config = load_config(config_path, overrides={"system.seed": seed, "training.seed": seed})
    fix_random_seed(seed)
    nlp = load_model_from_config(config, auto_fill=True)
    textcat, multi = nlp.get_pipe("textcat"), nlp.get_pipe("textcat_multilabel")
    T = config["training"]
    request = _examples(nlp, train_rows, list(config["initialize"]["components"]["textcat"]["labels"]), "label")
    instr = _examples(nlp, train_rows,
                      list(config["initialize"]["components"]["textcat_multilabel"]["labels"]), "instructions")
    nlp.initialize(lambda: request[:50])
    multi.initialize(lambda: instr[:50], nlp=nlp, labels=multi.labels)
    optimizer = registry.resolve({"o": T["optimizer"]})["o"]
    order = list(range(len(train_rows)))
    rng = random.Random(seed)
    losses: dict[str, float] = {}
    for _ in range(epochs or T["max_epochs"]):
        rng.shuffle(order)
        for batch in minibatch(order, size=compounding(T["batch_start"], T["batch_stop"], 1.001)):
            textcat.update([request[i] for i in batch], drop=T["dropout"], sgd=optimizer, losses=losses)
            multi.update([instr[i] for i in batch], drop=T["dropout"], sgd=optimizer, losses=losses)
    return nlp


def main(data_dir: Path = DATA_DIR, output_dir: Path = OUTPUT_DIR, seed: int = 0, epochs: int | None = None,
         metrics_path: Path | None = METRICS, config_path: Path = CONFIG) -> dict:
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    rows = {name: read_split(data_dir, name) for name in SPLITS}
    started = time.perf_counter()
    nlp = train(Path(config_path), rows["train"], seed, epochs)
    thresholds = tune_thresholds(nlp, rows["dev"])
    metrics = {"seed": seed, "train_seconds": round(time.perf_counter() - started, 1),
               "sizes": {k: len(v) for k, v in rows.items()}, "thresholds": thresholds,
               "dev": score(nlp, rows["dev"], thresholds), "test": score(nlp, rows["test"], thresholds)}
    nlp.meta.update({"name": "request_classifier", "version": "0.1.0",
                     "description": "Order Intake request + instruction classifier (bag-of-words)",
                     "data_sha256": data_hashes(data_dir), "instruction_thresholds": thresholds,
                     "seed": seed, "test_macro_f1": metrics["test"]["macro_f1"]})
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    if metrics_path:
        Path(metrics_path).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--metrics", type=Path, default=METRICS)
    a = parser.parse_args()
    m = main(a.data, a.output, a.seed, a.epochs, a.metrics)
    print(json.dumps({k: m[k]["macro_f1"] for k in ("dev", "test")} | {"train_seconds": m["train_seconds"]}))
    for label, v in m["test"]["per_label"].items():
        print(f"{label:<20} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} n={v['support']}")
    print("instructions test macro F1:", m["test"]["instructions_macro_f1"])
