"""TrueType fonts for the layouts that need them (€/₹ glyphs, narrow faces).
Falls back to a base-14 font when the system font is missing."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FALLBACK = {"DejaVuSans": "Helvetica", "DejaVuSans-Bold": "Helvetica-Bold",
            "DejaVuSansCondensed": "Helvetica", "DejaVuSansCondensed-Bold": "Helvetica-Bold",
            "LiberationSansNarrow": "Helvetica", "LiberationSansNarrow-Bold": "Helvetica-Bold"}
FILES = {"LiberationSansNarrow": "LiberationSansNarrow-Regular.ttf"}


@cache
def font(name: str) -> str:
    """The registered font name to use for `name`."""
    if name not in FALLBACK:
        return name                      # base-14
    fname = FILES.get(name, name + ".ttf")
    for d in DIRS:
        if (d / fname).exists():
            pdfmetrics.registerFont(TTFont(name, str(d / fname)))
            return name
    return FALLBACK[name]


def has_glyph(name: str, ch: str) -> bool:
    """Whether the (resolved) font can print `ch`; base-14 fonts use WinAnsi."""
    resolved = font(name)
    if resolved == name and name in FALLBACK:
        return all(ord(c) in pdfmetrics.getFont(resolved).face.charToGlyph for c in ch)
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False
