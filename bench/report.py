"""Write one benchmark's figures into its own section of docs/benchmarks.md."""
from __future__ import annotations

import platform
import re
from datetime import date
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = ("# Benchmarks\n\nEach section is written by its script under `bench/`; figures are ratios against a "
          "baseline\nmeasured in the same run, because the machine is shared and noisy.\n")


def write_section(name: str, title: str, lines: list[str]) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    note = f"_{date.today().isoformat()}, {platform.machine()}, Python {platform.python_version()}, `bench/{name}.py`_"
    block = "\n".join([start, f"## {title}", "", note, "", *lines, end])
    text = DOC.read_text() if DOC.exists() else HEADER
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text)
