"""The rule layer: a bare order subject or an attachment note is new_order, nothing else is ruled."""

import pytest

from nlp_models.rules import rule_label


@pytest.mark.parametrize("text", [
    "PO 4500012345", "New order", "Purchase Order #123 from Acme", "FW: PO", "Order attached", "Bestellung 4711",
    "Commande n° 556", "PO-2024-8812\n\nThanks", "Please see the attached PO.",
    "Fwd: PO 77812\nPlease see the attached PO.", "Fwd: order\n\nsee below",
    "WG: Bestellung 12\n\nAnbei unsere Bestellung.",
    "TR: Bon de commande 8841\n\nCi-joint notre commande. Merci", "PO 4410\n\nPFA\nSent from my iPhone",
])
def test_order_subject_with_empty_body_or_attachment_note_is_new_order(text):
    assert rule_label(text) == "new_order"


@pytest.mark.parametrize("text", [
    "Re: PO 77812 - please cancel", "PO 4411 - where is it?", "Invoice 7781 query", "PO 4411 - cancelled",
    "Re: PO 4411", "Order status 7731", "Order confirmation 7731", "Cancel PO 5512", "PO 5512\n\nPlease cancel.",
    "Order\n\nThanks for the confirmation", "RE: PO 4411\n\nRevised PO attached", "PO 3320\n\nWhen will it ship?",
    "Purchase Order 88 from Acme - price query", "", "Thanks!",
])
def test_anything_else_is_left_to_the_model(text):
    assert rule_label(text) is None


def test_a_reply_prefix_never_matches_even_with_an_attachment_note():
    assert rule_label("AW: Bestellung 4711\n\nsee attached") is None
