"""A reportlab canvas measured from the top-left, that returns the box of every
string it draws exactly as pdfplumber will report it (x0, top, x1, bottom)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
# (regular, bold) faces; a TrueType face falls back to the base-14 face of the same kind when absent
FACES = {
    "helvetica": ("Helvetica", "Helvetica-Bold"),
    "times": ("Times-Roman", "Times-Bold"),
    "courier": ("Courier", "Courier-Bold"),
    "dejavu": ("DejaVuSans", "DejaVuSans-Bold"),
    "dejavu_serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "dejavu_cond": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
    "dejavu_mono": ("DejaVuSansMono", "DejaVuSansMono-Bold"),
    "liberation": ("LiberationSans-Regular", "LiberationSans-Bold"),
    "liberation_serif": ("LiberationSerif-Regular", "LiberationSerif-Bold"),
    "liberation_narrow": ("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold"),
    "liberation_mono": ("LiberationMono-Regular", "LiberationMono-Bold"),
}
FALLBACK = {
    "dejavu": "helvetica",
    "dejavu_serif": "times",
    "dejavu_cond": "helvetica",
    "dejavu_mono": "courier",
    "liberation": "helvetica",
    "liberation_serif": "times",
    "liberation_narrow": "helvetica",
    "liberation_mono": "courier",
}
# pdfminer's descents for the base-14 faces (per 1000 units);
# its text boxes are [baseline + descent - size, baseline + descent]
BASE14_DESCENT = {"Helvetica": 207, "Times": 217, "Courier": 194}


@cache
def face(key: str) -> tuple[str, str]:
    """Registered (regular, bold) font names for a face key."""
    names = FACES[key]
    if key not in FALLBACK:
        return names
    for name in names:
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = next((d / f"{name}.ttf" for d in FONT_DIRS if (d / f"{name}.ttf").exists()), None)
        if path is None:
            return face(FALLBACK[key])
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return names


@cache
def descent(font: str) -> float:
    """Descent below the baseline, as a share of the font size (positive)."""
    for prefix, value in BASE14_DESCENT.items():
        if font.startswith(prefix):
            return value / 1000
    return -pdfmetrics.getAscentDescent(font, 1000)[1] / 1000


@cache
def can_print(font: str, text: str) -> bool:
    """Whether `font` has glyphs for every character (base-14 faces print WinAnsi only)."""
    f = pdfmetrics.getFont(font)
    if hasattr(f, "face") and hasattr(f.face, "charToGlyph"):
        return all(ord(ch) in f.face.charToGlyph for ch in text)
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


Box = tuple[float, float, float, float]


def union(boxes) -> Box | None:
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Font:
    name: str
    size: float

    def width(self, text: str) -> float:
        return stringWidth(text, self.name, self.size)


class Pen:
    """Draws on pages of `size`; y is the baseline measured from the top of the page."""

    def __init__(self, size: tuple[float, float], title: str, author: str):
        self.w, self.h = size
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=size, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.page = 1

    def text(self, x: float, y: float, s: str, font: Font, align: str = "left", color=(0, 0, 0)) -> Box:
        """Draw `s` with its baseline at y; return its box."""
        w = font.width(s)
        x0 = {"left": x, "right": x - w, "center": x - w / 2}[align]
        if s:
            self.c.setFont(font.name, font.size)
            self.c.setFillColorRGB(*color)
            self.c.drawString(x0, self.h - y, s)
        return self.box(x0, y, w, font)

    def runs(
        self, x: float, y: float, parts: list[tuple[str, Font]], align: str = "left", color=(0, 0, 0)
    ) -> list[Box]:
        """Several strings on one baseline, one after the other (a label and its value,
        'value / value'); returns the box of each part."""
        total = sum(f.width(s) for s, f in parts)
        x0 = {"left": x, "right": x - total, "center": x - total / 2}[align]
        boxes = []
        for s, f in parts:
            boxes.append(self.text(x0, y, s, f, color=color))
            x0 += f.width(s)
        return boxes

    def box(self, x0: float, y: float, w: float, font: Font) -> Box:
        bottom = y + descent(font.name) * font.size
        return (round(x0, 2), round(bottom - font.size, 2), round(x0 + w, 2), round(bottom, 2))

    def rect(self, x: float, top: float, w: float, h: float, fill=None, stroke=True, width: float = 0.5) -> None:
        if fill:
            self.c.setFillColorRGB(*fill)
        self.c.setStrokeColorRGB(0, 0, 0)
        self.c.setLineWidth(width)
        self.c.rect(x, self.h - top - h, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5, color=(0, 0, 0), dash=None) -> None:
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(width)
        self.c.setDash(*(dash or ([], 0)))
        self.c.line(x1, self.h - y1, x2, self.h - y2)
        self.c.setDash([], 0)

    def shape(self, kind: str, x: float, top: float, s: float, color) -> None:
        """A logo mark: vector shapes only, so it carries no text (like a printed image logo)."""
        c = self.c
        c.setFillColorRGB(*color)
        c.setStrokeColorRGB(*color)
        cy = self.h - top - s / 2
        if kind == "circle":
            c.circle(x + s / 2, cy, s / 2, stroke=0, fill=1)
        elif kind == "ring":
            c.setLineWidth(s / 8)
            c.circle(x + s / 2, cy, s / 2.6, stroke=1, fill=0)
        elif kind == "triangle":
            p = c.beginPath()
            p.moveTo(x, self.h - top - s)
            p.lineTo(x + s, self.h - top - s)
            p.lineTo(x + s / 2, self.h - top)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        elif kind == "bars":
            for i in range(4):
                c.rect(x + i * s / 4, self.h - top - s, s / 6, s * (0.4 + 0.2 * i), stroke=0, fill=1)
        else:
            c.rect(x, self.h - top - s, s, s, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.rect(x + s / 4, self.h - top - s * 0.75, s / 2, s / 2, stroke=0, fill=1)

    def next_page(self) -> None:
        self.c.showPage()
        self.page += 1

    def finish(self) -> bytes:
        self.c.save()
        return self.buf.getvalue()


def wrap(text: str, font: Font, width: float) -> list[str]:
    """Greedy word wrap; a word longer than the width gets a line of its own."""
    lines, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and font.width(trial) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return lines + ([cur] if cur else [])
