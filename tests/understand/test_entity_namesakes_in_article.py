"""A bare surname in an article naming two namesakes in full: the one named in full most often, and
never one whose first name says the other sex than the mention's honorific (real spaCy parses)."""

from __future__ import annotations

from entity_helpers import annotate


def _canonical(text: str, written: str, after: int = 0) -> list[str]:
    ents = annotate(text).to_dict()["entities"]
    return [e["canonical"] for e in ents if e["text"] == written and e["start"] >= after]


def test_a_bare_surname_after_an_aside_about_a_namesake_is_the_article_s_subject() -> None:
    text = ("Ted Cruz endorses Trump. Sen. Ted Cruz of Texas is endorsing Donald Trump. During the primary, Trump "
            "tweeted an unflattering photo of Heidi Cruz. On Wednesday, Cruz thanked Trump on Twitter. Cruz is "
            "facing a reelection campaign in 2018.")
    names = _canonical(text, "Cruz", after=text.index("On Wednesday"))
    assert names and set(names) == {"Ted Cruz"}, names


def test_an_honorific_rules_out_a_namesake_of_the_other_sex() -> None:
    text = ("Hillary Clinton spoke in Iowa on Monday. Her husband, Bill Clinton, campaigned in Ohio. "
            "Mrs. Clinton has embraced the climate plan and promised more jobs.")
    names = _canonical(text, "Clinton", after=text.index("Mrs."))
    assert names and set(names) == {"Hillary Clinton"}, names
