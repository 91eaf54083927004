"""HTML email bodies as clean text: scripts and styles dropped, blocks on their own lines,
and each row of a data table on one line with its cells between ' | '."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

DROP = ("script", "style", "head", "title", "meta", "noscript", "template", "svg")
BLOCKS = (
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer",
    "address", "dd", "dt", "dl", "form", "center",
)
CELL_SEPARATOR = " | "  # what the email body readers split a table row on (body/tables.py)
MAX_CELL_CHARS = 200  # a cell holding more is page layout (a whole paragraph), not data
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANKS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Readable text of an HTML body. A data table (no table inside it, two or more cells in a
    row, short cells) keeps each row on one line, as Outlook's tables of <p> cells would
    otherwise come out one cell per paragraph."""
    if not html or not html.strip():
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for table in soup.find_all("table"):
        if _is_data_table(table):
            rows = [_row_text(tr) for tr in table.find_all("tr")]
            table.replace_with("\n" + "\n".join(r for r in rows if r.strip(" |")) + "\n")
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


def _cell_text(cell) -> str:
    return _SPACES.sub(" ", cell.get_text(" ", strip=True)).strip()


def _row_text(tr) -> str:
    return CELL_SEPARATOR.join(_cell_text(c) for c in tr.find_all(["td", "th"], recursive=False))


def _is_data_table(table) -> bool:
    if table.find("table") is not None:
        return False  # a layout table around other tables
    rows = [tr.find_all(["td", "th"], recursive=False) for tr in table.find_all("tr")]
    cells = [c for row in rows for c in row]
    wide = sum(1 for row in rows if sum(1 for c in row if _cell_text(c)) >= 2)
    return bool(rows) and wide * 2 >= len(rows) and all(len(_cell_text(c)) <= MAX_CELL_CHARS for c in cells)
