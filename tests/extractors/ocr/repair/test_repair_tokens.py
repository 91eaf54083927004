"""Repairs of single OCRed tokens: letters read for digits, separators read wrong, code look-alikes."""
from __future__ import annotations

import pytest

from extractors.ocr.repair.tokens import code_variants, looks_numeric, numeric_repair, separator_repair


@pytest.mark.parametrize("raw, fixed", [
    pytest.param("1O.5O", "10.50", id="O_for_zero_in_price"),
    pytest.param("1,2O0.00", "1,200.00", id="thousands"),
    pytest.param("$l25.00", "$125.00", id="l_for_one_after_currency"),
    pytest.param("12/2O/2020", "12/20/2020", id="date"),
    pytest.param("4S0.00", "450.00", id="S_for_five"),
])
def test_numeric_repair_fixes_letters_in_numbers(raw, fixed):
    assert numeric_repair(raw) == fixed


@pytest.mark.parametrize("text", [
    pytest.param("SO", id="word"), pytest.param("AB-120", id="code"),
    pytest.param("2G0", id="postal_code_part"), pytest.param("V0E", id="postal_code_start"),
    pytest.param("BOLT", id="all_letters"), pytest.param("948284", id="clean_number"),
    pytest.param("IO0039475", id="po_number_with_letters"),
    pytest.param("I00039475", id="po_number_one_letter"),
    pytest.param("IO0039475.", id="po_number_ending_a_sentence"),
    pytest.param("B77", id="uk_postcode_part"), pytest.param("4S0", id="bare_token_unconfirmed"),
])
def test_numeric_repair_leaves_words_and_codes_alone(text):
    assert numeric_repair(text) == text


def test_code_variants_list_the_original_first_then_look_alikes():
    variants = code_variants("HB-1O40")
    assert variants[0] == "HB-1O40"
    assert "HB-1040" in variants and "H8-1O40" in variants and "HB-l040" in variants
    assert len(variants) == len(set(variants))
    assert code_variants("XYZ") == ["XYZ", "XY2"]


def test_looks_numeric_after_repair():
    assert looks_numeric("1,2O0.00") and looks_numeric("$4.00") and not looks_numeric("EACH")


@pytest.mark.parametrize("raw, fixed", [
    pytest.param("1,929,06", "1929.06", id="eu_point_read_as_comma"),
    pytest.param("10.152.97", "10152.97", id="us_comma_read_as_point"),
    pytest.param("20,09.2024", "20.09.2024", id="date_with_mixed_separators"),
    pytest.param("1,929,060", "1,929,060", id="valid_integer_untouched"),
    pytest.param("1.929,06", "1.929,06", id="valid_eu_amount_untouched"),
    pytest.param("929,06", "929,06", id="plain_decimal_comma_untouched"),
])
def test_separator_misreads_in_amounts_and_dates(raw, fixed):
    assert separator_repair(raw) == fixed
