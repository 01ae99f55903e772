"""The last non-people the corpus store filed as PERSON (E21), each by evidence in its own sentence: a
summit's code is the group (ORG) and "the G8 in <place>" the meeting (EVENT); a storm's name the text
gives as "Cyclone X" is the storm in every mention; "Ed.:" is an editor's note, no person and no
speaker; a name a descriptor calls a website's ("the online home for ...") is the site; an acronym
glued to an English word ("KDnet") is no person's name; a short paragraph with no English word in it
("Gente, que absurdo!") is foreign, and its one capitalised word no person. The texts are made up
after the corpus store's pages; the tagger's readings are the real model's. People beside each stay."""

from __future__ import annotations

from entity_helpers import annotate


def _types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in annotate(text).entities:
        out.setdefault(e.text, set()).add(e.type)
    return out


def test_a_summit_code_is_the_group_and_its_meeting_an_event() -> None:
    types = _types("Last year G8 leaders signed a charter on open data, and Jane Porter said it spread to "
                   "countries beyond the G8.")
    assert types.get("G8") == {"ORG"}, types
    assert types.get("Jane Porter") == {"PERSON"}, types


def test_a_summit_in_a_place_is_an_event() -> None:
    # the model reads the first a work, the second an organisation
    for text in ("When the UK hosted the G8 in Lough Erne in 2013, we took what many had seen as a series of "
                 "technical issues around tax, trade and transparency.",
                 "When Canada hosted the G8 in Muskoka in 2010, we took on a series of technical issues around "
                 "tax, trade and transparency."):
        types = _types(text)
        summits = {name: kinds for name, kinds in types.items() if name.startswith("G8 in")}
        assert summits and all(kinds == {"EVENT"} for kinds in summits.values()), types


def test_a_storm_named_as_a_cyclone_is_the_storm_in_every_mention() -> None:
    types = _types("Cyclone Phailin made landfall on Saturday. Phailin's winds will rapidly weaken as it pushes "
                   "inland, said Tom Knight.")
    assert types.get("Phailin") == {"EVENT"}, types
    assert types.get("Tom Knight") == {"PERSON"}, types


def test_an_editors_note_is_no_person() -> None:
    types = _types("Twain, Mark. A Connecticut Yankee in King Arthur's Court (solo)\n\n"
                   "Ed.: See the catalog for a full list of the books.\n\n"
                   "Wikinews: How many readers do you have?")
    assert "Ed" not in types and "Ed." not in types, types


def test_a_man_called_ed_stays_a_person() -> None:
    types = _types("Ed Smith runs the shop. Ed said the shop would stay open all winter.")
    assert "PERSON" in types.get("Ed Smith", set()), types


def test_a_site_described_as_an_online_home_is_no_person() -> None:
    types = _types("Its aim is “taking care of the Rajputs living in India.” JatLand, “the online home for the "
                   "Jats” is proud of its wiki, says Ravi Singh.")
    assert types.get("JatLand") == {"ORG"}, types
    assert types.get("Ravi Singh") == {"PERSON"}, types


def test_an_acronym_glued_to_a_word_is_no_person() -> None:
    types = _types("Over blocking\n\nThe blogger translated some teacher's comments on the filter from KDnet:\n\n"
                   "- I do not want to discuss the filter, said Li Wei.")
    assert "PERSON" not in types.get("KDnet", set()), types


def test_a_short_foreign_exclamation_names_no_person() -> None:
    types = _types("For the blogger Maria Souza, the search for specialists is also a problem:\n\n"
                   "Gente, que absurdo!\n\n"
                   "Eu como jornalista fico indignada mesmo! Aqui recebemos o e-mail de uma assessoria hoje.")
    assert "Gente" not in types, types
    assert types.get("Maria Souza") == {"PERSON"}, types


def test_a_paper_beside_a_review_of_front_pages_is_no_person() -> None:
    types = _types("The weekly review of the front pages. The Standard and the Daily Mirror put the death of an old "
                   "singer on the front page; Ming Pao, Apple Daily and the Sun highlight stories on the floods. Tai "
                   "Kung Pao stressed the government's new housing plan.")
    assert types.get("Tai Kung Pao") == {"ORG"}, types


def test_a_person_beside_two_papers_stays_a_person() -> None:
    types = _types("Two newspapers covered the vote: the Times reported the result and the Guardian ran a long story "
                   "on it. Chan Ka-keung stressed the budget was sound.")
    assert types.get("Chan Ka-keung") == {"PERSON"}, types


def test_an_editors_note_is_no_speaker() -> None:
    article = annotate("Interview with the founder of an audio book site\n\n"
                       "Wikinews: Which books did the volunteers record first?\n\n"
                       "Ed.: See the site's catalog for a full index of the books.\n\n"
                       "Wikinews: Browsing the catalog, I find that the sound is good. How do you check it?")
    speakers = {q.speaker for q in article.quotes}
    assert "Wikinews" in speakers and not speakers & {"Ed.", "Ed"}, speakers
