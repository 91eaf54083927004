"""The cue hints are a speed-up only: on our hand-written and template messages they change no cue
(also checked on the six corpora when the hints were written)."""

from pathlib import Path

import pytest

from nlp_models import sources
from nlp_models.cues import cue_tokens, cue_tokens_unhinted
from nlp_models.generate_data import read_blocks
from nlp_models.text_prep import mark_negation, normalize

DATA = Path(__file__).parents[2] / "nlp_models" / "data"


def marked(text: str) -> str:
    body = normalize(text).rsplit(" | ", 1)[0]
    return " ".join(mark_negation(body.split(" ")))


def _texts() -> list[str]:
    texts = [r["text"] for name in ("desk_style_train.txt", "handwritten_train.txt", "handwritten_test.txt",
                                    "handwritten_short_test.txt") for r in read_blocks(DATA / name)]
    return texts + [r["text"] for r in sources.read_own()[sources.TEMPLATES][:3000]]


@pytest.mark.parametrize("chunk", range(4))
def test_hints_change_no_cue(chunk):
    texts = _texts()[chunk::4]
    differing = [t for t in texts if cue_tokens(marked(t)) != cue_tokens_unhinted(marked(t))]
    assert differing == []
