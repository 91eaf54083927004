"""The document's lines as a table (columns from the design, cells from the
lines, note rows under items) or, for a one-line order, as key-value pairs."""

from __future__ import annotations

from decimal import Decimal

from .columns import COLUMN_WORDS
from .content import Line
from .formats import fmt_number
from .kinds import RULES
from .labels import HEADER, case, pick
from .pen import Font, wrap
from .products import UNIT_LOCAL, UNIT_WORDS
from .record import cell
from .render import Renderer
from .table import Col, Row, Table

PRICED = {"unit_price", "per", "discount", "tax_rate", "tax_amount", "amount", "gross"}
ROLE = {"gross": "other"}
NOTE_WORDS = {
    "en": ("Your material number", "Rel. ord. against contract", "Drawing", "Delivery date"),
    "de": ("Ihre Materialnummer", "Abruf aus Kontrakt", "Zeichnung", "Liefertermin"),
    "fr": ("Votre référence", "Selon contrat", "Plan", "Date de livraison"),
    "es": ("Su referencia", "Según contrato", "Plano", "Fecha de entrega"),
    "nl": ("Uw artikelnummer", "Afroep uit contract", "Tekening", "Leverdatum"),
    "it": ("Vs. codice articolo", "Richiamo da contratto", "Disegno", "Data consegna"),
    "fi": ("Nimikkeenne", "Puitesopimus", "Piirustus", "Toimituspäivä"),
}


def unit_text(r: Renderer, code: str) -> str:
    style = r.family_rng("unit").choice(("code", "code", "word", "local"))
    if style == "word":
        return UNIT_WORDS.get(code, code)
    if style == "local":
        return UNIT_LOCAL.get(r.fam.lang, {}).get(code, code)
    return code


def column_label(r: Renderer, key: str) -> str:
    text = pick(COLUMN_WORDS, key, r.fam.lang, r.family_rng(f"col-{key}"), r.fam.lang2)
    text = case(text, "upper" if r.d.label_case == "upper" else "as_is")
    if key in ("amount", "unit_price") and r.shows("column"):
        text += "\n" + r.fam.currency
    return text


def percent(r: Renderer, x) -> str:
    s = fmt_number(x, r.d.number_style, 0 if x == int(x) else 1)
    return f"{s}{r.family_rng('pct').choice(('%', ' %', ''))}"


def per_text(r: Renderer, per: int) -> str:
    return fmt_number(Decimal(per), r.d.number_style, 0)


def cell_texts(r: Renderer, ln: Line, key: str, width: float | None, font: Font) -> list[tuple[str, list[str]]]:
    per_inline = r.d.per_inline or "per" not in r.d.columns
    values = {
        "line_no": ln.line_no,
        "sku": ln.sku or "",
        "customer_sku": ln.other_code or "",
        "hsn": ln.hsn or "",
        "unit": unit_text(r, ln.unit),
        "quantity": r.qty(ln.quantity),
        "unit_price": r.price(ln.price) + (f"/{per_text(r, ln.per)}" if per_inline and ln.per > 1 else ""),
        "per": per_text(r, ln.per),
        "discount": percent(r, ln.discount) if ln.discount is not None else "",
        "tax_rate": percent(r, ln.tax_rate) if ln.tax_rate is not None else "",
        "tax_amount": r.money(ln.tax_amount) if ln.tax_amount is not None else "",
        "amount": r.money(ln.amount),
        "gross": r.money(ln.amount + (ln.tax_amount or 0)),
        "date": r.date(ln.when) if ln.when else "",
    }
    if key == "description":
        desc = wrap(ln.description, font, width) if width else [ln.description]
        if r.d.stacked_code and ln.sku:
            return [("sku", [ln.sku]), ("description", desc)]
        return [("description", desc)]
    return [(ROLE.get(key, key), [values[key]])] if values[key] else []


def notes_for(r: Renderer, ln: Line) -> list[list[tuple[str, str]]]:
    """Note rows under an item: [(role, text), ...] per row."""
    words = NOTE_WORDS.get(r.fam.lang, NOTE_WORDS["en"])
    out = []
    if ln.when and r.d.date_as_note:
        out.append([("note", f"{words[3]}:"), ("date", r.date(ln.when))])
    if r.rng.random() < r.d.notes_under_items:
        choice = r.rng.randrange(3)
        code = ln.other_code or str(r.rng.randint(4000000000, 4099999999))
        out.append(
            [
                (
                    "note",
                    (
                        f"{words[0]} {code}",
                        f"{words[1]} {r.rng.randint(4600000000, 4699999999)} Item {r.rng.randint(1, 9) * 10:05d}",
                        f"{words[2]} {r.rng.randint(1000, 99999)} rev. {'ABCD'[choice]}",
                    )[choice],
                )
            ]
        )
    return out


