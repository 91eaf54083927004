"""The training recipe runs end to end on a tiny subset and gives a loadable pipeline."""

import json
from pathlib import Path

from nlp_models import train
from nlp_models.classifier import load_classifier
from nlp_models.generate_data import read_blocks
from tests.helpers import REPO

DATA = REPO / "nlp_models" / "data"


def _subset(src: Path, dst: Path, n: int) -> None:
    lines = src.read_text(encoding="utf-8").splitlines()[:n]
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_recipe_on_tiny_subset_gives_loadable_pipeline(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name, n in (("train", 80), ("dev", 30), ("test", 30)):
        _subset(DATA / f"{name}.jsonl", data / f"{name}.jsonl", n)
    metrics_path = tmp_path / "metrics.json"

    metrics = train.main(data, tmp_path / "pipeline", seed=0, epochs=1, metrics_path=metrics_path)

    assert set(metrics["test"]["per_label"]) >= {"new_order", "other"}
    assert 0.0 <= metrics["test"]["macro_f1"] <= 1.0
    assert json.loads(metrics_path.read_text())["sizes"] == {"train": 80, "dev": 30, "test": 30}
    classifier = load_classifier(tmp_path / "pipeline")
    assert classifier is not None
    assert classifier.nlp.meta["data_sha256"] == train.data_hashes(data)
    assert classifier.classify(["Please cancel PO 1"])[0].label in classifier.request_labels


def test_training_is_deterministic_for_a_seed(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("train", "dev", "test"):
        _subset(DATA / f"{name}.jsonl", data / f"{name}.jsonl", 40)
    first = train.main(data, tmp_path / "a", seed=3, epochs=1, metrics_path=None)
    second = train.main(data, tmp_path / "b", seed=3, epochs=1, metrics_path=None)
    assert first["test"] == second["test"] and first["thresholds"] == second["thresholds"]


def test_hand_written_test_split_is_what_test_jsonl_holds():
    rows = read_blocks(DATA / "handwritten_test.txt")
    committed = [json.loads(line) for line in (DATA / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == committed
    assert {r["label"] for r in rows} == {"new_order", "change_order", "cancel_order", "status_inquiry",
                                          "return_request", "invoice_question", "other"}
