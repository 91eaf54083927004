"""The command line's console: messages go to stderr (stdout carries the results), and a progress
bar where a person watches (off for one item and when stderr is not a terminal)."""
from __future__ import annotations

from rich.console import Console
from rich.progress import Progress

err = Console(stderr=True)


def progress_bar(total: int) -> Progress:
    return Progress(console=err, transient=True, disable=total < 2 or not err.is_terminal)
