"""A saying verb set in the middle of the clause it reports ("The economy, the governor said, would
recover") reports that clause, its own words left out (real spaCy parses)."""

from __future__ import annotations

from entity_helpers import quotes_of


def test_a_parenthetical_cue_reports_the_clause_around_it() -> None:
    text = "Markets fell again on Monday. The economy, Senator Tom Jones said, would recover by the spring."
    q = next(q for q in quotes_of(text) if "recover" in q["text"])
    assert q["speaker"] == "Tom Jones" and q["cue"] == "said", q
    assert q["text"] == "The economy … would recover by the spring", q
    assert len(q["pieces"]) == 2 and all("said" not in text[a:b] for a, b in q["pieces"]), q
    assert q["kind"] == "indirect"


def test_a_fronted_phrase_stays_in_what_was_said() -> None:
    text = "The company lost its biggest client. In a merger, Tom Jones said, the brand would survive."
    q = next(q for q in quotes_of(text) if "brand would survive" in q["text"])
    assert q["text"].startswith("In a merger"), q
    assert q["speaker"] == "Tom Jones", q


def test_a_cue_inside_a_quotation_is_left_to_the_quotation_rules() -> None:
    # "“A,” he said, “B”": one direct quote, not also an indirect one made of its pieces.
    text = "“The talks will go on,” Tom Jones said, “and we will not walk away from them.”"
    qs = quotes_of(text)
    assert [q["kind"] for q in qs] == ["direct"], qs
