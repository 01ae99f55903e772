"""A quotation with a cue clause of its own right after it is that cue's, not the words of a cue before
it; a full stop inside the marks ends the sentence, so the next sentence's cue is not the quotation's own
(real spaCy parses)."""

from __future__ import annotations

from entity_helpers import quotes_of


def test_a_quotation_followed_by_its_own_cue_is_that_speakers() -> None:
    text = ("The dam was built in 1950. Surveys show that “the dam could fail within a year,” said Tom Jones, "
            "an engineer at the agency.")
    q = next(q for q in quotes_of(text) if "could fail" in q["text"])
    assert q["speaker"] == "Tom Jones" and q["cue"] == "said", q


def test_doubled_apostrophes_close_the_quotation_before_its_cue() -> None:
    text = ("Germany is debating its army. Polling shows that ''the general public is not very comfortable with "
            "the military dimension,'' said Sylke Tempel, the editor of a policy magazine.")
    q = next(q for q in quotes_of(text) if "comfortable" in q["text"])
    assert q["speaker"] == "Sylke Tempel" and q["cue"] == "said", q


def test_a_cue_clause_of_the_reports_own_verb_keeps_the_quotation() -> None:
    # "said that “…,” adding …": the later cue hangs on the first one; one speaker, one report
    text = "Talks resumed in Vienna. Tom Jones said that “the talks will go on for weeks,” adding that nobody would leave."
    q = next(q for q in quotes_of(text) if "go on for weeks" in q["text"])
    assert q["cue"] == "said" and q["speaker"] == "Tom Jones", q


def test_a_cue_after_a_full_stop_starts_the_next_report() -> None:
    text = ("In a statement, Senator Jon Husted said the court's decision “will effectively force us to put voters "
            "back on the rolls.” He said that if “the final resolution requires us to reinstate them, we will "
            "appeal.”")
    qs = quotes_of(text)
    first = next(q for q in qs if "effectively force" in q["text"])
    assert "appeal" not in first["text"], qs
    assert any("appeal" in q["text"] and "effectively force" not in q["text"] for q in qs), qs
