"""How documents print dates, numbers, money and amounts in words, in seven
languages. Every formatter is a pure function of the value and a style name,
so the truth (ISO date, decimal string) and the printed text never disagree."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "fi": (
        "tammikuuta",
        "helmikuuta",
        "maaliskuuta",
        "huhtikuuta",
        "toukokuuta",
        "kesäkuuta",
        "heinäkuuta",
        "elokuuta",
        "syyskuuta",
        "lokakuuta",
        "marraskuuta",
        "joulukuuta",
    ),
}
WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "it": ("lun", "mar", "mer", "gio", "ven", "sab", "dom"),
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
}
EN_WEEKDAYS_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Date styles by the order of day and month they imply: a document uses one family only.
US_DATES = ("us", "us_short", "us_2y", "iso", "long_us", "dmon", "dmon_up", "wd_long_us", "ymd_slash")
EU_DATES = (
    "eu_dot",
    "eu_dot_short",
    "eu_dot_2y",
    "eu_slash",
    "eu_slash_2y",
    "eu_dash",
    "iso",
    "dmon",
    "dmon_up",
    "dmon_2y",
    "dmon_space",
    "long",
    "wd_eu_dot",
    "ymd_slash",
)


def fmt_date(d: date, style: str, lang: str = "en") -> str:
    """`d` printed in `style` ('long' and weekday styles use the language's words)."""
    mon3 = MONTHS["en"][d.month - 1][:3]
    simple = {
        "iso": d.isoformat(),
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "us_short": f"{d.month}/{d.day}/{d.year % 100:02d}",
        "us_2y": f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
        "eu_dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "eu_dot_short": f"{d.day}.{d.month}.{d.year}",
        "eu_dot_2y": f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        "eu_slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "eu_slash_2y": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "eu_dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "dmon": f"{d.day:02d}-{mon3}-{d.year}",
        "dmon_up": f"{d.day:02d}-{mon3.upper()}-{d.year}",
        "dmon_2y": f"{d.day:02d}-{mon3}-{d.year % 100:02d}",
        "dmon_space": f"{d.day} {MONTHS[lang][d.month - 1][:3].capitalize()} {d.year}",
        "ymd_slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
        "long_us": f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}",
        "wd_long_us": f"{EN_WEEKDAYS_LONG[d.weekday()]}, {MONTHS['en'][d.month - 1]} {d.day}, {d.year}",
    }
    if style in simple:
        return simple[style]
    if style == "long":
        month = MONTHS[lang][d.month - 1]
        return {
            "de": f"{d.day}. {month} {d.year}",
            "fi": f"{d.day}. {month} {d.year}",
            "es": f"{d.day} de {month} de {d.year}",
        }.get(lang, f"{d.day} {month} {d.year}")
    if style == "wd_eu_dot":
        return f"{WEEKDAYS[lang][d.weekday()]} {d.day:02d}.{d.month:02d}.{d.year}"
    raise ValueError(style)


# Number styles: (group separator, decimal separator, Indian grouping)
NUMBER_STYLES = {
    "en": (",", ".", False),
    "de": (".", ",", False),
    "fr": (" ", ",", False),
    "ch": ("'", ".", False),
    "in": (",", ".", True),
    "plain": ("", ".", False),
    "plain_comma": ("", ",", False),
}


def _groups(digits: str, indian: bool) -> list[str]:
    if not indian or len(digits) <= 3:
        return [digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)][::-1]
    head, tail = digits[:-3], digits[-3:]
    return [head[max(0, i - 2) : i] for i in range(len(head), 0, -2)][::-1] + [tail]


def fmt_number(x: Decimal, style: str, places: int = 2) -> str:
    """`x` with `places` decimals: 1,234.56 | 1.234,56 | 1 234,56 | 1'234.56 | 1,23,456.00 | 1234.56"""
    group, point, indian = NUMBER_STYLES[style]
    q = Decimal(1).scaleb(-places)
    s = f"{abs(x).quantize(q, ROUND_HALF_UP):f}"
    whole, _, frac = s.partition(".")
    out = group.join(_groups(whole, indian)) + (point + frac if places else "")
    return ("-" if x < 0 else "") + out


def places_of(x: Decimal, least: int = 2) -> int:
    """Decimals needed to print `x` exactly, at least `least` (unit prices like 4.9501)."""
    exp = -x.normalize().as_tuple().exponent
    return max(least, exp if isinstance(exp, int) else least)


# ---- amounts in words -------------------------------------------------------------------
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _en_below_1000(n: int) -> str:
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n or not words:
        words.append(_ONES[n])
    return " ".join(words)


def en_words(n: int, indian: bool = False) -> str:
    """A whole number in English words, in the international or the Indian (lakh, crore) system."""
    if n == 0:
        return "zero"
    scales = (
        ((10**7, "crore"), (10**5, "lakh"), (1000, "thousand"))
        if indian
        else ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
    )
    parts = []
    for size, name in scales:
        if n >= size:
            parts.append(f"{en_words(n // size, indian) if n // size >= 1000 else _en_below_1000(n // size)} {name}")
            n %= size
    if n:
        parts.append(_en_below_1000(n))
    return " ".join(parts)


_DE_ONES = [
    "null",
    "ein",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
]
_DE_TENS = ["_", "_", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _de_below_1000(n: int) -> str:
    out = ""
    if n >= 100:
        out += _DE_ONES[n // 100] + "hundert"
        n %= 100
    if n >= 20:
        out += (_DE_ONES[n % 10] + "und" if n % 10 else "") + _DE_TENS[n // 10]
    elif n:
        out += _DE_ONES[n]
    return out


def de_words(n: int) -> str:
    """A whole number in German words, written as one word below a million."""
    if n == 0:
        return "null"
    out = ""
    if n >= 10**6:
        m = n // 10**6
        out += "eine Million " if m == 1 else f"{de_words(m)} Millionen "
        n %= 10**6
    if n >= 1000:
        out += _de_below_1000(n // 1000) + "tausend"
        n %= 1000
    return (out + _de_below_1000(n)).strip()


CURRENCY_WORDS = {
    "USD": ("dollars", "cents"),
    "EUR": ("euros", "cents"),
    "GBP": ("pounds", "pence"),
    "INR": ("rupees", "paise"),
    "CAD": ("Canadian dollars", "cents"),
    "AUD": ("Australian dollars", "cents"),
    "CHF": ("Swiss francs", "centimes"),
    "MXN": ("pesos", "centavos"),
    "SEK": ("kronor", "öre"),
}


def amount_in_words(x: Decimal, currency: str, style: str) -> str:
    """'en' One thousand ... and 56/100 | 'en_cur' ... DOLLARS AND 56 CENTS | 'in' RUPEES ... ONLY | 'de'"""
    whole = int(x)
    cents = int((x - whole) * 100)
    if style == "in":
        main, sub = CURRENCY_WORDS.get(currency, ("rupees", "paise"))
        s = f"{main} {en_words(whole, True)}" + (f" and {en_words(cents)} {sub}" if cents else "") + " only"
        return s.upper()
    if style == "de":
        return f"{de_words(whole)} {currency} {cents:02d}/100"
    if style == "en_cur":
        main, sub = CURRENCY_WORDS.get(currency, (currency, "cents"))
        return f"{en_words(whole)} {main} and {cents:02d} {sub}".upper()
    text = f"{en_words(whole)} and {cents:02d}/100"
    return text[0].upper() + text[1:]
