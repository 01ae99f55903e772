"""A quotation framed as speech takes the verb beside it as its cue even when the learned cue
lexicon does not know the verb (`quote_orphans.FRAME_CUES`): "“…,” Trump barked"."""

from __future__ import annotations

import pytest
from entity_helpers import linear_ranker, quotes_of

from newsdesk.understand import quote_orphans, speakers

FRAMED = ("The senator spoke to reporters on Tuesday.\n\n"
          "“We will win this thing, and we will win it big,” Mayor Carlos Mendez quipped after the rally.\n\n"
          "“That is simply not true,” the spokeswoman retorted.\n\n"
          "“It is over for the whole delegation,” muttered Senator Lena Novak.\n\n"
          "Governor Ana Ruiz exclaimed: “This is a scandal for the whole country.”")


def _by_cue(text: str) -> dict[str, dict]:
    return {q["cue"]: q for q in quotes_of(text)}


def test_unknown_speech_verbs_framing_a_quotation_are_its_cue() -> None:
    qs = _by_cue(FRAMED)
    assert qs["quipped"]["speaker"] == "Carlos Mendez"
    assert qs["quipped"]["text"] == "We will win this thing, and we will win it big"
    assert qs["quipped"]["kind"] == "direct"
    assert qs["retorted"]["text"] == "That is simply not true"
    assert qs["muttered"]["speaker"] == "Lena Novak"  # inverted: the speaker after the verb
    assert "Ana Ruiz" in qs["exclaimed"]["speaker"]  # before the quotation, with a colon
    assert "scandal for the whole country" in qs["exclaimed"]["text"]


def test_without_the_frame_the_quotations_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quote_orphans, "FRAME_CUES", False)
    cues = set(_by_cue(FRAMED))
    assert not cues & {"quipped", "retorted", "muttered", "exclaimed"}, cues


def test_the_frame_beats_a_cue_in_the_sentence_before() -> None:
    text = ("Ramos stood up to ask about immigration, but Trump told him to sit down, arguing that the "
            "journalist had not been called on.\n\n"
            "“Go back to Univision,” Trump barked and a security guard escorted Ramos out.")
    q = next(q for q in quotes_of(text) if "Univision" in q["text"])
    assert q["speaker"] == "Trump" and q["cue"] == "barked", q


def test_a_quotation_that_ended_its_sentence_is_not_framed() -> None:
    # the full stop inside the marks ends the title's sentence: "likes" frames nothing
    text = ("The two rivals met in Miami on Monday.\n\n"
            "They both watch “The Walking Dead Every Single Week.” Rubio likes the zombies best.")
    assert not [q for q in quotes_of(text) if "Walking Dead" in q["text"]]


def test_a_verb_with_an_auxiliary_after_a_quotation_is_no_frame() -> None:
    text = ("The crowd gathered outside the hall on Monday night.\n\n"
            "“Lock them all up right now,” could be heard from the back of the room.")
    assert not [q for q in quotes_of(text) if "Lock them" in q["text"]]


def test_a_dash_or_a_thing_after_the_quotation_is_no_frame() -> None:
    # PolNeAR train: "“I will fight for you, and I will win for you!” — the balloons cascaded down"
    # made the balloons the speaker
    text = ("Trump spoke for an hour at the convention.\n\n"
            "When Trump finally wrapped up — “I will fight for you, and I will win for you!” — the balloons "
            "cascaded down on the crowd.")
    assert all(q["speaker"] != "the balloons" for q in quotes_of(text)), quotes_of(text)
    things = "The crowd waited outside.\n\n“We will fight for every vote in this state,” the balloons cascaded down."
    assert all(q["speaker"] != "the balloons" for q in quotes_of(things))


def test_the_frames_own_subject_speaks_unranked(monkeypatch: pytest.MonkeyPatch) -> None:
    # the ranker, fitted on the lexicon's cues, read "the spokeswoman" as the object of a verb it
    # never saw and gave her P 0.4: the gate dropped the quote
    text = "The ministry held a briefing on Monday.\n\n“That is simply not true at all,” retorted the spokeswoman."
    assert [(q["speaker"], q["cue"]) for q in quotes_of(text)] == [("the spokeswoman", "retorted")]
    monkeypatch.setattr(quote_orphans, "FRAME_SPEAKERS", False)
    # since session 26 the ranker's P for an object right after a subjectless cue is read as for its
    # subject (speakers.INVERTED_SUBJECTS), which keeps the quote too; and since session 28 the boosted
    # trees give "the spokeswoman" a P the gate keeps on their own
    monkeypatch.setattr(speakers, "INVERTED_SUBJECTS", False)
    linear_ranker(monkeypatch)
    assert not quotes_of(text)


def test_a_frame_before_the_quotation_may_set_it_off_with_a_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    # PolNeAR train: the quotation went to "he" of the clause after it
    text = ("The two candidates met on a stage in Las Vegas.\n\n"
            "During their first debate, Hillary Clinton cracked, “I'm a progressive who likes to get things "
            "done” - he has often been an effective legislator.")
    q = next(q for q in quotes_of(text) if "likes to get things done" in q["text"])
    assert (q["speaker"], q["cue"]) == ("Hillary Clinton", "cracked"), q
    monkeypatch.setattr(quote_orphans, "FRAME_COMMA", False)
    assert all(q["cue"] != "cracked" for q in quotes_of(text))
