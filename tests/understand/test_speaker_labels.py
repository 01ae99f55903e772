"""Who a "NAME: …" line is filed under (session 15, M3). A headline kicker in capitals ("BUSTED:",
"FIX IS IN:") opened a line like a transcript's speaker label and became a speaker; a labelled turn
(an interview answer) came out `indirect` though it is the speaker's own words. Real spaCy parses."""

from __future__ import annotations

import pytest
from entity_helpers import annotate

from newsdesk.understand import nlp
from newsdesk.understand.quote_candidates import speaker_lines

AFTER = "\n\nThe report, published on Monday, drew on court filings and interviews with former staff."


def _labels(text: str) -> list[str | None]:
    return [f.speaker_text for f in speaker_lines(nlp.load_nlp()(text), text)]


@pytest.mark.parametrize("kicker", ["BUSTED", "EXCLUSIVE", "FIX IS IN", "WATCH", "UPDATE"])
def test_a_headline_kicker_in_capitals_is_no_speaker(kicker: str) -> None:
    text = f"{kicker}: Senator Tom Jones took money from a lobbyist, the newspaper reported." + AFTER
    assert _labels(text) == []


def test_labels_that_name_someone_stay_speakers() -> None:
    # a name that is no English word, a role, a turn label used twice, a name the page uses
    assert _labels("PENCE: Well, look, we will win this state." + AFTER) == ["PENCE"]
    assert _labels("THE PRESIDENT: Thank you all for coming tonight." + AFTER) == ["THE PRESIDENT"]
    assert _labels("MODERATOR: Our next question is on trade." + AFTER) == ["MODERATOR"]
    turns = "HOST: What did you watch?\n\nFROST: I saw it all.\n\nHOST: And then?\n\nFROST: The whole thing."
    assert _labels(turns) == ["HOST", "FROST", "HOST", "FROST"]  # a media tag ("WATCH") never is (M5)
    page = "Donald Trump spoke in Ohio on Monday.\n\nTRUMP: We will build the wall and it will be beautiful."
    assert _labels(page) == ["TRUMP"]


def test_a_kicker_gives_no_quote_to_a_speaker_named_after_it() -> None:
    text = ("BUSTED: Trump Was Caught Lying About His Taxes Again, the documents show." + AFTER)
    assert all(q.speaker != "BUSTED" for q in annotate(text).quotes)


INTERVIEW = "\n\n".join([
    "Professor Ann Lee sat down with Tom Dale for an interview on trade and jobs.",
    "TomDale: What do you make of the new tariffs announced last week by the government?",
    "AnnLee: " + " ".join(["The tariffs will raise prices for families across the country, and the factories they"
                           " are meant to protect will pay more for the steel they buy."] * 20),
    "TomDale: And what of the jobs the government promises?",
    "AnnLee: I doubt they will come, because the plants that closed were automated long before."])


def test_an_interview_answer_is_a_direct_quote_and_whole() -> None:
    art = annotate(INTERVIEW)
    answers = [q for q in art.quotes if q.cue == ":" and q.speaker in ("AnnLee", "Ann Lee")]
    assert answers, art.quotes
    assert all(q.kind == "direct" for q in answers), answers
    paragraph = INTERVIEW.split("\n\n")[2]
    long = next(q for q in answers if q.text.startswith("The tariffs"))
    assert long.text == paragraph[len("AnnLee: "):], len(long.text)


def test_a_one_off_headline_label_keeps_the_kind_it_was_found_with() -> None:
    # no label opens two paragraphs: a headline, often a paraphrase, not a turn of a dialogue
    text = ("Pat Caddell: Democrat voters are worried about the health of their candidate.\n\n"
            "The pollster spoke to Breitbart News on Thursday about the state of the race.")
    qs = [q for q in annotate(text).quotes if q.cue == ":"]
    assert all(q.kind == "indirect" for q in qs), qs
