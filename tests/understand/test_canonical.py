"""One name per thing: within an article and across spellings."""

from __future__ import annotations

from entity_helpers import annotate

from newsdesk.understand.canonical import name_key, same_name, spelling_key


def test_name_key_folds_punctuation_case_and_articles() -> None:
    assert name_key("the U.S.") == name_key("US") == "us"
    assert name_key("Iran’s") == "iran"


def test_transliteration_variants_are_one_name() -> None:
    assert same_name("Abbas Araqchi", "Abbas Araghchi")
    assert same_name("Muammar Qaddafi", "Muammar Gaddafi")
    assert spelling_key("Araqchi") == spelling_key("Araghchi")


def test_different_people_stay_apart() -> None:
    assert not same_name("Bill Clinton", "Hillary Clinton")
    assert not same_name("Clinton", "Clifton")
    assert not same_name("Jane Smith", "John Smith")  # one word wholly other, though "jn smt" both


def test_surname_takes_the_full_name_before_it() -> None:
    text = ("Senator Elizabeth Warren spoke first. Then Governor Gavin Newsom answered. "
            "Warren said later that she was not convinced.")
    ents = annotate(text).to_dict()["entities"]
    later = [e for e in ents if e["text"] == "Warren"]
    assert later and all(e["canonical"] == "Elizabeth Warren" for e in later)


def test_country_mentions_share_a_canonical_name() -> None:
    ents = annotate("The U.S. and the United States are the same place, and so is the US.").to_dict()["entities"]
    places = {e["canonical"] for e in ents if e["country"] == "USA"}
    assert places == {"United States"}


def _canonicals(text: str, short: str) -> list[str | None]:
    return [e.canonical for e in annotate(text).entities if e.text == short]


def test_a_surname_spelled_with_its_accent_is_the_name_spelled_so() -> None:
    # Global Voices on the Bagua clashes: President Alan García and the blogger Erick Garcia.
    text = ("Police clashed with protesters, and President Alan García blamed foreign agitators. In his blog, "
            "Erick Garcia continues the criticism of the government. Jomra criticizes President García, who "
            "said that the protesters were wrong.")
    assert _canonicals(text, "García") == ["Alan García"]


def test_a_title_rules_out_a_full_name_titled_otherwise() -> None:
    # The Obama White House's list of accounts names the First Lady in full, the President not.
    text = ("You can follow First Lady Michelle Obama after January 20, 2017 at the following accounts. "
            "After January 20, 2017, President Obama will use the following accounts.")
    assert "Michelle Obama" not in _canonicals(text, "Obama")
