"""Phrases a reader would not call a person's role: a form of address alone, a phrase running across
a quotation mark, a document's heading the parse hung a name on (real parses, E14)."""

from __future__ import annotations

from entity_helpers import annotate


def _roles(text: str) -> dict[str, str | None]:
    return {e["text"]: e["role"] for e in annotate(text).to_dict()["entities"] if e["type"] == "PERSON"}


def test_a_form_of_address_alone_is_no_role() -> None:
    assert _roles("Did you see Mr. Obama boarding the plane yesterday?")["Obama"] is None


def test_a_form_of_address_ends_no_role() -> None:
    roles = _roles("Undersecretary for Education Mr. Toccafondi says many schools will increase their fees.")
    assert roles["Toccafondi"] == "Undersecretary for Education"


def test_a_title_of_office_stays_a_role() -> None:
    roles = _roles("Mark Tedeschi, the Crown prosecutor, said Professor Jane Hill would testify.")
    assert roles["Mark Tedeschi"] == "Crown prosecutor"
    assert roles["Jane Hill"] == "Professor"


def test_a_phrase_across_a_quotation_mark_is_no_role() -> None:
    text = "Obama came then to offer a kiss… “a kiss of death” to the already deceased Arab World."
    assert _roles(text)["Obama"] is None


def test_a_role_keeps_the_quotation_it_closes() -> None:
    roles = _roles("Jane Roe, the author of “The Long Road”, spoke on Monday.")
    assert roles["Jane Roe"] == "author of “The Long Road”"


def test_a_heading_the_name_hangs_on_is_no_role() -> None:
    roles = _roles("Remarks of President Barack Obama and First Lady Michelle Obama as Delivered")
    assert roles["Barack Obama"] is None
    assert roles["Michelle Obama"] == "First Lady"


def test_a_role_cut_at_a_quotation_keeps_the_name_side() -> None:
    text = ('Kristen Wilkins, curator of "Andy Warhol: Photographs and Prints from the University Collection" '
            "at the University of Southern Indiana, spoke on Friday.")
    assert _roles(text)["Kristen Wilkins"] == "curator"


def test_a_role_keeps_the_bracket_it_closes() -> None:
    roles = _roles('The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino, has called '
                   'the sentence "dangerous" and "ideological".')
    assert roles["Nunzio Galantino"] == "secretary general of CEI (Italian Episcopal Conference)"
