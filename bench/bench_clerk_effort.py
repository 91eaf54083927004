"""Clerk effort on the review page, counted in a real Chromium through Playwright: keystrokes and
clicks to (a) fix one wrong quantity and approve, (b) fill a PO number the machine missed from the
page image. Each task is also done the slow way on the same page in the same run (the baseline):
walking to the field with Alt+J one field at a time (what the page offered before), and typing
the PO number instead of clicking it.

    .venv/bin/python bench/bench_clerk_effort.py [--no-write]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.accounts.service import create_user
from app.catalog.service import import_csv
from app.core.config import Settings
from app.core.db import session_scope
from app.core.migrate import upgrade
from app.intake import service
from app.intake.models import Document
from app.intake.review import service as review
from app.orders.models import Order, OrderLine
from bench.report import write_section
from bench.server import serving
from tests.app.web.pages import HEADER, job_ticket_po

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CLERK, PASSWORD = "bench.clerk@example.com", "a long bench password"
WRONG, RIGHT = "100", "10"  # line 2 read as 100 boxes, the page says 10


@dataclass
class Effort:
    """What a clerk did, counted as they did it."""

    keys: int = 0
    clicks: int = 0
    seconds: float = 0.0
    steps: list[str] = field(default_factory=list)

    def press(self, page, key: str) -> None:
        page.keyboard.press(key)
        self.keys += 1
        self.steps.append(key)

    def type(self, page, text: str) -> None:
        page.keyboard.type(text)
        self.keys += len(text)
        self.steps.append(repr(text))

    def click(self, page, selector: str | None = None, x: float | None = None, y: float | None = None) -> None:
        if selector:
            page.click(selector)
        else:
            page.mouse.click(x, y)
        self.clicks += 1
        self.steps.append("click")

    @property
    def actions(self) -> int:
        return self.keys + self.clicks


def documents(settings: Settings, n: int, first: int = 0) -> list[int]:
    """`n` copies of the Job-ticket PO (each a different date, so a different file) waiting for review."""
    ids = []
    for i in range(first, first + n):
        header = (HEADER[0], ("Order Date:", f"2024-03-{i + 1:02d}"), *HEADER[2:])
        with session_scope(settings.db_url) as s:
            ids.append(service.ingest_bytes(s, settings, job_ticket_po(header=header), filename=f"jt-{i}.pdf",
                                            channel="upload").document.id)
        service.process_document(settings, ids[-1])
    return ids


def misread_quantity(settings: Settings, doc_id: int) -> None:
    """The PO number typed and the SKU chosen already; the reading got line 2's quantity wrong."""
    with session_scope(settings.db_url) as s:
        doc = s.get(Document, doc_id)
        state = review.edit_field(s, doc_id, doc.version, "po_number", f"JT-{doc_id:04d}", "setup", settings)
        state = review.edit_line(s, doc_id, state.version, 0, {"our_sku": "HB-0640"}, "setup", settings)
        review.edit_line(s, doc_id, state.version, 1, {"quantity": WRONG, "amount": "62.00"}, "reader", settings)


def login(page, base: str, doc_id: int) -> None:
    page.goto(f"{base}/login?next=%2Freview%2F{doc_id}")
    page.fill("#email", CLERK)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login")
    page.evaluate("Promise.all(Array.from(document.querySelectorAll('#pages img')).map(i => i.complete ? null : "
                  "new Promise(r => i.addEventListener('load', r))))")
    page.locator("body").click(position={"x": 5, "y": 60})  # nothing focused: where a clerk starts


def fix_quantity_by_walking(page, effort: Effort) -> None:
    """The baseline: Alt+J field by field to line 2's quantity, type it, approve."""
    while page.evaluate("document.activeElement.id") != "l1-quantity":
        effort.press(page, "Alt+j")
    effort.type(page, RIGHT)
    effort.press(page, "Alt+a")


def fix_quantity_with_keys(page, effort: Effort) -> None:
    """Alt+1 to the first line's quantity, Alt+Down to the next line's, type it, approve."""
    effort.press(page, "Alt+1")
    effort.press(page, "Alt+ArrowDown")
    effort.type(page, RIGHT)
    effort.press(page, "Alt+a")


def fix_quantity_with_mouse(page, effort: Effort) -> None:
    """Double-click the quantity (selects the number), type it, Tab to save, click Approve."""
    page.dblclick("#l1-quantity")
    effort.clicks += 2
    effort.steps.append("double-click")
    effort.type(page, RIGHT)
    effort.press(page, "Tab")  # leave the field: it saves
    page.wait_for_selector("#save-state.saved")
    effort.click(page, "#approve")


