"""Benchmark the request classifier: emails/s on one core and pipeline load time.

python bench/bench_classify.py [--n 5000] [--no-write]

Baseline measured in the same run: spaCy's blank English tokenizer alone over the
same texts. Figures go into docs/benchmarks.md between the bench_classify markers.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402 - after the thread limits above are set
import json  # noqa: E402 - after the thread limits above are set
import platform  # noqa: E402 - after the thread limits above are set
import time  # noqa: E402 - after the thread limits above are set
from pathlib import Path  # noqa: E402 - after the thread limits above are set

import spacy  # noqa: E402 - after the thread limits above are set

from nlp_models import sources  # noqa: E402 - after the thread limits above are set
from nlp_models.classifier import DEFAULT_PATH, load_classifier  # noqa: E402 - after the thread limits above are set
from nlp_models.text_prep import normalize  # noqa: E402 - after the thread limits above are set

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench_classify:start -->", "<!-- bench_classify:end -->"


def texts(n: int) -> list[str]:
    """Order-desk emails as the service classifies them (subject + request text) and short messages."""
    rows = [r["text"] for r in sources.read_own()[sources.DESK_STYLE]]
    path = ROOT / "nlp_models" / "data" / "test.jsonl"
    rows += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    return (rows * (n // len(rows) + 1))[:n]


def long_texts(n: int) -> list[str]:
    """Email-length texts: each hand-written desk-style email followed by the next two (about 440
    chars, the length of the order-desk test emails after quote stripping)."""
    rows = [r["text"] for r in sources.read_own()[sources.DESK_STYLE]]
    joined = ["\n\n".join(rows[i:i + 3]) for i in range(len(rows) - 2)]
    return (joined * (n // len(joined) + 1))[:n]


def rate(fn, items: list[str], repeats: int = 3) -> float:
    """Best of a few runs, items per CPU second of this (single-threaded) process: what one core
    does, whatever else the shared machine runs meanwhile."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        fn(items)
        best = min(best, time.process_time() - started)
    return len(items) / best


def run(n: int) -> dict:
    started = time.perf_counter()
    classifier = load_classifier()
    load_s = time.perf_counter() - started
    assert classifier is not None, "no committed pipeline"
    raw = texts(n)
    prepared = [normalize(t) for t in raw]
    blank = spacy.blank("en")
    nlp = classifier.nlp
    tokenizer = rate(lambda xs: list(blank.tokenizer.pipe(xs, batch_size=256)), prepared)
    pipeline = rate(lambda xs: list(nlp.pipe(xs, batch_size=256)), prepared)
    end_to_end = rate(lambda xs: classifier.classify(xs, batch_size=256), raw)
    long = long_texts(n)
    long_rate = rate(lambda xs: classifier.classify(xs, batch_size=256), long)
    return {"texts": n, "mean_chars": round(sum(map(len, raw)) / n), "load_s": round(load_s, 3),
            "tokenizer_per_s": round(tokenizer), "pipeline_per_s": round(pipeline),
            "classify_per_s": round(end_to_end), "pipeline_vs_tokenizer": round(pipeline / tokenizer, 3),
            "long_mean_chars": round(sum(map(len, long)) / n), "classify_long_per_s": round(long_rate),
            "load_avg": round(os.getloadavg()[0], 1),
            "size_mb": round(sum(p.stat().st_size for p in DEFAULT_PATH.rglob("*") if p.is_file()) / 1e6, 2)}


def write(figures: dict) -> None:
    body = "\n".join([
        START,
        "## Request classifier (`bench/bench_classify.py`)",
        "",
        f"{figures['texts']} customer messages (the hand-written order-desk emails as the service classifies them "
        f"and the hand-written test messages, repeated; mean {figures['mean_chars']} chars), "
        f"one thread, batches of 256, best of 3, per CPU second of the process (one core); "
        f"{platform.python_version()}, spaCy {spacy.__version__}.",
        "",
        "| measure | figure |",
        "|---|---|",
        f"| baseline: blank English tokenizer alone | {figures['tokenizer_per_s']:,} texts/s |",
        f"| classifier pipeline (`nlp.pipe`, textcat + textcat_multilabel) | {figures['pipeline_per_s']:,} texts/s |",
        f"| ratio classifier / tokenizer | {figures['pipeline_vs_tokenizer']} |",
        f"| `RequestClassifier.classify` incl. normalisation, negation scope, cues and rules "
        f"| {figures['classify_per_s']:,} texts/s |",
        f"| the same on email-length texts (mean {figures['long_mean_chars']} chars) "
        f"| {figures['classify_long_per_s']:,} texts/s |",
        f"| pipeline load time (`load_classifier`) | {figures['load_s']} s |",
        f"| pipeline size on disk | {figures['size_mb']} MB |",
        "",
        f"The machine is shared (load average {figures['load_avg']} during the run), so absolute figures vary "
        "between runs; compare the ratio, measured in the same run.",
        END,
    ])
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[:text.index(START)] + body + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    result = run(args.n)
    print(json.dumps(result, indent=2))
    if not args.no_write:
        write(result)
