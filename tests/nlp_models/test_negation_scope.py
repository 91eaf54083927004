"""Negation and scope, told as stories in four languages.

Given a sentence a customer writes, when it is normalised and its instruction cues are read,
then a negated instruction is not that instruction, and a negated partial shipment is
'no partial shipments'. And when a new order cancels only what is out of stock, then the
request is not a cancellation.
"""

import pytest

from nlp_models.cues import cue_tokens
from nlp_models.rules import cancel_is_partial
from nlp_models.text_prep import NEG, mark_negation, normalize


def cues(text: str) -> set[str]:
    return {t.removeprefix("cue_") for t in normalize(text).split() if t.startswith("cue_")}


@pytest.mark.parametrize("text,present,absent", [
    pytest.param("No rush on this one, next week is fine.", set(), {"rush"}, id="en-no-rush"),
    pytest.param("Not urgent at all.", set(), {"rush"}, id="en-not-urgent"),
    pytest.param("URGENT - line down, please expedite.", {"rush"}, set(), id="en-urgent"),
    pytest.param("For anything urgent please call Kevin.", set(), {"rush"}, id="en-out-of-office-urgent"),
    pytest.param("Es eilt nicht, Lieferung mit der nächsten Tour.", set(), {"rush"}, id="de-eilt-nicht"),
    pytest.param("Bitte dringend liefern, Maschine steht!", {"rush"}, set(), id="de-dringend"),
    pytest.param("Ce n'est pas urgent, livraison la semaine prochaine.", set(), {"rush"}, id="fr-pas-urgent"),
    pytest.param("Il nous faut en urgence 2 filtres.", {"rush"}, set(), id="fr-en-urgence"),
    pytest.param("No es necesario que sea urgente.", set(), {"rush"}, id="es-no-urgente"),
    pytest.param("Lo necesitamos urgentemente, máquina parada.", {"rush"}, set(), id="es-urgente"),
])
def test_rush_and_its_negations(text, present, absent):
    found = cues(text)
    assert present <= found and not absent & found


@pytest.mark.parametrize("text,expected,not_expected", [
    pytest.param("Ship complete - no partial shipments.", "no_partial", "partial_ok", id="en-no-partials"),
    pytest.param("Partial shipments are fine, send the rest later.", "partial_ok", "no_partial", id="en-partials-ok"),
    pytest.param("Partial delivery is no problem for us.", "partial_ok", "no_partial", id="en-no-problem"),
    pytest.param("Teillieferungen werden nicht angenommen.", "no_partial", "partial_ok", id="de-nicht-angenommen"),
    pytest.param("Keine Teillieferungen bitte.", "no_partial", "partial_ok", id="de-keine"),
    pytest.param("Teillieferungen sind in Ordnung.", "partial_ok", "no_partial", id="de-in-ordnung"),
    pytest.param("Pas de livraison partielle s'il vous plaît.", "no_partial", "partial_ok", id="fr-pas-partielle"),
    pytest.param("Les livraisons partielles sont acceptées.", "partial_ok", "no_partial", id="fr-acceptees"),
    pytest.param("No aceptamos entregas parciales.", "no_partial", "partial_ok", id="es-no-aceptamos"),
    pytest.param("Envíen lo que haya y el resto cuando les llegue.", "partial_ok", "no_partial", id="es-lo-que-haya"),
])
def test_partial_shipments_with_negation(text, expected, not_expected):
    found = cues(text)
    assert expected in found and not_expected not in found


@pytest.mark.parametrize("text", [
    pytest.param("Please do not deliver before 11 January.", id="en"),
    pytest.param("Bitte nicht vor dem 11.01.2027 liefern.", id="de"),
    pytest.param("Merci de ne pas livrer avant le 08/02/2027.", id="fr"),
    pytest.param("Por favor no entreguen antes del 15 de enero.", id="es"),
])
def test_not_before_a_date_is_hold_until(text):
    assert "hold_until" in cues(text)


@pytest.mark.parametrize("text", [
    pytest.param("no b/o - cancel anything you can't ship this week.", id="en-no-bo"),
    pytest.param("If the reels are out of stock, cancel that line rather than backorder it.", id="en-rather-than"),
    pytest.param("Falls etwas nicht lieferbar ist: bitte nicht nachliefern, sondern stornieren.", id="de"),
    pytest.param("Si un article n'est pas en stock, annulez la ligne, pas de reliquat.", id="fr"),
    pytest.param("Lo que no tengan en stock, cancélenlo; no queremos pedidos pendientes.", id="es"),
])
def test_cancelling_what_is_out_of_stock_is_no_backorder_not_a_cancellation(text):
    assert "no_backorder" in cues(text)
    assert cancel_is_partial(text)


@pytest.mark.parametrize("text", [
    pytest.param("Please cancel PO 9981 entirely, the project was cancelled.", id="en-whole"),
    pytest.param("Please cancel whatever is still backordered on PO 7 and close out the PO.", id="en-balance"),
    pytest.param("Bitte stornieren Sie unsere Bestellung 26-04455 komplett.", id="de-komplett"),
    pytest.param("Merci d'annuler notre commande CM-4410.", id="fr"),
])
def test_a_whole_order_cancellation_stays_a_cancellation(text):
    assert not cancel_is_partial(text)


def test_scope_ends_at_punctuation_and_at_but():
    marked = mark_negation(["no", "rush", ",", "but", "urgent", "later"])
    assert marked[1] == NEG + "rush" and "urgent" in marked


def test_german_clause_final_nicht_negates_the_verb_before_it():
    assert mark_negation(["es", "eilt", "nicht", "."])[1] == NEG + "eilt"


def test_number_sign_no_is_not_a_negation():
    assert "cue_rush" in cue_tokens(" ".join(mark_negation(["po", "no", ".", "9", "urgent"])))
