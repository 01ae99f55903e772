"""What the clusterer sees: terms and dates."""

from __future__ import annotations

from datetime import date

from newsdesk.stories.features import When, article_when, dateline, parse_iso, terms


def _day(y: int, m: int, d: int) -> float:
    return float((date(y, m, d) - date(1970, 1, 1)).days)


def test_terms_weigh_headline_and_names() -> None:
    t = terms("Klitschko stops Thompson", "The champion Klitschko stopped Tony Thompson in the sixth round.")
    assert t["klitschko"] == 3.0  # twice from the headline, once from the body
    assert "@thompson" in t and "@champion" not in t
    assert "the" not in t


def test_dates_from_fields_and_datelines() -> None:
    assert parse_iso("2014-06-15") == When(_day(2014, 6, 15))
    assert parse_iso("2014-06-15T23:00:00-02:00").day == _day(2014, 6, 16) + 1 / 24
    assert dateline("Sep 18, 2013, 02.16PM IST Microsoft released a fix") == When(_day(2013, 9, 18), 1.0)
    assert dateline("Sat Nov 12 2011, 01: 19 hrs Warship INS Sukanya") == When(_day(2011, 11, 12), 1.0)
    year = dateline("In 2008 the company said")
    assert year is not None and year.slack > 100
    assert article_when(None, "No date at all here.") is None


def test_gap_counts_only_beyond_the_slack() -> None:
    assert When(10.0).gap(12.0, 15.0, 0.0) == 2.0
    assert When(13.0).gap(12.0, 15.0, 0.0) == 0.0
    assert When(10.0, 1.0).gap(12.0, 15.0, 0.5) == 0.5


def test_marks_name_years_and_weekdays_at_zero_weight() -> None:
    from newsdesk.stories.features import marks

    found = marks("Quake kills 12", "On Monday, March 4, 2013 a quake struck; the 2008 one was worse. (monday)",
                  When(_day(2013, 3, 5)))
    assert found == {"#y2013": 0.0, "#y2008": 0.0, "#wmonday": 0.0, "#m3": 0.0}
    # "may" the verb is no month; "May 3" is.
    assert marks(None, "They may strike. It began on May 3.", None) == {"#m5": 0.0}
    # A year-only estimate (a bare year in a dateline) is not an exact date: it adds no year of its own.
    assert marks(None, "Police said.", When(_day(2013, 7, 2), 150.0)) == {}
    assert marks(None, "A 33-year-old was arrested.", None) == {}


def test_a_date_in_running_prose_is_no_dateline() -> None:
    # An obituary's birth date is not when the article was written; a timestamp line is.
    obituary = "Pinup icon Bettie Page died Thursday evening in Los Angeles.\nPage was born on April 22, 1923, in Nashville."
    assert dateline(obituary) is None
    assert dateline("Navy foils pirate attack\nLast updated on: November 11, 2011 19: 04 IST\nThe navy said") == When(
        _day(2011, 11, 11), 1.0)
    assert dateline("The actress, who shot to fame in the 1999 movie, was seen there") is None
