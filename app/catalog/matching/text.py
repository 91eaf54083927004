"""Text normalisation shared by the matchers: descriptions, codes, company names."""
from __future__ import annotations

import re
import unicodedata

# Abbreviations and spelling variants seen on purchase orders -> one catalog word.
# Applied to both the catalog and the query, so either side may abbreviate.
ABBREVIATIONS = {
    "hd": "head", "hx": "hex", "skt": "socket", "sck": "socket", "sckt": "socket",
    "scr": "screw", "scrw": "screw", "scrs": "screw", "screws": "screw",
    "blt": "bolt", "bolts": "bolt", "nt": "nut", "nuts": "nut",
    "wshr": "washer", "wsh": "washer", "washers": "washer",
    "stl": "steel", "ss": "stainless steel", "sst": "stainless steel",
    "inox": "stainless steel",
    "galv": "galvanized", "galvanised": "galvanized", "hdg": "hot dip galvanized",
    "zn": "zinc", "znpl": "zinc plated", "zp": "zinc plated", "pl": "plated",
    "blk": "black", "ox": "oxide", "alu": "aluminum", "alum": "aluminum",
    "aluminium": "aluminum", "brs": "brass", "nyl": "nylon", "flg": "flange",
    "flng": "flange", "thd": "threaded", "thrd": "threaded", "hyd": "hydraulic",
    "brg": "bearing", "bearings": "bearing", "assy": "assembly",
    "csk": "countersunk", "ctsk": "countersunk", "rnd": "round",
    "sq": "square", "lg": "long", "dia": "diameter", "gr": "grade",
    "mach": "machine", "ss304": "stainless steel 304", "ss316": "stainless steel 316",
}

# Free-standing words that carry no meaning for matching.
STOPWORDS = frozenset({"and", "the", "of", "for", "a", "an", "with", "x", "pcs", "pc", "ea"})

_SIZE_X = re.compile(r"(?<=[0-9])\s*[x×*]\s*(?=[0-9])")
_SIZE_PAIR = re.compile(r"[0-9] *[x×*] *[0-9]")
_TOKEN = re.compile(r"[a-z0-9]+(?:[./][0-9]+)*")


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Stück' -> 'stuck'."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Distinct description words in order, abbreviations expanded, sizes kept
    whole ('Hex hd bolt M12 x 40' -> ['hex', 'head', 'bolt', 'm12x40'])."""
    out: dict[str, None] = {}
    for chunk in chunks(text):
        out.update(dict.fromkeys(chunk_words(chunk)))
    return list(out)


def chunks(text: str) -> list[str]:
    """Folded, whitespace-separated pieces of a description; sizes joined first."""
    return _join_sizes(fold(text)).split()


def chunk_words(chunk: str) -> tuple[str, ...]:
    """The words of one chunk (cached: catalogs repeat the same chunks)."""
    words = _CHUNKS.get(chunk)
    if words is None:
        out: dict[str, None] = {}
        for tok in _TOKEN.findall(chunk):
            if tok.endswith("mm") and tok[-3:-2].isdigit():  # '40mm' and '40 mm' alike
                out[tok[:-2]] = None
                tok = "mm"
            full = ABBREVIATIONS.get(tok)
            if full is None:
                if tok not in STOPWORDS:
                    out[tok] = None
            else:
                out.update(dict.fromkeys(full.split()))
        words = tuple(out)
        if len(_CHUNKS) < 200_000:
            _CHUNKS[chunk] = words
    return words


def _join_sizes(text: str) -> str:
    """'m12 x 40' -> 'm12x40' (the slow substitution only when a size has a gap)."""
    for m in _SIZE_PAIR.finditer(text):
        if m.group() != m.group()[0] + "x" + m.group()[-1]:
            return _SIZE_X.sub("x", text)
    return text


_CHUNKS: dict[str, tuple[str, ...]] = {}


def normalise(text: str) -> str:
    """The string rapidfuzz compares: tokens joined by single spaces."""
    return " ".join(tokens(text))


# --- codes -----------------------------------------------------------------

_CODE_JUNK = re.compile(r"[^A-Z0-9]")
_OCR = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "Q": "0"})


def norm_code(code: str) -> str:
    """Upper case without spaces, dashes, dots or slashes: 'hb-1240 zn' -> 'HB1240ZN'."""
    return _CODE_JUNK.sub("", fold(code).upper())


def ocr_code(code: str) -> str:
    """A normalised code with OCR look-alikes folded (O->0, I/L->1, S->5, B->8, Z->2)."""
    return fold_ocr(norm_code(code))


def fold_ocr(normalised_code: str) -> str:
    """`ocr_code` for a code `norm_code` already normalised."""
    return normalised_code.translate(_OCR)


def looks_like_code(token: str) -> bool:
    """A word on an order line that could be a part number: letters and digits, 4+ chars."""
    t = norm_code(token)
    return len(t) >= 4 and any(c.isdigit() for c in t) and (
        any(c.isalpha() for c in t) or len(t) >= 5)


# --- company names ---------------------------------------------------------

LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "corp",
    "corporation", "co", "company", "gmbh", "ag", "kg", "ohg", "ug", "mbh", "se",
    "sa", "sarl", "sas", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty",
    "pte", "kk", "sp", "zoo", "sro", "kft", "the",
})
_WORD = re.compile(r"[a-z0-9]+")


def norm_company(name: str) -> str:
    """'The ACME Industrial Supply, Inc.' -> 'acme industrial supply'."""
    text = fold(name).replace("&", " and ").replace("+", " and ")
    words = [w for w in _WORD.findall(text.replace(".", "")) if w not in LEGAL_SUFFIXES]
    return " ".join(words)


def norm_address(text: str) -> str:
    """Lower-case words of an address, common street abbreviations expanded."""
    street = {"st": "street", "str": "strasse", "rd": "road", "ave": "avenue",
              "blvd": "boulevard", "dr": "drive", "ln": "lane", "ste": "suite"}
    return " ".join(street.get(w, w) for w in _WORD.findall(fold(text).replace("ß", "ss")))
