"""Dates as people write them in emails, resolved against the day the email arrived.

"by Friday", "next Tuesday", "tomorrow", "on the 3rd", "by the 14th", "March 5",
"5th of March 2024", "05/03/2024", "2024-03-05", "in 2 weeks", "end of the month".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from extractors import confidence
from extractors.normalize import CENTURY

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
       r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d))?"
_WD = r"(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
WEEKDAY_BEFORE_DATE = 3  # characters: a weekday this close before a date ("Monday, March 11th") only names it
SHORT_WEEKDAY = 6  # characters: a shorter weekday ("sat", "wed") must be capitalised to be one
WEEKDAY_PREFIX = 3  # characters that tell the weekdays apart
PAST_DAYS = 31  # a day and month further back than this is next year's ("March 5" written in December)
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
                           r"(?P<y>(?:19|20)?\d\d)\b")),
    ("numeric_short", re.compile(r"(?<![\d/.])(?P<a>[01]?\d|[0-3]\d)/(?P<b>[0-3]?\d)(?![\d/])|"
                                 r"(?<![\d.])(?P<c>[0-3]?\d)\.(?P<d>[01]?\d)\.(?![\d])")),
    ("month_day", re.compile(rf"\b{_MON}\s+{_DAY}\b{_YEAR}", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b{_YEAR}", re.I)),
    ("weekday", re.compile(rf"\b(?P<rel>next|this|coming)?\s*{_WD}\b", re.I)),
    ("ordinal", re.compile(r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z]{3})"
                           r"(?!\s+(?:floor|shift|party|quarter|time|item|line|row|box|option|page))",
                           re.I)),
    ("relative", re.compile(r"\b(?P<word>today|tomorrow|end of (?:the )?(?:week|month)|"
                            r"(?:in|within)\s+(?P<n>\d+|a|an|one|two|three|four|five|six|seven|"
                            r"eight|nine|ten)\s+(?:business\s+|working\s+)?(?P<unit>days?|weeks?))\b",
                            re.I)),
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
    for rule, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(rule, m, today, received is not None)
            if resolved is None:
                continue
            value, conf = resolved
            if not _plausible(rule, m):
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found.append(DateMention(start, m.end(), text[start:m.end()], value, conf, rule))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    # "Monday, March 11th": the weekday only names the explicit date after it.
    return [d for i, d in enumerate(found) if not (
        d.rule == "weekday" and i + 1 < len(found) and found[i + 1].rule != "weekday"
        and 0 <= found[i + 1].start - d.end <= WEEKDAY_BEFORE_DATE)]


def _plausible(rule: str, m: re.Match) -> bool:
    """Words that are only sometimes dates: 'may 2', 'sat' must be written as names;
    '1/2' before 'inch' is a size."""
    if rule == "numeric_short":
        return not re.match(r"\s*(\"|''|in\b|inch|mm|cm|ft|'|-?\s*(x|pcs|pieces|units)\b)",
                            m.string[m.end():], re.I)
    if rule in ("month_day", "day_month") and m["mon"].lower() == "may":
        return m["mon"][0].isupper()
    if rule == "weekday" and len(m["wd"]) < SHORT_WEEKDAY and not m["wd"][0].isupper():
        return m["wd"].lower() in WEEKDAYS or m.group(0).lower().rstrip().endswith("day")
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
            month, day = MONTHS[m["mon"].lower().rstrip(".")], int(m["day"])
            if m["year"]:
                return date(int(m["year"]), month, day), confidence.WRITTEN_DATE
            return _next_month_day(month, day, today), (
                confidence.WRITTEN_DATE_NO_YEAR if anchored else confidence.WRITTEN_DATE_NO_YEAR_UNANCHORED)
        if rule == "weekday":
            return _weekday(m["wd"].lower(), (m["rel"] or "").lower(), today), (
                confidence.WEEKDAY if anchored else confidence.WEEKDAY_UNANCHORED)
        if rule == "ordinal":
            return _next_day_of_month(int(m["day"]), today), (
                confidence.DAY_OF_MONTH if anchored else confidence.DAY_OF_MONTH_UNANCHORED)
        if rule == "relative":
            return _relative(m, today), (
                confidence.RELATIVE_DATE if anchored else confidence.RELATIVE_DATE_UNANCHORED)
    except (ValueError, KeyError):
        return None
    return None


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


def _weekday(name: str, rel: str, today: date) -> date:
    target = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(name[:WEEKDAY_PREFIX]))
    ahead = (target - today.weekday()) % 7 or 7
    result = today + timedelta(days=ahead)
    if rel == "next" and (result - today).days < 7 and result.isocalendar()[1] == \
            today.isocalendar()[1]:
        result += timedelta(days=7)  # "next Friday" said on Monday: Friday of next week
    return result


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
        return today + timedelta(days=(calendar.FRIDAY - today.weekday()) % 7)
    if word.startswith("end"):
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
