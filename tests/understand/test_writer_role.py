"""An organisation's page speaks through the person holding the office it names (`writer.page_writer`):
a Home Office statement's "I" is the Home Secretary the title, summary or first paragraph names,
else the office itself, never the last person the text named."""

from __future__ import annotations

from entity_helpers import annotate

from newsdesk.understand import writer

SPEECH = ("With permission, Mr Speaker, I would like to make a statement about stop and search powers.\n\n"
          "Alex Marshall of the College of Policing has led the work. I believe that the reforms will help.")
OFFICE = ("Home Office",)


def _speakers(**fields: object) -> dict[str, tuple[str | None, str | None]]:
    return {q.text.split()[0]: (q.speaker, q.speaker_role) for q in annotate(SPEECH, **fields).quotes}


def test_the_summary_names_the_office_holder() -> None:
    said = _speakers(authors=OFFICE, title="Reform of police stop and search powers",
                     excerpt="Home Secretary Theresa May gave a statement to Parliament on stop and search.")
    assert said["to"] == ("Theresa May", "Home Secretary") and said["that"][0] == "Theresa May", said


def test_a_statement_by_the_rt_hon_names_its_giver_and_office() -> None:
    said = _speakers(authors=("Ministry of Justice",), title="Statement to Commons on HMP Birmingham",
                     excerpt="Statement by The Rt Hon Elizabeth Truss MP, Lord Chancellor and Secretary of "
                             "State for Justice on the disturbance at HMP Birmingham.")
    assert said["that"] == ("Elizabeth Truss", "Lord Chancellor and Secretary of State for Justice"), said


def test_with_only_the_office_named_the_i_is_the_office_not_the_last_person() -> None:
    said = _speakers(authors=OFFICE, title="Home Secretary speech to the Association of Police Commissioners",
                     excerpt="An address to the first general meeting since the elections.")
    assert said["that"][0] == "Home Secretary" and said["to"][0] == "Home Secretary", said  # not Alex Marshall


def test_a_summary_naming_the_holder_by_surname_gives_the_words_to_them() -> None:
    # E22: the corpus store's page summarised so ("May addresses audience …"); the store's surname rule
    # takes the lone "May" to the one person of a longer name it knows by it (Theresa May)
    said = _speakers(authors=OFFICE, title="Home Secretary speech to the Association of Police Commissioners",
                     excerpt="May addresses audience at the first general meeting since the elections.")
    assert said["that"] == ("May", "Home Secretary") and said["to"][0] == "May", said  # not Alex Marshall


def test_a_page_about_someone_elses_speech_leaves_the_i() -> None:
    said = _speakers(authors=("Global Voices",), title="Middle East: Bloggers React to Obama's Address",
                     excerpt="As expected, US President Barack Obama's speech was received with mixed reactions.")
    assert said["that"][0] == "I", said


def test_headings_that_give_the_words_to_a_person() -> None:
    def page(title: str, excerpt: str | None = None, text: str = "") -> tuple[str | None, str | None]:
        return writer.page_writer(writer.Page(("Cabinet Office",), title, excerpt), text)

    assert page("Andrea Leadsom's speech at Women in Nuclear UK Conference") == ("Andrea Leadsom", None)
    assert page("Anti-Corruption Summit 2016: PM's closing remarks",
                "David Cameron closed the anti-corruption summit.") == ("David Cameron", "Prime Minister")
    assert page("Weekly Address: Tuition-Free Community College", None,
                "Remarks of Vice President Joe Biden\n\nI am here.") == ("Joe Biden", "Vice President")
    assert page("Foreign Secretary's statement on Syria") == (None, "Foreign Secretary")
    assert page("Christmas 2016: Prime Minister's message", "Best wishes to everyone.") == (None, "Prime Minister")
    assert page("Reform of police powers", "The new rules were welcomed by Theresa May on Monday.") == (None, None)


def test_a_person_byline_comes_first_and_loses_its_post_nominals() -> None:
    assert writer.person_author(("Department for Education", "Nick Gibb MP")) == "Nick Gibb"
    assert writer.page_writer(writer.Page(("Jane Doe",), "Home Secretary speech to police"), "") == ("Jane Doe", None)
