"""Leave one issuer out: everything learned for a group comes from the other groups."""
from __future__ import annotations

from collections.abc import Iterator

from extractors.po.corpus.labeled import LabeledDoc


def groups_of(docs: list[LabeledDoc]) -> list[str]:
    return sorted({d.group for d in docs})


def leave_one_group_out(docs: list[LabeledDoc]) -> Iterator[tuple[str, list[LabeledDoc], list[LabeledDoc]]]:
    """(group, training documents, held-out documents) for every group, in a stable order."""
    for group in groups_of(docs):
        held_out = [d for d in docs if d.group == group]
        yield group, [d for d in docs if d.group != group], held_out
