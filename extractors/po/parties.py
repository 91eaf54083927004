"""Parties: address blocks under a label (possibly side by side), and the letterhead."""
from __future__ import annotations

import math
import re

from extractors import confidence
from extractors.layout.geometry import bbox_of
from extractors.layout.textlines import MIN_LINE_HEIGHT, Line, Segment
from extractors.model import Field, Word
from extractors.po.label_hits import EDGE_SLACK, LabelHit
from extractors.po.labels import COMPANY_SUFFIXES, TITLE_WORDS, norm

# Address blocks under a label (points, or line heights h)
MAX_BLOCK_LINES = 7  # lines an address block runs to at most
BLOCK_RIGHT_REACH = 300  # a value this near right of the label also anchors the block's left edge
BLOCK_LINE_GAP = 2.6  # h: a wider gap between lines ends the block
BLOCK_DRIFT_BESIDE = 120  # a line's phrase this near the block's edge is in it (nearer than other blocks') ...
BLOCK_DRIFT_ALONE = 60  # ... or this near when no other labelled block stands on the label's line
# The issuing company's letterhead and an unlabelled address window, on page 1
LETTERHEAD_ZONE = 0.3  # share of the page (or of the height above the first party label) the letterhead is in
NAME_MIN_LETTERS = 4  # letters in a letterhead name
NAME_LETTER_SHARE = 0.6  # share of a name's characters that are letters
WINDOW_ZONE = 0.45  # share of the page's height an address window is in ...
WINDOW_LEFT = 0.45  # ... and share of its width, from the left
WINDOW_MIN_LETTERS = 3  # letters in the name over an address window
WINDOW_LINES = 3  # lines above and below a name looked at for the rest of its block
WINDOW_ALIGN = 8  # left edges this close are one block
WINDOW_PITCH = 1.6  # name heights: a line this close above is the same block's
WINDOW_SAME_SIZE = 0.2  # share of the name's height by which a line above may differ and be the same type
WINDOW_GAP = 2.5  # h: the address starts no further under the name
_CONTACT = re.compile(r"(\b(phone|tel|telephone|fax|e-?mail|attn|gstin|pan no|cin)\b|@|www\.|http)", re.I)


# Labelled lines inside a party section: what each one holds
SUB_FIELDS = {"party_name": "company", "supplier": "name", "buyer": "name", "party_address": "address",
              "party_person": "name"}


def block(hit: LabelHit, lines: list[Line], hit_segs: set[int], stop_lines: set[int] = frozenset(),
          hits_by_seg: dict | None = None) -> list[list[Word]]:
    """The lines of the block under (and right of) a label, as word lists."""
    hits_by_seg = hits_by_seg or {}
    tags: dict[int, str] = {}
    line = lines[hit.line]
    others = [s.x0 for s in line.segments if s is not hit.seg
              and (id(s) in hit_segs or s.words[-1].text.endswith(":"))]
    anchors = [hit.x0]
    rows: list[list[Word]] = []
    first = list(hit.rest)
    for s in line.segments:
        if s.x0 > hit.seg.x1 - EDGE_SLACK and id(s) not in hit_segs and not any(o < s.x0 for o in others if o > hit.x0):
            first += s.words
            if s.words[-1].text.endswith(":"):
                first = list(hit.rest)  # another label, not our value
            elif s.x0 - hit.x1 < BLOCK_RIGHT_REACH:
                anchors.append(s.x0)
            break
    if first:
        rows.append(first)
        anchors.append(first[0].x0)
    last_bottom = line.bottom
    h = max(line.height, MIN_LINE_HEIGHT)
    for nxt in lines[hit.line + 1:]:
        if nxt.page != line.page or nxt.top - last_bottom > h * BLOCK_LINE_GAP or len(rows) >= MAX_BLOCK_LINES \
                or nxt.index in stop_lines:
            break
        mine = []
        stop = False
        for s in nxt.segments:
            d_mine = min(abs(s.x0 - a) for a in anchors)
            d_other = min((abs(s.x0 - o) for o in others), default=math.inf)
            if d_mine < d_other and d_mine <= (BLOCK_DRIFT_BESIDE if others else BLOCK_DRIFT_ALONE):
                sub = hits_by_seg.get(id(s))
                if sub is not None and mine == [] and sub.rest and sub.field in SUB_FIELDS:
                    tags[len(rows)] = SUB_FIELDS[sub.field]  # "Company Name: ..." inside a section
                    mine.append(Segment(sub.rest, s.page, s.line))
                    continue
                if id(s) in hit_segs and mine == [] and not _is_contact(s):
                    stop = True
                    break
                mine.append(s)
        if stop:
            break
        if mine:
            rows.append([w for s in mine for w in s.words])
            last_bottom = nxt.bottom
    company = [i for i, t in tags.items() if t == "company"]
    if company:  # a labelled company name leads the block; a contact person before it goes
        rows = rows[company[0]:]
    return [r for i, r in enumerate(rows) if tags.get(i + (company[0] if company else 0)) != "name"]


