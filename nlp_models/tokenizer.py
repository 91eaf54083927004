"""The pipeline's tokenizer: text_prep.normalize has already split the text into tokens
separated by single spaces, so splitting on spaces gives the same tokens as spaCy's rule
tokenizer would re-derive, in a tenth of the time (bench/bench_classify.py)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry

NAME = "order_intake.whitespace_tokenizer.v1"


class WhitespaceTokenizer:
    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=text.split(" "))

    # Nothing to save: the pipeline's config names this tokenizer.
    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> WhitespaceTokenizer:
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> WhitespaceTokenizer:
        return self


@registry.tokenizers(NAME)
def create_whitespace_tokenizer():
    return lambda nlp: WhitespaceTokenizer(nlp.vocab)
