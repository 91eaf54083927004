"""python -m sample_docs.pogen.corpus --out DIR --count N --seed S [--kinds ...] [--jobs J]"""

from __future__ import annotations

import argparse
import sys
import time

from . import generate_corpus
from .kinds import KINDS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m sample_docs.pogen.corpus",
        description="Generate randomised business documents with truth and layout files.",
    )
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", nargs="+", choices=KINDS, help="document kinds to draw from (default: all)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    step = max(1, args.count // 10)
    report = lambda n: print(f"  {n}/{args.count}", file=sys.stderr) if n % step == 0 else None  # noqa: E731
    paths = generate_corpus(args.out, args.count, args.seed, args.kinds, args.jobs, progress=report)
    spent = time.perf_counter() - start
    print(f"wrote {len(paths)} documents to {args.out} in {spent:.1f} s ({len(paths) / spent:.1f} docs/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
