"""Documents with truth files, each tagged with its issuer group.

A folder holds `NAME.EXT` beside `NAME.EXT.truth.json` (the result format of
shared/eval/README.md), an optional `NAME.EXT.layout.json` (boxes, from the
generator) and a `SOURCES.tsv` whose `layout_group` column names the issuer or
layout family. A document missing from SOURCES.tsv is its own group named by its
folder, so a folder of one issuer's POs is never split across folds.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

TRUTH_SUFFIX = ".truth.json"
LAYOUT_SUFFIX = ".layout.json"
NOT_DOCUMENTS = (TRUTH_SUFFIX, LAYOUT_SUFFIX, ".pred.json", ".labels.json", ".bludoc.json")


@dataclass(slots=True)
class LabeledDoc:
    """One document, what it really says, and who issued it."""

    path: Path
    group: str  # issuer / layout family: the unit of cross-validation
    source: str  # the folder it came from, e.g. "dev2"
    truth: dict
    layout: dict | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return f"{self.source}/{self.path.name}"


def document_for(truth_file: Path) -> Path | None:
    """The document a truth file describes: NAME.EXT beside NAME.EXT.truth.json."""
    stem = truth_file.name.removesuffix(TRUTH_SUFFIX)
    direct = truth_file.with_name(stem)
    if direct.exists():
        return direct
    for candidate in sorted(truth_file.parent.glob(stem + ".*")):
        if not candidate.name.endswith(NOT_DOCUMENTS):
            return candidate
    return None


def read_groups(root: Path) -> dict[str, str]:
    """local_path -> layout_group from every SOURCES.tsv at or under root."""
    groups: dict[str, str] = {}
    for sources in sorted(root.rglob("SOURCES.tsv")):
        with sources.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                path, group = row.get("local_path"), row.get("layout_group")
                if path and group:
                    rel = (sources.parent / path).resolve().relative_to(root.resolve())
                    groups[str(rel)] = group
    return groups


def load_dir(root: Path, source: str | None = None, *, with_layout: bool = False) -> list[LabeledDoc]:
    """Every document with a truth file under root, in a stable order."""
    root = Path(root)
    source = source or root.name
    groups = read_groups(root)
    docs = []
    for truth_file in sorted(root.rglob("*" + TRUTH_SUFFIX)):
        doc = document_for(truth_file)
        if doc is None:
            continue
        rel = str(doc.resolve().relative_to(root.resolve()))
        group = groups.get(rel) or f"{source}:{doc.parent.name}"
        layout = None
        layout_file = doc.with_name(doc.name + LAYOUT_SUFFIX)
        if with_layout and layout_file.exists():
            layout = json.loads(layout_file.read_text(encoding="utf-8"))
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        docs.append(LabeledDoc(doc, group, source, truth, layout))
    return docs
