"""Quantities as customers write them: "1,000", "2,5", "zwölf", "two dozen pairs", "une douzaine",
"media docena", "8 boxes", "4 BOX OF 100", "3 boîtes de 100"; and what is not a quantity: a size
("400ML", "160 mm", "1/2in", "40-200Nm"), read with pint.

Number words come from text2num (en, fr, es, de, it, pt, nl); units of measure from pint; the
count and pack units ("Kartons", "cajas", "boîtes", "pkts") are ours, on top.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

WORD_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")  # text2num's languages, tried in turn
MAX_NUMBER_WORDS = 4  # "one hundred and twenty": longer runs of number words are not quantities
# Count and pack units in the languages customers write, each to one code.
COUNT_UNITS = {
    "pcs": ("pcs", "pc", "pce", "pces", "piece", "pieces", "unit", "units", "stk", "stück", "stueck",
            "st", "stck", "pièce", "pièces", "pieza", "piezas", "pza", "pzas", "pz", "pezzi", "pezzo",
            "unidad", "unidades", "ud", "uds", "unité", "unités", "u", "nos", "no's", "no", "off"),
    "ea": ("ea", "each"),
    "box": ("box", "boxes", "bx", "bxs", "karton", "kartons", "schachtel", "schachteln", "boîte",
            "boîtes", "boite", "boites", "caja", "cajas", "scatola", "scatole", "doos", "dozen-box"),
    "case": ("case", "cases", "cs", "caisse", "caisses"),
    "carton": ("carton", "cartons", "ctn", "ctns", "cartón", "cartones"),
    "pack": ("pack", "packs", "pk", "pks", "pkt", "pkts", "packet", "packets", "pkg", "package",
             "packages", "paket", "pakete", "packung", "packungen", "paquet", "paquets", "paquete",
             "paquetes", "sachet", "sachets"),
    "pallet": ("pallet", "pallets", "palette", "paletten", "palettes", "palé", "palés", "pallet"),
    # a coil, reel or spool of cable is sold as a roll
    "roll": ("roll", "rolls", "rl", "rolle", "rollen", "rouleau", "rouleaux", "rollo", "rollos",
             "coil", "coils", "bobine", "bobines", "bobina", "bobinas", "ring", "ringe",
             "reel", "reels", "trommel", "trommeln", "touret", "tourets", "spool", "spools", "spule", "spulen"),
    "pair": ("pair", "pairs", "pr", "prs", "paar", "paire", "paires", "par", "pares"),
    "set": ("set", "sets", "kit", "kits", "satz", "sätze", "jeu", "jeux", "juego", "juegos"),
    "bag": ("bag", "bags", "beutel", "sack", "sacks", "säcke", "sac", "sacs", "bolsa", "bolsas"),
    "can": ("can", "cans", "dose", "dosen", "tin", "tins", "bombe", "bombes", "lata", "latas"),
    "bottle": ("bottle", "bottles", "flasche", "flaschen", "bouteille", "bouteilles", "botella",
               "botellas"),
    "tube": ("tube", "tubes", "tuben", "tubo", "tubos", "cartridge", "cartridges", "kartusche",
             "kartuschen", "cartouche", "cartouches"),
    "drum": ("drum", "drums", "fass", "fässer", "bidon", "bidons", "bidón", "bidones"),
    "bucket": ("bucket", "buckets", "eimer", "seau", "seaux", "cubo", "cubos"),
    "bundle": ("bundle", "bundles", "bund", "bunde", "botte", "bottes", "haz"),
    "crate": ("crate", "crates", "kiste", "kisten", "caisson"),
    "sheet": ("sheet", "sheets", "blatt", "feuille", "feuilles", "hoja", "hojas"),
    "ream": ("ream", "reams",),
    "length": ("length", "lengths", "stange", "stangen", "barre", "barres", "barra", "barras"),
}
UNIT_CODES = {word: code for code, words in COUNT_UNITS.items() for word in words}
SHORT_UNITS = {"u", "st", "ud", "pz", "pr", "cs", "pk", "rl", "bx", "ea", "par", "can", "tin", "set", "no", "off",
               "kit", "ring", "bund", "sac", "jeu"}  # too short or too common: never read from a typo
# "a dozen", "deux douzaines", "media docena": twelve each; "half" in front halves it.
DOZEN = {"dozen", "dozens", "doz", "dz", "douzaine", "douzaines", "dutzend", "docena", "docenas",
         "dozzina", "dozzine", "dozijn", "dúzia", "dúzias"}
HALF = {"half", "halbes", "halbe", "demi", "demie", "media", "medio", "mezza", "halve", "meia"}
ARTICLES = {"a", "an", "one", "ein", "eine", "einen", "un", "une", "uno", "una", "um", "uma", "een"}
# Units of measure: a number in front of one is a size ("400ML", "160 mm", "1021 hPa"), not a
# count; any physical dimension but time alone ("3 days") and amounts of substance ("M8" is molar).
MEASURE_DIMENSIONS = ("[length]", "[length] ** 2", "[length] ** 3", "[mass]", "[current]",
                      "[temperature]", "[length] / [mass]")
NOT_MEASURES = {"in", "a", "at", "are", "as", "pc", "pcs", "cs", "pk", "ct", "pt", "t", "s", "min",
                "day", "days", "cup", "gr", "M", "MM"}  # words, count units or sizes ("M8") pint also knows
SHORT_WORD = 3  # characters: a lowercase word this short is a unit of measure only when listed in SIZE_WORDS
COMMON_WORDS = {"point", "line", "link", "hand", "chain", "span", "stone", "grain", "barn", "rod", "cup", "drop",
                "pole", "board", "cord", "knot", "gauge", "mil", "ton", "tonne", "pica", "mark"}  # pint units
SIZE_WORDS = {"mm", "cm", "m", "km", "ml", "cl", "l", "kg", "g", "mg", "nm", "v", "w", "kw", "ah",
              "mah", "bar", "psi", "in", "inch", "ft", "mm²", "mm2", "sq.mm", "sqmm", "qmm", "°c", "°",
              "lm", "hz", "db", "m²", "m2", "m³", "oz", "lb", "lbs", "gal", "kn", "tlg", "tlg.",
              "teilig", "piece-set", "way", "fach", "pol", "polig", "p", "mtr", "mtrs", "metre",
              "metres", "meter", "meters", "mètre", "mètres", "metro", "metros", "\"", "''", "'"}
LENGTH_UNITS = {"m", "mtr", "mtrs", "metre", "metres", "meter", "meters", "mètre", "mètres", "metro",
                "metros", "ft", "feet", "foot", "yd", "yards", "kg", "l", "litre", "litres", "liter",
                "liters"}  # a measure ordered by amount: "50 m of cable", "25 kg de ..."
_DIGITS = re.compile(r"\d{1,3}(?:([,.' ])\d{3})+(?![\d,.]\d)|\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)


@dataclass(slots=True)
class Number:
    """A number read at a place in the text; `words` says it was written in words."""

    value: Decimal
    start: int
    end: int
    words: bool = False


@dataclass(slots=True)
class UnitWord:
    """A count unit after a quantity: its code, and the pack size when one is written ("box of 100")."""

    code: str
    start: int
    end: int
    pack: int | None = None


def digits_value(text: str) -> Decimal | None:
    """'1,000' and '1.000' are a thousand; '2,5' and '2.5' two and a half."""
    m = _DIGITS.fullmatch(text.strip())
    if m is None:
        return None
    raw = m.group(0)
    if m.group(1):  # grouped thousands: "1,000", "1.000", "1'000", "1 000"
        raw = re.sub(r"[,.' ]", "", raw)
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


def number_at(text: str, pos: int) -> Number | None:
    """The number that starts at `pos`: digits, or number words ("zwölf", "two dozen", "une douzaine")."""
    m = _DIGITS.match(text, pos)
    if m is not None:
        value = digits_value(m.group(0))
        if value is None:
            return None
        num = Number(value, pos, m.end())
        return _times_dozen(text, num)
    return _words_at(text, pos)


def _words_at(text: str, pos: int) -> Number | None:
    words = []
    for m in _WORD.finditer(text, pos):
        if text[words[-1].end():m.start()].strip() if words else text[pos:m.start()].strip():
            break
        words.append(m)
        if len(words) >= MAX_NUMBER_WORDS + 1:
            break
    if not words:
        return None
    lows = [w.group(0).lower() for w in words]
    if lows[0] in HALF and len(lows) > 1 and lows[1] in DOZEN:
        return Number(Decimal(6), pos, words[1].end(), words=True)
    if lows[0] in HALF and len(lows) > 2 and lows[1] in ARTICLES and lows[2] in DOZEN:
        return Number(Decimal(6), pos, words[2].end(), words=True)  # "half a dozen"
    if lows[0] in DOZEN:
        return None
    for n in range(min(len(words), MAX_NUMBER_WORDS), 0, -1):
        phrase = " ".join(lows[:n])
        value = _text2num(phrase)
        if value is None and n == 1 and lows[0] in ARTICLES:
            value = 1
        if value is not None:
            return _times_dozen(text, Number(Decimal(value), pos, words[n - 1].end(), words=True))
    return None


def _times_dozen(text: str, num: Number) -> Number:
    m = re.match(r"[ \t]*(?:-[ \t]*)?([^\W\d_]+)", text[num.end:])
    if m and m.group(1).lower() in DOZEN:
        return Number(num.value * 12, num.start, num.end + m.end(), num.words)
    return num


@lru_cache(maxsize=4096)
def _text2num(phrase: str) -> int | None:
    from text_to_num import text2num

    if phrase in ARTICLES:
        return None  # an article alone is a count only in front of a unit (see _words_at)
    for lang in WORD_LANGUAGES:
        try:
            value = text2num(phrase, lang)
        except (ValueError, KeyError, IndexError):
            continue
        if isinstance(value, int) and value >= 0:
            return value
    return None


_UNIT_WORD = re.compile(r"[ \t]*(?:-[ \t]*)?(?P<w>[^\W\d_]+(?:\.(?=[ \t]|$))?)", re.U)
_ECHO = re.compile(r"[ \t]*\([ \t]*[^\W\d_]+(?:[ -][^\W\d_]+)?[ \t]*\)", re.U)
_UNIT_AFTER_OF = re.compile(r"[ \t]+(?i:of|de|d'|von)[ \t]*(?=[^\W\d_])", re.U)
_PACK_OF = re.compile(r"[ \t]+(?i:of|de|à|a|von|zu|à|x|con|da)[ \t]+(?P<n>\d{1,5})\b(?![.,]\d)"
                      r"(?:[ \t]*(?i:pcs|pieces|pc|stk|stück|pièces|piezas|pzas|units|unités|ea))?")


def unit_at(text: str, pos: int) -> UnitWord | None:
    """A count unit right after a quantity ("8 boxes", "4 BOX OF 100", "3 boîtes de 100",
    "zwölf Kartons", "5 boxs"), with its pack size when written."""
    echo = _ECHO.match(text, pos)  # "8 (eight) coils": the number again in words
    if echo is not None:
        pos = echo.end()
    m = _UNIT_WORD.match(text, pos)
    if m is not None and unit_code(m.group("w")) is None and (of := _UNIT_AFTER_OF.match(text, pos)):
        m = _UNIT_WORD.match(text, of.end())  # "deux douzaines de paires", "two dozen of pairs"
    if m is None:
        return None
    word = m.group("w").rstrip(".").lower()
    code = unit_code(word)
    if code is None:
        return None
    end = m.end()
    pack = _PACK_OF.match(text, end)
    if pack is not None:
        return UnitWord(code, m.start("w"), pack.end(), int(pack.group("n")))
    return UnitWord(code, m.start("w"), end)


def unit_code(word: str) -> str | None:
    """Our unit code for a count unit word; a plural 's' the writer added ('boxs') is forgiven."""
    w = word.lower().rstrip(".")
    if w in UNIT_CODES:
        return UNIT_CODES[w]
    if len(w) > 3 and w.endswith("s") and w[:-1] in UNIT_CODES and w[:-1] not in SHORT_UNITS:
        return UNIT_CODES[w[:-1]]
    return None


def is_measure(word: str) -> bool:
    """'mm', 'ML', 'Nm', 'kg', 'V', 'mm²': a unit of measure (a size after a number), not a count."""
    w = word.strip().rstrip(".")
    if not w or unit_code(w) is not None:
        return False
    if w in NOT_MEASURES or len(w) > 12 or w.lower().rstrip("s") in COMMON_WORDS:
        return False
    if w.lower() in SIZE_WORDS:
        return True
    if w.islower() and len(w) <= SHORT_WORD:
        return False  # "de", "da", "et": short lowercase words are words; sizes are in SIZE_WORDS
    return _pint_measure(w) or (w != w.lower() and _pint_measure(w.lower()))


@lru_cache(maxsize=2048)
def _pint_measure(word: str) -> bool:
    registry = _registry()
    try:
        unit = registry.parse_units(word)
    except Exception:  # pint raises many kinds of error for words that are not units
        return False
    dims = unit.dimensionality
    return str(dims) in MEASURE_DIMENSIONS or (bool(dims) and set(dict(dims)) != {"[time]"}
                                               and "[substance]" not in dict(dims))


@lru_cache(maxsize=1)
def _registry():
    import pint  # about a second to build: once, on the first word that needs it

    return pint.UnitRegistry()


def normalize_unit(text: str | None) -> str | None:
    """A unit as written ('BX', 'boîtes de 100', 'Kartons', 'BOX OF 100') as our code ('box');
    a unit of measure as pint's symbol ('metres' -> 'm'); None when it is neither."""
    if not text:
        return None
    first = _WORD.search(text)
    if first is None:
        return None
    code = unit_code(first.group(0))
    if code is not None:
        return code
    if first.group(0).lower() in DOZEN:
        return "dozen"
    if is_measure(first.group(0)):
        try:
            return f"{_registry().parse_units(first.group(0).lower()):~}"
        except Exception:  # a size word pint does not know
            return first.group(0).lower()
    return None
