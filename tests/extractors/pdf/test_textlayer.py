"""The one decision "does this page already have real text?"."""
from __future__ import annotations

import pytest

from extractors.model import Page, Word
from extractors.pdf.textlayer import has_text_layer


def page_of(*texts: str) -> Page:
    words = [Word(t, 10.0 * i, 10.0, 10.0 * i + 8, 18.0, page=1) for i, t in enumerate(texts)]
    return Page(number=1, width=612, height=792, words=words)


def test_real_text_layer_is_used():
    assert has_text_layer(page_of("Purchase", "Order", "4500012345", "Total", "34.00"))


@pytest.mark.parametrize("page", [
    pytest.param(page_of(), id="empty"),
    pytest.param(page_of(" ", "\t"), id="whitespace"),
    pytest.param(page_of("(cid:3)(cid:4)(cid:5)", "(cid:6)(cid:7)", "(cid:8)(cid:9)(cid:10)(cid:11)",
                         "(cid:12)(cid:13)(cid:14)(cid:15)"), id="unmapped_cids"),
    pytest.param(page_of("\ufffd\ufffd\ufffd\ufffd", "ab\ufffd\ufffd\ufffd", "\ue001\ue002\ue003\ue004\ue005",
                         "\x01\x02\x03"), id="replacement_and_private_use"),
    pytest.param(page_of("a", ".", "x1"), id="stray_chars_on_a_scan"),
    pytest.param(page_of("....", "----", "____", "....", "~~~~"), id="punctuation_only"),
])
def test_garbage_or_empty_text_layer_sends_page_to_ocr(page):
    assert not has_text_layer(page)
