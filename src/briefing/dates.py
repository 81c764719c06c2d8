"""Pure date helpers: find date expressions in text and resolve them against a publication date.

Every result carries its precision (day, week, month or year) so that "last November" is never
promoted to a made-up day. Ambiguous expressions resolve to nothing rather than to a guess.
Written with regexes on purpose: the vocabulary of news dates is small, and a general parser
(dateparser) happily turns "May" or "March" into dates.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month", "year")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass(frozen=True, order=True)
class When:
    """A date known to some precision; for a week, `date` is the Monday of that week."""

    date: dt.date
    precision: str

    def iso(self) -> str:
        if self.precision in ("day", "week"):
            return self.date.isoformat()
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"

    def describe(self) -> str:
        """Human wording for bases and reports: 'June 22, 2015', 'June 2014', '2006'."""
        if self.precision in ("day", "week"):
            text = f"{MONTH_NAMES[self.date.month - 1]} {self.date.day}, {self.date.year}"
            return f"week of {text}" if self.precision == "week" else text
        if self.precision == "month":
            return f"{MONTH_NAMES[self.date.month - 1]} {self.date.year}"
        return str(self.date.year)


Span = tuple[int, int, When]

# --- vocabulary -------------------------------------------------------------------------------
# Spelled out rather than taken from `calendar`, whose names follow the process locale.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FULL_MONTHS = list(MONTH_NAMES)
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
_MONTH_NUMBER.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)})
_MONTH_NUMBER["sept"] = 9
_WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12, "couple of": 2, "few": 3}


def _names(words: list[str]) -> str:
    """Capitalised or all-caps forms only: lower-case 'may' and 'march' are verbs."""
    forms = sorted({w for word in words for w in (word, word.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(forms) + ")"


_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
FULL_MONTH = _names(_FULL_MONTHS)
ANY_MONTH = "(?:" + FULL_MONTH + "|" + _names(_ABBR) + r"\.?)"
WEEKDAY = _names(list(WEEKDAY_NAMES))
DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<y>(?:19|20)\d\d)"
_LEAD_WEEKDAY = r"(?:" + WEEKDAY + r",?\s+)?"
_NUM = r"(?P<n>\d{1,2}|(?i:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + "))"   # ("Five years ago")
# Words after which a bare year is a date ("in 2015", "since 2012", "mid-2016").
_CUE = r"(?i:\b(?:in|since|of|by|until|till|from|during|through|throughout|before|after|" \
       r"early|late|mid|between|and|summer|spring|autumn|fall|winter)\b)[\s-]+"
# ... and a bare month name ("in January", "since November"). Not "by June" or "until March":
# those are usually deadlines ahead, and a month name alone cannot say which year they mean.
_MONTH_CUE = r"(?i:\b(?:in|since|from|during|through|throughout|of|between|and)\b)\s+"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- calendar arithmetic ----------------------------------------------------------------------
def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def cover(start: dt.date, end: dt.date) -> When | None:
    """The finest When that contains both days (None when they lie in different years)."""
    if start == end:
        return When(start, "day")
    if _monday(start) == _monday(end):
        return When(_monday(start), "week")
    if (start.year, start.month) == (end.year, end.month):
        return When(start.replace(day=1), "month")
    if start.year == end.year:
        return When(dt.date(start.year, 1, 1), "year")
    return None


def _month_when(year: int, month: int) -> When:
    return When(dt.date(year, month, 1), "month")


def _year_when(year: int) -> When:
    return When(dt.date(year, 1, 1), "year")


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _fine_enough(anchor: When | None, needed: str) -> bool:
    """Relative expressions need an anchor at least as precise as what they name."""
    return anchor is not None and _RANK[anchor.precision] <= _RANK[needed]


def _month_in_past(anchor: When, month: int, strictly: bool) -> When:
    """The most recent `month` on or before (strictly: before) the anchor's month."""
    year = anchor.date.year
    if month > anchor.date.month or (strictly and month == anchor.date.month):
        year -= 1
    return _month_when(year, month)


def _weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


# --- absolute expressions ---------------------------------------------------------------------
Resolver = Callable[["re.Match[str]", "When | None"], "When | None"]


def _abs_day(m: re.Match[str], _: When | None) -> When | None:
    day = _day(int(m["y"]), _month(m["mon"]), int(m["d"]))
    return When(day, "day") if day else None


def _iso_day(m: re.Match[str], _: When | None) -> When | None:
    day = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    return When(day, "day") if day else None


