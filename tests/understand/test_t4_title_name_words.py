"""A title's name keeps only its name words (T4): in headline case the model glues headline words to
names ("Obama Says", "Christopher Hill Speech"), and a glued name made the text's "Obama" the person
"Obama Says". The title's names are read to resolve the text's short names (E14)."""

from __future__ import annotations

from entity_helpers import annotate

OBAMA_TITLE = "Obama Says African-American Museum Will Tell of 'Suffering and Delight.'"
OBAMA_BODY = ("WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell an American "
              "story.\n\nObama said the building was a gift to the country.")


def test_a_verb_glued_to_a_one_word_name_leaves_no_fuller_form() -> None:
    article = annotate(OBAMA_BODY, title=OBAMA_TITLE)
    obamas = [e for e in article.entities if e.text == "Obama"]
    assert obamas and all(e.canonical == "Obama" for e in obamas)
    assert "Obama Says" not in {q.speaker for q in article.quotes}


def test_a_noun_the_text_writes_in_lower_case_leaves_the_full_name() -> None:
    body = "Hill gave the speech on Monday.\n\nHill said the speech was about taxes."
    article = annotate(body, title="Christopher Hill Speech Draws Crowds")
    hills = [e for e in article.entities if e.type == "PERSON" and e.text == "Hill"]
    assert hills and all(e.canonical == "Christopher Hill" for e in hills)
    assert "Christopher Hill" in {q.speaker for q in article.quotes}


def test_a_verb_after_a_full_name_goes_and_a_given_name_that_is_an_english_word_stays() -> None:
    body = "The bill passed on Monday.\n\nClinton said the bill was a start."
    article = annotate(body, title="Bill Clinton Backs Health Bill")
    clintons = [e for e in article.entities if e.type == "PERSON" and e.text == "Clinton"]
    assert clintons and all(e.canonical == "Bill Clinton" for e in clintons)


def test_the_text_repeating_its_title_reads_the_same_name_words_there() -> None:
    text = OBAMA_TITLE + "\n\n" + OBAMA_BODY
    article = annotate(text, title=OBAMA_TITLE)
    assert all(article.text[e.start:e.end] == e.text for e in article.entities)
    people = [e for e in article.entities if e.type == "PERSON"]
    assert people[0].start == 0 and people[0].text == "Obama"
    assert all(e.canonical == "Obama" for e in people if e.text == "Obama")
    assert {q.speaker for q in article.quotes} - {None} <= {"Obama"}