def line_table(r: Renderer) -> Table | None:
    doc = r.doc
    if not doc.lines:
        return None
    keys = [k for k in r.d.columns if RULES[doc.kind].prices or k not in PRICED]
    if r.d.per_inline and "per" in keys:
        keys.remove("per")
    if "description" not in keys:
        keys.append("description")
    cols = [Col(k, ROLE.get(k, k), column_label(r, k)) for k in keys]
    t = Table(r, cols, [], [])
    # first pass sizes the columns without the description's wrap; the rows then wrap to its width
    t.rows = [Row("item", i, {k: cell_texts(r, ln, k, None, t.f) for k in keys}) for i, ln in enumerate(doc.lines)]
    t.fit()
    desc_col = next(c for c in cols if c.key == "description")
    rows, groups = [], []
    for i, ln in enumerate(doc.lines):
        group = [len(rows)]
        rows.append(Row("item", i, {k: cell_texts(r, ln, k, desc_col.w - 6, t.f) for k in keys}))
        for note in notes_for(r, ln):
            cells = {"description": [(note[0][0], wrap(note[0][1], t.f, desc_col.w - 6))]}
            if len(note) > 1:
                after = keys[keys.index("description") + 1] if keys[-1] != "description" else None
                if after:
                    cells[after] = [(note[1][0], [note[1][1]])]
                else:
                    cells["description"] = [(note[0][0], [note[0][1]]), (note[1][0], [note[1][1]])]
            group.append(len(rows))
            rows.append(Row("note", i, cells))
        groups.append(group)
    t.rows, t.groups = rows, groups
    return t


def kv_item(r: Renderer, y: float) -> float:
    """A one-line order printed as labelled values, with no table ('Quantity: 2040 Pcs.')."""
    ln, priced = r.doc.lines[0], RULES[r.doc.kind].prices
    words = {k: column_label(r, k).split("\n")[0] for k in ("sku", "description", "quantity", "unit_price", "amount")}
    pairs = [("sku", words["sku"], ln.sku)] if ln.sku else []
    pairs += [("description", words["description"], ln.description), ("quantity", words["quantity"], None)]
    if priced:
        pairs += [
            ("unit_price", words["unit_price"], r.price(ln.unit_price)),
            ("amount", words["amount"], r.money(ln.amount)),
        ]
    record = {"item": 0, "fields": {}}
    lw = max(r.label_f.width(r.with_colon(w)) for _k, w, _v in pairs) + 10
    for role, label, value in pairs:
        lbox = r.pen.text(r.left, y, r.with_colon(label), r.label_f)
        if role == "quantity":
            qbox, _ub = r.pen.runs(
                r.left + lw, y, [(r.qty(ln.quantity), r.value), (f" {unit_text(r, ln.unit)}", r.value)]
            )
            value, vbox = r.qty(ln.quantity), qbox
            y += r.lead * 1.3
        else:
            lines = wrap(value, r.value, r.right - r.left - lw)
            boxes = [r.pen.text(r.left + lw, y + k * r.lead, s, r.value) for k, s in enumerate(lines)]
            vbox = (boxes[0][0], boxes[0][1], max(b[2] for b in boxes), boxes[-1][3])
            y += r.lead * (len(lines) + 0.3)
        record["fields"][role] = {
            **cell(role, vbox, value),
            "page": r.pen.page,
            "label": {"text": label, "bbox": [round(v, 2) for v in lbox]},
        }
    r.rec.kv_items.append(record)
    return y + 6


def quantity_total(r: Renderer, t: Table, y: float) -> float:
    if "quantity" not in [c.key for c in t.cols]:
        return y
    total = sum((ln.quantity for ln in r.doc.lines), 0)
    label = case(pick(HEADER, "quantity_total", r.fam.lang, r.family_rng("qtot")), r.d.label_case)
    row = Row(
        "quantity_total",
        None,
        {"description": [("other", [label])], "quantity": [("quantity", [r.qty(total)])]},
        bold=True,
    )
    y = t.draw_row(y, row, zebra=False)
    q = next(c for c in r.rec.tables[r.pen.page]["rows"][-1]["cells"] if c["role"] == "quantity")
    r.rec.field("quantity_total", r.pen.page, tuple(q["bbox"]), q["text"], label, None)
    return y
