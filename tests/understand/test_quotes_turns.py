"""A quote carried on past its cue clause stops where another speaker takes the turn (real spaCy parses)."""

from __future__ import annotations

from entity_helpers import quotes_of


def test_a_quote_does_not_swallow_the_next_speakers_words() -> None:
    text = ("“We will win this race,” said Senator Ana Ruiz. Her rival Tom Jones argued that the polls were "
            "wrong. “They have never been right about us.”")
    ruiz = next(q for q in quotes_of(text) if "win this race" in q["text"])
    assert ruiz["speaker"] == "Ana Ruiz"
    assert "never been right" not in ruiz["text"], ruiz


def test_a_quote_goes_on_past_a_pronoun_cue_and_a_cue_inside_its_own_clause() -> None:
    text = ("“We will win this race,” said Senator Ana Ruiz, after Tom Jones claimed that the polls were wrong. "
            "“They have never been right about us.”\n\n"
            "“The bridge will reopen in May,” Mayor Tom Jones said. He added that the repairs were done. "
            "“Nobody will wait any longer.”")
    qs = quotes_of(text)
    ruiz = next(q for q in qs if "win this race" in q["text"])
    assert "never been right" in ruiz["text"] and ruiz["speaker"] == "Ana Ruiz", qs
    jones = next(q for q in qs if "bridge will reopen" in q["text"])
    assert "Nobody will wait" in jones["text"] and jones["speaker"] == "Tom Jones", qs


def test_a_quote_joined_to_a_later_cue_keeps_its_pieces_in_text_order() -> None:
    # The cue "referring" owns the second stretch; the first stretch joins it and comes before it.
    text = ("Senators pressed the bank again. “Every time you say that,” Tester said, referring the the 1 percent "
            "excuse, “you give ammunition to the people who want to break up the big banks.”")
    q = next(q for q in quotes_of(text) if "ammunition" in q["text"])
    assert q["text"].index("Every time") < q["text"].index("ammunition"), q
    assert q["pieces"] == sorted(q["pieces"]) and q["start"] <= q["pieces"][0][0], q


def test_a_stretch_with_its_own_cue_after_it_is_that_cues_quote_only() -> None:
    # "“A,” said KCNA. “B”, it added": B was joined to A as well, so one piece showed in two quotes.
    text = ("\"War maniacs of the South Korean puppet military made another grave provocation on Thursday "
            "afternoon\", said KCNA. \"Foolhardy provocation deserves harsh punishment\", it added; and, later, "
            "\"Kim Jong-un ordered that the units should enter a wartime state\".")
    qs = quotes_of(text)
    said = next(q for q in qs if "War maniacs" in q["text"])
    added = next(q for q in qs if "Foolhardy" in q["text"])
    assert "Foolhardy" not in said["text"] and "Kim Jong-un" not in said["text"], qs
    assert added["cue"] == "added" and "Kim Jong-un" in added["text"], qs
    pieces = [tuple(p) for q in qs for p in q["pieces"]]
    assert len(pieces) == len(set(pieces)), qs


def test_a_split_quote_with_no_cue_after_its_second_stretch_stays_one_quote() -> None:
    text = "\"We will not give up on this deal,\" Smith said. \"The talks go on next week in Geneva.\""
    q = next(q for q in quotes_of(text) if "give up" in q["text"])
    assert "Geneva" in q["text"] and q["speaker"] == "Smith", q
