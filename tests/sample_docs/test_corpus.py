"""The randomised corpus generator (sample_docs/pogen/corpus): every kind and
language is produced, the truth files are valid for the published scorer, the
layout boxes hold exactly what they say was printed, and a seed gives the same
bytes (serial or parallel)."""
from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from sample_docs.pogen.corpus import SOURCES_HEADER, family, generate_corpus, plan
from sample_docs.pogen.corpus.kinds import KINDS
from sample_docs.pogen.corpus.labels import LANGS
from tests.sample_docs.layout_check import problems

REPO = Path(__file__).resolve().parents[2]
SHARED_EVAL = REPO.parent / "shared" / "eval"
TRUTH_KEYS = {"po_number", "order_date", "buyer", "supplier", "ship_to", "currency", "subtotal", "tax", "total",
              "line_items"}
LINE_KEYS = {"sku", "description", "quantity", "unit_price", "amount"}
COUNT = 14          # the first seven documents are one of each kind


def load(path: Path, suffix: str) -> dict:
    return json.loads(Path(f"{path}{suffix}").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, COUNT, seed=5)
    return out


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def test_every_kind_is_generated_with_a_truth_and_a_layout_file(corpus):
    docs = pdfs(corpus)
    assert len(docs) == COUNT
    kinds = set()
    for pdf in docs:
        layout, truth = load(pdf, ".layout.json"), load(pdf, ".truth.json")
        assert layout["doc_type"] == truth["document_type"]
        kinds.add(layout["doc_type"])
        with pdfium.PdfDocument(pdf) as doc:
            assert len(doc) == layout["pages"] >= 1
            assert all(page.get_textpage().count_chars() for page in doc)   # born digital: text on every page
    assert kinds == set(KINDS)


@pytest.mark.parametrize("index", range(COUNT))
def test_recorded_boxes_hold_the_printed_text_and_truth_lines_their_rows(corpus, index):
    assert problems(pdfs(corpus)[index]) == []


def test_truth_files_are_in_the_scorers_format(corpus):
    for pdf in pdfs(corpus):
        t = load(pdf, ".truth.json")
        assert set(t) >= TRUTH_KEYS, pdf.name
        for key in ("order_date", "requested_delivery_date"):
            if t.get(key) is not None:
                date.fromisoformat(t[key])
        for key in ("subtotal", "tax", "total"):
            if t[key] is not None:
                Decimal(t[key])
        assert t["currency"] is None or re.fullmatch(r"[A-Z]{3}", t["currency"])
        for line in t["line_items"]:
            assert set(line) == LINE_KEYS and line["description"] and Decimal(line["quantity"]) > 0
        if t["subtotal"] is not None:
            assert sum(Decimal(line["amount"]) for line in t["line_items"]) == Decimal(t["subtotal"]), pdf.name


def test_a_purchase_order_always_names_its_number_date_and_issuer(corpus):
    for pdf in pdfs(corpus):
        t = load(pdf, ".truth.json")
        if t["document_type"] == "purchase_order":
            assert t["po_number"] and t["order_date"] and t["line_items"]
        if t["document_type"] in ("rfq", "delivery_note"):
            assert all(line["unit_price"] is None and line["amount"] is None for line in t["line_items"])


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="needs ../shared/eval (the published scorer)")
def test_the_published_scorer_finds_each_truth_perfect_against_itself(corpus):
    spec = importlib.util.spec_from_file_location("score", SHARED_EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    for pdf in pdfs(corpus):
        t = load(pdf, ".truth.json")
        for name, kind in score.HEADER_FIELDS.items():
            if t.get(name) is not None:
                assert score.same(kind, t[name], t[name]), (pdf.name, name)
        right, total, predicted = score.score_lines(t["line_items"], t["line_items"])
        assert right == total == predicted


def test_sources_tsv_lists_every_file_with_its_family(corpus):
    with (corpus / "SOURCES.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert list(rows[0]) == SOURCES_HEADER
    if (SHARED_EVAL / "dev2" / "SOURCES.tsv").exists():
        assert (SHARED_EVAL / "dev2" / "SOURCES.tsv").read_text().splitlines()[0].split("\t") == SOURCES_HEADER
    assert {r["local_path"] for r in rows} == {p.name for p in corpus.iterdir() if p.name != "SOURCES.tsv"}
    for r in rows:
        layout = load(corpus / r["local_path"].split(".pdf")[0], ".pdf.layout.json")
        assert r["layout_group"] == layout["layout_group"]


def test_families_cover_every_language_mixed_labels_and_many_designs():
    fams = [family(3, i) for i in range(120)]
    assert {f.lang for f in fams} == set(LANGS)
    assert any(f.lang2 for f in fams)
    designs = {(f.design.fields_style, f.design.parties, f.design.table_style, f.design.face) for f in fams}
    assert len(designs) > 100
    assert len({f.design.date_style for f in fams}) >= 10 and len({f.design.number_style for f in fams}) >= 6


def test_plan_spreads_documents_over_families_and_honours_kinds():
    tasks = plan(90, 4, ["purchase_order", "invoice"])
    assert {kind for _i, _f, kind in tasks} == {"purchase_order", "invoice"}
    families = [f for _i, f, _k in tasks]
    assert len(set(families)) == 30 and max(families.count(f) for f in set(families)) > 1
    with pytest.raises(ValueError, match="unknown kinds"):
        plan(3, 4, ["purchase_order", "memo"])


def test_same_seed_gives_identical_bytes_serial_or_parallel_and_another_seed_differs(tmp_path):
    a = generate_corpus(tmp_path / "a", 4, seed=9)
    b = generate_corpus(tmp_path / "b", 4, seed=9, jobs=2)
    c = generate_corpus(tmp_path / "c", 4, seed=10)
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b):
        for suffix in ("", ".truth.json", ".layout.json"):
            assert Path(f"{pa}{suffix}").read_bytes() == Path(f"{pb}{suffix}").read_bytes(), pa.name + suffix
    assert [load(p, ".truth.json") for p in a] != [load(p, ".truth.json") for p in c]
