"""Direct and reported speech with speakers, over real spaCy parses."""

from __future__ import annotations

from entity_helpers import quotes_of

from newsdesk.understand.nlp import parse
from newsdesk.understand.quote_candidates import with_lead
from newsdesk.understand.quotes import candidates, quoted_regions


def test_reported_speech_with_that_clause() -> None:
    qs = quotes_of("Prime Minister Anna Berg said on Friday that the budget would be balanced by next year.")
    assert len(qs) == 1
    q = qs[0]
    assert q["kind"] == "indirect" and q["speaker"] == "Anna Berg" and q["cue"] == "said"
    assert "budget would be balanced" in q["text"]


def test_split_quote_is_one_quote_with_the_pronoun_resolved() -> None:
    text = ("Carlos Mendez, the mayor of the city, spoke to reporters on Monday. "
            "“We will rebuild every bridge,” he said. “Nobody will be left behind.”")
    qs = quotes_of(text)
    direct = [q for q in qs if q["kind"] == "direct"]
    assert len(direct) == 1, qs
    q = direct[0]
    assert q["speaker"] == "Carlos Mendez"
    assert "rebuild every bridge" in q["text"] and "Nobody will be left behind" in q["text"]
    assert text[q["start"]:q["end"]].startswith("We will rebuild")


def test_according_to() -> None:
    qs = quotes_of("According to the World Health Organization, the outbreak has slowed in the past month.")
    assert qs and qs[0]["speaker"] == "WHO"  # the World Health Organization, by its display form (E15)
    assert "outbreak has slowed" in qs[0]["text"]


def test_participle_cue_takes_the_main_subject() -> None:
    qs = quotes_of("Foreign Minister Lena Novak rejected the proposal, stating that her country would never sign it.")
    q = next(q for q in qs if "never sign" in q["text"])
    assert q["speaker"] == "Lena Novak" and q["kind"] == "indirect"


def test_the_minister_resolves_to_the_person_with_that_role() -> None:
    text = ("Defence Minister Omar Haddad visited the base on Sunday. "
            "The minister said that the troops would stay until the spring.")
    q = next(q for q in quotes_of(text) if "troops would stay" in q["text"])
    assert q["speaker"] == "Omar Haddad"


def test_no_quotes_in_plain_narration() -> None:
    assert quotes_of("The river flooded the valley in March and the bridge was closed for two weeks.") == []


def test_quoted_regions_close_at_paragraph_end_and_skip_scare_quotes() -> None:
    text = "He called it a “hoax” again.\n\n“This goes on\n\n“and on until the end of the day,” she said."
    regions = [text[a:b] for a, b in quoted_regions(text)]
    assert "hoax" not in regions
    assert "and on until the end of the day," in regions


def test_a_heading_before_a_colon_is_not_a_speaker_but_a_transcript_name_is() -> None:
    heading = quotes_of("The Latest: Trump urges supporters to monitor polling places on Election Day.")
    assert all(q["speaker"] != "The Latest" for q in heading), heading
    transcript = quotes_of("PENCE: Well, look, we are going to rebuild the economy of this country.")
    assert transcript and transcript[0]["speaker"] and "PENCE" in transcript[0]["speaker"].upper()
    assert "rebuild the economy" in transcript[0]["text"]


def test_a_clause_before_a_colon_is_no_speaker_label() -> None:
    # "X told reporters: “…”" is told's quote; the label rule read the clause as a transcript name
    qs = quotes_of("Barack Obama told reporters: \u201cThe deal is done and we will sign it next week.\u201d\n\n"
                   "Bill Smith: It is anything but that, if you look at the rooms.")
    by_text = {q["text"].strip("\u201c\u201d"): q for q in qs}
    told = by_text["The deal is done and we will sign it next week."]
    assert (told["speaker"], told["cue"]) == ("Barack Obama", "told"), qs
    assert by_text["It is anything but that, if you look at the rooms."]["speaker"] == "Bill Smith", qs


def test_a_transcript_title_label_is_the_person_with_that_title() -> None:
    # a White House transcript labels its speakers by office; the article names who holds it
    qs = quotes_of("Remarks of President Barack Obama and First Lady Michelle Obama as Delivered\n\n"
                   "THE PRESIDENT: Merry Christmas everybody! The holidays are a time for family.\n\n"
                   "THE FIRST LADY: Celebrating the holidays here over these eight years has been an honor.\n\n"
                   "THE SENATOR: We will see about that next year.")
    speakers = {q["text"].split()[0]: q["speaker"] for q in qs}
    assert speakers["Merry"] == "Barack Obama", qs
    assert speakers["Celebrating"] == "Michelle Obama", qs
    assert speakers["We"] == "THE SENATOR", qs  # no one here is a senator: the label stays


