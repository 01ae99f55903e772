"""A person's name keeps neither a nationality before it nor foreign words after it."""

from __future__ import annotations

from entity_helpers import annotate

# Global Voices, June 2009: an English post quoting French bloggers.
OBAMA = ("US President Barack Obama spoke in Cairo on Thursday.\n\n"
         "Obama a eu également l’élégance intellectuelle de citer certains versets du Coran.\n\n"
         "Eventually, and to the big disappointment of many Moroccan Obama enthusiasts, "
         "the American President did not speak in Morocco.")


def test_nationality_and_foreign_words_are_cut_off_a_name() -> None:
    people = [e for e in annotate(OBAMA).entities if e.type == "PERSON"]
    assert {e.text for e in people} <= {"Barack Obama", "Obama"}
    assert {e.canonical for e in people} == {"Barack Obama"}
    # the French verb phrase is not the role of the name it was glued to
    assert not [e.role for e in people if e.text == "Obama" and e.role]


def test_a_cut_name_the_article_does_not_confirm_is_dropped() -> None:
    # Global Voices quoting a Peruvian and a Gabonese blogger in their own languages.
    text = ("He continues:\n\nEl tema no es la inversión ni nacional ni extranjera, sino que se respeten "
            "los derechos de las comunidades nativas. Si el asunto arranca violando sus derechos, ¿por qué "
            "las comunidades tendrían que creer?\n\nPuis profondément, quel est le bilan d'Omar Bongo "
            "Ondimba ? Pour ma part, je pense que oui - mais peut-être que je m'avance trop.")
    people = [e.text for e in annotate(text).entities if e.type == "PERSON"]
    assert [p for p in people if "Omar Bongo Ondimba" in p]
    assert not [p for p in people if p.split()[0] in ("Si", "Pour")]


def test_an_entity_without_a_capital_is_no_name() -> None:
    text = ("The protesters chanted in Portuguese. “Ele pretende acabar com a educação, "
            "vamos juntar forças,” said Maria Silva, a teacher from São Paulo.")
    ents = annotate(text).entities
    assert [e.text for e in ents if not any(ch.isupper() for ch in e.text)] == []
    assert "Maria Silva" in {e.text for e in ents}


def test_hyphenated_and_dotted_names_are_kept_whole() -> None:
    text = ("North Korean leader Kim Jong-un met Lee Myung-bak. Lau Siu-lai and Leung Kwok-hung won seats, "
            "said Jack Herrick.")
    people = {e.text for e in annotate(text).entities if e.type == "PERSON"}
    assert {"Kim Jong-un", "Lee Myung-bak", "Lau Siu-lai"} <= people
