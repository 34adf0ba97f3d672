"""Relative dates resolve against the publication date; dates of any granularity compare by overlap."""

import datetime as dt

import pytest

from newsfold.align.dates import (
    bounds,
    compatible,
    find_dates,
    is_relative,
    normalise,
    parse_published,
    resolve,
    same_granularity,
)

# 2025-03-07 is a Friday
FRI = "2025-03-07"
MON = "2025-03-10"


def found(text):
    return [d.text for d in find_dates(text)]


def test_find_dates_in_a_sentence():
    text = ("The council met on Friday, three days after the storm of March 3, and will vote next week; "
            "the dam was built in 1952 and repaired last month.")
    assert found(text) == ["Friday", "March 3", "next week", "in 1952", "last month"]


def test_find_dates_keeps_offsets():
    text = "Rescuers arrived yesterday."
    (d,) = find_dates(text)
    assert text[d.start:d.end] == "yesterday"


def test_find_dates_ignores_lowercase_words_that_are_also_months():
    assert found("They may march in august fashion.") == []


def test_find_dates_prefers_the_longest_expression():
    assert found("It opened on 4 November 2025 at noon.") == ["4 November 2025"]
    assert found("Signed September 5, 2025, in Oslo.") == ["September 5, 2025"]
    assert found("Talks resume early Tuesday morning.") == ["early Tuesday morning"]


def test_four_digit_numbers_without_a_comma_are_years():
    # news writes counts of a thousand or more with a comma
    assert found("The cost was 2,000 dollars, or $2000, and 2015% more.") == []
    assert found("The bridge opened in 1998.") == ["in 1998"]
    assert found("the Koreas' 1945 division and the 2015 agreement") == ["1945", "2015"]
    assert resolve("1945", None) == "1945"


@pytest.mark.parametrize("expr,pub,want", [
    ("on Friday", FRI, FRI),                       # the same day
    ("Friday", MON, FRI),                          # the latest Friday before a Monday
    ("last Friday", MON, FRI),
    ("last Friday", FRI, "2025-02-28"),            # on a Friday, "last Friday" is a week back
    ("yesterday", MON, "2025-03-09"),
    ("today", MON, MON),
    ("tomorrow", MON, "2025-03-11"),
    ("last week", MON, "2025-W10"),
    ("this week", MON, "2025-W11"),
    ("earlier this week", MON, "2025-W11"),
    ("last month", MON, "2025-02"),
    ("last month", "2025-01-15", "2024-12"),
    ("next month", "2025-12-01", "2026-01"),
    ("last year", MON, "2024"),
    ("in August", MON, "2024-08"),                 # August has not come yet this year: last year's
    ("in August", "2025-09-05", "2025-08"),
    ("August 15", "2025-09-05", "2025-08-15"),
    ("15 August", "2025-09-05", "2025-08-15"),
    ("Aug. 15", "2025-09-05", "2025-08-15"),
    ("December 28", "2025-01-03", "2024-12-28"),   # across the new year
    ("August 15, 2023", MON, "2023-08-15"),
    ("4 November 2025", None, "2025-11-04"),
    ("in 1952", None, "1952"),
    ("three days ago", MON, "2025-03-07"),
    ("two weeks ago", MON, "2025-W09"),
    ("a year ago", MON, "2024"),
    ("2025-03-07", None, FRI),
])
def test_resolve(expr, pub, want):
    assert resolve(expr, pub) == want


def test_a_bare_month_soon_to_come_is_this_year():
    # "by the end of May" in an April article
    assert resolve("May", "2018-04-20") == "2018-05"
    assert resolve("in December", "2018-01-10") == "2017-12"


def test_future_tense_looks_ahead():
    # "More rain is forecast for Thursday", published on a Tuesday
    assert resolve("Thursday", "2025-11-04", future=True) == "2025-11-06"
    assert resolve("Thursday", "2025-11-04") == "2025-10-30"
    assert resolve("next Friday", FRI) == "2025-03-14"
    assert resolve("in August", "2025-03-10", future=True) == "2025-08"


def test_without_a_publication_date():
    assert resolve("last month", None) is None
    assert resolve("on Friday", None) is None
    assert resolve("August 15", None) == "--08-15"
    assert resolve("in August", None) == "--08"
    assert is_relative("last month") and is_relative("on Friday")
    assert not is_relative("August 15") and not is_relative("in 1952")


def test_normalised_text_compares_unresolved_expressions():
    assert normalise("on Friday") == normalise("Friday") == "friday"
    assert normalise("Last  Month") == "last month"


def test_not_a_date():
    assert resolve("the weekend after the vote", MON) is None
    assert resolve("", MON) is None


def test_different_words_on_different_days_name_the_same_day():
    # one outlet published on Friday writes "on Friday"; another, on Monday, "last Friday"
    assert resolve("on Friday", FRI) == resolve("last Friday", MON)
    # "yesterday" on Saturday and "on Friday" on Monday
    assert resolve("yesterday", "2025-03-08") == resolve("on Friday", MON)


def test_publication_dates():
    assert parse_published("2025-03-07T18:30:00+01:00") == dt.date(2025, 3, 7)
    assert parse_published("March 2025") is None
    assert parse_published(None) is None
    assert parse_published("2025-02-30") is None


def test_bounds_and_compatibility():
    assert bounds("2025-02") == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert bounds("2025-W10") == (dt.date(2025, 3, 3), dt.date(2025, 3, 9))
    assert bounds("--08-15") is None
    assert compatible("2025-08-15", "2025-08") is True
    assert compatible("2025-08-15", "2025-08-16") is False
    assert compatible("2025-03-07", "2025-W10") is True
    assert compatible("--08-15", "2025-08-15") is True
    assert compatible("--08-15", "2025-08") is True
    assert compatible("--08-15", "2025-09") is False
    assert compatible("--08-15", "--08") is True
    assert compatible("--08-15", "--08-16") is False
    assert compatible("2025", "--08") is True
    assert compatible("nonsense", "2025") is None


def test_granularity():
    assert same_granularity("2025-08-15", "--08-16")
    assert not same_granularity("2025-08-15", "2025-08")
    assert same_granularity("2025-W10", "2025-W11")


def test_a_month_and_day_take_the_year_the_tense_points_to():
    pub = "2025-03-07"
    assert resolve("April 2", pub, past=True) == "2024-04-02"  # "the storm hit on April 2": before it
    assert resolve("April 2", pub, past=True, future=True) == "2024-04-02"  # the clause's own tense wins
    assert resolve("April 2", pub, future=True) == "2025-04-02"
    assert resolve("March 20", pub) == "2025-03-20"  # no tense: the nearest, 13 days ahead, not a year back
    assert resolve("March 20", pub, past=True) == "2024-03-20"
    assert resolve("Friday", pub, past=True, future=True) == "2025-03-07"
    assert resolve("April 2", None, past=True) == "--04-02"  # no publication date, no year


def test_the_month_of_publication_is_this_years():
    assert resolve("in March", "2025-03-07") == "2025-03"
    assert resolve("in March", "2025-03-07", future=True) == "2025-03"
    assert resolve("in March", "2025-03-07", past=True) == "2025-03"
