"""The command line: extract, ingest, eval and import, as a user runs them."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from app.cli import cli
from tests.pdfs import simple_po

runner = CliRunner()


def _env(settings) -> dict:
    return {"INTAKE_DATABASE_URL": settings.db_url, "INTAKE_DATA_DIR": str(settings.data_dir)}


def test_extract_prints_one_json_object_per_document(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(simple_po("CLI-1"))
    b.write_bytes(simple_po("CLI-2"))
    result = runner.invoke(cli, ["extract", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["po_number"] for r in rows] == ["CLI-1", "CLI-2"]
    assert rows[0]["line_items"][0]["quantity"] in ("40", 40)


def test_extract_reports_a_bad_file_with_its_code_and_fails(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = runner.invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "corrupt_pdf"


def test_extract_table_format_shows_fields(tmp_path):
    a = tmp_path / "a.pdf"
    a.write_bytes(simple_po("TBL-9"))
    result = runner.invoke(cli, ["extract", str(a), "--format", "table"])
    assert result.exit_code == 0 and "TBL-9" in result.stdout and "po_number" in result.stdout


def test_ingest_straight_into_the_database_and_process(tmp_path, settings):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.pdf").write_bytes(simple_po("ING-1"))
    (folder / "two.pdf").write_bytes(simple_po("ING-2"))
    result = runner.invoke(cli, ["ingest", str(folder), "--process"], env=_env(settings))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and all(r["status"] in ("extracted", "needs_review") for r in rows)
    again = runner.invoke(cli, ["ingest", str(folder / "one.pdf")], env=_env(settings))
    assert json.loads(again.stdout)["duplicate"] is True


def test_eval_scores_documents_against_truth_files(tmp_path):
    doc = tmp_path / "po.pdf"
    doc.write_bytes(simple_po("EV-1"))
    truth = {"po_number": "EV-1", "order_date": "2024-03-05", "currency": "USD", "total": "34.00",
             "line_items": [{"sku": "HB-1240", "quantity": "40", "unit_price": "0.85", "amount": "34.00"}]}
    (tmp_path / "po.pdf.truth.json").write_text(json.dumps(truth))
    wrong = dict(truth, po_number="OTHER")
    (tmp_path / "two.pdf").write_bytes(simple_po("EV-2"))
    (tmp_path / "two.pdf.truth.json").write_text(json.dumps(wrong))
    result = runner.invoke(cli, ["eval", str(tmp_path), "-v"])
    assert result.exit_code == 0, result.output
    summary = dict(kv.split("=") for kv in result.stdout.strip().splitlines()[-1].split())
    assert summary["docs"] == "2"
    assert float(summary["header_accuracy"]) == 7 / 8  # one PO number wrong out of 8 scored fields
    assert summary["line_f1"] == "1.0" and summary["perfect_docs"] == "0.5"
    assert "po_number: want 'OTHER'" in result.stdout


def test_import_reports_bad_rows_and_exits_nonzero(tmp_path, settings):
    csv = tmp_path / "products.csv"
    csv.write_text("sku,description,uom,pack_size,list_price\nA-1,Bolt,EA,1,1.00\nB-2,Nut,EA,x,1.00\n")
    result = runner.invoke(cli, ["import", "products", str(csv)], env=_env(settings))
    assert result.exit_code == 1
    assert f"{csv}:3: pack_size 'x' is not a whole number" in result.stderr
    assert "1 created" in result.stderr


def test_extract_reads_a_po_written_in_an_email_body():
    from tests.helpers import SAMPLES

    emails = sorted((SAMPLES / "emails").glob("*.eml.truth.json"))
    assert emails, "sample emails with truth files are committed"
    eml = emails[0].with_name(emails[0].name.removesuffix(".truth.json"))
    result = runner.invoke(cli, ["extract", str(eml)])
    assert result.exit_code == 0, result.output
    truth = json.loads(emails[0].read_text())
    got = json.loads(result.stdout)
    assert got["po_number"] == truth["po_number"]
    assert len(got["line_items"]) == len(truth["line_items"])
