"""Names and roles stop at a paragraph break: spaCy reads the article as one text."""

from __future__ import annotations

from entity_helpers import annotate


def test_a_name_stops_at_a_paragraph_break() -> None:
    # A heading ending in a colon, then the next paragraph: the model tags
    # "House of Commons:\n\nEstimates" as one ORG.
    article = annotate("Speech to the House of Commons:\n\nEstimates for the year were published by the Treasury.")
    texts = [e.text for e in article.entities]
    assert "House of Commons" in texts
    assert not [t for t in texts if "\n" in t]


def test_a_role_stops_at_a_paragraph_break() -> None:
    # Wikinews interview layout: a heading paragraph before the apposition of the name.
    text = ('The media laughs about it."\n\nInterview\n\n'
            "Pacific Standard owner, Jonathan M. Stan, displays the drink at the bar.")
    people = {e.text: e for e in annotate(text).entities if e.type == "PERSON"}
    assert people["Jonathan M. Stan"].role == "Pacific Standard owner"
    dated = annotate("Wikinews · 2015-09-01\n\nBiologist Nick Bos tells Wikinews about ants.")
    roles = [e.role for e in dated.entities if e.type == "PERSON"]
    assert roles and not [r for r in roles if r and "\n" in r]