def fill_po_by_typing(page, effort: Effort) -> None:
    effort.click(page, "#f-po_number")
    effort.type(page, "JT-5521")
    effort.press(page, "Tab")


def fill_po_by_clicking(page, effort: Effort) -> None:
    effort.click(page, "#f-po_number")
    words = page.evaluate("fetch(document.querySelector('#page-1').dataset.words).then(r => r.json())")["words"]
    left, top, width, height = next(w[1:] for w in words if w[0] == "JT-5521")
    fig = page.locator("#page-1").bounding_box()
    effort.click(page, x=fig["x"] + (left + width / 2) / 100 * fig["width"],
                 y=fig["y"] + (top + height / 2) / 100 * fig["height"])


def run(browser, base: str, settings: Settings, doc_id: int, task, done) -> Effort:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    login(page, base, doc_id)
    effort = Effort()
    start = time.perf_counter()
    task(page, effort)
    done(page, doc_id)
    effort.seconds = time.perf_counter() - start
    page.close()
    return effort


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true", help="print, do not write docs/benchmarks.md")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    settings = Settings(data_dir=Path(tempfile.mkdtemp()), worker_mode="immediate", _env_file=None)
    upgrade(settings.db_url)
    with session_scope(settings.db_url) as s:
        for kind in ("customers", "products", "prices", "xref"):
            import_csv(s, kind, (REPO / "sample_docs/master" / f"{kind}.csv").read_text())
        create_user(s, CLERK, PASSWORD, ["clerk"], name="bench")
    quantity_docs, po_docs = documents(settings, 3), documents(settings, 2, first=3)
    for doc_id in quantity_docs:
        misread_quantity(settings, doc_id)

    def approved(page, doc_id):
        page.wait_for_url("**approved=*")
        with session_scope(settings.db_url) as s:
            order_id = s.get(Document, doc_id).order_id
            assert order_id, "not approved"
            lines = s.exec(OrderLine.__table__.select().where(OrderLine.order_id == order_id)).all()
            assert sorted(str(int(li.ordered)) for li in lines) == sorted(["40", RIGHT]), lines
            assert s.get(Order, order_id) is not None

    def po_saved(page, doc_id):
        page.wait_for_selector("#save-state.saved")
        with session_scope(settings.db_url) as s:
            assert (s.get(Document, doc_id).reviewed or {}).get("po_number") == "JT-5521"

    with serving(settings) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
        walk = run(browser, base, settings, quantity_docs[0], fix_quantity_by_walking, approved)
        keys = run(browser, base, settings, quantity_docs[1], fix_quantity_with_keys, approved)
        mouse = run(browser, base, settings, quantity_docs[2], fix_quantity_with_mouse, approved)
        typed = run(browser, base, settings, po_docs[0], fill_po_by_typing, po_saved)
        clicked = run(browser, base, settings, po_docs[1], fill_po_by_clicking, po_saved)
        browser.close()

    def row(name: str, e: Effort, base_line: Effort) -> str:
        return (f"| {name} | {e.keys} | {e.clicks} | {e.actions} | {e.actions / base_line.actions:.2f} | "
                f"{e.seconds:.1f} | {' '.join(e.steps)} |")

    lines = [
        "Counted in Chromium (Playwright) on the review page of a one-page PO (`tests/app/web/pages.py`), each task "
        "done to the end and checked in the database (the order made with the right quantity; the PO number "
        "saved). A key chord (Alt+A) counts as one keystroke, a double click as two clicks. Baselines are done "
        "on the same page in the same run.",
        "",
        "| task, how | keystrokes | clicks | actions | vs baseline | seconds | what was done |",
        "|---|---:|---:|---:|---:|---:|---|",
        row("fix line 2's quantity and approve: Alt+J field by field (baseline)", walk, walk),
        row("the same with Alt+1, Alt+Down", keys, walk),
        row("the same with the mouse", mouse, walk),
        row("fill the missed PO number: click the field, type it (baseline)", typed, typed),
        row("the same by clicking the number on the page image", clicked, typed),
        "",
        "Seconds include the saves and the page change after approving; they vary with the machine's load.",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section("bench_clerk_effort", "Clerk effort on the review page", lines)


if __name__ == "__main__":
    main()
