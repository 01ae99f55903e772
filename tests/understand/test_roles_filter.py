"""A role is a title: not a name, a date or a pronoun the parse put beside a person."""

from __future__ import annotations

from entity_helpers import annotate


def _roles(text: str) -> dict[str, str | None]:
    return {e.text: e.role for e in annotate(text).entities if e.type == "PERSON"}


def test_a_date_or_a_name_is_no_role() -> None:
    # Wikinews: the dateline and a company the parse hung on the name as appositions
    dated = _roles("Keep your eyes peeled for cosmic debris: Andrew Westphal about Stardust @ home\n\n"
                   "Sunday, May 28, 2006\n\nStardust is a NASA space capsule.")
    assert dated.get("Andrew Westphal") is None
    google = _roles("Co-founder of Google, Sergey Brin, personally met with Mohamed during his visit.")
    assert google.get("Sergey Brin") != "Google"


def test_titles_stay_roles() -> None:
    roles = _roles("Ken Cuccinelli, Virginia's Attorney General, spoke. The head of NATO, Hoop Scheffer, "
                   "agreed, and US President Donald Trump, a Republican, did not.")
    assert "Attorney General" in (roles.get("Ken Cuccinelli") or "")
    assert roles.get("Donald Trump") and "President" in roles["Donald Trump"]


def test_a_pronoun_is_no_role() -> None:
    # A proclamation in capitals: the parse tags "I" PROPN and hangs the name on it.
    roles = _roles("NOW, THEREFORE, I, BARACK OBAMA, President of the United States of America, "
                   "by virtue of the authority vested in me, do hereby proclaim.")
    assert roles.get("BARACK OBAMA") != "I"


def test_a_phrase_naming_the_person_again_is_no_role() -> None:
    # Wikinews, Hong Kong election results: a caption line runs into the next sentence.
    roles = _roles("Nathan Law of Demosisto\n\nAnn Chiang of DAB In the Kowloon West geographical constituency, "
                   "pro-Beijing councillors Ann Chiang of DAB and Priscilla Leung of BPA were re-elected.")
    assert "Ann Chiang" not in (roles.get("Ann Chiang") or "")


def test_abbreviated_titles_stay_roles() -> None:
    roles = _roles("A State Department Spokesperson, Ned Price, said the talks would go on.")
    assert "Spokesperson" in (roles.get("Ned Price") or "")
