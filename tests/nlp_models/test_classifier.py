"""The committed request classifier: loads, classifies per label, finds instructions, fails safe."""

import pytest

from nlp_models.classifier import Classification, combine, load_classifier


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


def test_a_cue_and_the_model_add_up_as_independent_evidence():
    assert combine(0.2, None) == pytest.approx(0.2)
    assert combine(0.2, 0.9) == pytest.approx(1 - 0.8 * 0.1)
    assert combine(0.0, 0.5) == pytest.approx(0.5)


@pytest.mark.parametrize("text,label,instruction", [
    pytest.param("new PO 5150: 20 vests L, 10 hard hats. no b/o - cancel anything you can't ship this week.",
                 "new_order", "no_backorder", id="en-cancel-what-you-cannot-ship"),
    pytest.param("Bestellung 26-04417\n\nBitte liefern Sie 12 Kartons M10x50. Teillieferungen werden nicht "
                 "angenommen.", "new_order", "no_partial", id="de-teillieferungen-nicht-angenommen"),
    pytest.param("Bestellung 26-5521\n\nBitte 8 Paletten liefern, aber nicht vor dem 11.01.2027 liefern.",
                 "new_order", "hold_until", id="de-nicht-vor-dem"),
])
def test_instruction_about_part_of_an_order_keeps_the_order(classifier, text, label, instruction):
    [result] = classifier.classify([text])
    assert result.label == label
    assert instruction in result.instructions


@pytest.mark.parametrize("text,instruction", [
    pytest.param("PO 6610\n\nPlease send 8 boxes of deck screws. No rush on this one, next week is fine.", "rush",
                 id="en-no-rush"),
    pytest.param("Bestellung 26-7001\n\nBitte 12 Kartons liefern. Es eilt nicht.", "rush", id="de-eilt-nicht"),
    pytest.param("Commande 9021\n\n10 boîtes de chevilles 6 mm. Ce n'est pas urgent.", "rush", id="fr-pas-urgent"),
    pytest.param("Pedido 6612\n\n8 cajas de cinta. No es urgente.", "rush", id="es-no-urgente"),
    pytest.param("Out of office\n\nI am away until Monday. For anything urgent call Kevin.", "rush",
                 id="out-of-office-urgent"),
])
def test_negated_or_conditional_instruction_is_not_reported(classifier, text, instruction):
    assert instruction not in classifier.classify([text])[0].instructions
