"""Where the training messages come from, and how much each source weighs.

Sources (each row: text, label, instructions, source):
- the human corpora, `<name>.csv` (text,label,source_intent) in a directory given on the
  command line (never copied into the repository; see README "Data");
- `data/desk_style_train.txt`: order-desk emails hand-written for training (EN/DE/FR/ES),
  read through the service's own quote/signature stripping;
- `data/handwritten_train.txt`: earlier hand-written messages;
- template text: the generated rows of `data/train.jsonl` (generate_data.py), capped.

`epoch_rows` draws one epoch: every source is capped (SOURCE_CAP) or repeated (REPEAT),
and template text is at most TEMPLATE_SHARE of the epoch, so no single corpus dominates.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path

from extractors.email.body.split import split_body
from nlp_models.generate_data import read_blocks

HERE = Path(__file__).parent
DATA_DIR = HERE / "data"
DESK_STYLE = "desk_style_train.txt"
HANDWRITTEN = "handwritten_train.txt"
TEMPLATES = "train.jsonl"
OWN_FILES = (DESK_STYLE, HANDWRITTEN, TEMPLATES)
# pmc_fr has no known licence: it is scored on, never part of the shipped model's training.
NOT_SHIPPED = frozenset({"pmc_fr"})
SOURCE_CAP = 300  # rows a human corpus gives per epoch (multidogo has 2,786, mostly fast food)
REPEAT = {DESK_STYLE: 6, HANDWRITTEN: 2}  # our hand-written messages, seen this often per epoch
TEMPLATE_SHARE = 0.2  # template-generated rows: at most this share of an epoch


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def service_form(message: str) -> str:
    """A hand-written email (subject line, then body) as the service classifies it:
    subject + blank line + the body's own request (quotes, signature, disclaimer dropped)."""
    subject, _, body = message.strip().partition("\n")
    request = split_body(body).request.strip() or body.strip()
    return f"{subject.strip()}\n\n{request}".strip()


def read_corpora(corpus_dir: Path | None, exclude: frozenset[str] = frozenset()) -> dict[str, list[dict]]:
    """The human corpora in corpus_dir (empty when None), by name, without the excluded ones."""
    if corpus_dir is None:
        return {}
    out = {}
    for path in sorted(Path(corpus_dir).glob("*.csv")):
        if path.stem in exclude:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            out[path.stem] = [{"text": r["text"], "label": r["label"], "instructions": [], "source": path.stem}
                              for r in csv.DictReader(handle)]
    return out


def corpus_hashes(corpus_dir: Path | None, names: list[str]) -> dict[str, str]:
    return {f"{n}.csv": sha256(Path(corpus_dir) / f"{n}.csv") for n in names} if corpus_dir else {}


def read_own(data_dir: Path = DATA_DIR) -> dict[str, list[dict]]:
    """Our own data by file: hand-written desk-style emails, hand-written messages, template text."""
    desk = [dict(r, text=service_form(r["text"]), source=DESK_STYLE) for r in read_blocks(data_dir / DESK_STYLE)]
    hand = [dict(r, source=HANDWRITTEN) for r in read_blocks(data_dir / HANDWRITTEN)]
    seen = {r["text"] for r in read_blocks(data_dir / HANDWRITTEN)}
    rows = [json.loads(line) for line in (data_dir / TEMPLATES).read_text(encoding="utf-8").splitlines() if line]
    templates = [dict(r, source=TEMPLATES) for r in rows if r["text"] not in seen]
    return {DESK_STYLE: desk, HANDWRITTEN: hand, TEMPLATES: templates}


def epoch_rows(sources: dict[str, list[dict]], rng: random.Random) -> list[dict]:
    """One epoch: corpora capped at SOURCE_CAP, hand-written repeated, templates at TEMPLATE_SHARE."""
    rows = []
    for name, items in sources.items():
        if name == TEMPLATES:
            continue
        if name in REPEAT:
            rows += items * REPEAT[name]
        else:
            rows += rng.sample(items, min(len(items), SOURCE_CAP))
    templates = sources.get(TEMPLATES, [])
    n = min(len(templates), int(len(rows) * TEMPLATE_SHARE / (1 - TEMPLATE_SHARE)))
    rows += rng.sample(templates, n)
    rng.shuffle(rows)
    return rows
