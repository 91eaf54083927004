"""The degradation script (sample_docs/pogen/degrade.py): image-only copies of
every labelled document under a folder, truth copied, SOURCES.tsv carried over
with the same layout_group, reproducible, and never written into the repo."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from sample_docs.pogen.corpus import generate_corpus
from sample_docs.pogen.degrade import REPO, degrade_tree, main


def sources(folder: Path) -> list[dict]:
    with (folder / "SOURCES.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.fixture(scope="module")
def labelled(tmp_path_factory) -> Path:
    """Two generated documents in a sub-folder, an image with truth, and an unlabelled file to skip."""
    src = tmp_path_factory.mktemp("labelled")
    generate_corpus(src / "gen", 2, seed=11)
    Image.new("L", (827, 1169), 255).save(src / "photo.png", dpi=(100, 100))
    (src / "photo.png.truth.json").write_text('{"po_number": null, "line_items": []}\n', encoding="utf-8")
    Image.new("L", (100, 100), 255).save(src / "unlabelled.png")
    return src


@pytest.fixture(scope="module")
def scanned(labelled, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scans") / "scan"
    degrade_tree(labelled, out, seed=4)
    return out


def pdf_pages(path: Path) -> list[tuple[int, tuple[float, float]]]:
    doc = pdfium.PdfDocument(path)
    try:
        return [(page.get_textpage().count_chars(), tuple(round(v) for v in page.get_size())) for page in doc]
    finally:
        doc.close()


def test_every_labelled_document_gets_an_image_only_copy_of_the_same_pages(labelled, scanned):
    made = sorted(p.relative_to(scanned).as_posix() for p in scanned.rglob("*.pdf"))
    originals = sorted(p.relative_to(labelled).as_posix() for p in (labelled / "gen").glob("*.pdf"))
    assert made == sorted(originals + ["photo.png.pdf"])
    for rel in originals:
        copy, original = pdf_pages(scanned / rel), pdf_pages(labelled / rel)
        assert len(copy) == len(original)
        assert all(chars == 0 for chars, _size in copy)                 # no text layer
        assert [size for _c, size in copy] == [size for _c, size in original]
        truth = (scanned / f"{rel}.truth.json").read_bytes()
        assert truth == (labelled / f"{rel}.truth.json").read_bytes()
    assert (scanned / "photo.png.pdf.truth.json").exists()
    assert not (scanned / "unlabelled.png.pdf").exists()


def test_a_copy_looks_scanned_grey_noisy_and_not_identical_to_the_render(labelled, scanned):
    rel = sorted((labelled / "gen").glob("*.pdf"))[0].relative_to(labelled)
    page = pdfium.PdfDocument(scanned / rel)[0].render(scale=200 / 72, grayscale=True).to_pil()
    clean = pdfium.PdfDocument(labelled / rel)[0].render(scale=200 / 72, grayscale=True).to_pil()
    arr = np.asarray(page.convert("L"), dtype=np.int16)
    assert 200 < np.median(arr) < 250                                   # paper is grey, not pure white
    diff = np.abs(arr - np.asarray(clean.convert("L").resize(page.size), dtype=np.int16))
    assert diff.mean() > 3


def test_sources_rows_keep_their_layout_group_with_the_new_paths(labelled, scanned):
    before = {r["local_path"]: r for r in sources(labelled / "gen")}
    after = sources(scanned / "gen")
    assert {r["local_path"] for r in after} == {p for p in before if not p.endswith(".layout.json")}
    for row in after:
        assert row["layout_group"] == before[row["local_path"]]["layout_group"]
        assert (scanned / "gen" / row["local_path"]).exists()
        if row["local_path"].endswith(".pdf"):
            assert row["kind"].endswith("_degraded_scan")


@pytest.mark.parametrize("profile", ["scan", "fax", "photo"])
def test_same_seed_same_bytes_for_every_profile(labelled, tmp_path, profile):
    a = degrade_tree(labelled / "gen", tmp_path / "a", seed=2, profile=profile)
    b = degrade_tree(labelled / "gen", tmp_path / "b", seed=2, profile=profile, jobs=2)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert all(chars == 0 for p in a for chars, _size in pdf_pages(p))


def test_refuses_to_write_into_the_source_or_the_repository(labelled):
    with pytest.raises(ValueError, match="inside SRC_DIR"):
        degrade_tree(labelled, labelled / "scans", seed=1)
    with pytest.raises(ValueError, match="outside the repository"):
        degrade_tree(labelled, REPO / "scans-here", seed=1)
    assert not (REPO / "scans-here").exists()


def test_command_line_reports_what_it_wrote(labelled, tmp_path, capsys):
    assert main([str(labelled / "gen"), str(tmp_path / "out"), "--seed", "3", "--profile", "fax"]) == 0
    assert "wrote 2 fax copies" in capsys.readouterr().out
