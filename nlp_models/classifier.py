"""Run-time API: load the committed pipeline and classify customer messages.

Fail safe: load_classifier returns None when the pipeline is missing or broken;
the service then sends the message to review instead of crashing.

Instructions: the instruction model's probability p and, when the message carries that
instruction's cue (nlp_models.cues, negation-aware), the cue's precision c measured on our
hand-written training rows are combined as independent evidence, 1 - (1 - p)(1 - c)
(noisy-OR); an instruction is reported when that reaches its threshold. A message labelled
`other` carries no instructions: it asks nothing of an order (desk labelling rules:
"urgent" in an out-of-office reply or a disclaimer is not rush; the service acts on
instructions only for order requests, app/email/routing.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from nlp_models import tokenizer  # noqa: F401 - registers the pipeline's tokenizer before spacy.load
from nlp_models.cues import cues_in
from nlp_models.rules import RULE_SCORE, cancel_is_partial, rule_label
from nlp_models.text_prep import normalize

log = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).parent / "pipelines" / "request_classifier"
INSTRUCTION_THRESHOLD = 0.5  # the combined probability: more likely than not
NO_INSTRUCTIONS = frozenset({"other"})


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


def combine(model_p: float, cue_precision: float | None) -> float:
    """Noisy-OR of the model's probability and a cue's precision (None: no cue in the message)."""
    return 1 - (1 - model_p) * (1 - (cue_precision or 0.0))


class RequestClassifier:
    """Wraps the spaCy pipeline (textcat + textcat_multilabel), the thresholds and the cue precisions."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.request_labels = list(nlp.get_pipe("textcat").labels)
        self.instruction_labels = list(nlp.get_pipe("textcat_multilabel").labels)
        self.thresholds = dict.fromkeys(self.instruction_labels, INSTRUCTION_THRESHOLD)
        self.cue_precision = {lb: float(v) for lb, v in (nlp.meta.get("cue_precision") or {}).items()}

    def classify(self, texts: list[str], batch_size: int = 256) -> list[Classification]:
        texts = [t or "" for t in texts]
        prepared = [normalize(t) for t in texts]
        docs = self.nlp.pipe(prepared, batch_size=batch_size)
        return [self._one(text, norm, doc) for text, norm, doc in zip(texts, prepared, docs)]

    def _one(self, text: str, normalized: str, doc) -> Classification:
        scores = {lb: round(float(doc.cats[lb]), 4) for lb in self.request_labels}
        ruled, rule = rule_label(text), None
        if ruled in scores:  # a bare order subject / attachment note: the rule's label wins
            scores[ruled] = max(scores[ruled], RULE_SCORE)
            rule = "order_subject_note"
        best = ruled if ruled in scores else max(scores, key=scores.get)
        if best == "cancel_order" and cancel_is_partial(text):  # cancels only what is not in stock
            best = max((lb for lb in scores if lb != "cancel_order"), key=scores.get)
            rule = "partial_cancel_scope"
        instructions = {}
        if best not in NO_INSTRUCTIONS:
            cues = cues_in(normalized)
            for lb in self.instruction_labels:
                p = combine(float(doc.cats[lb]), self.cue_precision.get(lb) if lb in cues else None)
                if p >= self.thresholds[lb]:
                    instructions[lb] = round(p, 4)
        return Classification(best, scores[best], scores, instructions, rule)


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
