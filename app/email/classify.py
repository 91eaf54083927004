"""The request classifier, loaded once per process on first use; missing means review."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

log = logging.getLogger("intake.email")

LABELS = ("new_order", "change_order", "cancel_order", "status_inquiry", "return_request",
          "invoice_question", "other")

_lock = threading.Lock()
_loaded = False
_classifier = None


@dataclass
class Request:
    """What the sender wants: a label with its score, and instructions with theirs."""

    label: str | None
    score: float | None = None
    instructions: dict[str, float] = field(default_factory=dict)


def get_classifier():
    """The trained classifier, or None when it is missing or cannot load (never raises)."""
    global _loaded, _classifier
    with _lock:
        if not _loaded:
            try:
                from nlp_models.classifier import load_classifier

                _classifier = load_classifier()
            except ImportError as exc:
                log.warning("no request classifier (%s): emails go to review", exc)
                _classifier = None
            except Exception:
                log.exception("the request classifier could not be loaded")
                _classifier = None
            _loaded = True
        return _classifier


def set_classifier(classifier) -> None:
    """Use this classifier (tests, or a process that loaded it already); None means load again."""
    global _loaded, _classifier
    with _lock:
        _classifier, _loaded = classifier, classifier is not None


def classify_request(text: str) -> Request:
    """Label and instructions of one request text; label None when no classifier or no text."""
    classifier = get_classifier()
    if classifier is None or not text.strip():
        return Request(None)
    try:
        result = classifier.classify([text])
    except Exception:
        log.exception("classifying an email failed")
        return Request(None)
    c = result[0] if isinstance(result, (list, tuple)) else result
    return Request(c.label, float(c.score) if c.score is not None else None, _instructions(c.instructions))


def _instructions(value) -> dict[str, float]:
    if not value:
        return {}
    if isinstance(value, dict):
        return {str(k): float(v) for k, v in value.items()}
    return {str(k): 1.0 for k in value}
