"""Run-time API: load the committed pipeline and classify customer messages.

Fail safe: load_classifier returns None when the pipeline is missing or broken;
the service then sends the message to review instead of crashing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from nlp_models.rules import RULE_SCORE, rule_label
from nlp_models.text_prep import normalize

log = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).parent / "pipelines" / "request_classifier"


@dataclass
class Classification:
    """Request label with its score, all request scores, and instructions over their threshold.

    rule names the rule (nlp_models.rules) that set the label, None when the model did.
    """

    label: str
    score: float
    scores: dict[str, float] = field(default_factory=dict)
    instructions: dict[str, float] = field(default_factory=dict)
    rule: str | None = None


class RequestClassifier:
    """Wraps the spaCy pipeline (textcat + textcat_multilabel) and the tuned thresholds."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.request_labels = list(nlp.get_pipe("textcat").labels)
        self.instruction_labels = list(nlp.get_pipe("textcat_multilabel").labels)
        stored = nlp.meta.get("instruction_thresholds") or {}
        self.thresholds = {label: float(stored.get(label, 0.5)) for label in self.instruction_labels}

    def classify(self, texts: list[str], batch_size: int = 256) -> list[Classification]:
        out = []
        for text, doc in zip(texts, self.nlp.pipe((normalize(t or "") for t in texts), batch_size=batch_size)):
            scores = {label: round(float(doc.cats[label]), 4) for label in self.request_labels}
            instructions = {label: round(float(doc.cats[label]), 4) for label in self.instruction_labels
                            if doc.cats[label] >= self.thresholds[label]}
            ruled = rule_label(text or "")
            if ruled in scores:  # a bare order subject / attachment note: the rule's label wins
                scores[ruled] = max(scores[ruled], RULE_SCORE)
            best = ruled if ruled in scores else max(scores, key=scores.get)
            out.append(Classification(best, scores[best], scores, instructions,
                                      "order_subject_note" if ruled else None))
        return out


def load_classifier(path: Path | None = None) -> RequestClassifier | None:
    """The classifier at path (default: the committed pipeline), or None if it cannot be loaded."""
    path = Path(path) if path is not None else DEFAULT_PATH
    if not (path / "meta.json").is_file():
        log.warning("request classifier not found at %s", path)
        return None
    try:
        import spacy

        return RequestClassifier(spacy.load(path))
    except Exception as exc:  # broken pipeline: fail safe, send to review
        log.warning("request classifier at %s could not be loaded: %s", path, exc)
        return None