def test_a_bracketed_language_tag_is_not_the_speaker() -> None:
    # Global Voices writes a blog's language after its name; the parse hangs the subject on "]"
    qs = quotes_of("Bloggers in Peru reacted.\n\nAmazilia Fracaso of Perú Apartheid [es] writes about the failure "
                   "of Peruvian society.\n\nIvorian blogger Théophile Kouamouo [Fr], who also mentions Togo, "
                   "ponders about what will happen.")
    speakers = {q["cue"]: q["speaker"] for q in qs}
    assert speakers["writes"].startswith("Amazilia Fracaso"), qs
    assert speakers["mentions"] == "Théophile Kouamouo", qs
    # "%" is punctuation to spaCy's is_punct but the noun heading "38% of people": still a subject
    polled = quotes_of("While 76% of people aged between 55 and 74 thought stop and search powers are effective, "
                       "only 38% of people aged between 18 and 24 agreed.")
    assert any("38%" in (q["speaker"] or "") for q in polled), polled


def test_mixed_quote_keeps_the_reported_words_around_the_quoted_ones() -> None:
    text = ("Senator Maria Lopez said she wanted to speak “directly to young voters” and let them know "
            "that the new law would lower their rent.")
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert q["speaker"] == "Maria Lopez" and q["kind"] == "direct"
    # the reported words before and after the quotation marks are part of what she said
    assert "she wanted to speak" in q["text"] and "lower their rent" in q["text"]
    assert "directly to young voters" in q["text"]


def test_fully_quoted_complement_stays_the_quoted_words() -> None:
    text = "Maria Lopez said “the new law will lower the rent of every family in the city.”"
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert qs[0]["text"] == "the new law will lower the rent of every family in the city."


def test_direct_object_content_runs_through_what_the_verb_says_of_it() -> None:
    text = "Senator Maria Lopez cited the coming election as a reason to release the records quickly."
    qs = quotes_of(text)
    cited = [q for q in qs if (q["cue"] or "").endswith("cited")]
    assert cited, qs
    assert cited[0]["text"] == "the coming election as a reason to release the records quickly"


def test_a_prepositional_cue_keeps_what_it_says_of_its_object() -> None:
    # "referred to X as Y": Y is what was said of X, as after a direct object ("cited X as Y")
    qs = quotes_of("Governor Ana Ruiz referred to the tax plan as a gift to the richest families in the state "
                 "during a speech on Monday.")
    referred = next(q for q in qs if (q["cue"] or "").endswith("referred"))
    assert "as a gift to the richest families" in referred["text"], referred
    assert "Monday" not in referred["text"], referred


def test_a_reported_subject_before_a_quotation_is_part_of_the_quote() -> None:
    # the quotation is the predicate; who it is said of is part of what was said
    text = ("Senator Ted Cruz told reporters in Des Moines that Sanders is “definitely the most trustworthy "
            "of the candidates.” The remark drew laughter.")
    q = next(q for q in quotes_of(text) if "trustworthy" in q["text"])
    assert q["text"].startswith("that Sanders is"), q
    assert q["speaker"] == "Ted Cruz" and q["kind"] == "direct", q


def test_reported_words_between_two_quoted_stretches_of_one_quote_are_said() -> None:
    text = ("''The biggest worry for small farmers is not the price of corn this year,'' Mr. Lopez said, ''it's "
            "that the banks stopped lending. Their worry is about credit.'' For dairy farmers, on the other hand, "
            "''the milk price decides everything.''\n\n"
            "Senator Ana Ruiz told the crowd in Ames: “We will win this race in November.” The crowd cheered "
            "for a minute. “They have never been right about us.”")
    qs = quotes_of(text)
    lopez = next(q for q in qs if "milk price" in q["text"])
    assert "For dairy farmers, on the other hand" in lopez["text"], lopez
    ruiz = next(q for q in qs if "never been right" in q["text"])
    # a sentence of narration between the two stretches is not said
    assert "win this race" in ruiz["text"] and "cheered" not in ruiz["text"], ruiz


def test_dash_attribution_after_a_no_break_space_and_no_cue_from_another_quote() -> None:
    text = ("“Mr. Lee proudly states that he pays no taxes while he complains about the schools.”― Ana Ruiz\n"
            "“Tonight showed us who he really is, and it was not a pretty sight at all.” ― Martha Aguilar\u00a0\n")
    qs = quotes_of(text)
    tonight = next(q for q in qs if q["text"].startswith("Tonight"))
    # the name after the dash speaks, not whoever "complains" inside the quote before
    assert tonight["speaker"] == "Martha Aguilar" and tonight["cue"] == "―"


def test_a_quote_right_after_reported_words_carries_that_attribution_on() -> None:
    text = ("Senator Bernie Sanders identified the exhaustion of young voters with bigotry as one of the "
            "reasons to vote. “The younger people are sick and tired of discrimination and racism.”")
    qs = quotes_of(text)
    # one attribution, the quote its second piece: not a second quote that repeats the speaker
    assert len(qs) == 1, qs
    assert qs[0]["speaker"] == "Bernie Sanders" and qs[0]["cue"] == "identified"
    assert qs[0]["text"].startswith("the exhaustion of young voters") and qs[0]["text"].endswith("and racism.")


