"""Order lines matched to a small generated catalog: noisy codes and descriptions."""
from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from app.catalog.matching import ProductIndex, ProductRecord

TYPES = ["Hex head bolt", "Socket head cap screw", "Flat washer", "Hex nut", "Carriage bolt"]
SIZES = ["M8x30", "M10x40", "M12x40", "M12x50"]
MATERIALS = ["steel", "stainless steel A2", "brass"]
FINISHES = ["zinc plated", "hot dip galvanized", "plain"]
BRANDS = ["Boltex", "Fastco"]


def make_catalog() -> list[ProductRecord]:
    """360 products: every type x size x material x finish x brand, plus named ones."""
    out = []
    for i, (t, s, m, f, b) in enumerate(
            itertools.product(TYPES, SIZES, MATERIALS, FINISHES, BRANDS), start=1):
        out.append(ProductRecord(id=i, sku=f"{t[:2].upper()}-{1000 + i}", description=f"{t} {s} {m} {f} {b}",
                                 uom="EA", pack_size=1, list_price=Decimal("1.00") + i))
    n = len(out)
    out += [
        ProductRecord(n + 1, "HB-1240", "Hex head bolt M12x40 zinc plated 8.8 Acme", "EA", 100,
                      Decimal("0.42")),
        ProductRecord(n + 2, "HB-1240-OLD", "Hex head bolt M12x40 zinc plated 8.8 Acme old style",
                      "EA", 100, Decimal("0.40"), active=False),
        # Two products a description alone cannot tell apart.
        ProductRecord(n + 3, "CT-200-A", "Cable tie 200mm black nylon", "BX", 100, Decimal("4.50")),
        ProductRecord(n + 4, "CT-200-B", "Cable tie 200mm black nylon", "BX", 100, Decimal("6.90")),
        ProductRecord(n + 5, "OB-5018", "Ball bearing 6204 sealed", "EA", 1, Decimal("3.10")),
    ]
    return out


CATALOG = make_catalog()
SCREW = next(p.sku for p in CATALOG
             if p.description == "Socket head cap screw M10x40 stainless steel A2 plain Fastco")


@pytest.fixture(scope="module")
def index() -> ProductIndex:
    return ProductIndex(CATALOG, xrefs={(7, "AC-778"): "HB-1240"})


def sku_of(match) -> str:
    return next(p.sku for p in CATALOG if p.id == match.id)


@pytest.mark.parametrize(("code", "description", "expected", "method"), [
    pytest.param(None, "Socket head cap screw M10x40 stainles steel A2 plain Fastcoo",
                 SCREW, "description", id="typo"),
    pytest.param(None, "skt hd cap scr M10x40 SS A2 plain Fastco", SCREW, "description",
                 id="abbreviation"),
    pytest.param(None, "Fastco plain A2 stainless steel M10x40 cap screw socket head",
                 SCREW, "description", id="reordered"),
    pytest.param(None, "Socket cap screw M10x40 stainless steel A2 plain Fastco",
                 SCREW, "description", id="dropped-token"),
    pytest.param(None, "Socket head cap screw M10 x 40 stainless steel A2 plain Fastco",
                 SCREW, "description", id="size-with-spaces"),
    pytest.param(None, "Socket head cap screw M10x40mm stainless steel A2 plain Fastco",
                 SCREW, "description", id="size-with-mm"),
    pytest.param("HB1240", None, "HB-1240", "sku", id="code-without-dash"),
    pytest.param("hb 1240", None, "HB-1240", "sku", id="code-lower-case-with-space"),
    pytest.param("H8-I24O", None, "HB-1240", "sku_ocr", id="ocr-confusion-in-code"),
    pytest.param("0B-5O18", None, "OB-5018", "sku_ocr", id="ocr-confusion-both-ways"),
    pytest.param("HB-1204", "Hex head bolt M12x40 zinc plated Acme", "HB-1240", "code_fuzzy",
                 id="code-typo-with-description"),
    pytest.param("H8-I2A0", None, "HB-1240", "code_fuzzy", id="ocr-confusion-and-typo-in-code"),
    pytest.param(None, "Hex head bolt M12x40 zinc plated 8.8 Acme, box of 100", "HB-1240",
                 "description", id="pack-size-box-of-100"),
    pytest.param(None, "40 pcs HB-1240 for the Dallas site", "HB-1240", "sku",
                 id="code-inside-description"),
])
def test_noisy_line_finds_the_product(index, code, description, expected, method):
    # Given a catalog, when a customer writes a product with noise
    matches = index.match_line(code, description)
    # Then the intended product is first and the match says how it was found
    assert sku_of(matches[0]) == expected
    assert matches[0].method == method
    assert matches[0].reason


def test_code_inside_description_is_not_called_a_disagreement(index):
    best = index.match_line(None, "40 pcs HB-1240 for the Dallas site")[0]
    assert (best.score, best.reason) == (1.0, "sku HB-1240")


def test_sku_id_is_exact_and_scores_one(index):
    best = index.match_line(SCREW, None)[0]
    assert (sku_of(best), best.score, best.reason) == (SCREW, 1.0, f"sku {SCREW}")


def test_customer_part_number_uses_cross_reference(index):
    best = index.match_line("AC-778", "bolts", customer_id=7)[0]
    assert sku_of(best) == "HB-1240"
    assert best.method == "xref"
    assert best.reason == "customer part AC-778 -> HB-1240 (cross reference)"


def test_cross_reference_is_per_customer(index):
    matches = index.match_line("AC-778", None, customer_id=8)
    assert all(m.method != "xref" for m in matches)


