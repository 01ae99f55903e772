"""Speakers set beside a saying verb that a comma sets off (X25, session 18): the parse reads one
sentence and hangs the speaker on the reported clause, so the ranker took a word of what was said.
Real spaCy parses and the shipped ranker; the sentences are written for these tests, in the shape of
PolNeAR train sentences where our quote sat at its gold's place with the wrong speaker."""

from __future__ import annotations

from entity_helpers import quotes_of


def _quote(text: str, cue: str) -> dict:
    found = [q for q in quotes_of(text) if q["cue"] == cue]
    assert len(found) == 1, quotes_of(text)
    return found[0]


def test_an_inverted_aside_names_the_phrase_after_the_verb() -> None:
    text = "The main obstacle to the new bridge, say engineers like Maria Lopez, a structural consultant, is the soft riverbed."
    q = _quote(text, "say")
    assert q["speaker"].startswith("engineers")
    # what was said is the clause on both sides of the aside, not the speaker's phrase
    assert q["text"].startswith("The main obstacle to the new bridge")
    assert q["text"].endswith("is the soft riverbed")
    assert "Lopez" not in q["text"]


def test_an_inverted_aside_with_a_relative_clause_after_the_name() -> None:
    text = "And the council, said Helen Brandt, who chairs its finance committee, will not approve the budget this year."
    q = _quote(text, "said")
    assert q["speaker"] == "Helen Brandt"
    assert "the council" in q["text"] and "will not approve the budget" in q["text"]
    assert "Brandt" not in q["text"] and "chairs" not in q["text"]


def test_a_name_right_before_the_verb_after_a_comma_speaks() -> None:
    # spaCy hangs "Okafor" on "Harris" as a conjunct, and the ranker took the list's first word
    text = "Her loyalty has moved from Warren to Booker to, lately, Harris, Okafor said at the county meeting."
    assert _quote(text, "said")["speaker"] == "Okafor"


def test_a_told_object_after_the_verb_is_no_speaker() -> None:
    # the guard: "told CBS News," names whom Graham spoke to
    text = "Graham, a former senator, told CBS News, “The plan will fail.”"
    assert _quote(text, "told")["speaker"] == "Graham"


def test_a_participle_object_after_the_verb_is_no_speaker() -> None:
    # the guard: "telling Reuters," is not inverted; Trump tells
    text = "Trump returned the compliment, telling Reuters, “We have been friends for a long time.”"
    assert _quote(text, "telling")["speaker"] == "Trump"


def test_a_list_of_speakers_keeps_its_first_word() -> None:
    # the guard: "Farmers, grocers and truck drivers" is one list, not a speaker after a clause
    text = "Farmers, grocers and truck drivers say the new tariff will raise prices across the state."
    assert _quote(text, "say")["speaker"] == "Farmers"


def test_an_owner_word_after_the_verb_starts_what_was_said() -> None:
    # the guard: "said their campaign speeches, ..." is the content, not an inverted speaker
    text = ("Aides to the governor, who served in the state senate, said their campaign speeches, already full "
            "of talk about schools, would now turn to crime.")
    q = _quote(text, "said")
    assert q["speaker"] == "Aides to the governor"
    assert q["text"].startswith("their campaign speeches")
