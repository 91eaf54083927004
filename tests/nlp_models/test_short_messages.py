"""Short real-world messages (subject + blank line + short body, as the service builds them).

The first three were misread by the earlier pipeline (all as cancel_order).
"""

import json
from pathlib import Path

import pytest

from nlp_models.generate_data import read_blocks

DATA = Path(__file__).parents[2] / "nlp_models" / "data"


@pytest.mark.parametrize("text,label", [
    pytest.param("Please see the attached PO.", "new_order", id="attachment-note-was-cancel"),
    pytest.param("Fwd: PO 77812\nPlease see the attached PO.", "new_order", id="fwd-po-note-was-cancel"),
    pytest.param("Fwd: order\n\nsee below", "new_order", id="fwd-see-below-was-cancel"),
    pytest.param("PO 4500012345", "new_order", id="bare-po-subject"),
    pytest.param("Purchase Order #123 from Acme", "new_order", id="po-from-company"),
    pytest.param("FW: PO", "new_order", id="fw-po"),
    pytest.param("Bestellung 4711", "new_order", id="german-subject"),
    pytest.param("Commande n° 556", "new_order", id="french-subject"),
    pytest.param("New PO 5521\n\nHi Sara, PO for the Leeds job attached. Ta, Jim", "new_order",
                 id="note-with-names"),
    pytest.param("PO 30112\n\nKind regards\nHelen Ortiz\nBuyer, Marlow Plastics\nTel +44 1628 555 210",
                 "new_order", id="signature-only-body"),
    pytest.param("Re: PO 77812 - please cancel\n\n", "cancel_order", id="reply-cancel-subject"),
    pytest.param("PO 6612\n\nPlease cancel this one, sent by mistake.", "cancel_order", id="cancel-body"),
    pytest.param("RE: PO 4410\n\nPlease change the qty to 80.", "change_order", id="change-body"),
    pytest.param("Revised PO 4410\n\nRevised PO attached, replaces rev 1.", "change_order", id="revised-attached"),
    pytest.param("PO 4411 - where is it?", "status_inquiry", id="where-is-it-subject"),
    pytest.param("Re: PO 2290\n\nAny news on delivery?", "status_inquiry", id="status-body"),
    pytest.param("RMA for PO 5512\n\n3 units arrived broken, we want to send them back.", "return_request",
                 id="return-body"),
    pytest.param("Invoice 7781 query", "invoice_question", id="invoice-subject"),
    pytest.param("Re: PO 8890\n\nWe still have no invoice for this order.", "invoice_question", id="invoice-body"),
    pytest.param("Re: PO 1120\n\nThanks for confirming, all fine.", "other", id="thanks-is-other"),
    pytest.param("Automatic reply: PO 1120\n\nI am out of the office until Monday.", "other", id="out-of-office"),
])
def test_short_message_gets_its_label(classifier, text, label):
    assert classifier.classify([text])[0].label == label


def test_rule_is_named_when_it_sets_the_label(classifier):
    ruled, modelled = classifier.classify(["PO 4500012345", "PO 4411 - where is it?"])
    assert ruled.rule == "order_subject_note" and ruled.label == "new_order" and ruled.score >= 0.95
    assert modelled.rule is None


def test_short_test_set_is_never_in_training_or_dev_data():
    held_out = {r["text"] for r in read_blocks(DATA / "handwritten_short_test.txt")}
    assert len(held_out) >= 120
    for split in ("train", "dev"):
        lines = (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        texts = {json.loads(line)["text"] for line in lines}
        assert not held_out & texts, split
    assert not held_out & {r["text"] for r in read_blocks(DATA / "desk_style_train.txt")}
