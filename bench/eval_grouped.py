"""Leave-one-issuer-out figures of the PO reader over the real documents.

    .venv/bin/python bench/eval_grouped.py [--reader rules] [--set DIR ...] [--train-only DIR ...] [-v]

Default sets: ../shared/eval/dev and ../shared/eval/dev2 (issuer groups from the
`layout_group` column of their SOURCES.tsv). For each group, the reader is fitted on
every other group plus the --train-only folders (e.g. generated POs) and reads the
held-out group. Prints the grouped figures per set and pooled, then the in-sample
figures beside them.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.po.corpus.grouped import GroupedResult, grouped, in_sample  # noqa: E402 - repo on sys.path first
from extractors.po.corpus.labeled import load_dir  # noqa: E402 - repo on sys.path first

SHARED = REPO.parent / "shared" / "eval"
READERS = {"rules": "extractors.po.corpus.grouped:RuleReader"}


def reader_factory(name: str):
    module, _, attr = READERS.get(name, name).partition(":")
    return getattr(importlib.import_module(module), attr)


def show(title: str, result: GroupedResult, sources: list[str], verbose: bool) -> dict:
    figures = {}
    print(f"== {title}")
    for source in [*sources, None]:
        totals = result.totals(source)
        summary = totals.summary()
        figures[source or "pooled"] = {**summary, "fields": totals.field_accuracy()}
        print(f"  {source or 'pooled':<8} " + " ".join(f"{k}={v}" for k, v in summary.items()))
    if verbose:
        for group, totals in sorted(result.by_group().items()):
            s = totals.summary()
            print(f"    {group:<34} docs={s['docs']:<3} header={s['header_accuracy']:<6} "
                  f"line_f1={s['line_f1']:<6} perfect={s['perfect_docs']}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", default="rules", help=f"one of {sorted(READERS)} or module:Class")
    parser.add_argument("--set", action="append", type=Path, help="evaluated folder (repeatable)")
    parser.add_argument("--train-only", action="append", type=Path, default=[], help="training-only folder")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--no-in-sample", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    sets = args.set or [SHARED / "dev", SHARED / "dev2"]
    missing = [s for s in sets if not s.is_dir()]
    if missing:
        print(f"missing: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    evaluated = [d for s in sets for d in load_dir(s)]
    training_only = [d for t in args.train_only for d in load_dir(t, with_layout=True)]
    make_reader = reader_factory(args.reader)
    figures = {"grouped": show("leave one issuer out", grouped(make_reader, evaluated, training_only),
                               [s.name for s in sets], args.verbose)}
    if not args.no_in_sample:
        figures["in_sample"] = show("in-sample (fitted on the same documents; not a result)",
                                    in_sample(make_reader, evaluated, training_only), [s.name for s in sets], False)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
