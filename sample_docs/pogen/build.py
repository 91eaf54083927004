"""One purchase order from a layout, a random generator and a page target."""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .orders import PurchaseOrder, make_order, truth
from .parties import BUYERS, Buyer
from .styles import STYLES, Style
from .table import render_po
from .varied import varied

MAX_LINES = 90
START_LINES = {1: (1, 10), 2: (26, 32), 3: (52, 58)}


@dataclass
class Built:
    po: PurchaseOrder
    pdf: bytes
    pages: int
    style: Style

    @property
    def layout(self) -> str:
        return self.style.key

    def name(self, prefix: str = "") -> str:
        scenario = self.style.scenario
        if self.layout == "mix":
            scenario += f"-{self.po.buyer.code.lower()}-{self.po.currency.lower()}"
        suffix = f"-{self.pages}pages" if self.pages > 1 else ""
        return f"{prefix}{self.layout}-{scenario}{suffix}.pdf"


def layout_style(layout: str, rng: random.Random) -> tuple[Buyer, Style]:
    """The buyer using `layout` and its style (drawn afresh for the 'mix' layout)."""
    buyer = rng.choice([b for b in BUYERS if b.layout == layout])
    st = STYLES[layout]
    return buyer, varied(st, buyer, rng) if layout == "mix" else st


def build(layout: str, rng: random.Random, pages: int = 1) -> Built:
    """Render a PO in `layout`, adding or removing lines until it fills `pages` pages."""
    buyer, st = layout_style(layout, rng)
    taxed = rng.random() < st.taxed
    po = make_order(buyer, rng, MAX_LINES, st.code_mix, st.lang, st.uom_style,
                    Decimal(st.tax_rate) if taxed else None)
    pool = po.lines
    lo, hi = START_LINES[min(pages, 3)]
    n = rng.randint(lo, hi)
    for _ in range(30):
        po.lines = pool[:n]
        pdf, got = render_po(po, st)
        if got == pages or n in (1, MAX_LINES):
            break
        n = n + 4 if got < pages else n - 1
    return Built(po, pdf, got, st)


def write(built: Built, out_dir: Path, name: str) -> Path:
    path = out_dir / name
    path.write_bytes(built.pdf)
    write_truth(path, truth(built.po))
    return path


def write_truth(path: Path, record: dict) -> Path:
    tpath = path.with_name(path.name + ".truth.json")
    tpath.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return tpath
