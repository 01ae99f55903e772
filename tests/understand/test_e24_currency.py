"""A currency written before a sum is no place: "US $ 8.00" named the United States (E24); the
country a sentence names stays (real spaCy)."""

from __future__ import annotations

from newsdesk.understand import nlp
from newsdesk.understand.entities import find_mentions


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in find_mentions(nlp.parse(text))]


def test_a_currency_before_a_sum_is_no_mention() -> None:
    found = _mentions("The beverage is priced at US $ 8.00, and upon an order for it, the bartender"
                      " will recount the story. The hotel cost US $ 12 million to build.")
    assert not [t for t, _ in found if "$" in t or t == "US"], found


def test_the_country_a_sentence_names_stays() -> None:
    found = _mentions("The U.S. said on Monday that a flight from Canada to the US costs $ 500.")
    assert {"U.S.", "Canada"} <= {t for t, _ in found}, found
