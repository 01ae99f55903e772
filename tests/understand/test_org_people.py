"""People the small model reads as organisations, and the namesakes a bare surname is not (real
spaCy parses; one PolNeAR train article read in place from ../shared)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from entity_helpers import annotate

from newsdesk.understand import mention_people, nlp
from newsdesk.understand.mention_people import named_like_a_person

PROFILE = "bench/quotes/polnear/train/text/wash-post_2016-01-20_fiorina-pushed-ahead-and-paid-a-.txt"


def _as_org(text: str, name: str) -> bool:
    doc = nlp.parse(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label="ORG")
    return named_like_a_person(span, set())


def test_a_full_name_with_a_persons_role_is_a_person() -> None:
    assert _as_org("The auditorium was half-empty when GOP presidential candidate Carly Fiorina spoke.",
                   "Carly Fiorina")
    # no role: a firm named after its founders; a word for a thing last; no given name first
    assert not _as_org("The deal was handled by Morgan Stanley in New York last week.", "Morgan Stanley")
    assert not _as_org("The poll was run by analyst Edison Research for the networks.", "Edison Research")
    assert not _as_org("The group was founded by militant leader Al Qaeda in 1988.", "Al Qaeda")
    # the name modifying the noun after it is the noun's
    assert not _as_org("The candidate Carly Fiorina campaign spent heavily in Iowa.", "Carly Fiorina")


@pytest.fixture(scope="module")
def profile(shared_dir: Path) -> str:
    path = shared_dir / PROFILE
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    return path.read_text(encoding="utf-8")


def test_her_surname_is_hers_not_her_husbands(profile: str) -> None:
    # the tagger read "Carly Fiorina" and each bare "Fiorina" as an organisation; the one person named
    # in full was "her husband, Frank Fiorina", and her "she said" went to the nearest man
    article = annotate(profile)
    bare = Counter((e.type, e.canonical) for e in article.entities if e.text == "Fiorina")
    assert bare.most_common(1)[0][0] == ("PERSON", "Carly Fiorina"), bare
    assert bare[("PERSON", "Frank Fiorina")] == 0, bare
    said = next(q for q in article.quotes if "Compaq would come to us" in q.text)
    assert said.speaker == "Carly Fiorina", said


def test_without_the_rule_her_full_name_stays_an_organisation(profile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mention_people, "ORG_FULL_NAMES", False)
    article = annotate(profile)
    assert not any(e.text == "Carly Fiorina" and e.type == "PERSON" for e in article.entities)
