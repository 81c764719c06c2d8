"""Pure-function tests of briefing.dates: many small cases, no files."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dates import (
    When,
    caption_date,
    cover,
    dateline,
    find_dates,
    infer_published,
    parse_when,
)


def day(text: str) -> When:
    return When(dt.date.fromisoformat(text), "day")


def found(text: str, anchor: When | None = None) -> list[tuple[str, str, str]]:
    """(words, iso, precision) of every date found: easy to read in assertions."""
    return [(text[s:e], w.iso(), w.precision) for s, e, w in find_dates(text, anchor)]


def one(text: str, anchor: When | None = None) -> tuple[str, str]:
    hits = found(text, anchor)
    assert len(hits) == 1, hits
    return hits[0][1], hits[0][2]


# --- When --------------------------------------------------------------------------------------
@pytest.mark.parametrize("precision, iso", [
    ("day", "2017-02-04"), ("week", "2017-02-04"), ("month", "2017-02"), ("year", "2017")])
def test_iso_depends_on_precision(precision: str, iso: str) -> None:
    assert When(dt.date(2017, 2, 4), precision).iso() == iso


def test_when_is_a_value() -> None:
    assert day("2017-02-04") == day("2017-02-04")
    assert len({day("2017-02-04"), day("2017-02-04")}) == 1


# --- absolute dates ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, iso, precision", [
    ("It happened on June 22, 2017 near the dam.", "2017-06-22", "day"),
    ("It happened on 22 June 2017 near the dam.", "2017-06-22", "day"),
    ("04 February, 2017", "2017-02-04", "day"),
    ("on the 3rd of March, 2016", "2016-03-03", "day"),
    ("Sept. 5, 2017", "2017-09-05", "day"),
    ("Screen Shot 2015-06-24 at 10.55.00 AM", "2015-06-24", "day"),
    ("declared in June 2014, possibly", "2014-06", "month"),
    ("overrun in May 2015, only", "2015-05", "month"),
    ("The town fell in 2015.", "2015", "year"),
    ("since 2012 the group", "2012", "year"),
    ("during the troop surge in 2006–08.", "2006", "year"),
    ("the Paris attacks (2015)", "2015", "year"),
])
def test_absolute_dates(text: str, iso: str, precision: str) -> None:
    assert one(text) == (iso, precision)


def test_weekday_in_front_of_a_full_date_is_part_of_it() -> None:
    assert found("On Tuesday, August 1, 2017, the SDF said") == [
        ("Tuesday, August 1, 2017", "2017-08-01", "day")]


def test_full_date_is_not_split_into_month_day_and_year() -> None:
    anchor = day("2018-01-10")
    assert found("June 22, 2017", anchor) == [("June 22, 2017", "2017-06-22", "day")]


def test_spans_point_at_the_date_words() -> None:
    text = "The YPG says the assault began on June 22, and the RRB said so in 2015."
    assert [w for w, _, _ in found(text, day("2015-06-24"))] == ["June 22", "2015"]


@pytest.mark.parametrize("text", [
    "February 30, 2017",           # no such day
    "an estimated 2,000 fighters",
    "some 2000 fighters remain",
    "they may march on the city",  # lower-case month words are verbs
    "June Harlow said",            # a first name, no cue word
    "the 2015 elections",
    "For over two years now",
    "In the past, the RRB had been associated with",
])
def test_no_date(text: str) -> None:
    assert found(text, day("2017-02-04")) == []


# --- dates relative to the publication date ----------------------------------------------------
@pytest.mark.parametrize("text, anchor, iso, precision", [
    # month and day: the anchor's year unless that would be after the anchor
    ("began on June 22, and", "2015-06-24", "2015-06-22", "day"),
    ("began on June 30, and", "2015-06-24", "2014-06-30", "day"),
    ("on 22 June the", "2015-06-24", "2015-06-22", "day"),
    # (a month of last year, written the day after that month came round again)
    ("in October last year", "2017-10-17", "2016-10", "month"),
    ("on 5 October last year", "2017-10-17", "2016-10-05", "day"),
    ("on October 5 last year", "2017-10-17", "2016-10-05", "day"),
    ("in early March of next year", "2017-10-17", "2018-03", "month"),
    ("a report published on July 28.", "2017-08-01", "2017-07-28", "day"),
    ("On December 31 the", "2017-01-02", "2016-12-31", "day"),
    # month names: the most recent such month (strictly before for "last")
    ("Last November the SDF launched", "2017-02-04", "2016-11", "month"),
    ("last November", "2017-11-20", "2016-11", "month"),
    ("last June, after", "2017-02-04", "2016-06", "month"),
    ("last October ended", "2017-02-04", "2016-10", "month"),
    ("In mid-December they recaptured", "2017-02-04", "2016-12", "month"),
    ("in early November.", "2017-02-04", "2016-11", "month"),
    ("liberated in January, Iraq", "2017-07-11", "2017-01", "month"),
    ("in the city since November", "2017-07-11", "2016-11", "month"),
    ("an offensive in June.", "2017-06-20", "2017-06", "month"),
    ("next March", "2017-02-04", "2017-03", "month"),
    ("next January", "2017-02-04", "2018-01", "month"),
    # periods
    ("this month is the deadliest", "2017-02-04", "2017-02", "month"),
    ("last month", "2017-01-15", "2016-12", "month"),
    ("earlier this year.", "2015-06-24", "2015", "year"),
    ("last year", "2015-06-24", "2014", "year"),
    ("this week", "2015-06-24", "2015-06-22", "week"),
    ("last week, not weeks ago", "2015-06-24", "2015-06-15", "week"),
    ("since the beginning of the week", "2015-06-24", "2015-06-22", "week"),
    # days
    ("Today the SDF claim", "2017-02-04", "2017-02-04", "day"),
    ("yesterday", "2017-02-04", "2017-02-03", "day"),
    ("two days ago", "2017-02-04", "2017-02-02", "day"),
    ("Five years ago this weekend, fighters swept in", "2019-08-02", "2014", "year"),   # (a capital opens it)
    # weekdays: the most recent on or before the anchor; "last X" is in the previous week
    ("told Syria Direct on Tuesday.", "2017-08-01", "2017-08-01", "day"),
    ("Tuesday", "2017-08-02", "2017-08-01", "day"),
    ("released on Sunday shows", "2017-08-01", "2017-07-30", "day"),
    ("in Monday’s report", "2017-08-01", "2017-07-31", "day"),
    ("last Thursday that", "2017-08-01", "2017-07-27", "day"),
    ("last Thursday that", "2017-08-04", "2017-07-27", "day"),
    ("on Thursday", "2017-08-04", "2017-08-03", "day"),
    ("next Friday", "2017-08-04", "2017-08-11", "day"),
])
def test_relative_dates(text: str, anchor: str, iso: str, precision: str) -> None:
    assert one(text, day(anchor)) == (iso, precision)


@pytest.mark.parametrize("text, anchor, iso, precision", [
    ("Over the past two days, Kurdish forces", "2015-06-24", "2015-06-22", "week"),  # Mon-Wed
    ("in the past two days", "2017-08-16", "2017-08-14", "week"),
    ("in the past two days", "2015-06-23", "2015-06", "month"),  # Sun 21 .. Tue 23: two weeks
    ("in the past two days", "2017-08-01", "2017", "year"),      # July 30 .. August 1
    ("over the past two months.", "2017-08-01", "2017", "year"),
    ("in the last week", "2017-08-20", "2017-08", "month"),
])
def test_past_periods_give_the_finest_cover(text: str, anchor: str, iso: str,
                                            precision: str) -> None:
    assert one(text, day(anchor)) == (iso, precision)


def test_past_years_spanning_several_years_give_nothing() -> None:
    assert found("over the past three years", day("2017-08-01")) == []


def test_relative_dates_need_an_anchor() -> None:
    for text in ("on June 22", "last November", "on Tuesday", "yesterday", "this week"):
        assert found(text) == [], text


def test_anchor_precision_limits_what_can_be_resolved() -> None:
    month = When(dt.date(2017, 2, 1), "month")
    assert found("on Tuesday", month) == []
    assert found("yesterday", month) == []
    assert one("last November", month) == ("2016-11", "month")
    assert one("on February 20", month) == ("2017-02-20", "day")
    year = When(dt.date(2017, 1, 1), "year")
    assert found("last November", year) == []
    assert one("earlier this year", year) == ("2017", "year")


def test_february_29_is_the_most_recent_leap_day() -> None:
    assert one("on February 29", day("2016-03-01")) == ("2016-02-29", "day")
    assert one("on February 29", day("2017-03-01")) == ("2016-02-29", "day")
    assert found("on February 29", day("2018-03-01")) == []  # 2018 and 2017 have none


# --- helpers ------------------------------------------------------------------------------------
def test_cover() -> None:
    assert cover(dt.date(2017, 8, 1), dt.date(2017, 8, 1)) == day("2017-08-01")
    assert cover(dt.date(2017, 7, 31), dt.date(2017, 8, 2)).precision == "week"
    assert cover(dt.date(2017, 8, 1), dt.date(2017, 8, 20)).iso() == "2017-08"
    assert cover(dt.date(2017, 1, 1), dt.date(2017, 8, 20)).iso() == "2017"
    assert cover(dt.date(2016, 12, 27), dt.date(2017, 1, 1)) == When(dt.date(2016, 12, 26), "week")
    assert cover(dt.date(2016, 12, 30), dt.date(2017, 1, 2)) is None


@pytest.mark.parametrize("text, iso", [
    ("2017-08-01", "2017-08-01"), ("2017-08", "2017-08"), ("2017", "2017"),
    ("2017-08-01T10:00:00Z", "2017-08-01"), ("04 February, 2017", "2017-02-04"),
    ("August 2017", "2017-08"), ("  June 24, 2015. ", "2015-06-24")])
def test_parse_when(text: str, iso: str) -> None:
    when = parse_when(text)
    assert when is not None and when.iso() == iso


@pytest.mark.parametrize("text", ["", "soon", "June 24, 2015 and later", "on Tuesday"])
def test_parse_when_rejects(text: str) -> None:
    assert parse_when(text) is None


@pytest.mark.parametrize("text, iso", [
    ("04 February, 2017", "2017-02-04"),
    ("Posted June 24, 2015 at 10:55 am", "2015-06-24"),
    ("Published: 2019-03-12 09:14 GMT", "2019-03-12"),
    # a date among the short fields of a byline line
    ("12 March 2019 | 4 min read", "2019-03-12"),
    ("By Lena Orsk — 7/3/2019 — 30 Jumada al-Akhirah 1440", "2019-03-07"),   # day first
    ("9/26/2017", "2017-09-26"),                                             # only month first fits
    ("by Ama Brent — Thu 14.03.19 — 5 min read", "2019-03-14"),
    ("Posted on March 14, 2019 by Ama Brent · 8 min read · 9 Comments", "2019-03-14"),
    ("Published 14 Mar 2019, 18:52 GMT+3 | Updated 14 Mar 2019, 21:10 GMT+3", "2019-03-14"),
    ("23 January 2014 Last updated at 11:40 GMT", "2014-01-23"),   # the day, then when it was last updated
])
def test_dateline(text: str, iso: str) -> None:
    when = dateline(text)
    assert when is not None and when.iso() == iso


def test_dateline_rejects_sentences() -> None:
    assert dateline("On June 24, 2015 the town fell.") is None
    assert dateline("Screen Shot 2015-06-24 at 10.55.00 AM") is None
    assert dateline("The town fell on 24 June 2015 | a long siege had ended with a deal between them") is None
    assert dateline("Turnout was 12.5 per cent") is None


def test_caption_date() -> None:
    assert caption_date("Screen Shot 2015-06-24 at 10.55.00 AM") == day("2015-06-24")
    assert caption_date("IMG_20170801_101500.jpg") == day("2017-08-01")
    assert caption_date("The town on 2015-06-24") is None


# --- publication date ---------------------------------------------------------------------------
def test_published_from_dateline() -> None:
    when, basis = infer_published(["Headline", "4 min read", "04 February, 2017", "Body text."])
    assert when == day("2017-02-04")
    assert basis == "dateline (04 February, 2017)"


def test_published_from_place_dateline() -> None:
    when, basis = infer_published(["Headline", "BEIRUT, June 24, 2015 – Rebels said on Monday"])
    assert when == day("2015-06-24") and basis.startswith("dateline")


def test_stated_date_wins() -> None:
    when, basis = infer_published(["Headline", "04 February, 2017"], "2017-02-05", "front matter")
    assert when == day("2017-02-05") and basis == "front matter (2017-02-05)"


def test_unreadable_stated_date_falls_back_to_the_text() -> None:
    when, _ = infer_published(["Headline", "04 February, 2017"], "soon", "front matter")
    assert when == day("2017-02-04")


def test_published_from_screenshot_caption() -> None:
    texts = ["Headline", "Screen Shot 2015-06-24 at 10.55.00 AM", "Body on June 22.",
             "Screen Shot 2015-06-23 at 10.40.11 AM"]
    when, basis = infer_published(texts)
    assert when == day("2015-06-24")
    assert basis == "image caption (Screen Shot 2015-06-24 at 10.55.00 AM)"


def test_published_from_latest_date_and_weekdays() -> None:
    texts = ["Headline", "The newsletter, published on July 27, 2017, claimed 43 attacks.",
             "A report published by the monitor on July 28 said so.",
             "The SDF told reporters on Tuesday.", "A video released on Sunday shows it."]
    when, basis = infer_published(texts)
    assert when == day("2017-08-01")  # July 28, 2017 was a Friday; the next Tuesday
    assert "July 28" in basis and "Tuesday" in basis


def test_weekday_equal_to_the_latest_date_is_that_day() -> None:
    when, _ = infer_published(["Headline", "On July 28, 2017 the monitor said on Friday"])
    assert when == day("2017-07-28")


def test_year_borrowed_from_another_date_says_so() -> None:
    texts = ["Headline", "The offensive began in June 2017.", "On July 28 the monitor said.",
             "SDF officials said on Tuesday."]
    when, basis = infer_published(texts)
    assert when == day("2017-08-01")
    assert "2017" in basis


def test_no_year_anywhere_is_unknown_with_a_reason() -> None:
    texts = ["Headline", "published on July 27", "a report published on July 28",
             "told reporters on Tuesday"]
    when, basis = infer_published(texts)
    assert when is None
    assert "no year" in basis and "July 28" in basis


def test_bare_years_are_background_not_a_publication_date() -> None:
    when, basis = infer_published(["Headline", "during the troop surge in 2006–08.",
                                   "said on Tuesday"])
    assert when is None and "2006" in basis


def test_latest_day_without_weekdays_is_unknown() -> None:
    when, basis = infer_published(["Headline", "On June 22, 2015 the YPG said."])
    assert when is None and "June 22, 2015" in basis


def test_nothing_to_go_on() -> None:
    assert infer_published(["Headline", "Nothing dated here."]) == (
        None, "unknown: the text names no date with a year")
    assert infer_published([])[0] is None


@pytest.mark.parametrize("text", ["expected to finish by June", "talks until March",
                                  "the offensive began on Tuesday"])
def test_deadlines_and_weekdays_without_a_day_anchor(text: str) -> None:
    month_anchor = When(dt.date(2017, 2, 1), "month")
    assert found(text, month_anchor) == []


_WORDS = st.sampled_from([
    "on", "in", "last", "this", "next", "the", "past", "two", "days", "weeks", "ago", "mid-",
    "June", "February", "29", "22", "2017", "2006–08", "Tuesday", "Sunday", "yesterday", "week",
    "month", "year", ",", "of", "since", "early", "0", "31", "Sept.", "2000", "(2015)", "today"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, max_size=12),
       anchor=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       precision=st.sampled_from(["day", "week", "month", "year"]))
def test_find_dates_never_fails_and_spans_are_sane(words: list[str], anchor: dt.date,
                                                   precision: str) -> None:
    text = " ".join(words)
    spans = find_dates(text, When(anchor, precision))
    for s, e, when in spans:
        assert 0 <= s < e <= len(text)
        assert when.precision in ("day", "week", "month", "year")
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert end <= start  # sorted, never overlapping
    infer_published([text])


def test_the_quick_prefilter_never_hides_a_date() -> None:
    """Every sentence of the seeds and fixtures that MAYBE_DATE turns away has no date under any rule."""
    from briefing.dates import ABSOLUTE, MAYBE_DATE, RELATIVE, _matches
    from briefing.read import read_article
    root = Path(__file__).resolve().parents[1]
    anchor = parse_when("2017-06-14")
    checked = turned_away = 0
    for path in sorted([*(root / "seeds").iterdir(), *(root / "tests" / "fixtures").rglob("*.txt"),
                        *(root / "tests" / "fixtures").rglob("*.md")]):
        if "gold" in path.parts or not path.is_file():
            continue
        article = read_article(path)
        for text in [article.title, *article.paragraphs]:
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                checked += 1
                if not MAYBE_DATE.search(sentence):
                    turned_away += 1
                    assert _matches(sentence, anchor, ABSOLUTE + RELATIVE) == [], sentence
    assert checked > 400 and turned_away > 100
    for sentence in ("Two days ago the town fell.", "It happened on Tuesday.", "since 2015", "in mid-June",
                     "The group said yesterday.", "last week", "this morning"):
        assert MAYBE_DATE.search(sentence), sentence


# --- the gates in front of the rules skip nothing ------------------------------------------------


from briefing import dates as _dates  # noqa: E402

_DATE_PIECES = ["on", "in", "since", "the", "last", "next", "this", "early", "mid-", "late", "of", "and", "ago",
                "June", "JUNE", "Jun.", "May", "march", "Sept", "Monday", "monday", "Tuesday,", "day", "days",
                "Week", "months", "year", "yesterday", "this morning", "beginning of the", "end of the", "past",
                "2014", "1999", "2016-07-03", "2006–08", "(2015)", "3", "21st", "two", ",", ".", "-", " "]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map(" ".join),
       st.sampled_from([None, parse_when("2016-09-01"), parse_when("2016-09"), parse_when("2016")]))
def test_gated_rules_find_what_every_rule_finds(sentence, anchor):
    rules = _dates.ABSOLUTE + _dates.RELATIVE
    gated = [(s, e, m.group(), w) for s, e, m, w in _dates._matches(sentence, anchor, rules)]
    saved, _dates._GATE = _dates._GATE, {}
    try:
        plain = [(s, e, m.group(), w) for s, e, m, w in _dates._matches(sentence, anchor, rules)]
    finally:
        _dates._GATE = saved
    assert gated == plain