def _is_contact(seg: Segment) -> bool:
    return bool(_CONTACT.search(seg.text))


def party_field(name: str, hit: LabelHit, rows: list[list[Word]], whole: bool) -> Field | None:
    rows = [r for r in rows if not _CONTACT.search(" ".join(w.text for w in r))]
    if not rows:
        return None
    use = rows if whole else rows[:1]
    text = ", ".join(" ".join(w.text for w in r) for r in use)
    if not re.search(r"[A-Za-z]", text):
        return None
    words = [w for r in use for w in r]
    place = confidence.PARTY_BLOCK if whole else confidence.PARTY_FIRST_LINE
    conf = hit.strength * place * min(w.conf for w in words)
    return Field(name, text, None, round(conf, 3), page=hit.seg.page, bbox=bbox_of(words),
                 rule=f"block:{hit.field}")


def is_company(text: str) -> bool:
    return bool(set(norm(text).split()) & COMPANY_SUFFIXES)


def letterhead(lines: list[Line], hit_segs: set[int], exclude: set[int], supplier: str | None = None,
               above: float | None = None) -> Field | None:
    """The issuing company: the first company-like name at the top of page 1 (not the supplier),
    above the first party block when there is one."""
    page1 = [ln for ln in lines if ln.page == 1]
    other = set(norm(supplier or "").split()) - COMPANY_SUFFIXES
    if not page1:
        return None
    bottom = max(ln.bottom for ln in page1)
    if above is not None:
        bottom = min(bottom, above / LETTERHEAD_ZONE)
    fallback = None
    for ln in page1:
        if ln.top > bottom * LETTERHEAD_ZONE:
            break
        for seg in ln.segments:
            if id(seg) in hit_segs or id(seg) in exclude:
                continue
            text = seg.text
            n = norm(text)
            if not n or n in TITLE_WORDS or "purchase order" in n or _CONTACT.search(text):
                continue
            letters = sum(c.isalpha() for c in text)
            if letters < NAME_MIN_LETTERS or letters < len(text) * NAME_LETTER_SHARE:
                continue
            toks = set(n.split()) - COMPANY_SUFFIXES
            if other and len(toks & other) * 2 >= max(len(toks), 1):
                continue  # the supplier's name, printed up top
            if is_company(text):
                return Field("buyer", text, None, confidence.LETTERHEAD_COMPANY, page=1, bbox=seg.bbox,
                             rule="letterhead:company")
            if fallback is None and len(n.split()) >= 2 and text[:1].isupper():
                fallback = Field("buyer", text, None, confidence.LETTERHEAD_FIRST_LINE, page=1, bbox=seg.bbox,
                                 rule="letterhead:first")
    return fallback


def window_address(lines: list[Line], hit_segs: set[int], exclude: set[int], buyer: str | None) -> Field | None:
    """An unlabelled recipient: a name at the left of page 1 with an address under it."""
    page1 = [ln for ln in lines if ln.page == 1]
    if not page1:
        return None
    bottom = max(ln.bottom for ln in page1)
    width = max(w.x1 for ln in page1 for w in ln.words)
    buyer_toks = set(norm(buyer or "").split()) - COMPANY_SUFFIXES
    for k, ln in enumerate(page1[:-1]):
        if ln.top > bottom * WINDOW_ZONE:
            break
        for seg in ln.segments:
            text = seg.text
            if seg.x0 > width * WINDOW_LEFT or id(seg) in hit_segs or id(seg) in exclude or _CONTACT.search(text):
                continue
            letters = sum(c.isalpha() for c in text)
            if letters < WINDOW_MIN_LETTERS or letters < len(text.replace(" ", "")) * NAME_LETTER_SHARE \
                    or seg.words[-1].text.endswith(":") \
                    or text[0].isdigit():
                continue
            toks = set(norm(text).split()) - COMPANY_SUFFIXES
            if not toks or norm(text) in TITLE_WORDS or "purchase order" in norm(text):
                continue
            if buyer_toks and len(toks & buyer_toks) >= max(1, len(toks) // 2):
                continue
            sh = seg.bottom - seg.top
            above = [s for prev in page1[max(0, k - WINDOW_LINES):k] for s in prev.segments
                     if abs(s.x0 - seg.x0) < WINDOW_ALIGN and seg.top - s.bottom < WINDOW_PITCH * sh
                     and abs((s.bottom - s.top) - sh) < WINDOW_SAME_SIZE * sh]
            if above:
                continue  # not the first line of its block
            under = [s for nxt in page1[k + 1:k + 1 + WINDOW_LINES]
                     if nxt.top - ln.bottom < WINDOW_GAP * max(ln.height, MIN_LINE_HEIGHT)
                     for s in nxt.segments if abs(s.x0 - seg.x0) < WINDOW_ALIGN]
            if under and any(c.isdigit() for c in under[0].text):
                return Field("supplier", text, None, confidence.WINDOW_ADDRESS, page=1, bbox=seg.bbox,
                             rule="window_address")
    return None
