"""HTML email bodies as clean text: scripts and styles dropped, blocks on their own lines."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

DROP = ("script", "style", "head", "title", "meta", "noscript", "template", "svg")
BLOCKS = (
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer",
    "address", "dd", "dt", "dl", "form", "center",
)
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANKS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Readable text of an HTML body; table cells separated by tabs-as-spaces."""
    if not html or not html.strip():
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for cell in soup.find_all(["td", "th"]):
        cell.append("  ")
    for tag in soup.find_all(BLOCKS):
        if tag.name == "br":
            tag.replace_with("\n")
            continue
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