def test_a_quote_paragraph_after_its_cue_joins_that_cue_attribution() -> None:
    text = ("Mayor Ana Ruiz said on Monday that the city would rebuild the old bridge by the spring.\n\n"
            "“We will not leave anyone behind in this city, not one family.”")
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert "rebuild the old bridge" in qs[0]["text"] and "not one family" in qs[0]["text"]


def test_quoted_words_in_narration_with_no_cue_near_are_no_quote() -> None:
    text = ("Mayor Ana Ruiz said on Monday that the city would rebuild the old bridge by the spring. "
            "The council met on Tuesday. Its members then watched the film “A Long Walk Home Through "
            "The Valley” after the vote.")
    qs = quotes_of(text)
    # the film's title is not more of the mayor's words, nor a quote of hers
    assert [q["cue"] for q in qs] == ["said"], qs
    assert "Long Walk" not in qs[0]["text"]


def test_reported_content_stays_in_the_cue_paragraph() -> None:
    text = ("Mayor Ana Ruiz says the city will open two new schools\n\n"
            "The council voted on the budget in the evening and the mayor left early")
    qs = quotes_of(text)
    assert [q["text"] for q in qs] == ["the city will open two new schools"], qs


def test_who_is_urged_is_part_of_what_was_urged() -> None:
    urged = quotes_of("Senator Ana Ruiz urged the governor to veto the bill before the end of the month.")
    assert urged and urged[0]["text"] == "the governor to veto the bill before the end of the month", urged
    called = quotes_of("Senator Ana Ruiz called on fellow Republicans to reject the bill.")
    assert called and "fellow Republicans to reject the bill" in called[0]["text"], called


def test_a_line_break_ends_a_content_the_parser_runs_on() -> None:
    text = ("“Nobody wants to bus their kids to a school across the city,” said Megan Hester.\n"
            "Michael Mulgrew, president of the teachers union, said he hopes the day sends a message that "
            "“communities are standing up for their public schools.”\n"
            "“Let’s get back to saying our schools are something we support and will protect,” said Mulgrew.")
    qs = quotes_of(text)
    last = qs[-1]
    # not the line before, cue and all, taken as what "said Mulgrew" reports
    assert last["text"] == "Let’s get back to saying our schools are something we support and will protect", qs
    assert all("president of the teachers union" not in q["text"] for q in qs), qs


def test_doubled_apostrophes_are_quotation_marks() -> None:
    # the typewriter quotes of PolNeAR's New York Times articles: both halves are one quote
    text = ("''My advice was not to do it,'' recalled James Cunningham, then the ambassador. "
            "''It did not seem to me to be the right way to start.''")
    assert [text[a:b] for a, b in quoted_regions(text)] == [
        "My advice was not to do it,", "It did not seem to me to be the right way to start."]
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert qs[0]["kind"] == "direct" and qs[0]["speaker"] == "James Cunningham"
    assert "advice was not" in qs[0]["text"] and "right way to start" in qs[0]["text"]


def test_a_passive_or_raised_subject_is_a_piece_of_the_content() -> None:
    text = "Senator Maria Lopez appears to reject the new budget plan entirely."
    qs = quotes_of(text)
    q = next(q for q in qs if q["cue"] == "appears")
    # what appears is that Lopez rejects the plan; the cue word stays out of the quoted text
    assert q["text"] == "Senator Maria Lopez … to reject the new budget plan entirely"
    assert q["start"] == 0


def test_the_passive_subject_of_an_accusation_is_what_it_says() -> None:
    doc = parse("Dylann Roof is accused of a massacre at a historic church in Charleston.")
    cand = next(f for f in candidates(doc) if f.cue == "is accused")
    assert doc.text[cand.lead[0]:cand.lead[1]] == "Dylann Roof"
    with_lead(cand)
    assert [doc.text[a:b] for a, b in cand.pieces] == ["Dylann Roof", "of a massacre at a historic church in Charleston"]


def test_what_a_verb_says_about_its_object_is_content() -> None:
    text = "Governor Ann Ruiz challenged the mayor about his handling of the flood last spring."
    cand = next(f for f in candidates(parse(text)) if f.cue == "challenged")
    assert text[cand.start:cand.end] == "the mayor about his handling of the flood last spring"


def test_a_quote_goes_on_past_a_long_cue_clause_and_into_a_short_quote() -> None:
    text = ("“The minimum wage will not move these jobs,” said Dale Belman, a professor at Michigan State "
            "University, who said he had studied the minimum wage for years. “Other centers may move.”\n\n"
            "“We will win this state,” said Mayor Ana Ruiz. “Easily.”")
    qs = [q for q in quotes_of(text) if q["kind"] == "direct"]
    assert len(qs) == 2, qs
    assert "not move these jobs" in qs[0]["text"] and "Other centers may move" in qs[0]["text"]
    assert qs[0]["speaker"] == "Dale Belman"
    assert qs[1]["text"] == "We will win this state … Easily."
