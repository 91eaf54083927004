"""Train the request classifier and write the pipeline, with its inputs recorded in meta.

python -m nlp_models.train --corpus /work/corpus/messages [--seed 0] [--epochs N]
                           [--output nlp_models/pipelines/request_classifier] [--data nlp_models/data]

Without --corpus, the directory in INTAKE_NLP_CORPUS_DIR is used (so `intake train` can find it);
without either, or with a missing directory, it trains on our own data only, logs a warning and
says so in the meta (`corpora: {}`). The shipped pipeline is always built with the corpora.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import time
from pathlib import Path

from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_config, load_model_from_config, minibatch, registry

from nlp_models import sources, tokenizer  # noqa: F401 - tokenizer: registers the config's tokenizer
from nlp_models.cues import cues_in
from nlp_models.text_prep import normalize

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"
DATA_DIR = sources.DATA_DIR
OUTPUT_DIR = HERE / "pipelines" / "request_classifier"
CORPUS_ENV = "INTAKE_NLP_CORPUS_DIR"
# The instruction component learns from hand-written rows only: in template text the instruction
# wordings are jumbled (typos, contradicting pairs), and the corpora carry no instruction labels.
INSTRUCTION_SOURCES = (sources.DESK_STYLE, sources.HANDWRITTEN)
# Passes over the hand-written rows per epoch for the instruction component: a few hundred rows
# give a sparse linear model too few updates in one pass (every score stayed near 0.4).
INSTRUCTION_PASSES = 4


def prf(pairs: list[tuple[bool, bool]]) -> dict:
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn,
            "predicted": tp + fp}


def _labels(config, name: str) -> list[str]:
    return list(config["initialize"]["components"][name]["labels"])


def _example(nlp, row: dict, labels: list[str], gold: set[str]) -> Example:
    return Example.from_dict(nlp.make_doc(normalize(row["text"])), {"cats": {lb: float(lb in gold) for lb in labels}})


def train_pipeline(train_sources: dict[str, list[dict]], seed: int, epochs: int | None = None,
                   config_path: Path = CONFIG):
    """A spaCy pipeline trained on a fresh draw of the sources each epoch (sources.epoch_rows).

    The instruction component learns only from INSTRUCTION_SOURCES.
    """
    config = load_config(config_path, overrides={"system.seed": seed, "training.seed": seed})
    fix_random_seed(seed)
    nlp = load_model_from_config(config, auto_fill=True)
    textcat, multi = nlp.get_pipe("textcat"), nlp.get_pipe("textcat_multilabel")
    request_labels, instr_labels = _labels(config, "textcat"), _labels(config, "textcat_multilabel")
    cache: dict[int, tuple[Example, Example | None]] = {}

    def examples(row: dict) -> tuple[Example, Example | None]:
        if id(row) not in cache:
            own = row["source"] in INSTRUCTION_SOURCES
            cache[id(row)] = (_example(nlp, row, request_labels, {row["label"]}),
                              _example(nlp, row, instr_labels, set(row["instructions"])) if own else None)
        return cache[id(row)]

    rng = random.Random(seed)
    first = sources.epoch_rows(train_sources, rng)
    pairs = [examples(r) for r in first]
    nlp.initialize(lambda: [p[0] for p in pairs[:100]])
    multi.initialize(lambda: [p[1] for p in pairs if p[1] is not None][:100], nlp=nlp, labels=multi.labels)
    T = config["training"]
    optimizer = registry.resolve({"o": T["optimizer"]})["o"]
    losses: dict[str, float] = {}
    for epoch in range(epochs or T["max_epochs"]):
        rows = first if epoch == 0 else sources.epoch_rows(train_sources, rng)
        pairs = [examples(r) for r in rows]
        for batch in minibatch(pairs, size=compounding(T["batch_start"], T["batch_stop"], 1.001)):
            textcat.update([p[0] for p in batch], drop=T["dropout"], sgd=optimizer, losses=losses)
        instr = [p[1] for p in pairs if p[1] is not None]
        for _ in range(INSTRUCTION_PASSES):
            rng.shuffle(instr)
            for batch in minibatch(instr, size=T["batch_start"]):
                multi.update(batch, drop=T["dropout"], sgd=optimizer, losses=losses)
    return nlp


def cue_precision(rows: list[dict]) -> dict[str, float]:
    """Per instruction, how often its cue is right on hand-written rows: (hits + 1) / (fired + 2)."""
    fired: dict[str, int] = {}
    hits: dict[str, int] = {}
    for row in rows:
        for name in cues_in(normalize(row["text"])):
            fired[name] = fired.get(name, 0) + 1
            hits[name] = hits.get(name, 0) + (name in row["instructions"])
    return {name: round((hits[name] + 1) / (fired[name] + 2), 4) for name in sorted(fired)}


def build(corpus_dir: Path | None, *, exclude: frozenset[str] = sources.NOT_SHIPPED, seed: int = 0,
          epochs: int | None = None, data_dir: Path = DATA_DIR, config_path: Path = CONFIG):
    """Train on the corpora (less `exclude`) and our own data; returns (nlp, cue precisions, inputs)."""
    if corpus_dir is not None and not Path(corpus_dir).is_dir():
        log.warning("corpus directory %s not found: training on our own data only", corpus_dir)
        corpus_dir = None
    corpora = sources.read_corpora(corpus_dir, exclude)
    own = sources.read_own(data_dir)
    nlp = train_pipeline({**corpora, **own}, seed, epochs, config_path)
    precision = cue_precision([r for name in INSTRUCTION_SOURCES for r in own[name]])
    inputs = {"corpora": sources.corpus_hashes(corpus_dir, sorted(corpora)),
              "own": {name: sources.sha256(Path(data_dir) / name) for name in sources.OWN_FILES},
              "rows": {name: len(rows) for name, rows in {**corpora, **own}.items()}}
    nlp.meta["cue_precision"] = precision
    return nlp, precision, inputs


def main(data_dir: Path = DATA_DIR, output_dir: Path = OUTPUT_DIR, seed: int = 0, epochs: int | None = None,
         corpus_dir: Path | None = None, config_path: Path = CONFIG) -> dict:
    """Build the shipped pipeline into output_dir; returns its meta (inputs, cue precisions, seed)."""
    corpus_dir = corpus_dir or os.environ.get(CORPUS_ENV) or None
    if corpus_dir is None:
        log.warning("no corpus directory (--corpus or %s): training on our own data only", CORPUS_ENV)
    started = time.perf_counter()
    nlp, precision, inputs = build(corpus_dir, seed=seed, epochs=epochs, data_dir=Path(data_dir),
                                   config_path=Path(config_path))
    nlp.meta.update({"name": "request_classifier", "version": "0.2.0",
                     "description": "Order Intake request + instruction classifier (bag-of-words, negation-marked)",
                     "trained_on": inputs, "cue_precision": precision, "seed": seed,
                     "not_shipped_corpora": sorted(sources.NOT_SHIPPED)})
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)  # no timings in the meta: the same inputs and seed give the same bytes
    return dict(nlp.meta) | {"train_seconds": round(time.perf_counter() - started, 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None, help="directory of the human corpora (<name>.csv)")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=None)
    a = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    meta = main(a.data, a.output, a.seed, a.epochs, a.corpus)
    print(json.dumps({k: meta[k] for k in ("trained_on", "cue_precision", "train_seconds")}, indent=2))
