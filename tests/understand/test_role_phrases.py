"""A speaker described by a role or a phrase (session 15, M3): a role's head is its role noun, not a
noun inside its relative clause or prepositional phrase, so "the campaign" does not name "a pollster
who is not involved with the Clinton campaign"; a speaker phrase too long to show is cut where an aside
starts ("civil rights groups", not "groups", of "civil rights groups like the ACLU and the NACDL").
Real spaCy parses."""

from __future__ import annotations

from entity_helpers import annotate, phrase_of

from newsdesk.understand import speaker_naming


def test_a_role_head_stops_before_its_relative_clause_and_prepositions() -> None:
    assert speaker_naming._role_head("a democratic pollster who is not involved with the clinton campaign")[-1] == "pollster"
    assert speaker_naming._role_head("a spokesman for the campaign")[-1] == "spokesman"
    assert speaker_naming._role_head("secretary of state") == ["secretary"]
    assert speaker_naming._role_head("the senior senator, a democrat") == ["the", "senior", "senator"]


def test_the_campaign_is_not_the_pollster_described_by_it() -> None:
    text = ("Mark Penn, a Democratic pollster who is not involved with the Clinton campaign, spoke on Monday.\n\n"
            "The campaign said that the numbers were wrong.")
    q = next(q for q in annotate(text).quotes if "numbers were wrong" in q.text)
    assert q.speaker != "Mark Penn", q


def test_the_pollster_still_names_him() -> None:
    text = ("Mark Penn, a Democratic pollster who is not involved with the Clinton campaign, spoke on Monday.\n\n"
            "The pollster said that the numbers were wrong.")
    q = next(q for q in annotate(text).quotes if "numbers were wrong" in q.text)
    assert q.speaker == "Mark Penn", q


def test_a_long_phrase_is_cut_at_its_examples_not_down_to_its_head() -> None:
    text = "Civil rights groups like the American Civil Liberties Union said that the law was unfair."
    assert phrase_of(text, "groups") == "Civil rights groups"


def test_a_long_phrase_is_cut_at_a_comma_or_such_as() -> None:
    text = ("Several large civil rights groups, among them the ACLU, the NACDL and the Brennan Center, said that the"
            " law was unfair.")
    assert phrase_of(text, "groups") == "Several large civil rights groups"
    text = "Civil rights groups such as the American Civil Liberties Union said that the law was unfair."
    assert phrase_of(text, "groups") == "Civil rights groups"


def test_a_short_phrase_is_unchanged() -> None:
    assert phrase_of("A senior official in the ministry said that talks would resume.", "official") == \
        "A senior official in the ministry"
