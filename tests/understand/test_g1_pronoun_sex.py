"""A he/she speaker resolves to a person of the pronoun's sex (G1): real spaCy parses, the shipped
first-name table."""

from __future__ import annotations

from entity_helpers import annotate, speaker_of

from newsdesk.understand import name_sex, pronouns


def test_she_after_a_quote_about_a_man_is_the_woman() -> None:
    # PolNeAR dev (Breitbart live blog): the "She says" quote was filed under Donald Trump
    text = ("Hillary Clinton is describing as unhinged a Donald Trump tweet attacking a former Miss Universe. "
            "Clinton says Trump’s “latest twitter meltdown is unhinged, even for him.” "
            "She says it underscores that Trump is “temperamentally unfit to be commander-in-chief.”")
    assert speaker_of(text, "temperamentally unfit") == "Hillary Clinton"


def test_he_after_a_quote_about_a_woman_is_the_man() -> None:
    text = ("Donald Trump is raising questions about his microphone during the debate with Hillary Clinton. "
            "Her audio was louder than his. "
            "He says, “Working that microphone was a hell of a lot more difficult than working Hillary Clinton.”")
    assert speaker_of(text, "Working that microphone") == "Donald Trump"


def test_an_honorific_says_the_sex_of_a_surname() -> None:
    # no first names: only "Mrs." and "Mr." tell who "she" and "he" may be
    text = ("Mrs. Okafor met Mr. Wanjiru in Nairobi on Monday. Mr. Wanjiru praised the agreement. "
            "She said, “We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Okafor"
    text = ("Mr. Okafor met Mrs. Wanjiru in Nairobi on Monday. Mrs. Wanjiru praised the agreement. "
            "He said, “We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Okafor"


def test_a_role_noun_says_a_sex() -> None:
    # the role is written once, before the full name; it holds for the later "Wanjiru"
    text = ("Congresswoman Tsedenia Okafor met Congressman Adaeze Wanjiru in Nairobi on Monday. "
            "Wanjiru praised the agreement. She said, “We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Tsedenia Okafor"


def test_a_name_of_unknown_sex_keeps_the_nearest_subject() -> None:
    # first names of either sex: nobody is skipped, the choice is the one made without sexes
    text = ("Jordan Peters met Taylor Brooks in Chicago on Monday. Brooks praised the agreement. "
            "She said, “We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Taylor Brooks"
    text = text.replace("She said", "He said")
    assert speaker_of(text, "ready to sign") == "Taylor Brooks"


def test_the_articles_own_pronouns_say_a_sex() -> None:
    # no honorific, first names of either sex: two earlier "she"/"her" with only Brooks named say
    # she is a woman, two "he"s say Peters is a man
    text = ("Jordan Peters chairs the commission. He was a judge for twenty years. Peters says he retired in March. "
            "Taylor Brooks flew to Chicago on Monday. She met the commission. Brooks thanked her staff. "
            "Brooks praised the agreement before Peters spoke. She said, “We are ready to sign it this week.”")
    assert speaker_of(text, "ready to sign") == "Taylor Brooks"


def test_first_names_of_one_sex_and_not_a_lone_surname() -> None:
    assert name_sex.first_name_sex("Hillary Clinton") == "f"
    assert name_sex.first_name_sex("Donald Trump") == "m"
    assert name_sex.first_name_sex("President Donald Trump") == "m"  # a title is no first name
    assert name_sex.first_name_sex("Trump") is None  # a lone word is a surname as often as not
    assert name_sex.first_name_sex("Jordan Smith") is None  # both sexes bear it
    assert name_sex.first_name_sex("Lindsey Graham") is None  # the US counts say women; news, him
    assert name_sex.first_name_sex("José Aznar") == "m"  # accents folded to the table's spelling
    assert pronouns.pronoun_sex("She") == "f" and pronouns.pronoun_sex("his") == "m"
    assert pronouns.pronoun_sex("they") is None


def test_a_possessor_is_not_the_noun_it_owns() -> None:
    # PolNeAR train (HuffPost, Charleston survivors): "Sanders’ son,\xa0…" gave Felicia Sanders the
    # role "son" (the parse set "son" beside her, the possessive mark read as punctuation), so she
    # counted as a man and her "she said" quotes went to Dylann Roof
    text = ("Felicia Sanders and Polly Sheppard survived the shooting at the church last year.\n\n"
            "Dylann Roof is accused of killing nine people inside the church, including Sanders’ son,\xa0"
            "26-year-old Tywanza. Sanders called her fallen son her hero before explaining why she forgave Roof.\n\n"
            "“Hate destroys those who harbor it,” she said on stage at the convention.")
    entities = annotate(text).entities
    assert all(e.role != "son" for e in entities if e.text == "Sanders"), entities
    assert speaker_of(text, "Hate destroys") == "Felicia Sanders"
