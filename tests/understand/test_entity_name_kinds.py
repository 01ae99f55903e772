"""Names the small model tags PERSON that their own words or grammar say are no person: a class
noun in the name, the class a list or a copula puts it in, a plural, a determiner, a place noun
it modifies, a big city, a hashtag; and the people these rules must leave alone (real parses;
sentences from E12's sample store)."""

from __future__ import annotations

from entity_helpers import annotate


def _types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in annotate(text).entities:
        out.setdefault(e.text, set()).add(e.type)
    return out


def _people(text: str) -> set[str]:
    return {name for name, types in _types(text).items() if "PERSON" in types}


def test_a_class_noun_in_the_name_gives_its_type() -> None:
    types = _types("Space Shuttle Discovery will take the place of Enterprise at the museum. "
                   "The base is called McMurdo Station.")
    assert types["Space Shuttle Discovery"] == {"PRODUCT"}
    assert types["McMurdo Station"] == {"FAC"}


def test_the_class_a_list_puts_the_name_in_gives_its_type() -> None:
    types = _types("Higher, more powerful, castes like Brahmins, Rajputs and Yadavs tend to have more money.")
    assert types["Brahmins"] == types["Yadavs"] == {"NORP"}
    assert _types("A strong student association such as Tahkim Vahdat supports a reformist.")[
        "Tahkim Vahdat"] == {"ORG"}
    assert _types("Web search engines including Google, Bing, and Yahoo! list the site first.")["Bing"] == {"PRODUCT"}
    assert _types("Like Wikipedia, wikiHow is a wiki that runs on Mediawiki software.")["Mediawiki"] == {"PRODUCT"}


def test_people_listed_under_a_class_stay_people() -> None:
    # a singular "organization including" names what they belonged to, not what they are
    assert _people("Scientology lost many defectors from the organization including Tom Devocht and "
                   "Mark Rathbun.") == {"Tom Devocht", "Mark Rathbun"}
    assert {"Ansel Adams", "Chuck Close"} <= _people(
        "He was in the company of other photographers who used the camera, such as Ansel Adams, Chuck Close, "
        "Walker Evans and Helmut Newton.")


def test_a_plural_name_is_a_group_and_so_is_its_singular() -> None:
    types = _types("For instance, there are more than 1000 communities for Brahmins on the site. "
                   "The Brahmin culture is old.")
    assert types["Brahmins"] == types["Brahmin"] == {"NORP"}
    # a surname ending in s is no plural: its singular is no word of the article
    assert "Sean Mills" in _people("Editorial Manager Chet Clem and President Sean Mills. Image: David Shankbone")


def test_a_name_english_gives_a_determiner_is_no_person() -> None:
    assert "G8" not in _people("Today it's not just the G8, but representatives from over 40 countries.")
    assert "Bill" not in _people("A Bill will be introduced to ensure that children are protected.")
    # the determiner of the noun a name modifies is not the name's
    assert "Obama" in _people("One of the innovations made by the Obama administration was live video. "
                              "Barack Obama spoke in Cairo.")
    # a name the article also writes bare stays a person
    assert "JFK" in _people("Citoyen Hmida has compared the speech to the JFK's famous speech. It was "
                            "stated by JFK when he visited Berlin.")


def test_a_hashtag_is_no_person() -> None:
    assert "WeMissTurkey" not in _people("The community and countless individuals shared messages of support "
                                         "with #WeMissTurkey and their desire to work again.")


def test_a_name_modifying_a_place_noun_or_a_big_city_of_the_story_is_a_place() -> None:
    assert _types("In total there are 6 sets of regulations in Scotland, 2 covering the Glasgow area.")[
        "Glasgow"] == {"GPE"}
    text = ("The blog of Paulo Teixeira, a PT [Labour Party] member of parliament for São Paulo, stresses the "
            "point. Brazil's congress votes today.")
    assert _types(text)["São Paulo"] == {"GPE"}
    assert "Paulo Teixeira" in _people(text)


def test_a_place_the_gazetteer_lacks_with_a_persons_title_is_that_person() -> None:
    # Global Voices and a UK government speech: the small model reads these as places
    people = _people("It means getting stolen assets returned to people like President Buhari and President "
                     "Ghani, so they can be reinvested.")
    assert "Buhari" in people
    assert "Dame Sue Ion" in _people("In more senior, leadership roles we have Dame Sue Ion, Chair of the Nuclear "
                                     "Innovation Research Advisory Board.")
    text = ("One of the indigenous leaders of the protest group, Alberto Pizango, called a press conference. The "
            "minister has stated that (indigenous protest leader) Pizango and others should be arrested.")
    assert {"Alberto Pizango", "Pizango"} <= _people(text)


def test_a_place_described_as_a_thing_stays_no_person() -> None:
    assert "Beauveria" not in _people("Beauveria bassiana, a fungus, kills the ants.")
    assert "Cairo" not in _people("Cairo, the capital, was calm. President Obama spoke there.")
