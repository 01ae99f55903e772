"""Entities that are still the wrong thing (E20), read from the article: a newspaper or a magazine the
text uses as one ("the Sun reported", "editor of Eutopia", "wrote in Eutopia", "Time magazine", a
place's nameplate, a name listed with newspapers) is an organisation, not a person, and a one-word
nameplate the text uses as no publication ("a sample from the Sun") is not one either; a god is no
person; and a short name never takes a possessive phrase for its full name ("Trump's policy"). The
texts are made up after the corpus store's pages; the tagger's readings are the real model's."""

from __future__ import annotations

from entity_helpers import annotate

from newsdesk.understand.canonical import canonicalize
from newsdesk.understand.entities import Mention


def _types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in annotate(text).entities:
        out.setdefault(e.text, set()).add(e.type)
    return out


def test_a_newspaper_the_text_says_reports_is_an_organisation() -> None:
    types = _types("The Sun reported on Monday that the minister would resign. The Sun's editor declined to comment.")
    assert types.get("Sun") == {"ORG"}, types


def test_the_sun_as_no_publication_is_not_the_newspaper() -> None:
    # the model reads the first "Sun" as a place and the second as an organisation
    types = _types("Genesis brought back a sample from the Sun almost two years ago, and the probe will orbit the "
                   "Sun again.")
    assert types.get("Sun") == {"LOC"}, types


def test_a_magazine_someone_edits_and_writes_in_is_no_person() -> None:
    types = _types("Farhad Golyardi, editor of Eutopia, and Shervin Nekuee, an Iranian sociologist, launched the "
                   "campaign. He wrote in Eutopia that the vote was not free.")
    assert types.get("Eutopia") == {"ORG"}, types
    assert types.get("Farhad Golyardi") == {"PERSON"}


def test_a_name_listed_with_newspapers_is_a_newspaper() -> None:
    types = _types("Sing Tao, Hong Kong Daily News, Oriental Daily and the Sun highlight stories on youth crime.")
    assert types.get("Sing Tao") == {"ORG"}, types


def test_a_places_nameplate_is_a_newspaper() -> None:
    types = _types('"MP calls for probe into misplaced documents" — Edmonton Sun, August 16, 2008')
    assert types.get("Edmonton Sun") == {"ORG"}, types


def test_a_name_modifying_a_channel_is_no_person() -> None:
    types = _types("Here on the Futura channel we have received an e-mail from a PR officer.")
    assert "PERSON" not in types.get("Futura", {"PERSON"}), types


def test_god_is_no_person() -> None:
    types = _types("It may require sacrifices but all for the greater good. May God bless you all and may God "
                   "protect our troops.")
    assert "God" not in types, types


def test_people_stay_people_beside_publications() -> None:
    types = _types("Sun Yang won the race in Paris. Jones told Smith that he would stay, and Barack Obama, an "
                   "editor of the Harvard Law Review, wrote in the review about it.")
    assert types.get("Sun Yang") == {"PERSON"} and types.get("Barack Obama") == {"PERSON"}, types
    assert types.get("Jones") == {"PERSON"}, types


def _mention(text: str, start: int) -> Mention:
    return Mention(text=text, type="PERSON", start=start, end=start + len(text), span=None)


def test_a_short_name_never_takes_a_possessive_phrase() -> None:
    # as often each, and the phrase nearer: the tie went to "Trump's policy"
    mentions = [_mention("Ivanka Trump", 0), _mention("Trump's policy", 40), _mention("Trump", 90)]
    assert canonicalize(mentions)[2].canonical == "Ivanka Trump"


def test_a_name_with_a_possessive_inside_still_has_its_initials() -> None:
    org = Mention(text="Korean People's Army", type="ORG", start=0, end=20, span=None)
    short = Mention(text="KPA", type="ORG", start=40, end=43, span=None)
    assert canonicalize([org, short])[1].canonical == "Korean People's Army"


def test_a_writer_beside_the_paper_stays_a_person() -> None:
    types = _types("The council voted on Tuesday.\n\nJohn Smith, Washington Post, contributed to this report.")
    assert types.get("John Smith") == {"PERSON"}, types


def test_a_person_the_parse_lists_with_one_magazine_stays_a_person() -> None:
    # the corpus store's page: "Shervin Nekuee" hangs on "Eutopia" as its conjunct
    types = _types("Golyardi and his two friends Farhad Golyardi, editor of Eutopia and Shervin Nekuee, an Iranian "
                   "sociologist, launched a site named 'Vote for Nobody'.")
    assert types.get("Shervin Nekuee") == {"PERSON"}, types


def test_a_nickname_with_the_is_no_newspaper() -> None:
    # PolNeAR train: Trump's nickname is the subject of a verb of saying, with "the" before it
    types = _types("Donald Trump spoke in Phoenix.\n\nHere are just nine ridiculous things the Donald has said about "
                   "Latinos in the last year.")
    assert "ORG" not in types.get("Donald", set()), types
