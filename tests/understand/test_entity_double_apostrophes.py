"""A name before a quotation written with two apostrophes (the New York Times' style, '' … '')
ends at the name: the tagger took the opening marks into it, and the speaker and entity page read
"Donald Trump ''" (10 PolNeAR dev speakers)."""

from newsdesk.understand import nlp
from newsdesk.understand.entities import find_mentions

TEXT = ("During the debate, Hillary Clinton suggested that Donald Trump ''doesn't want the American people "
        "to know what's in his returns.'' Trump said he would release them.")


def test_a_name_before_two_apostrophes_ends_at_the_name() -> None:
    people = [(m.text, TEXT[m.start:m.end]) for m in find_mentions(nlp.parse(TEXT)) if m.type == "PERSON"]
    assert ("Donald Trump", "Donald Trump") in people
    assert not any("''" in text for text, _ in people)


def test_a_quoted_title_in_two_apostrophes_keeps_its_marks_paired() -> None:
    text = "He called the film ''The Long Road'' a triumph, and Maria Lopez agreed."
    names = [m.text for m in find_mentions(nlp.parse(text))]
    assert not any(n.startswith("''") != n.endswith("''") for n in names)
