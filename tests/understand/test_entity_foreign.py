"""Words of a quoted foreign paragraph are no names, and its parse gives no roles."""

from __future__ import annotations

from entity_helpers import annotate


def test_words_of_a_foreign_quote_are_no_names() -> None:
    # Global Voices quoting a Spanish blog post about the Bagua clashes, in an English article.
    text = ("Erick Garcia of the blog Conflictos Sociales criticises the government over Bagua.\n\n"
            "Y además, ¿qué puso sobre la mesa todo este tiempo? ¿Consulta a los nativos? No. Modificaciones "
            "cosméticas de las leyes rechazadas por los nativos. Entretanto, varios decretos han sido declarados "
            "inconstitucionales por la Defensoría del Pueblo en Bagua.\n\nThe police deny it.")
    texts = {e.text for e in annotate(text).entities}
    assert "Erick Garcia" in texts
    assert "Entretanto" not in texts
    assert not [t for t in texts if t.startswith("de ")]


def test_a_name_kept_in_a_foreign_quote_takes_no_role_from_it() -> None:
    text = ("Gabonese bloggers reacted to the death of President Omar Bongo.\n\nPuis profondément, quel est le "
            "bilan d'Omar Bongo Ondimba ? Pour ma part, je pense que oui - mais peut-être que je m'avance trop.")
    roles = [e.role for e in annotate(text).entities if e.type == "PERSON" and "Ondimba" in e.text]
    assert roles and all(r is None for r in roles)


def test_an_english_headline_the_identifier_doubts_stays_english() -> None:
    # Wikinews: py3langid votes this headline Nigerian Pidgin (0.66), at odds of English near even.
    text = ("Wikinews · 2015-09-01\n\nBiologist Nick Bos tells Wikinews about 'self-medicating' ants Tuesday, "
            "September 1, 2015")
    roles = {e.text: e.role for e in annotate(text).entities if e.type == "PERSON"}
    assert roles.get("Nick Bos") == "Biologist"
