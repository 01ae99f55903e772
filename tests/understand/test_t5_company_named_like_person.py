"""A word the article writes as what a named person belongs to ("Jane Smith of Dell") is an
organisation's there, so its bare uses the tagger reads as an organisation stay one, though the
article also names a person "Michael Dell" (T5 on E17's surname rule: on the corpus store every
"DAB" of "Elizabeth Quat of DAB" was filed under a misread 'person' "Pro-Beijing DAB")."""

from __future__ import annotations

from entity_helpers import annotate

DELL = ("Michael Dell founded the company in 1984.\n\n\"Sales were strong,\" said Jane Smith of Dell. "
        "Analysts expect more from Dell this year.")


def test_a_bare_word_the_article_gives_a_person_as_affiliation_stays_the_company() -> None:
    article = annotate(DELL)
    dells = [e for e in article.entities if e.text == "Dell"]
    assert dells and all(e.type == "ORG" and e.canonical == "Dell" for e in dells)
    assert [e.text for e in article.entities if e.type == "PERSON"] == ["Michael Dell", "Jane Smith"]


def test_of_after_a_common_noun_is_no_affiliation_and_the_surname_stays_the_person() -> None:
    text = ("Bobby Scott represents the district.\n\nScott's district is in Virginia. Jane Smith, a critic "
            "of Scott, spoke on Monday.")
    scotts = [e for e in annotate(text).entities if e.text == "Scott"]
    assert len(scotts) == 2 and all(e.type == "PERSON" and e.canonical == "Bobby Scott" for e in scotts)
