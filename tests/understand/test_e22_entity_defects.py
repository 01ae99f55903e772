"""What the corpus store's English entity pages showed wrong (E22): a GOV.UK speech whose heading
gives its words to an office and whose summary names the holder by surname alone ("May addresses
…") had no entity for its quotes; names kept an editor's bracket ("George H. W.] Bush"); a picture
credit ("Image: Twitter / Barack Obama") gave a person the role "Twitter"; and roles ran on into a
second person, a relative clause or a dateline, or were an adjective, an account or a paper. The
texts are made up after the store's pages; the tagger's readings are the real model's."""

from __future__ import annotations

from pathlib import Path

from entity_helpers import annotate

from newsdesk.records import RawPage
from newsdesk.store import open_store

_SPEECH = ("Thank you. I am glad to be here again after the local elections in May.\n\n"
           "I hope each of you will encourage your forces to take up these schemes and widen them.")
_TITLE = "Home Secretary speech to the Association of Police and Crime Commissioners"


def _roles(text: str) -> dict[str, set[str | None]]:
    out: dict[str, set[str | None]] = {}
    for e in annotate(text).entities:
        if e.type == "PERSON":
            out.setdefault(e.canonical or e.text, set()).add(e.role)
    return out


def test_an_office_holder_named_by_surname_in_the_summary_speaks() -> None:
    art = annotate(_SPEECH, title=_TITLE, excerpt="Rudd addresses the audience at the first general meeting "
                   "since the May elections.")
    said = [q for q in art.quotes if "encourage your forces" in q.text]
    assert [(q.speaker, q.speaker_role) for q in said] == [("Rudd", "Home Secretary")], art.quotes
    people = [e for e in art.entities if e.type == "PERSON"]
    # the month in the text is not her name: the entity stands in the heading (no characters)
    assert [(e.canonical, e.role, e.heading, e.start, e.end) for e in people] == [
        ("Rudd", "Home Secretary", True, 0, 0)], people


def test_a_common_noun_opening_the_summary_names_no_holder() -> None:
    art = annotate(_SPEECH, title=_TITLE, excerpt="Government addresses the audience at the first meeting.")
    said = [q for q in art.quotes if "encourage your forces" in q.text]
    assert [q.speaker for q in said] == ["Home Secretary"], art.quotes
    assert not [e for e in art.entities if e.type == "PERSON"]


def test_the_surname_holder_joins_the_person_the_store_knows(tmp_path: Path) -> None:
    store = open_store(tmp_path / "nd.db")
    pages = [(annotate("Home Secretary Amber Rudd gave a statement to Parliament on police powers. Rudd said "
                       "the powers would be cut.", title="Police powers", url="https://gov.example/1",
                       published="2026-01-01T09:00:00+00:00")),
             annotate(_SPEECH, title=_TITLE, excerpt="Rudd addresses the audience at the first general meeting "
                      "since the May elections.", url="https://gov.example/2", published="2026-01-02T09:00:00+00:00")]
    for i, art in enumerate(pages):
        _, article_id = store.store_page(RawPage(body=art.text.encode(), origin=f"p{i}", url=art.url), art)
        store.after_store_entities(article_id, art)
    rows = store.conn.execute("SELECT e.name FROM quotes q JOIN entities e ON e.id = q.speaker_id"
                              " WHERE q.text LIKE '%encourage your forces%'").fetchall()
    assert [r[0] for r in rows] == ["Amber Rudd"], rows


def test_an_editors_bracket_stays_in_the_name_it_opens() -> None:
    art = annotate("Reagan in 80 and 84, [George H. W.] Bush in 88 and 92, [Phil] Gramm in 96, and [George W.] "
                   "Bush in 2000, he told us.\n\nWhich Virginia Governor(s) do you admire?")
    people = {e.text: e.canonical for e in art.entities if e.type == "PERSON"}
    assert people.get("[George H. W.] Bush") == "George H. W. Bush", people
    assert people.get("[Phil] Gramm") == "Phil Gramm", people
    for e in art.entities:  # no name keeps a bracket it does not pair
        assert all(e.text.count(o) == e.text.count(c) for o, c in ("()", "[]")), e


def test_a_short_name_after_a_bracketed_one_is_that_person() -> None:
    art = annotate("[Hillary] Clinton released her medical records in July, her doctor said. Clinton was fit for duty, "
                   "the letter said, and Clinton did not answer questions.")
    assert {e.canonical for e in art.entities if e.type == "PERSON"} == {"Hillary Clinton"}, art.entities


def test_a_lone_bracket_is_no_part_of_a_name() -> None:
    art = annotate("In an interview for the Observador blog [Observatory of Media Rights, pt] Paulo Teixeira "
                   "said the law was wrong.")
    for e in art.entities:
        assert all(e.text.count(o) == e.text.count(c) for o, c in ("()", "[]")), e
        assert all((e.canonical or "").count(o) == (e.canonical or "").count(c) for o, c in ("()", "[]")), e


def test_a_picture_credit_is_no_role() -> None:
    roles = _roles("US President Barack Obama tweeted to the student on Wednesday.\n\nObama tweet to student "
                   "Ahmed Mohamed Image: Twitter / Barack Obama.\n\nMohamed brought the clock to school.")
    assert "Twitter" not in roles.get("Barack Obama", set()), roles
    assert "US President" in roles.get("Barack Obama", set()), roles


def test_roles_end_where_the_phrase_turns_to_something_else() -> None:
    roles = _roles("His two friends Farhad Golyardi, editor of Eutopia and Shervin Nekuee, an Iranian sociologist, "
                   "wrote the letter.\n\nFour years of right-wing Ahmadinejad have put Iran on a downward path.")
    assert roles.get("Farhad Golyardi") == {"editor of Eutopia"}, roles
    assert roles.get("Ahmadinejad", {None}) == {None}, roles


def test_a_paper_is_no_role() -> None:
    roles = _roles("In a recently-accepted Evolution paper Bos and colleagues describe ants that leave the nest "
                   "to die.")
    assert roles.get("Bos", {None}) == {None}, roles


def test_a_phrase_owning_the_name_is_no_role() -> None:
    roles = _roles("Also elected were localist camp's Cheng Chung-tai of Civic Passion and Andrew Wan.\n\n"
                   "Tunisia's coach Nabil Maaloul said the team had played well.\n\nHe has made clear in talks with "
                   "South Korea's President Lee Myung-bak and other officials that it matters.")
    assert roles.get("Cheng Chung-tai", {None}) == {None}, roles
    # an owner inside the role stays
    assert roles.get("Nabil Maaloul") == {"Tunisia's coach"}, roles
    assert roles.get("Lee Myung-bak") == {"South Korea's President"}, roles
