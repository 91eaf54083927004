"""Email orders as customers write them: what the reader gets right, and what the service does.

    .venv/bin/python bench/eval_email_orders.py DIR [--range 1-75] [--no-service] [-v] [--json OUT]

DIR holds NAME.eml files, each with NAME.eml.truth.json beside it (po_number,
requested_delivery_date, ship_to, label, line_items with sku / catalog_sku / description /
quantity / unit). `--range A-B` keeps the files whose name starts with a number in A..B.

Reading (the email extractor, lines matched to the demo catalogue as the service matches them):
a line is right when its quantity is the true one, its unit is the true one where the truth has
a unit, and its SKU as written, our SKU from catalogue matching, or its description (>= 0.80
alike) is right. Lines are scored on the emails whose truth is a new or changed order; PO number,
requested date and ship-to on the same emails; a body order (truth new_order) is fully right when
every field and line is and nothing extra was read.

Service (unless --no-service): a temporary SQLite database (`intake db upgrade`, `intake demo`),
every email fed in date order through the real email intake (`ingest_email`, documents processed
at once); counts the orders created untouched and those of them that are wrong (a line, a
quantity, a SKU or the PO number), and the review reasons.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz  # noqa: E402 - repo on sys.path first

from extractors.email.body.quantities import normalize_unit  # noqa: E402
from extractors.email.extract import extract_email  # noqa: E402
from extractors.email.message.parse import parse_email  # noqa: E402

ORDER_LABELS = ("new_order", "change_order")
HEADER = ("po_number", "requested_delivery_date", "ship_to")
DESC_MIN, ADDRESS_MIN = 0.80, 0.80  # the published scorer's similarity rules


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def similar(a: object, b: object) -> float:
    """Token-set similarity; a prediction of more than twice the true words plus four is not
    alike (several columns run together), as in the published scorer."""
    a, b = _norm(a), _norm(b)
    if not a or not b or len(b.split()) > 2 * len(a.split()) + 4:
        return 0.0
    return fuzz.token_set_ratio(a, b) / 100


def ident(value: object) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", str(value or "")).upper()


def decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def same_field(name: str, truth: object, pred: object) -> bool:
    if truth in (None, ""):
        return pred in (None, "")
    if pred in (None, ""):
        return False
    if name == "po_number":
        t, p = ident(truth), ident(pred)
        return t == p or t.removeprefix("PO") == p.removeprefix("PO")
    if name == "ship_to":
        return similar(truth, pred) >= ADDRESS_MIN
    return str(truth)[:10] == str(pred)[:10]


def same_unit(truth: str | None, pred: str | None) -> bool:
    if not truth:
        return True
    t = normalize_unit(truth) or _norm(truth)
    return bool(pred) and t == (normalize_unit(pred) or _norm(pred))


def line_right(truth: dict, pred: dict) -> bool:
    if decimal(truth.get("quantity")) != decimal(pred.get("quantity")) or \
            not same_unit(truth.get("unit"), pred.get("unit")):
        return False
    ids = []
    if truth.get("sku"):
        ids.append(ident(truth["sku"]) == ident(pred.get("sku")))
    if truth.get("catalog_sku"):
        ids.append(ident(truth["catalog_sku"]) == ident(pred.get("our_sku")))
    if truth.get("description"):
        ids.append(similar(truth["description"], pred.get("description")) >= DESC_MIN)
    return any(ids) if ids else True


def _affinity(truth: dict, pred: dict) -> float:
    score = similar(truth.get("description"), pred.get("description"))
    score += decimal(truth.get("quantity")) == decimal(pred.get("quantity"))
    score += bool(truth.get("sku")) and ident(truth["sku"]) == ident(pred.get("sku"))
    score += bool(truth.get("catalog_sku")) and ident(truth["catalog_sku"]) == ident(pred.get("our_sku"))
    return score


def pair_lines(truth: list[dict], pred: list[dict]) -> int:
    """True lines a predicted line gets right, paired greedily one to one."""
    from app.intake.evaluation import score_lines

    return score_lines(truth, pred, right_line=line_right, affinity=_affinity)


@dataclass
class Reading:
    """Totals of the reading figures."""

    lines_true: int = 0
    lines_pred: int = 0
    lines_right: int = 0
    fields: dict = field(default_factory=lambda: {n: [0, 0, 0] for n in HEADER})  # right, of, spurious
    orders: int = 0
    orders_right: int = 0
    stray_lines: int = 0  # lines read in emails that are not orders
    misses: list = field(default_factory=list)

    def summary(self) -> dict:
        p = self.lines_right / self.lines_pred if self.lines_pred else 0.0
        r = self.lines_right / self.lines_true if self.lines_true else 0.0
        out = {"line_precision": round(p, 3), "line_recall": round(r, 3),
               "line_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
               "lines": f"{self.lines_right}/{self.lines_true} true, {self.lines_pred} read",
               "body_orders_fully_right": f"{self.orders_right}/{self.orders}"}
        for name, (right, of, spurious) in self.fields.items():
            out[name] = f"{right}/{of} right, {spurious} spurious"
        out["lines_in_non_order_emails"] = self.stray_lines
        return out


def load(directory: Path, span: tuple[int, int] | None) -> list[tuple[Path, dict]]:
    pairs = []
    for eml in sorted(directory.glob("*.eml")):
        truth = eml.with_name(eml.name + ".truth.json")
        number = re.match(r"\d+", eml.name)
        if not truth.exists() or (span and not (number and span[0] <= int(number.group()) <= span[1])):
            continue
        pairs.append((eml, json.loads(truth.read_text())))
    return pairs


class Catalogue:
    """The demo catalogue in a temporary database, matched as the service matches."""

    def __init__(self, settings):
        from app.catalog.lookup import catalog
        from app.core.db import session_scope

        self.settings = settings
        with session_scope(settings.db_url) as session:
            self.cat = catalog(session)

    def customer(self, sender: str | None) -> int | None:
        found = self.cat.customers.match(sender, None, None)
        return found[0].id if found and found[0].score >= 0.8 else None

    def our_sku(self, line: dict, customer_id: int | None) -> str | None:
        found = self.cat.products.match_line(line.get("sku"), line.get("description"), customer_id=customer_id,
                                             unit=line.get("unit"))
        return self.cat.product_by_id[found[0].id].sku if found else None


def read_one(eml: Path, truth: dict, cat: Catalogue | None, score: Reading, verbose: bool) -> None:
    parsed = parse_email(eml.read_bytes())
    result = extract_email(parsed).to_result()
    preds = result.get("line_items") or []
    customer = cat.customer(parsed.sender) if cat else None
    for line in preds:
        line["our_sku"] = cat.our_sku(line, customer) if cat else None
    label = truth.get("label", "new_order")  # a truth file without a label is an order (sample_docs)
    if label not in ORDER_LABELS:
        score.stray_lines += len(preds)
        return
    truth_lines = truth.get("line_items") or []
    right = pair_lines(truth_lines, preds)
    score.lines_true += len(truth_lines)
    score.lines_pred += len(preds)
    score.lines_right += right
    fields_ok = True
    for name in HEADER:
        t, p = truth.get(name), result.get(name)
        ok = same_field(name, t, p)
        fields_ok &= ok
        counts = score.fields[name]
        if t not in (None, ""):
            counts[1] += 1
            counts[0] += ok
        elif p not in (None, ""):
            counts[2] += 1
        if not ok and verbose:
            score.misses.append(f"{eml.name}: {name} truth={t!r} read={p!r}")
    if label == "new_order":
        score.orders += 1
        score.orders_right += fields_ok and right == len(truth_lines) == len(preds)
    if verbose and not (right == len(truth_lines) == len(preds)):
        want = [(li.get("sku") or li.get("catalog_sku"), li.get("quantity"), li.get("unit"), li.get("description"))
                for li in truth_lines]
        got = [(li.get("sku"), li.get("our_sku"), li.get("quantity"), li.get("unit"), li.get("description"))
               for li in preds]
        score.misses.append(f"{eml.name}: lines {right}/{len(truth_lines)} right of {len(preds)} read\n"
                            f"    truth {want}\n    read  {got}")


def setup_database(tmp: Path) -> dict:
    """A fresh SQLite database with the schema and the demo master data, by the CLI a user runs."""
    env = {**os.environ, "INTAKE_DATA_DIR": str(tmp), "INTAKE_DATABASE_URL": f"sqlite:///{tmp / 'intake.db'}",
           "INTAKE_WORKER_MODE": "external", "INTAKE_MAIL_OUTBOUND_HOST": "", "INTAKE_AUTOMATION": "confident"}
    intake = str(Path(sys.executable).with_name("intake"))
    for args in (["db", "upgrade"], ["demo"]):
        subprocess.run([intake, *args], env=env, check=True, capture_output=True)
    os.environ.update(env)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--range", help="A-B: only the files numbered A..B")
    parser.add_argument("--no-service", action="store_true", help="reading figures only")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    span = tuple(int(x) for x in args.range.split("-")) if args.range else None
    pairs = load(args.directory, span)
    if not pairs:
        print(f"no .eml files with truth under {args.directory}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="email-orders-") as tmp:
        setup_database(Path(tmp))
        from app.core.config import get_settings

        get_settings.cache_clear()
        settings = get_settings()
        cat = Catalogue(settings)
        reading = Reading()
        for eml, truth in pairs:
            read_one(eml, truth, cat, reading, args.verbose)
        figures = {"emails": len(pairs), "reading": reading.summary()}
        print(f"== reading ({len(pairs)} emails)")
        for k, v in figures["reading"].items():
            print(f"  {k}: {v}")
        if args.verbose:
            print("\n".join(reading.misses))
        if not args.no_service:
            from email_orders_service import run_service  # beside this script

            figures["service"] = run_service(settings, pairs, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
