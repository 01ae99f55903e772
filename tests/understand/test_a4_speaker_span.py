"""The words a quote marks as its speaker (speaker_start/end) are the words its speaker is named
from, over real spaCy parses: the phrase itself when the speaker is a phrase, the name's mention
when a name written there speaks (`annotate.written_speaker`, shared by naming and marking)."""

from __future__ import annotations

import re

from entity_helpers import annotate

from newsdesk.records import Article, Quote

_PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def _quote(text: str, words: str) -> tuple[Article, Quote]:
    article = annotate(text)
    q = next((q for q in article.quotes if words in q.text), None)
    assert q is not None, article.quotes
    return article, q


def _marked(article: Article, q: Quote) -> str | None:
    return None if q.speaker_start is None else article.text[q.speaker_start:q.speaker_end]


def _agree(article: Article, q: Quote) -> None:
    """A phrase speaker is marked word for word; a named one at a mention sharing a word of the
    name (or a pronoun standing for it)."""
    names = {e.canonical or e.text for e in article.entities}
    marked = _marked(article, q)
    assert marked is not None, q
    if q.speaker in names:
        words = {w.lower() for w in re.findall(r"\w+", q.speaker or "")}
        assert marked.lower() in _PRONOUNS or words & {w.lower() for w in re.findall(r"\w+", marked)}, (q, marked)
    else:
        assert marked == q.speaker, (q, marked)


def test_a_name_that_describes_the_noun_is_marked_with_the_noun() -> None:
    # "Trump" only describes the aides (speaker_mention._describes): the aides speak, and are marked
    article, q = _quote("The candidate met donors in Ohio.  Trump aides said that the meeting had been cancelled.",
                        "meeting")
    assert (q.speaker, _marked(article, q)) == ("Trump aides", "Trump aides")


def test_an_organisation_inside_a_description_is_not_marked_alone() -> None:
    for text, words, speaker in (
            ("A reporter asked about the plan. White House officials said that the plan was dead.", "dead",
             "White House officials"),
            ("The agency reopened the case in July. The FBI director said that the inquiry would take months.",
             "inquiry", "The FBI director")):
        article, q = _quote(text, words)
        assert (q.speaker, _marked(article, q)) == (speaker, speaker)


def test_a_phrase_with_its_preposition_is_marked_whole() -> None:
    article, q = _quote("The report was published on Monday. A spokesman for the ministry said that the talks"
                        " would resume next week.", "talks")
    assert (q.speaker, _marked(article, q)) == ("A spokesman for the ministry", "A spokesman for the ministry")


def test_the_name_a_phrase_resolves_to_is_marked_not_the_phrase() -> None:
    # "a report from X" speaks for X, and "Clinton's team" for Clinton: the mark is the name
    article, q = _quote("Growth slowed sharply in the second quarter, according to a report from Human Rights Watch.",
                        "Growth")
    assert _marked(article, q) == "Human Rights Watch" and "Rights" in (q.speaker or ""), q
    text = ("Hillary Clinton spoke in Ohio on Monday.  It is an unlikely scenario; Clinton's team says she will"
            " continue her march toward Election Day.")
    article, q = _quote(text, "march")
    assert _marked(article, q) == "Clinton" and q.speaker == "Hillary Clinton", q


def test_the_whole_phrase_naming_the_speaker_is_cut_from_what_was_said() -> None:
    # the mark is "Obama", but "Mr. Obama noted" introduces the quote: "Mr." was left as said
    text = "Markets fell, but the air had become so bad, Mr. Obama noted, that the embassy published its own readings."
    article, q = _quote(text, "embassy")
    said = [text[a:b] for a, b in q.pieces]
    assert _marked(article, q) == "Obama" and not any("Mr." in s for s in said), said
    text = "Growth slowed in the second quarter, according to the conservative-leaning Tax Foundation, more than forecast."
    article, q = _quote(text, "Growth")
    assert not any("Foundation" in text[a:b] for a, b in q.pieces), [text[a:b] for a, b in q.pieces]


def test_every_quote_marks_the_words_it_is_named_from() -> None:
    text = ("Senator Elizabeth Warren spoke in Boston on Monday. She said that the bill would pass. A senior official"
            " at the Treasury said the plan was sound. Trump aides said that the rally was cancelled. Officials"
            " at the State Department said talks would go on, according to a Washington Post report.")
    article = annotate(text)
    assert len(article.quotes) >= 3, article.quotes
    for q in article.quotes:
        if q.speaker is not None:
            _agree(article, q)
