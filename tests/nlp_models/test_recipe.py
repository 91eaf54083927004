"""The training recipe, end to end on a tiny corpus and a slice of our own data, in seconds."""

import csv
import json
import random
from pathlib import Path

from nlp_models import sources, train
from nlp_models.classifier import load_classifier
from nlp_models.generate_data import read_blocks

DATA = Path(__file__).parents[2] / "nlp_models" / "data"
CORPUS_ROWS = [
    ("i want to order two pizzas", "new_order"), ("where is my package", "status_inquiry"),
    ("cancel my order please", "cancel_order"), ("i was charged twice on my bill", "invoice_question"),
    ("what's the weather tomorrow", "other"), ("i want a refund for the broken lamp", "return_request"),
]


def _tiny_corpus(directory: Path) -> Path:
    directory.mkdir()
    for name in ("alpha", "pmc_fr"):
        with (directory / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "label", "source_intent"])
            writer.writerows([text, label, "x"] for text, label in CORPUS_ROWS)
    return directory


def _tiny_own_data(directory: Path) -> Path:
    """The first blocks of each hand-written file and 60 template rows."""
    directory.mkdir()
    for name in (sources.DESK_STYLE, sources.HANDWRITTEN):
        text = (DATA / name).read_text(encoding="utf-8")
        blocks = text.split("\n=== ")[:25]
        (directory / name).write_text("\n=== ".join(blocks) + "\n", encoding="utf-8")
    lines = (DATA / sources.TEMPLATES).read_text(encoding="utf-8").splitlines()[:60]
    (directory / sources.TEMPLATES).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def test_recipe_trains_a_loadable_pipeline_and_records_its_inputs(tmp_path):
    corpus, data = _tiny_corpus(tmp_path / "corpus"), _tiny_own_data(tmp_path / "data")

    meta = train.main(data, tmp_path / "pipeline", seed=0, epochs=1, corpus_dir=corpus)

    classifier = load_classifier(tmp_path / "pipeline")
    assert classifier is not None
    [result] = classifier.classify(["Please cancel PO 1"])
    assert result.label in classifier.request_labels
    inputs = meta["trained_on"]
    assert set(inputs["corpora"]) == {"alpha.csv"}, "pmc_fr has no licence: never in a shipped model"
    assert inputs["corpora"]["alpha.csv"] == sources.sha256(corpus / "alpha.csv")
    assert inputs["own"][sources.DESK_STYLE] == sources.sha256(data / sources.DESK_STYLE)
    assert set(classifier.thresholds) == set(classifier.instruction_labels)


def test_same_seed_same_pipeline(tmp_path):
    corpus, data = _tiny_corpus(tmp_path / "corpus"), _tiny_own_data(tmp_path / "data")
    train.main(data, tmp_path / "a", seed=3, epochs=1, corpus_dir=corpus)
    train.main(data, tmp_path / "b", seed=3, epochs=1, corpus_dir=corpus)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for part in files:
        assert (tmp_path / "a" / part).read_bytes() == (tmp_path / "b" / part).read_bytes(), part


def test_without_a_corpus_directory_it_trains_on_our_own_data_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv(train.CORPUS_ENV, raising=False)
    data = _tiny_own_data(tmp_path / "data")
    meta = train.main(data, tmp_path / "p", seed=0, epochs=1, corpus_dir=tmp_path / "missing")
    assert meta["trained_on"]["corpora"] == {}
    assert load_classifier(tmp_path / "p") is not None


def test_an_epoch_caps_every_corpus_and_the_template_share():
    big = [{"text": f"t{i}", "label": "other", "instructions": [], "source": "big"} for i in range(5000)]
    mine = [{"text": f"m{i}", "label": "new_order", "instructions": [], "source": sources.DESK_STYLE}
            for i in range(100)]
    templates = [{"text": f"g{i}", "label": "new_order", "instructions": [], "source": sources.TEMPLATES}
                 for i in range(5000)]
    rows = sources.epoch_rows({"big": big, sources.DESK_STYLE: mine, sources.TEMPLATES: templates},
                              random.Random(0))
    names = ("big", sources.DESK_STYLE, sources.TEMPLATES)
    by_source = {name: sum(r["source"] == name for r in rows) for name in names}
    assert by_source["big"] <= sources.SOURCE_CAP
    assert by_source[sources.DESK_STYLE] == 100 * sources.REPEAT[sources.DESK_STYLE]
    assert by_source[sources.TEMPLATES] <= sources.TEMPLATE_SHARE * len(rows) + 1


def test_committed_pipeline_records_the_committed_own_data():
    meta = json.loads((Path(train.OUTPUT_DIR) / "meta.json").read_text(encoding="utf-8"))
    own = meta["trained_on"]["own"]
    assert own == {name: sources.sha256(DATA / name) for name in sources.OWN_FILES}
    assert not set(meta["trained_on"]["corpora"]) & {f"{n}.csv" for n in sources.NOT_SHIPPED}


def test_hand_written_test_split_is_what_test_jsonl_holds():
    rows = read_blocks(DATA / "handwritten_test.txt")
    committed = [json.loads(line) for line in (DATA / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == committed


def test_desk_style_training_emails_cover_every_label_in_four_languages():
    rows = read_blocks(DATA / sources.DESK_STYLE)
    assert {r["label"] for r in rows} == {"new_order", "change_order", "cancel_order", "status_inquiry",
                                          "return_request", "invoice_question", "other"}
    assert len(rows) >= 300
    texts = " ".join(r["text"] for r in rows)
    for word in ("Bestellung", "commande", "pedido", "order"):
        assert word in texts


def test_intake_train_finds_the_corpora_through_the_environment(tmp_path, monkeypatch):
    corpus, data = _tiny_corpus(tmp_path / "corpus"), _tiny_own_data(tmp_path / "data")
    monkeypatch.setenv(train.CORPUS_ENV, str(corpus))
    meta = train.main(data, tmp_path / "p", seed=0, epochs=1)  # as app/cli.py `intake train` calls it
    assert set(meta["trained_on"]["corpora"]) == {"alpha.csv"}