def _abs_month(m: re.Match[str], _: When | None) -> When | None:
    return _month_when(int(m["y"]), _month(m["mon"]))


def _iso_month(m: re.Match[str], _: When | None) -> When | None:
    month = int(m["m"])
    return _month_when(int(m["y"]), month) if 1 <= month <= 12 else None


def _abs_year(m: re.Match[str], _: When | None) -> When | None:
    return _year_when(int(m["y"]))


_MON = r"(?P<mon>" + ANY_MONTH + ")"
ABSOLUTE: list[tuple[re.Pattern[str], Resolver]] = [
    (_rx(r"\b" + YEAR + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso_day),
    (_rx(r"\b" + _LEAD_WEEKDAY + _MON + r"\s+" + DAY + r",?\s+" + YEAR + r"\b"), _abs_day),
    (_rx(r"\b" + _LEAD_WEEKDAY + DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + YEAR + r"\b"),
     _abs_day),
    (_rx(r"\b" + _MON + r",?\s+" + YEAR + r"\b"), _abs_month),
    # "2006–08": the span names a range; its start is what we can date.
    (_rx(r"\b" + YEAR + r"\s?[–—-]\s?(?:\d\d|(?:19|20)\d\d)\b"), _abs_year),
    (_rx(_CUE + YEAR + r"\b(?!\s?[–—-]\d|,\d)"), _abs_year),
    # A year in brackets, as in "the Paris attacks (2015)": not "2000 fighters".
    (_rx(r"(?<=\()" + YEAR + r"(?=\))"), _abs_year),
]


# --- relative expressions ---------------------------------------------------------------------
def _rel_month_day(m: re.Match[str], anchor: When | None) -> When | None:
    if not _fine_enough(anchor, "year") or anchor is None:
        return None
    month, day_no = _month(m["mon"]), int(m["d"])
    day = _day(anchor.date.year, month, day_no)
    if anchor.precision != "year" and (day is None or day > _last_day_of(anchor)):
        day = _day(anchor.date.year - 1, month, day_no)
    return When(day, "day") if day else None


def _last_day_of(anchor: When) -> dt.date:
    """The latest day the anchor can stand for: a month anchor may be any day of its month."""
    if anchor.precision == "week":
        return anchor.date + dt.timedelta(days=6)
    if anchor.precision == "month":
        last = calendar.monthrange(anchor.date.year, anchor.date.month)[1]
        return anchor.date.replace(day=last)
    return anchor.date


def _rel_month_of_year(m: re.Match[str], anchor: When | None) -> When | None:
    if not _fine_enough(anchor, "year") or anchor is None:
        return None
    year = anchor.date.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    if m["d"] or m["d2"]:
        try:
            return When(dt.date(year, _month(m["mon"]), int(m["d"] or m["d2"])), "day")
        except ValueError:
            return None
    return _month_when(year, _month(m["mon"]))


def _rel_month(m: re.Match[str], anchor: When | None) -> When | None:
    if not _fine_enough(anchor, "month") or anchor is None:
        return None
    month = _month(m["mon"])
    rel = (m["rel"] or "").lower()
    if rel == "next":
        year = anchor.date.year + (1 if month <= anchor.date.month else 0)
        return _month_when(year, month)
    if rel == "this":
        return _month_when(anchor.date.year, month)
    return _month_in_past(anchor, month, strictly=rel == "last")


def _rel_period(m: re.Match[str], anchor: When | None) -> When | None:
    """this/last/next week|month|year, earlier/later this month|year."""
    unit, rel = m["unit"].lower(), m["rel"].lower()
    if not _fine_enough(anchor, unit) or anchor is None:
        return None
    step = {"": 0, "this": 0, "last": -1, "past": -1, "next": 1}[rel]
    if unit == "week":
        return When(_monday(anchor.date) + dt.timedelta(weeks=step), "week")
    if unit == "month":
        return When(_add_months(anchor.date.replace(day=1), step), "month")
    return _year_when(anchor.date.year + step)


def _rel_span(m: re.Match[str], anchor: When | None) -> When | None:
    """'in the past two days', 'over the last three weeks': the finest When covering the span."""
    if not _fine_enough(anchor, "day") or anchor is None:
        return None
    count = _count(m["n"]) if m["n"] else 1
    unit = m["unit"].lower().rstrip("s")
    end = anchor.date
    if unit == "day":
        start = end - dt.timedelta(days=count)
    elif unit == "week":
        start = end - dt.timedelta(weeks=count)
    elif unit == "month":
        start = _add_months(end, -count)
    else:
        start = _day(end.year - count, end.month, min(end.day, 28)) or end
    return cover(start, end)


def _rel_ago(m: re.Match[str], anchor: When | None) -> When | None:
    """'two days ago' is a day, 'three weeks ago' a week, 'two months ago' a month."""
    unit = m["unit"].lower().rstrip("s")
    if not _fine_enough(anchor, unit) or anchor is None:
        return None
    count = _count(m["n"])
    if unit == "day":
        return When(anchor.date - dt.timedelta(days=count), "day")
    if unit == "week":
        return When(_monday(anchor.date - dt.timedelta(weeks=count)), "week")
    if unit == "month":
        return When(_add_months(anchor.date.replace(day=1), -count), "month")
    return _year_when(anchor.date.year - count)


def _count(word: str) -> int:
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _rel_weekday(m: re.Match[str], anchor: When | None) -> When | None:
    if not _fine_enough(anchor, "day") or anchor is None:
        return None
    weekday = _WEEKDAY_NUMBER[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    if rel == "last":  # the one in the previous calendar week (weeks start on Monday)
        return When(_monday(anchor.date) - dt.timedelta(days=7 - weekday), "day")
    if rel == "next":
        return When(anchor.date + dt.timedelta(days=(weekday - anchor.date.weekday() - 1) % 7 + 1),
                    "day")
    return When(_weekday_on_or_before(anchor.date, weekday), "day")


def _rel_day(m: re.Match[str], anchor: When | None) -> When | None:
    if not _fine_enough(anchor, "day") or anchor is None:
        return None
    offset = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2}[re.sub(r"\s+", " ", m[0].lower())]
    return When(anchor.date + dt.timedelta(days=offset), "day")


_UNIT = r"(?P<unit>(?i:days?|weeks?|months?|years?))"
_OF_YEAR = r"(?!\s+(?i:of\s+)?(?i:last|this|next)\s+(?i:year)\b)"   # ("5 October last year": the rule below)
RELATIVE: list[tuple[re.Pattern[str], Resolver]] = [
    (_rx(r"\b" + _LEAD_WEEKDAY + _MON + r"\s+" + DAY + r"\b(?!\s?,?\s?\d)(?!:)" + _OF_YEAR), _rel_month_day),
    (_rx(r"\b" + DAY + r"\s+(?:of\s+)?" + _MON + r"\b(?!\s?,?\s?\d)" + _OF_YEAR), _rel_month_day),
    # "in October last year", "on 5 October last year" (written the day after an October: not this October)
    (_rx(r"(?:\b(?i:early|mid|late)[\s-]+)?\b(?:" + DAY + r"\s+(?:of\s+)?)?(?P<mon>" + FULL_MONTH + r")"
         r"(?:\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?)?\s+(?i:of\s+)?(?P<rel>(?i:last|this|next))\s+(?i:year)\b"),
     _rel_month_of_year),
    (_rx(r"(?i:\b(?:in|over|during|for)\s+the\s+(?:past|last)\s+)(?:" + _NUM + r"\s+)?" + _UNIT
         + r"\b"), _rel_span),
    (_rx(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?i:ago)\b"), _rel_ago),
    (_rx(r"(?i:\b(?:(?:earlier|later)\s+)?(?P<rel>this|last|next|past)\s+)"
         r"(?P<unit>(?i:week|month|year))\b"), _rel_period),
    (_rx(r"(?i:\b(?:beginning|start|end)\s+of\s+the\s+)(?P<unit>(?i:week|month|year))\b"
         r"(?P<rel>)"), _rel_period),
    (_rx(r"(?i:\b(?P<rel>last|this|next)\s+)(?:(?i:early|mid|late)[\s-]*)?(?P<mon>" + FULL_MONTH
         + r")\b"), _rel_month),
    (_rx(_MONTH_CUE + r"(?:(?i:early|mid|late)[\s-]+)?(?P<mon>" + FULL_MONTH + r")\b"
         r"(?P<rel>)"), _rel_month),
    (_rx(r"(?:\b(?i:early|mid|late)[\s-]+)(?P<mon>" + FULL_MONTH + r")\b(?P<rel>)"), _rel_month),
    (_rx(r"(?i:\b(?P<rel>last|next|this(?:\s+past)?|past)\s+)?\b(?P<wd>" + WEEKDAY + r")\b"),
     _rel_weekday),
    (_rx(r"(?i:\b(?:the day before yesterday|yesterday|today|tonight|tomorrow|"
         r"this (?:morning|afternoon|evening))\b)"), _rel_day),
]


Found = tuple[int, int, "re.Match[str]", "When | None"]


def _matches(text: str, anchor: When | None,
             rules: list[tuple[re.Pattern[str], Resolver]]) -> list[Found]:
    """Every rule's matches, earlier rules first; overlapping later matches are dropped.

    An expression that cannot be resolved (no anchor, impossible day) still claims its span,
    so that a shorter, wrong reading of the same words does not take its place.
    """
    found: list[Found] = []
    open_gates: dict[re.Pattern[str], bool] = {}
    for pattern, resolve in rules:
        gate = _GATE.get(pattern)
        if gate is not None:
            if gate not in open_gates:
                open_gates[gate] = gate.search(text) is not None
            if not open_gates[gate]:
                continue   # the one word every match of this rule holds is not in the text
        for m in pattern.finditer(text):
            start, end = _date_span(m)
            if any(start < e and s < end for s, e, _, _ in found):
                continue
            found.append((start, end, m, resolve(m, anchor)))
    return sorted(found, key=lambda item: item[0])


# What every match of a rule contains, as the rule itself spells it: a sentence without it is not
# searched by the rule. Rules are many and long; their gates are five short searches.
_YEAR_GATE, _MONTH_GATE, _UNIT_GATE = _rx(r"(?:19|20)\d\d"), _rx(ANY_MONTH), _rx(r"(?i:day|week|month|year)")
_GATE: dict[re.Pattern[str], re.Pattern[str]] = {
    **{pattern: _YEAR_GATE for pattern, _ in ABSOLUTE},
    **{RELATIVE[i][0]: _MONTH_GATE for i in (0, 1, 2, 7, 8, 9)},
    **{RELATIVE[i][0]: _UNIT_GATE for i in (3, 4, 5, 6)},
    RELATIVE[10][0]: _rx(WEEKDAY),
}


def _date_span(m: re.Match[str]) -> tuple[int, int]:
    """The span of the date words, without the cue ('in', 'since', 'over the') in front."""
    start = m.start()
    text = m[0]
    cue = re.match(r"(?i:(?:in|since|of|by|until|till|from|during|through|throughout|before|"
                   r"after|between|and|summer|spring|autumn|fall|winter|over|for)\s+)", text)
    if cue:
        start += cue.end()
    return start, m.end()


def find_dates(sentence: str, anchor: When | None = None) -> list[Span]:
    """Date expressions in `sentence` with their spans; relative ones need `anchor`.

    Absolute dates are tried first so that "June 22, 2017" is never read as "June 22" plus
    "2017"; without an anchor only absolute dates are returned.
    """
    return list(_find_dates(sentence, anchor))


# What every rule above needs somewhere in the sentence: most sentences have none of it, and
# thirty regular expressions cost more than this one (tests/test_dates.py checks it misses nothing).
MAYBE_DATE = re.compile(r"\d|(?i:day|week|month|year|tonight|tomorrow|morning|afternoon|evening)|"
                        + ANY_MONTH + "|" + WEEKDAY)


@functools.lru_cache(maxsize=4096)   # facts and operations ask about the same sentence
def _find_dates(sentence: str, anchor: When | None) -> tuple[Span, ...]:
    if not MAYBE_DATE.search(sentence):
        return ()
    return tuple((s, e, w) for s, e, _, w in _matches(sentence, anchor, ABSOLUTE + RELATIVE) if w)


def parse_when(text: str) -> When | None:
    """A whole string that is one absolute date: '2017-02-04', '04 February, 2017', 'June 2014'."""
    text = text.strip().strip(".").strip()
    if m := re.fullmatch(YEAR + r"(?:-(?P<m>[01]\d))?", text):
        return _iso_month(m, None) if m["m"] else _year_when(int(m["y"]))
    if m := re.fullmatch(YEAR + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?",
                         text):
        return _iso_day(m, None)
    for start, end, when in find_dates(text):
        if start == 0 and end == len(text):
            return when
    return None


# --- publication date -------------------------------------------------------------------------
_DATELINE_PREFIX = re.compile(
    r"^(?i:(?:published|first published|posted|updated|last updated|last update|update|date|released|issued|aired)"
    r"(?:\s+on)?:?\s*)")
_ZONE_SUFFIX = re.compile(r"\s+(?:\(?(?:GMT|UTC|BST|CET|CEST|EET|EEST|EDT|EST|AST)(?:\s*[+-]\d{1,2}(?::?\d\d)?)?\)?|[+-]\d{4})$")
_TIME_SUFFIX = re.compile(r"(?i:[\s,|–-]*(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?"
                          r"(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}|\s*(?:GMT|UTC)[+-]?\d*)?)\s*$")
_UPDATED_SUFFIX = re.compile(r"[\s,;]+(?i:(?:last\s+)?updated|last\s+update)$")
PLACE_PREFIX = re.compile(r"^(?!(?:" + "|".join(WEEKDAY_NAMES) + r")\b)[^\W\d_][\w.'’-]*(?:\s*(?:\s|/)\s*[^\W\d_][\w.'’-]*){0,3},\s+(?=\d|[A-Z][a-z]{2})")
_PLACE_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40},\s+")
CAPTION_DATE = re.compile(
    r"(?i:\b(?:screen\s?shot|screenshot|img|photo|image|pxl|dsc|vid)[\s_-]*)"
    r"(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)")
DATELINE_WINDOW = 8  # how many leading lines may hold the dateline


# the fields of a byline or date line: "Words: Jane Doe | 3rd Nov. 2016 | Reading time: 6 mins"
FIELD_SEP = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*|(?<=\S)\s{2,}(?=\S)")   # (columns copied apart by spaces)
_NUMERIC_DAY = re.compile(r"(?P<a>\d{1,2})([./-])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d\d)")
_WEEKDAY_PREFIX = re.compile(r"^(?i:(?:" + WEEKDAY + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)")


def dateline(text: str) -> When | None:
    """A line that states a date, alone or among other short fields of a byline: '04 February,
    2017', 'Posted June 24, 2015 at 10:55 am', '11 January 2016 | 7 min read', 'By J. Doe — 6/9/2017'."""
    fields = FIELD_SEP.split(text.strip())
    if len(fields) > 1 and any(len(f.split()) > 10 for f in fields):
        return None   # prose with a dash, not a byline
    for field in fields:
        field = re.sub(r"\s+(?i:by)\s+[A-Z].*$", "", _DATELINE_PREFIX.sub("", field.strip(), count=1))   # "... 2014 by Jane Doe"
        field = re.sub(r"^(?i:by)\s+[A-Z][^,|]{1,40}?\s+(?i:on)\s+", "", field)   # "Posted by Jane Doe on May 3, 2017"
        field = _WEEKDAY_PREFIX.sub("", field)   # "Tue Jul 28, 2015"
        if len(fields) == 1:   # "Paris, 16 November 2015:" (a release's place and date; not "PARIS, 3 May – The ...")
            field = PLACE_PREFIX.sub("", field).rstrip(":")
        line = _TIME_SUFFIX.sub("", _ZONE_SUFFIX.sub("", field))   # ('23.08.16' would look like a time of day)
        line = _UPDATED_SUFFIX.sub("", line)   # "23 January 2014 Last updated at 11:40 GMT": the day it was published
        when = (parse_when(line) if line else None) or _numeric_day(field) or _numeric_day(line)
        if when:
            return when
    return None


def _numeric_day(text: str) -> When | None:
    """'23.08.16', '6/9/2017' in a byline: day first, as most of the world writes it, unless only
    month first makes a date (US style, '9/26/2017')."""
    m = _NUMERIC_DAY.fullmatch(text.strip())
    if not m:
        return None
    year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
    a, b = int(m["a"]), int(m["b"])
    day = _day(year, b, a) or _day(year, a, b)
    return When(day, "day") if day else None


def _leading_dateline(text: str) -> When | None:
    """'BEIRUT, June 24, 2015 – Rebels ...': a day date opening a paragraph."""
    place = _PLACE_DATELINE.match(text)
    rest = text[place.end():] if place else text
    for start, end, when in find_dates(rest[:40]):
        follows = rest[end:end + 3].strip()
        if start == 0 and when.precision == "day" and (not follows or follows[0] in "-–—:("):
            return when
    return None


def caption_date(text: str) -> When | None:
    """The date in a screenshot or photo file name: 'Screen Shot 2015-06-24 at 10.55.00 AM'."""
    m = CAPTION_DATE.search(text)
    return _iso_day(m, None) if m else None


def infer_published(texts: list[str], stated: str | None = None,
                    stated_basis: str = "stated date") -> tuple[When | None, str]:
    """The publication date of an article and, in words, how it was found.

    `texts` are the article's lines in reading order (title, date lines, captions, body); reader
    comments must not be among them. Tried in turn: the stated date (front matter, HTML
    metadata), a dateline near the top, a dated screenshot caption, and finally the latest
    date in the text moved forward by the weekdays the text mentions ("on Tuesday").
    """
    if stated and str(stated).strip():
        when = parse_when(str(stated))
        if when:
            return when, f"{stated_basis} ({str(stated).strip()})"
    for text in texts[:DATELINE_WINDOW]:
        when = dateline(text) or _leading_dateline(text)
        if when:
            return when, f"dateline ({text.strip()})"
    captions = [(w, t.strip()) for t in texts if (w := caption_date(t))]
    if captions:
        when, text = max(captions)
        return when, f"image caption ({text})"
    return _from_latest_date(texts)


@dataclass(frozen=True)
class _MonthDay:
    month: int
    day: int
    text: str
    year: int | None = None

    def on(self, year: int) -> dt.date | None:
        return _day(year, self.month, self.day)


_YEARLESS = {p for p, _ in RELATIVE[:2]}
_PLAIN_WEEKDAY = re.compile(r"(?i:\b(?P<rel>last|next)\s+)?(?:(?i:on)\s+)?\b(?P<wd>" + WEEKDAY
                            + r")\b")


def _day_mentions(texts: list[str]) -> tuple[list[_MonthDay], list[When]]:
    """Day-level dates (with or without a year) and every absolute When in the texts."""
    days: list[_MonthDay] = []
    absolute: list[When] = []
    for text in texts:
        for start, end, m, when in _matches(text, None, ABSOLUTE + RELATIVE[:2]):
            words = text[start:end]
            if when is not None:
                absolute.append(when)
                if when.precision == "day":
                    days.append(_MonthDay(when.date.month, when.date.day, words, when.date.year))
            elif m.re in _YEARLESS and _day(2000, _month(m["mon"]), int(m["d"])):
                # 2000 is a leap year: February 29 without a year is still a real day
                days.append(_MonthDay(_month(m["mon"]), int(m["d"]), words))
    return days, absolute


def _weekday_mentions(texts: list[str]) -> list[tuple[int, str]]:
    """Weekdays named without 'last'/'next' ('on Tuesday', "Monday's report"), text order."""
    found: list[tuple[int, str]] = []
    for text in texts:
        for m in _PLAIN_WEEKDAY.finditer(text):
            if not m["rel"]:
                found.append((_WEEKDAY_NUMBER[m["wd"].lower()], m[0]))
    return found


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _from_latest_date(texts: list[str]) -> tuple[When | None, str]:
    days, absolute = _day_mentions(texts)
    fine_years = [w.date.year for w in absolute if w.precision in ("day", "month")]
    if not days:
        if absolute:
            return None, (f"unknown: no day is named in the text; the latest date it gives is "
                          f"{max(absolute).describe()}, which only bounds it from below")
        return None, "unknown: the text names no date with a year"
    hint = max(fine_years) if fine_years else None  # for days given without a year
    latest = max(days, key=lambda d: (d.year or hint or 0, d.month, d.day))
    weekdays = _weekday_mentions(texts)
    year = latest.year or hint
    latest_words = latest.text if latest.year or not year else f"{latest.text}, {year}"
    if not weekdays:
        return None, (f"unknown: the latest date in the text is {latest_words}; "
                      "nothing after it fixes the day of publication")
    if year is None:
        names = _and(list(dict.fromkeys(WEEKDAY_NAMES[wd] for wd, _ in weekdays)))
        return None, (f"unknown: the latest date in the text is {latest.text} and it mentions "
                      f"{names} after it, but it names no year, so the day cannot be fixed")
    start = latest.on(year)
    if start is None:
        return None, f"unknown: {latest_words} is not a real day"
    candidates = [(start + dt.timedelta(days=(wd - start.weekday()) % 7), words)
                  for wd, words in weekdays]
    day, words = max(candidates)
    borrowed = "" if latest.year else f"; year {year} is the latest year given with a date"
    return When(day, "day"), (f"latest date in the text ({latest.text}) and "
                              f"'{words}' after it{borrowed}")
