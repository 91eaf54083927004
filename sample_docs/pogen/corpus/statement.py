"""An account statement: invoices, payments and credit notes with a running
balance, in the family's table style (a document-type classifier's negative)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from .columns import COLUMN_WORDS
from .labels import _t, pick
from .render import Renderer
from .table import Col, Row, Table

STATEMENT_WORDS = {
    "doc_no": _t(
        en="Document|Reference|Invoice #|Doc. No.",
        de="Beleg|Belegnummer|Rechnung",
        fr="Pièce|Référence",
        es="Documento|Referencia",
        nl="Document|Factuur",
        it="Documento|Riferimento",
        fi="Tosite|Lasku",
    ),
    "kind": _t(
        en="Type|Transaction|Details",
        de="Art|Buchungstext",
        fr="Type|Libellé",
        es="Tipo|Concepto",
        nl="Soort|Omschrijving",
        it="Tipo|Causale",
        fi="Laji|Selite",
    ),
    "debit": _t(
        en="Debit|Charges|Amount", de="Soll|Betrag", fr="Débit", es="Debe|Cargo", nl="Debet", it="Dare", fi="Veloitus"
    ),
    "credit": _t(
        en="Credit|Payments", de="Haben|Zahlung", fr="Crédit", es="Haber|Abono", nl="Credit", it="Avere", fi="Hyvitys"
    ),
    "balance": _t(en="Balance|Running Balance", de="Saldo", fr="Solde", es="Saldo", nl="Saldo", it="Saldo", fi="Saldo"),
    "types": _t(
        en="Invoice|Payment|Credit note",
        de="Rechnung|Zahlung|Gutschrift",
        fr="Facture|Règlement|Avoir",
        es="Factura|Cobro|Abono",
        nl="Factuur|Betaling|Creditnota",
        it="Fattura|Pagamento|Nota di credito",
        fi="Lasku|Maksu|Hyvityslasku",
    ),
}


def statement_table(r: Renderer) -> Table:
    lang, rng = r.fam.lang, r.rng
    word = lambda key: pick(STATEMENT_WORDS, key, lang, r.family_rng(f"st-{key}"))  # noqa: E731
    types = STATEMENT_WORDS["types"].get(lang, STATEMENT_WORDS["types"]["en"])
    cols = [
        Col(
            "date",
            "date",
            pick(COLUMN_WORDS, "date", "en", r.family_rng("st-date")).split()[0]
            if lang == "en"
            else r.label("doc_date"),
        ),
        Col("doc_no", "other", word("doc_no")),
        Col("description", "description", word("kind")),
        Col("debit", "amount", word("debit")),
        Col("credit", "other", word("credit")),
        Col("balance", "other", word("balance")),
    ]
    for c in cols[3:]:
        c.key = {"debit": "amount", "credit": "tax_amount", "balance": "gross"}[c.key]  # numeric, right-aligned
    balance, day, rows = Decimal("0.00"), r.doc.day - timedelta(days=90), []
    for i in range(rng.randint(4, 18)):
        day += timedelta(days=rng.randint(1, 9))
        kind = rng.choices((0, 1, 2), (6, 3, 1))[0]
        amount = Decimal(str(round(rng.uniform(40, 9000), 2)))
        debit, credit = (amount, None) if kind == 0 else (None, amount)
        balance += amount if kind == 0 else -amount
        cells = {
            "date": [("date", [r.date(day)])],
            "doc_no": [("other", [f"{rng.randint(100000, 999999)}"])],
            "description": [("description", [types[kind]])],
            "gross": [("other", [r.money(balance)])],
        }
        if debit is not None:
            cells["amount"] = [("amount", [r.money(debit)])]
        else:
            cells["tax_amount"] = [("other", [r.money(credit)])]
        rows.append(Row("entry", i, cells))
    r.statement_balance = balance
    return Table(r, cols, rows, [[i] for i in range(len(rows))])


def balance_line(r: Renderer, y: float) -> float:
    label = r.label("balance")
    box = r.pen.text(r.right - 4, y + r.lead, f"{r.money(r.statement_balance)} {r.fam.currency}", r.fb, align="right")
    lbox = r.pen.text(box[0] - 12, y + r.lead, r.with_colon(label), r.fb, align="right")
    r.rec.field("balance", r.pen.page, box, f"{r.money(r.statement_balance)} {r.fam.currency}", label, lbox)
    return y + r.lead * 2
