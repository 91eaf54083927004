"""The sample-PO generator, its committed fixtures and the demo master data:
counts, page counts, arithmetic of the truth files, references between the
CSVs, and reproducibility. (Extraction quality is tested elsewhere.)"""
from __future__ import annotations

import csv
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sample_docs.generate import generate  # noqa: E402
from sample_docs.pogen.build import build  # noqa: E402
from sample_docs.pogen.master import HEADERS, write_master  # noqa: E402
from sample_docs.pogen.orders import truth  # noqa: E402
from sample_docs.pogen.styles import STYLES  # noqa: E402

SAMPLES = REPO / "sample_docs"
MASTER = SAMPLES / "master"
CENT = Decimal("0.01")


def read_csv(name: str, folder: Path = MASTER) -> list[dict]:
    with (folder / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_truth(doc: Path) -> dict:
    return json.loads(doc.with_name(doc.name + ".truth.json").read_text(encoding="utf-8"))


def page_count(pdf: Path) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def text_chars(pdf: Path) -> list[int]:
    """Characters in each page's text layer."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().count_chars() for page in doc]
    finally:
        doc.close()


def assert_consistent(t: dict) -> None:
    """qty x price = amount, lines sum to the subtotal, total covers subtotal + tax."""
    for item in t["line_items"]:
        q, p, a = (Decimal(item[k]) for k in ("quantity", "unit_price", "amount"))
        assert (q * p).quantize(CENT) == a, item
    subtotal = sum((Decimal(i["amount"]) for i in t["line_items"]), Decimal(0))
    assert subtotal == Decimal(t["subtotal"])
    shipping = Decimal(t["total"]) - subtotal - Decimal(t["tax"] or 0)
    assert shipping >= 0


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, 14, seed=7)
    return out


def test_generator_writes_the_requested_count_with_a_truth_file_each(generated):
    pdfs = sorted(generated.glob("*.pdf"))
    assert len(pdfs) == 14
    assert all(p.with_name(p.name + ".truth.json").exists() for p in pdfs)
    layouts = {row["layout"] for row in read_csv("manifest.csv", generated)}
    assert layouts == set(STYLES)  # every layout in turn


def test_every_generated_pdf_opens_with_the_intended_page_count(generated):
    rows = read_csv("manifest.csv", generated)
    for row in rows:
        assert page_count(generated / row["file"]) == int(row["pages"]), row["file"]


@pytest.mark.parametrize("pages", [1, 2, 3])
def test_build_fills_the_requested_pages_and_totals_add_up(pages):
    for layout in STYLES:
        built = build(layout, random.Random(f"{layout}-{pages}"), pages)
        assert built.pages == pages
        po = built.po
        assert po.subtotal + (po.tax or 0) + (po.shipping or 0) == po.total
        assert Decimal(truth(po)["total"]) == po.total


def test_generated_truth_is_arithmetically_consistent(generated):
    for pdf in generated.glob("*.pdf"):
        assert_consistent(load_truth(pdf))


def test_same_seed_gives_identical_files_and_another_seed_differs(tmp_path):
    a, b, c = (generate(tmp_path / name, 4, seed=s) for name, s in (("a", 3), ("b", 3), ("c", 4)))
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes()
        assert load_truth(pa) == load_truth(pb)
    assert [load_truth(p) for p in a] != [load_truth(p) for p in c]


def fixture_pdfs() -> list[Path]:
    return sorted((SAMPLES / "pos").glob("*.pdf"))


def test_committed_pos_cover_every_layout_and_page_count():
    pdfs = fixture_pdfs()
    assert len(pdfs) >= 10
    assert {p.name.split("-")[0] for p in pdfs} == set(STYLES)
    assert {page_count(p) for p in pdfs} >= {1, 2, 3}
    assert any(STYLES[p.name.split("-")[0]].lang == "de" for p in pdfs)


@pytest.mark.parametrize("pdf", fixture_pdfs(), ids=lambda p: p.name)
def test_committed_po_is_small_consistent_and_has_the_named_page_count(pdf):
    named = int(pdf.stem.rsplit("-", 1)[1][0]) if pdf.stem.endswith("pages") else 1
    assert page_count(pdf) == named
    assert pdf.stat().st_size < 120_000
    assert all(text_chars(pdf))  # born-digital: text on every page
    assert_consistent(load_truth(pdf))


SCANS = SAMPLES / "scans"


def test_committed_scans_have_truth_and_stay_small():
    files = [p for p in SCANS.iterdir() if not p.name.endswith(".truth.json")]
    assert 6 <= len(files) <= 8
    for f in files:
        assert f.stat().st_size < 300_000, f.name
        assert load_truth(f)["line_items"] is not None


def test_fax_tiff_is_multipage_one_bit_group4():
    (tif,) = SCANS.glob("*-fax.tif")
    img = Image.open(tif)
    assert img.n_frames >= 2 and img.mode == "1"
    assert img.info.get("compression") == "group4"


def test_image_only_pdf_has_no_text_and_mixed_pdf_has_text_on_page_one_only():
    (scan,) = SCANS.glob("*-scan.pdf")
    (mixed,) = SCANS.glob("*-mixed.pdf")
    assert not any(text_chars(scan))
    chars = text_chars(mixed)
    assert chars[0] > 0 and len(chars) >= 2 and not any(chars[1:])


def test_blank_page_scan_expects_nothing():
    t = load_truth(SCANS / "blank-page.png")
    assert t["line_items"] == [] and t["po_number"] is None
    assert Image.open(SCANS / "blank-page.png").size[0] > 1000


def test_generator_scans_option_writes_readable_reproducible_variants(tmp_path):
    paths = generate(tmp_path / "a", 2, seed=5, scans=True)
    again = generate(tmp_path / "b", 2, seed=5, scans=True)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    scans = [p for p in paths if p.suffix != ".pdf" or "-scan" in p.name or "-mixed" in p.name]
    assert len(scans) == 3  # one variant per PO plus the blank page
    for p in scans:
        assert p.with_name(p.name + ".truth.json").exists()
        if p.suffix == ".pdf":
            assert page_count(p) >= 1
        else:
            Image.open(p).load()


def test_master_csvs_have_the_agreed_headers():
    for name, header in HEADERS.items():
        with (MASTER / name).open(encoding="utf-8") as f:
            assert next(csv.reader(f)) == header, name


def test_master_csvs_refer_to_each_other():
    customers = {r["code"]: r for r in read_csv("customers.csv")}
    products = {r["sku"]: r for r in read_csv("products.csv")}
    price_lists = {r["price_list"] for r in read_csv("prices.csv")}
    warehouses = {r["code"] for r in read_csv("warehouses.csv")}
    assert 200 <= len(products) <= 400
    for c in customers.values():
        assert c["email_domains"] and c["automation"] in ("never", "confident", "always")
        assert 1 <= int(c["priority"]) <= 5 and c["price_list"] in price_lists
    for p in products.values():
        assert int(p["pack_size"]) >= 1 and p["active"] in ("true", "false")
    for r in read_csv("xref.csv"):
        assert r["customer_code"] in customers and r["sku"] in products
    for r in read_csv("prices.csv"):
        assert r["sku"] in products and int(r["min_qty"]) >= 1
    for r in read_csv("stock.csv"):
        assert r["warehouse"] in warehouses and r["sku"] in products


def test_committed_master_data_matches_the_generator(tmp_path):
    for path in write_master(tmp_path):
        assert path.read_text(encoding="utf-8") == (MASTER / path.name).read_text(encoding="utf-8"), path.name


def test_every_ordered_item_and_buyer_is_in_the_master_data(generated):
    customers = {r["name"]: r["code"] for r in read_csv("customers.csv")}
    skus = {r["sku"] for r in read_csv("products.csv")}
    xref = {(r["customer_code"], r["customer_part"]) for r in read_csv("xref.csv")}
    docs = list(generated.glob("*.pdf")) + fixture_pdfs()
    for doc in docs:
        t = load_truth(doc)
        code = customers[t["buyer"]]
        for item in t["line_items"]:
            assert item["sku"] is None or item["sku"] in skus or (code, item["sku"]) in xref, item


def test_mix_layout_draws_a_different_arrangement_per_document():
    styles = [build("mix", random.Random(seed), 1).style for seed in range(12)]
    assert len({(s.header, s.table, s.parties, s.font) for s in styles}) > 6
    assert len({s.labels["po"] for s in styles}) > 3


def page_texts(pdf: Path) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


@pytest.mark.parametrize("pdf", fixture_pdfs(), ids=lambda p: p.name)
def test_committed_truth_names_what_is_printed(pdf):
    text = " ".join(page_texts(pdf).split())
    t = load_truth(pdf)
    for value in (t["po_number"], t["buyer"], t["supplier"]):
        assert value in text
    for item in t["line_items"]:
        assert item["sku"] is None or item["sku"] in text
        assert item["description"].split()[0] in text
