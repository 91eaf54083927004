"""Dates as people write them in emails, resolved against the email's own date (its Date header,
never the day it is processed).

"by Friday", "next Tuesday", "tomorrow", "by the 14th", "March 5", "5th of March 2024",
"05/03/2024", "2024-03-05", "in 2 weeks", "end of next week", and in other languages
"viernes 11 de diciembre", "Freitag, 27. November", "mardi 1er décembre", "mañana", "übermorgen".
Month and weekday names come from babel's locale data; a span with a month name, and the
relative words of other languages, are parsed by dateparser. A weekday written with a date
("Friday 11/13", "viernes 13") says which reading, and which year, is meant.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from extractors import confidence
from extractors.normalize import CENTURY

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")  # month and weekday names are read in these
WEEKDAY_BEFORE_DATE = 3  # characters: a weekday this close before a date ("Monday, March 11th") only names it
PAST_DAYS = 31  # a day and month further back than this is next year's ("March 5" written in December)
WEEKDAY_YEARS = 2  # a weekday-checked date without a year is looked for this many years ahead
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
ABBREVIATED_IN = ("en", "de", "fr", "es", "nl")  # month abbreviations read in these languages only
NOT_MONTHS = {"out", "set"}  # abbreviations (pt, it) that are English words ("4 out of 5")
EN_WEEKDAY_ABBR = ("mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Month names (wide and abbreviated) -> 1..12 and weekday names -> 0..6 (Monday 0), folded."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, int] = {"sept": 9}
    weekdays: dict[str, int] = {}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=lang).items():
                folded = _fold(name.rstrip("."))
                if len(folded) >= 3 and (width == "wide" or lang in ABBREVIATED_IN) and folded not in NOT_MONTHS:
                    months.setdefault(folded, number)
        for number, name in get_day_names("wide", locale=lang).items():
            weekdays.setdefault(_fold(name), number)
    for i, abbr in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
        for name in EN_WEEKDAY_ABBR:
            if name.startswith(abbr):
                weekdays[name] = i
    return months, weekdays


def _alternation(names) -> str:
    """A regex alternation of names, accents optional, longest first."""
    def loose(name: str) -> str:
        return "".join(f"[{c}{_accented(c)}]" if _accented(c) else re.escape(c) for c in name)
    return "|".join(loose(n) for n in sorted(names, key=len, reverse=True))


def _accented(c: str) -> str:
    return {"a": "àáâäã", "e": "éèêë", "i": "íìîï", "o": "óòôöõ", "u": "úùûü", "c": "ç", "n": "ñ"}.get(c, "")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    months, weekdays = _names()
    mon = rf"(?P<mon>{_alternation(months)})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|º|°|\.)?"
    year = r"(?:,?[\s-]*(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d))?"
    wd = rf"(?P<wd>{_alternation(weekdays)})"
    rel = (r"(?P<rel>next|this|coming|n[äa]chsten?|kommenden?|diesen?|prochain|ce|el\s+pr[óo]ximo|"
           r"este|pr[óo]ximo)")
    return [
        ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b")),
        ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
                               r"(?P<y>(?:19|20)?\d\d)\b")),
        ("day_month", re.compile(rf"(?<![\w.,/-]){day}[\s-]*(?:of\s+|de\s+|-)?{mon}(?![^\W\d_]){year}",
                                 re.I)),
        ("month_day", re.compile(rf"\b{mon}(?![^\W\d_])\s*{day}(?![\d:]){year}", re.I)),
        ("numeric_short", re.compile(r"(?<![\d/.])(?P<a>[01]?\d|[0-3]\d)/(?P<b>[0-3]?\d)(?![\d/])|"
                                     r"(?<![\d.])(?P<c>[0-3]?\d)\.(?P<d>[01]?\d)\.(?![\d])")),
        ("weekday_day", re.compile(rf"\b{wd}\b,?\s+(?:the\s+|den\s+|le\s+|el\s+)?"
                                   rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|\.)?(?![\w/.:-]|\.\d)", re.I)),
        ("weekday", re.compile(rf"\b(?:{rel}\s+)?{wd}\b(?:\s+(?P<after>prochain|pr[óo]ximo|que\s+viene))?",
                               re.I)),
        ("ordinal", re.compile(r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z]{3})"
                               r"(?!\s+(?:floor|shift|party|quarter|time|item|line|row|box|option|page))",
                               re.I)),
        # "para el día 15", "pour le 15", "bis zum 15.": a day of the month in the other languages
        ("ordinal", re.compile(r"\b(?:el\s+d[íi]a|para\s+el|pour\s+le|avant\s+le|d'ici\s+le|zum|am)\s+"
                               r"(?P<day>[0-3]?\d)(?:\.|er|º)?(?![\w/.:,]|\s*(?:[./]\d|%|h\b|uhr|[a-z]{2,}))",
                               re.I)),
        ("relative", re.compile(
            r"\b(?P<word>today|tomorrow|end of (?:the |next )?(?:week|month)|"
            r"(?:in|within)\s+(?P<n>\d+|a|an|one|two|three|four|five|six|seven|"
            r"eight|nine|ten)\s+(?:business\s+|working\s+)?(?P<unit>days?|weeks?))\b", re.I)),
        ("relative_words", re.compile(r"\b(?P<word>heute|morgen|übermorgen|aujourd'hui|demain|"
                                      r"après-demain|hoy|mañana|pasado mañana|oggi|domani)\b")),
    ]


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date
    confidence: float
    rule: str


def find_dates(text: str, received: date | None = None) -> list[DateMention]:
    """Every date expression in the text that resolves to a calendar date, in order."""
    today = received or date.today()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in _patterns():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken) or not _plausible(rule, m):
                continue
            resolved = _resolve(rule, m, today, received is not None)
            if resolved is None:
                continue
            value, conf = resolved
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found.append(DateMention(start, m.end(), text[start:m.end()], value, conf, rule))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return _merge_weekdays(text, found, today)


def _merge_weekdays(text: str, found: list[DateMention], today: date) -> list[DateMention]:
    """'Friday 11/13', 'Monday, March 11th', 'viernes 11 de diciembre': the weekday before a date
    names it; when it fits one reading (or one year) only, that reading is taken."""
    out: list[DateMention] = []
    skip = False
    for i, d in enumerate(found):
        if skip:
            skip = False
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if d.rule == "weekday" and nxt is not None and nxt.rule != "weekday" and \
                0 <= nxt.start - d.end <= WEEKDAY_BEFORE_DATE:
            weekday = _names()[1].get(_fold(re.sub(r"^\S+\s+", "", d.text) if " " in d.text else d.text))
            value, conf = nxt.value, nxt.confidence
            if weekday is not None:
                value, conf = _fit_weekday(text[nxt.start:nxt.end], nxt, weekday, today)
            out.append(DateMention(d.start, nxt.end, text[d.start:nxt.end], value, conf, nxt.rule))
            skip = True
            continue
        out.append(d)
    return out


def _fit_weekday(span: str, d: DateMention, weekday: int, today: date) -> tuple[date, float]:
    if d.value.weekday() == weekday:
        return d.value, max(d.confidence, confidence.WEEKDAY_CHECKED_DATE)
    options = _readings(span, d, today)
    fitting = [o for o in options if o.weekday() == weekday]
    if fitting:
        return min(fitting, key=lambda o: abs((o - today).days)), confidence.WEEKDAY_CHECKED_DATE
    return d.value, d.confidence * confidence.WEEKDAY_MISMATCH


def _readings(span: str, d: DateMention, today: date) -> list[date]:
    """Other dates the same span could mean: day and month swapped, or another year."""
    options = []
    has_year = re.search(r"(?:19|20)\d\d\b", span) is not None
    years = [d.value.year] if has_year else [today.year + k for k in range(-1, WEEKDAY_YEARS)]
    for y in years:
        for month, day in ((d.value.month, d.value.day), (d.value.day, d.value.month)):
            try:
                candidate = date(y, month, day)
            except ValueError:
                continue
            if has_year or candidate >= today - timedelta(days=PAST_DAYS):
                options.append(candidate)
    return options


def _plausible(rule: str, m: re.Match) -> bool:
    """Words that are only sometimes dates: 'may 2', 'sat' must be written as names (capitalised);
    '1/2' before 'inch' is a size."""
    if rule == "numeric_short":
        return not re.match(r"\s*(\"|''|in\b|inch|mm|cm|ft|'|-?\s*(x|pcs|pieces|units)\b)",
                            m.string[m.end():], re.I)
    if rule in ("month_day", "day_month") and m["mon"].lower() in ("may", "mar", "ago", "mai"):
        return m["mon"][0].isupper() or m["year"] is not None
    if rule in ("weekday", "weekday_day"):
        wd = m["wd"]
        if _fold(wd) in EN_WEEKDAY_ABBR:  # "sat", "wed", "sun" are words too
            return wd[0].isupper()
    return True


def _resolve(rule: str, m: re.Match, today: date, anchored: bool) -> tuple[date, float] | None:
    try:
        if rule == "iso":
            return date(int(m["y"]), int(m["m"]), int(m["d"])), confidence.ISO_DATE
        if rule == "numeric":
            return _numeric(int(m["a"]), int(m["b"]), m["y"], m["sep"], today)
        if rule == "numeric_short":
            return _numeric_short(m, today), confidence.SHORT_NUMERIC_DATE
        if rule in ("month_day", "day_month"):
            month, day = _month_and_day(m)
            if m["year"]:
                return date(int(m["year"]), month, day), confidence.WRITTEN_DATE
            return _next_month_day(month, day, today), (
                confidence.WRITTEN_DATE_NO_YEAR if anchored else confidence.WRITTEN_DATE_NO_YEAR_UNANCHORED)
        if rule == "weekday_day":
            return _weekday_day(_names()[1][_fold(m["wd"])], int(m["day"]), today), (
                confidence.WEEKDAY_CHECKED_DATE if anchored else confidence.WEEKDAY_UNANCHORED)
        if rule == "weekday":
            rel = (m["rel"] or m["after"] or "").lower()
            return _weekday(_names()[1][_fold(m["wd"])], rel, today), (
                confidence.WEEKDAY if anchored else confidence.WEEKDAY_UNANCHORED)
        if rule == "ordinal":
            return _next_day_of_month(int(m["day"]), today), (
                confidence.DAY_OF_MONTH if anchored else confidence.DAY_OF_MONTH_UNANCHORED)
        if rule == "relative":
            return _relative(m, today), (
                confidence.RELATIVE_DATE if anchored else confidence.RELATIVE_DATE_UNANCHORED)
        if rule == "relative_words":
            value = _dateparser(m.group(0), today)
            return (value, confidence.RELATIVE_DATE if anchored else confidence.RELATIVE_DATE_UNANCHORED) \
                if value else None
    except (ValueError, KeyError):
        return None
    return None


def _month_and_day(m: re.Match) -> tuple[int, int]:
    """Month and day of '27. November', 'viernes 11 de diciembre', '1er décembre', 'Dec 18'
    (dateparser reads the span; the year is ours to decide)."""
    span = f"{int(m['day'])} {m['mon']}"
    parsed = _dateparser(span, date(2000, 1, 1))  # a leap year: 29 February parses
    if parsed is not None:
        return parsed.month, parsed.day
    return _names()[0][_fold(m["mon"])], int(m["day"])


@lru_cache(maxsize=1024)
def _dateparser(span: str, base: date) -> date | None:
    import dateparser  # language data loads on first use

    parsed = dateparser.parse(span, languages=list(LANGUAGES), settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY"})
    return parsed.date() if parsed else None


def _numeric(a: int, b: int, year: str, sep: str, today: date) -> tuple[date, float] | None:
    y = int(year) + (CENTURY if len(year) == 2 else 0)
    if a > 12 and b <= 12:
        return date(y, b, a), confidence.NUMERIC_DATE
    if b > 12 and a <= 12:
        return date(y, a, b), confidence.NUMERIC_DATE
    if sep == ".":
        return date(y, b, a), confidence.DOTTED_DATE  # dotted dates are day-first everywhere they are used
    # Ambiguous 05/03/2024: the reading nearest to the day the email came wins.
    options = []
    for month, day in ((b, a), (a, b)):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - today).days))
    return best, confidence.AMBIGUOUS_NUMERIC_DATE if len(set(options)) > 1 else confidence.NUMERIC_DATE


def _numeric_short(m: re.Match, today: date) -> date:
    """'3/22' (month first when the day is past 12, else nearest ahead) or '22.3.' (day first)."""
    if m["c"]:
        return _next_month_day(int(m["d"]), int(m["c"]), today)
    a, b = int(m["a"]), int(m["b"])
    options = []
    for month, day in ((a, b), (b, a)):
        try:
            options.append(_next_month_day(month, day, today))
        except ValueError:
            continue
    if not options:
        raise ValueError(m.group(0))
    return min(options, key=lambda d: abs((d - today).days))


def _next_month_day(month: int, day: int, today: date) -> date:
    candidate = date(today.year, month, day)
    if candidate < today - timedelta(days=PAST_DAYS):  # "March 5" written in December means next year
        candidate = date(today.year + 1, month, day)
    return candidate


def _weekday(target: int, rel: str, today: date) -> date:
    ahead = (target - today.weekday()) % 7 or 7
    result = today + timedelta(days=ahead)
    if rel.startswith(("next", "näch", "nach", "prochain", "el pr", "próx", "prox", "que")) and \
            (result - today).days < 7 and result.isocalendar()[1] == today.isocalendar()[1]:
        result += timedelta(days=7)  # "next Friday" said on Monday: Friday of next week
    return result


def _weekday_day(weekday: int, day: int, today: date) -> date:
    """'viernes 13', 'Monday the 30th': the next such day of a month that falls on that weekday."""
    year, month = today.year, today.month
    for _ in range(24):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate >= today - timedelta(days=PAST_DAYS) and candidate.weekday() == weekday:
                return candidate
        month = month % 12 + 1
        year += month == 1
    raise ValueError(day)


def _next_day_of_month(day: int, today: date) -> date:
    year, month = today.year, today.month
    if day <= today.day:
        month += 1
        if month == 13:
            year, month = year + 1, 1
    for _ in range(12):  # "the 31st" skips months that are too short
        if day <= calendar.monthrange(year, month)[1]:
            return date(year, month, day)
        month = month % 12 + 1
        year += month == 1
    raise ValueError(day)


def _relative(m: re.Match, today: date) -> date:
    word = m["word"].lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if "week" in word and word.startswith("end"):
        friday = today + timedelta(days=(calendar.FRIDAY - today.weekday()) % 7)
        return friday + timedelta(days=7) if "next" in word else friday
    if word.startswith("end"):
        if "next" in word:
            year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
    if m["unit"].lower().startswith("week"):
        return today + timedelta(weeks=n)
    if "business" in word or "working" in word:
        d = today
        while n > 0:
            d += timedelta(days=1)
            n -= d.weekday() < calendar.SATURDAY
        return d
    return today + timedelta(days=n)


def parse_header_date(raw: str) -> date | None:
    """A date as mail clients print it in a quoted header ('11 November 2026 17:48',
    'Mittwoch, 11. November 2026 17:48', 'mercredi 11 novembre 2026 17:48')."""
    if not raw.strip():
        return None
    import dateparser

    parsed = dateparser.parse(raw, languages=list(LANGUAGES), settings={"DATE_ORDER": "DMY"})
    return parsed.date() if parsed else None
