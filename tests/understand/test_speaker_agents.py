"""Speakers that cannot speak (K1, `speaker_kinds`): real spaCy parses and the shipped ranker. The
texts are PolNeAR sentence shapes where the ranker's best candidate was a date, page furniture, a
pronoun standing for no one, or a relative pronoun whose noun the naming step did not reach."""

from __future__ import annotations

from entity_helpers import quotes_of, speaker_of

from newsdesk.understand import nlp, speaker_kinds


def _speakers(text: str) -> list[str | None]:
    return [q["speaker"] for q in quotes_of(text)]


def test_a_weekday_is_no_speaker() -> None:
    # spaCy makes "Saturday" the subject of "said" and Warren an appositive; the ranker took the day
    text = ("Warren: Trump Is a Failure in Business.\n\nSaturday at the Massachusetts Democratic state’s party "
            "convention Sen. Elizabeth Warren (D-MA) said presumptive Republican presidential nominee Donald Trump "
            "was a “proven failure” in business.")
    assert "Saturday" not in _speakers(text)
    assert "Elizabeth Warren" in _speakers(text)  # the headline's quote is still hers


def test_a_comment_time_stamp_glued_to_a_headline_is_no_speaker() -> None:
    text = ("In a statement, the network said that the senator's description was \"false.\"\nSam LevineFlagShare"
            "LikeReplyAni Vrabel 5ptsmoderatorFeaturedFebruary 6, 2016 9:12PMTrump Says His Obamacare Replacement "
            "Will Not Allow People To Die On The Street\nDonald Trump defended his commitment to universal coverage.")
    said = _speakers(text)
    assert not [s for s in said if s and "PM" in s]
    assert said == ["the network"]


def test_a_name_hung_on_page_buttons_is_no_speaker() -> None:
    # "Mari Hayman" is an apposition of the glued token "BobicFlagShareLikeReplyMari"
    text = ("Comments\n\nIgor BobicFlagShareLikeReplyMari Hayman 5ptsmoderatorFeaturedFebruary 6, 2016 9:23PMRubio "
            "Says Abandoning Comprehensive Immigration Reform Was A Sign Of Leadership\n\nMarco Rubio defended "
            "himself on Saturday.")
    assert "Hayman" not in _speakers(text)


def test_that_said_is_no_one() -> None:
    text = ("Nearly nine out of 10 see hard work as the key. That said, Millennials say they believe success will "
            "require a lifetime of effort on their parts.")
    assert "That" not in _speakers(text)


def test_a_relative_pronoun_behind_a_conjoined_clause_names_its_noun() -> None:
    text = ("The senator was rallying for a 70-year-old academic named Eric Kingson, who is running for Congress and "
            "who worked the crowd, praising “Bernie's genuineness and indisputable integrity.”")
    assert speaker_of(text, "genuineness") == "a 70-year-old academic"


def test_a_relative_pronoun_the_parse_hung_elsewhere_names_the_noun_before_it() -> None:
    # the parse makes "reported" an adverbial clause of "turned", so no relative clause names the noun
    text = ("To solve this quandary, they turned to the Chicago Police Department which reported “2,521 shooting "
            "incidents” in the city between January 1 and September 18.")
    assert speaker_of(text, "2,521 shooting") == "Chicago Police Department"


def test_a_place_standing_for_its_government_still_speaks() -> None:
    assert speaker_of("Moscow said the sanctions were illegal and would be answered.", "sanctions") == "Moscow"


def test_a_name_the_parse_tagged_into_a_date_still_speaks() -> None:
    # spaCy tags "Last week Stumpf" as one DATE; Stumpf is a person, not the week
    text = ("Last week Stumpf in a televised interview appeared to blame low-level workers for this behavior, "
            "which was widespread throughout the bank.")
    assert speaker_of(text, "blame low-level workers") == "Stumpf"


def test_a_dateline_place_is_where_the_story_was_filed() -> None:
    doc = nlp.parse("JACKSON, Miss. — A federal judge blocked the law.\n\nMoscow said the sanctions were illegal.")
    by_text = {t.text: t for t in doc}
    assert speaker_kinds._opens_dateline(by_text["JACKSON"])
    assert not speaker_kinds._opens_dateline(by_text["Moscow"])


def test_a_dateline_the_tagger_did_not_read_as_a_place_is_still_one() -> None:
    # PolNeAR train: "RANGOON" was tagged ORG and named the speaker of the allies' prediction
    text = ("RANGOON, Burma - Aung San Suu Kyi's political allies on Monday predicted an overwhelming victory "
            "in Burma's elections.\n\nNATO said the exercise would go ahead.")
    doc = nlp.parse(text)
    by_text = {t.text: t for t in doc}
    assert speaker_kinds._opens_dateline(by_text["RANGOON"])
    assert not speaker_kinds._opens_dateline(by_text["NATO"])
    assert all(q["speaker"] != "RANGOON" for q in quotes_of(text))


def test_words_for_no_one_are_no_speaker() -> None:
    # PolNeAR train: the ranker chose "Nothing" (P 0.54) over the senator in "Nothing the president
    # said “will assuage people's fears,” the Florida senator said"
    doc = nlp.parse("Nothing he said will calm anyone. None of the officials said a word about it.")
    by_text = {t.text: t for t in doc}
    assert speaker_kinds.vetted(by_text["Nothing"]) is None
    assert speaker_kinds.vetted(by_text["None"]) is by_text["None"]  # "none of the officials" names some
