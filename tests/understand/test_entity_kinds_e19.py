"""Fewer non-people filed as PERSON, read from the article (E19): a phrase of another language, a
translator's bracket inside a name, a name the article translates, a phrase of English, a town of
the country the article is about, a work's subtitle; one type for a full name within an article;
and a company stays one where someone works at it, joins it or speaks for it (T5's "Jane Smith of
Dell" rule, extended). The texts are made up; the tagger's readings are the real model's."""

from __future__ import annotations

import pytest
from entity_helpers import annotate


def _types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in annotate(text).entities:
        out.setdefault(e.text, set()).add(e.type)
    return out


@pytest.mark.parametrize("cue", ["Jane Smith worked at Dell for ten years.", "Jane Smith joined Dell as an engineer.",
                                 "\"Sales were strong,\" a Dell spokesman said."])
def test_where_someone_works_is_the_company(cue: str) -> None:
    article = annotate(f"Michael Dell founded the company in 1984.\n\n{cue} Analysts expect more from Dell this year.")
    dells = [e for e in article.entities if e.text == "Dell"]
    assert len(dells) == 2 and all(e.type == "ORG" and e.canonical == "Dell" for e in dells)


def test_working_for_someone_or_joining_them_keeps_the_person() -> None:
    text = ("Elizabeth Warren spoke in Boston.\n\nAides who worked for Warren said she was ready. Bernie Sanders "
            "joined Warren in the pile-on. Warren said the plan was fair.")
    assert all(e.type == "PERSON" for e in annotate(text).entities if e.text.endswith("Warren"))


POLISH = ("Travellers are worried after the crash.\n\nPolish blogger Tomasz writes:\n\nKilka dni temu odprowadzałem "
          "przyjaciółkę na samolot lecący z Caracas do Paryża, a ja sam też na trasie Ameryka Południowa – Europa "
          "latam dość często. Nie wiem, co o tym myśleć, bo to bardzo dziwna katastrofa.\n\nA few days ago I took a "
          "friend to a plane flying from Caracas to Paris.")


def test_capitalised_words_of_a_foreign_paragraph_are_no_person() -> None:
    assert not [t for t, types in _types(POLISH).items() if "PERSON" in types and "Ameryka" in t]


def test_a_translators_bracket_is_no_part_of_a_name() -> None:
    types = _types("This will end badly. Between (Environmental Minister Antonio) Brack, who has already sold out, "
                   "and the protesters, nobody is safe.")
    assert not [t for t in types if ")" in t] and "PERSON" in types.get("Brack", set())


def test_a_name_the_article_translates_is_no_person() -> None:
    types = _types("Bloggers have put together a manifesto, a Twitter account and Vote Não! [Vote No!, pt], a blog "
                   "created to gather information about the bill.\n\nVote Não's aim is to be a meta manifesto.")
    assert types.get("Vote Não") == {"ORG"}


def test_a_phrase_of_english_is_no_person() -> None:
    types = _types("At each of the four levels of Sharing, Teamwork, Community and Collective Intelligence, social "
                   "tools can lead to good and bad outcomes.")
    assert "PERSON" not in types.get("Collective Intelligence", set())



def test_a_name_of_english_words_listed_with_a_person_is_a_person() -> None:
    # "starry" is an adjective and "lee" a word of the lexicon, but the article lists her with a candidate
    types = _types("The vote count ended at dawn. Pro-Beijing DAB's Starry Lee and Holden Chow were successfully "
                   "elected in this constituency.")
    assert types.get("Starry Lee") == {"PERSON"}, types

def test_a_town_of_the_country_the_article_is_about_is_no_person() -> None:
    types = _types("Protests spread across Peru this week.\n\nThey have the right to protest, but by blocking roads "
                   "and placing urban populations under siege (such as Yurimaguas), they will not win anyone's "
                   "support. Traders in Yurimaguas said food was running out.")
    assert types.get("Yurimaguas") == {"GPE"}


def test_a_subtitle_after_a_name_and_a_colon_is_a_work() -> None:
    types = _types("In the 20-minute demonstration of Batman: Arkham VR, players are dropped down a secret elevator.")
    assert types.get("Arkham VR") == {"WORK_OF_ART"}


def test_a_title_with_an_article_inside_is_no_group() -> None:
    types = _types("Castes like Brahmins and Rajputs still marry within the caste. A couple on the homepage of "
                   "Marry A Brahmin claim that its approach helped them.")
    assert types.get("Marry A Brahmin") == {"ORG"}


def test_a_full_name_a_mention_makes_a_person_is_one_in_all_its_mentions() -> None:
    types = _types("Do you want to show support for opposition leader and democracy icon Aung San Suu Kyi? A new "
                   "website lets you send her a message.\n\nSupporters of Aung San Suu Kyi can leave messages. "
                   "Many sent their support for Aung San Suu Kyi on Friday.")
    assert types.get("Aung San Suu Kyi") == {"PERSON"}


def test_a_name_behind_an_english_prefix_is_no_person() -> None:
    text = ("Veteran politicians stepped down in both the anti-establishment and pro-Beijing camps. The "
            "pro-Beijing parties kept their seats.")
    assert not [t for t, types in _types(text).items() if "PERSON" in types and t.startswith("pro-")]