def test_learned_cross_reference_applies_to_the_next_line():
    index = ProductIndex(CATALOG)
    assert all(m.method != "xref" for m in index.match_line("ZZ-9", None, customer_id=3))
    index.add_xref(3, "zz 9", "OB-5018")  # a clerk corrects the line once
    best = index.match_line("ZZ-9", None, customer_id=3)[0]
    assert (sku_of(best), best.method) == ("OB-5018", "xref")


def test_description_match_explains_itself(index):
    best = index.match_line(None, "hex hd bolt M12x40 zp 8.8 acme")[0]
    assert sku_of(best) == "HB-1240"
    assert best.reason.startswith("description ") and "'Hex head bolt M12x40" in best.reason
    assert 0.9 < best.score < 1.0


def test_inactive_product_matches_but_is_flagged(index):
    best = index.match_line("HB-1240-OLD", None)[0]
    assert sku_of(best) == "HB-1240-OLD"
    assert "inactive" in best.reason


def test_active_product_preferred_over_inactive_twin(index):
    matches = index.match_line(None, "Hex head bolt M12x40 zinc plated 8.8 Acme")
    assert sku_of(matches[0]) == "HB-1240"
    flagged = [m for m in matches if sku_of(m) == "HB-1240-OLD"]
    assert flagged and "inactive" in flagged[0].reason


@pytest.mark.parametrize(("signals", "expected"), [
    pytest.param({"history": {"CT-200-B": 12}}, "CT-200-B", id="customer-history"),
    pytest.param({"history": {"CT-200-A": 3}}, "CT-200-A", id="customer-history-other"),
    pytest.param({"unit_price": Decimal("6.90"), "unit": "BX"}, "CT-200-B", id="price-near-list"),
    pytest.param({"unit_price": Decimal("4.45"), "unit": "box"}, "CT-200-A", id="price-near-list-other"),
])
def test_tie_broken_by_other_signals(index, signals, expected):
    # Two products with the same description; only the other signals tell them apart
    matches = index.match_line(None, "cable tie 200mm black nylon", **signals)
    assert sku_of(matches[0]) == expected
    assert matches[0].candidates and matches[0].candidates[0][1] < matches[0].score


def test_tie_nothing_breaks_is_marked_ambiguous(index):
    # Same description, no history, no price: the clerk must choose
    matches = index.match_line(None, "cable tie 200mm black nylon")
    assert {sku_of(m) for m in matches[:2]} == {"CT-200-A", "CT-200-B"}
    assert all("ambiguous: 2 products as alike" in m.reason for m in matches[:2])
    assert matches[0].score < 0.8


def test_one_vague_word_is_not_a_confident_match(index):
    best = index.match_line(None, "washer")[0]
    assert "ambiguous" in best.reason and best.score < 0.8


def test_tie_break_says_why(index):
    best = index.match_line(None, "cable tie 200mm black nylon", history={"CT-200-B": 12})[0]
    assert "ordered 12 times before" in best.reason


def test_pack_size_in_unit_supports_the_match(index):
    best = index.match_line(None, "hex head bolt M12x40 zinc plated 8.8 Acme",
                            unit="box of 100", unit_price=Decimal("42.00"))[0]
    assert sku_of(best) == "HB-1240"
    assert "price 42.00 matches list 0.42" in best.reason


def test_code_and_description_that_disagree_are_both_offered(index):
    # A valid SKU with the description of another product: neither is certain
    matches = index.match_line("OB-5018", "Hex head bolt M12x40 zinc plated Acme")
    by_sku = {sku_of(m): m for m in matches}
    assert "description only" in by_sku["OB-5018"].reason
    assert by_sku["OB-5018"].score < 1.0
    assert by_sku["HB-1240"].method == "description"
    assert matches[0].score < 1.0


def test_unknown_line_returns_nothing(index):
    assert index.match_line("QQ-0000000", "completely unrelated words qwerty") == []


def test_runners_up_are_listed_on_the_best_match(index):
    matches = index.match_line(None, "flat washer M8x30 brass plain", limit=3)
    assert len(matches) == 3
    assert matches[0].candidates == tuple((m.id, m.score) for m in matches[1:])
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_empty_catalog_matches_nothing():
    assert ProductIndex([]).match_line("HB-1240", "hex bolt") == []


def test_learned_wording_of_a_customer_is_matched():
    index = ProductIndex(CATALOG)
    index.add_xref(9, "our usual bearings", "OB-5018")
    best = index.match_line(None, "Our usual bearings", customer_id=9)[0]
    assert (sku_of(best), best.method) == ("OB-5018", "xref")


def test_history_finds_the_usual_product_among_hundreds_of_look_alikes():
    # 500 products a description cannot tell apart: more than blocking keeps
    towels = [ProductRecord(i, f"TW-{i:04d}", "Shop towel blue roll", "EA") for i in range(1, 501)]
    index = ProductIndex(towels)
    best = index.match_line(None, "blue shop towels", history={"TW-0400": 5})[0]
    assert best.id == 400
    assert "ordered 5 times before" in best.reason


def test_parallel_lines_get_the_same_answers_as_one_by_one(index):
    # The service shares one index between worker threads
    from concurrent.futures import ThreadPoolExecutor

    lines = [f"{t} {s} {m} plain Boltex" for t in TYPES for s in SIZES for m in MATERIALS]
    alone = [index.match_line(None, d)[0].id for d in lines]
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(lambda d: index.match_line(None, d)[0].id, lines))
    assert parallel == alone
