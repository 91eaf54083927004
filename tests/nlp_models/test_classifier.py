"""The committed request classifier: loads, classifies per label, finds instructions, fails safe."""

import hashlib
import json

import pytest

from nlp_models.classifier import DEFAULT_PATH, Classification, load_classifier
from tests.helpers import REPO

DATA = REPO / "nlp_models" / "data"


@pytest.fixture(scope="module")
def classifier():
    loaded = load_classifier()
    assert loaded is not None, "committed pipeline must load"
    return loaded


@pytest.mark.parametrize("text,label", [
    pytest.param("Please find attached our purchase order 4500012345. Kindly confirm the delivery date.",
                 "new_order", id="new-order-po-attached"),
    pytest.param("Please change the quantity on PO 7781 from 40 to 60 pcs, everything else unchanged.",
                 "change_order", id="change-order-quantity"),
    pytest.param("Please cancel our order 55123, we ordered the wrong parts.", "cancel_order",
                 id="cancel-order"),
    pytest.param("Hi, what is the status of PO 88120? When will it ship?", "status_inquiry",
                 id="status-inquiry"),
    pytest.param("Two of the pumps arrived damaged. We want to return them, please send an RMA number.",
                 "return_request", id="return-damaged"),
    pytest.param("Invoice INV-22019 shows the wrong unit price for order 7781, please send a corrected invoice.",
                 "invoice_question", id="invoice-mentions-order-is-not-status"),
    pytest.param("Thank you for the order confirmation, all looks good.", "other",
                 id="thanks-for-confirmation-is-other"),
    pytest.param("Bitte stornieren Sie unsere Bestellung 2024-0911.", "cancel_order", id="german-cancel"),
])
def test_committed_pipeline_labels_a_representative_message(classifier, text, label):
    result = classifier.classify([text])[0]
    assert isinstance(result, Classification)
    assert result.label == label
    assert result.score == max(result.scores.values())
    assert set(result.scores) == {"new_order", "change_order", "cancel_order", "status_inquiry",
                                  "return_request", "invoice_question", "other"}


@pytest.mark.parametrize("text,instruction", [
    pytest.param("URGENT - please ship 10 x FE-2210 today, line down, please expedite.", "rush", id="rush"),
    pytest.param("Please ship PO 7741 complete, no partial shipments.", "no_partial", id="no-partial"),
    pytest.param("New PO 4410 attached. Partial shipments are fine.", "partial_ok", id="partial-ok"),
    pytest.param("Order 5512 attached. Please do not ship before 2025-06-02, hold until then.", "hold_until",
                 id="hold-until"),
    pytest.param("Please drop ship directly to our customer, neutral packing: Blue Lake Dairy, Elkhorn WI.",
                 "drop_ship", id="drop-ship"),
    pytest.param("Please ship from stock only. We do not accept backorders.", "no_backorder", id="no-backorder"),
])
def test_instructions_are_found(classifier, text, instruction):
    result = classifier.classify([text])[0]
    assert instruction in result.instructions
    assert result.instructions[instruction] >= classifier.thresholds[instruction]


def test_batch_keeps_order_and_handles_empty_text(classifier):
    results = classifier.classify(["Please cancel PO 1144.", "", "Where is my order 3312?"], batch_size=2)
    assert [r.label for r in (results[0], results[2])] == ["cancel_order", "status_inquiry"]
    assert len(results) == 3


def test_missing_pipeline_gives_none(tmp_path):
    assert load_classifier(tmp_path / "no-such-pipeline") is None


def test_broken_pipeline_gives_none(tmp_path):
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    assert load_classifier(tmp_path) is None


def test_committed_pipeline_was_trained_from_committed_data():
    recorded = json.loads((DEFAULT_PATH / "meta.json").read_text(encoding="utf-8"))["data_sha256"]
    actual = {name: hashlib.sha256((DATA / name).read_bytes()).hexdigest() for name in recorded}
    assert set(recorded) == {"train.jsonl", "dev.jsonl", "test.jsonl"}
    assert recorded == actual
