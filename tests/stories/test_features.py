"""What the clusterer sees: terms and dates."""

from __future__ import annotations

from datetime import date

import pytest

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


def test_marks_name_years_and_weekdays_at_zero_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.stories import features
    from newsdesk.stories.features import marks

    monkeypatch.setattr(features, "EXTRA_MARKS", ())  # the who/how many/which day marks: tested below
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


def test_lead_names_are_two_word_names_keyed_by_surname_or_place() -> None:
    from newsdesk.stories.features import lead_names

    lead = ("City Attorney Weighs Filing Charges Against Jamal Williams\n"
            "San Diego Chargers defensive tackle Jamal Williams was arrested early Sunday in San Diego. "
            "The Angels said John W. Henry met Scott Boras. Police said so.")
    # Three-word runs are mostly organisations both of two same-type events name; a sentence's
    # first word is dropped ("The Angels" is one word); an initial does not count; a Title Case
    # headline names nothing (every run in it looks like a name); the gazetteer knows places.
    people, places = lead_names("Chargers WR Jackson will play", lead)
    assert people == {"william", "henry", "bora"}  # stemmed as terms are
    assert places == {"san_diego"}
    assert lead_names(None, "x" * 400 + " was said of Vincent Jackson by many") == (set(), set())  # past the lead


def test_extra_marks_only_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.stories import features

    text = "Navy commandos captured 23 pirates on Saturday, said spokesman Nirad Sinha in Las Vegas."
    monkeypatch.setattr(features, "EXTRA_MARKS", ())
    assert features.extra_marks("Navy captures pirates", text, When(_day(2008, 12, 15))) == set()
    monkeypatch.setattr(features, "EXTRA_MARKS", ("p", "n", "d", "l"))
    found = features.marks("Navy captures pirates", text, When(_day(2008, 12, 15)))
    assert {"#psinha", "#n23", "#d12-13", "#llas_vega"} <= set(found)


def test_lead_counts_skip_years_days_and_money() -> None:
    from newsdesk.stories.features import lead_counts

    lead = "Navy captures 23 pirates and 12 Somali men on Dec. 11, 2008 for $200 million at 2: 30 in 2008 attacks"
    assert lead_counts("Quake kills 7\nOn Monday", lead) == {"23", "12"}  # not across a line either


def test_event_days_resolve_weekdays_against_the_report_date() -> None:
    from newsdesk.stories.features import event_days

    wednesday = When(_day(2009, 2, 4))
    assert event_days("He was arrested early Sunday.", wednesday) == {"2-1"}
    assert event_days("He was arrested early Sunday.", None) == set()  # no date to count back from
    assert event_days("He was arrested early Sunday.", When(_day(2009, 7, 2), 150.0)) == set()  # a year only
    assert event_days("On Dec. 11 and on 4 February; at 11: 55 P. M. FEB. 2, 2009", None) == {"12-11", "2-4", "2-2"}


def test_a_first_name_that_starts_like_a_month_is_a_name_and_a_weekday_or_company_is_no_one() -> None:
    from newsdesk.stories.features import lead_names

    lead = ("Police said Mark Smith and Janet Brown were held on Friday, before March Madness. "
            "It is not Patch Tuesday, said Microsoft Corp of the flaw.")
    people, _ = lead_names(None, lead)
    assert people == {"smith", "brown"}  # "Mark" and "Janet" are no months, "March Madness" no one's name


def test_only_a_month_s_name_makes_a_day_not_a_word_that_begins_like_one() -> None:
    from newsdesk.stories.features import dateline, event_days, lead_counts

    text = "On Dec. 11 and 3 March, Mark 5 of the 12 marines and the Primary 3 class met the Mayor 2 team."
    assert event_days(text, None) == {"12-11", "3-3"}
    assert "12" in lead_counts(None, text)  # "12 marines" is a count, not the 12th of a month
    wrong = dateline("Maryland 12, 2008 - Police said")
    assert wrong is None or wrong.slack > 1.0  # the year at most, not "March 12"
    right = dateline("September 30, 2008 - Police said")
    assert right is not None and right.slack == 1.0
