"""The anatomy of a quote: pieces said, the cue and the speaker's mention, as offsets into `text`.

Records round-trip (old JSON without the fields still loads), and `newsdesk analyze` gives offsets
that point at the right words on real spaCy parses of short articles.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.records import Article, Quote


def test_quote_round_trips_through_the_analyze_json() -> None:
    q = Quote(text="A … B", kind="direct", start=1, end=30, speaker="Ann Lee", cue="said",
              pieces=((1, 3), (20, 30)), cue_start=10, cue_end=14, speaker_start=5, speaker_end=9)
    article = Article(text="x" * 40, quotes=(q,))
    d = json.loads(json.dumps(article.to_dict()))
    assert d["quotes"][0]["pieces"] == [[1, 3], [20, 30]]
    assert (d["quotes"][0]["cue_start"], d["quotes"][0]["speaker_end"]) == (10, 9)
    back = Article.from_dict(d)
    assert back.quotes == (q,) and back.to_dict() == article.to_dict()
    assert hash(back.quotes[0]) == hash(q)  # pieces come back as tuples, so the record stays hashable


def test_old_quote_json_loads_with_one_piece_and_no_positions() -> None:
    old = {"text": "talks would continue", "kind": "indirect", "start": 19, "end": 39, "speaker": "Araghchi",
           "speaker_role": None, "cue": "said"}
    q = Article.from_dict({"text": "y" * 50, "quotes": [old]}).quotes[0]
    assert q.pieces == ((19, 39),) and q.cue_start is None and q.speaker_start is None
    assert Quote("t", "direct", 2, 8).pieces == ((2, 8),)  # positional callers keep working
    assert Quote.from_dict({**old, "rating": 5}).to_dict()["pieces"] == [[19, 39]]  # unknown keys ignored


BODIES = {
    "split": "“We will not negotiate,” Iran's foreign minister Abbas Araghchi said on Monday. "
             "“Our missiles are not on the table.”",
    "pronoun": "Abbas Araghchi spoke in Muscat on Monday.\n\nHe said that Iran would never give up its missiles.",
    "according": "The talks will resume next week in Geneva, according to a senior official.",
    "line": "PENCE: Well, look, we are going to win this election in November.",
    "dash": "“This is a matter of law and nothing else.” ― Karen Bobadilla",
    "negated": "The minister did not say that the deal was dead.",
    "across": "It is a policy that multiple lawmakers called “fraud” in a letter to the bank.",
    "borrowed": "“We will not negotiate with anyone,” Abbas Araghchi said on Monday.\n\n"
                "The talks in Muscat ended without a date for the next round.\n\n"
                "“Our missiles are not on the table and they never will be.”",
}


@pytest.fixture(scope="module")
def analyzed() -> dict[str, dict]:
    lines = "\n".join(json.dumps({"id": k, "body": v}) for k, v in BODIES.items()) + "\n"
    result = CliRunner().invoke(main, ["analyze", "--jsonl", "-"], input=lines, catch_exceptions=False)
    out = {}
    for line in result.stdout.splitlines():
        d = json.loads(line)
        assert d["text"] == BODIES[d["id"]]  # a body is analysed as given, so offsets index it
        out[d["id"]] = d
    return out


def _only(d: dict) -> dict:
    assert len(d["quotes"]) == 1, d["quotes"]
    return d["quotes"][0]


def _at(d: dict, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else d["text"][start:end]


def test_a_split_quote_is_two_pieces_with_the_cue_and_the_name_between(analyzed: dict[str, dict]) -> None:
    d = analyzed["split"]
    q = _only(d)
    said = [d["text"][a:b] for a, b in q["pieces"]]
    assert said == ["We will not negotiate", "Our missiles are not on the table."]
    assert _at(d, q["cue_start"], q["cue_end"]) == "said"
    assert _at(d, q["speaker_start"], q["speaker_end"]) == "Abbas Araghchi" and q["speaker"] == "Abbas Araghchi"
    # what lies between the halves (the cue clause) is in no piece
    assert q["pieces"][0][1] < q["speaker_start"] < q["cue_start"] < q["pieces"][1][0]
    assert (q["start"], q["end"]) == (q["pieces"][0][0], q["pieces"][-1][1])


def test_a_pronoun_is_the_mention_as_written_and_the_speaker_its_antecedent(analyzed: dict[str, dict]) -> None:
    d = analyzed["pronoun"]
    q = _only(d)
    assert _at(d, q["speaker_start"], q["speaker_end"]) == "He" and q["speaker"] == "Abbas Araghchi"
    assert _at(d, q["cue_start"], q["cue_end"]) == "said"
    assert [d["text"][a:b] for a, b in q["pieces"]] == ["that Iran would never give up its missiles"]


def test_according_to_a_description(analyzed: dict[str, dict]) -> None:
    d = analyzed["according"]
    q = _only(d)
    assert _at(d, q["cue_start"], q["cue_end"]) == "according to"
    assert _at(d, q["speaker_start"], q["speaker_end"]) == "a senior official"
    assert all("according" not in d["text"][a:b] for a, b in q["pieces"])


def test_a_speaker_line_and_a_dash_name_the_speaker_around_their_mark(analyzed: dict[str, dict]) -> None:
    line = _only(analyzed["line"])
    assert _at(analyzed["line"], line["cue_start"], line["cue_end"]) == ":"
    assert _at(analyzed["line"], line["speaker_start"], line["speaker_end"]) == "PENCE"
    assert analyzed["line"]["text"][slice(*line["pieces"][0])].startswith("Well, look")
    dash = _only(analyzed["dash"])
    assert _at(analyzed["dash"], dash["cue_start"], dash["cue_end"]) == "―"
    assert _at(analyzed["dash"], dash["speaker_start"], dash["speaker_end"]) == "Karen Bobadilla"
    assert analyzed["dash"]["text"][slice(*dash["pieces"][0])] == "This is a matter of law and nothing else."


def test_the_cue_phrase_keeps_its_auxiliary_and_negation(analyzed: dict[str, dict]) -> None:
    d = analyzed["negated"]
    q = _only(d)
    assert q["cue"] == "did not say" and _at(d, q["cue_start"], q["cue_end"]) == "did not say"
    assert _at(d, q["speaker_start"], q["speaker_end"]) == "The minister"


def test_a_content_the_parse_runs_across_its_cue_leaves_the_cue_clause_out(analyzed: dict[str, dict]) -> None:
    d = analyzed["across"]
    q = _only(d)
    said = [d["text"][a:b] for a, b in q["pieces"]]
    assert _at(d, q["cue_start"], q["cue_end"]) == "called"
    assert _at(d, q["speaker_start"], q["speaker_end"]) == "multiple lawmakers"
    assert said[-1].startswith("“fraud”") and not any("called" in p or "lawmakers" in p for p in said)


def test_a_quote_that_borrows_its_speaker_points_at_where_that_speaker_was_named(analyzed: dict[str, dict]) -> None:
    d = analyzed["borrowed"]
    first, second = d["quotes"]
    assert d["text"][slice(*second["pieces"][0])] == "Our missiles are not on the table and they never will be."
    assert second["speaker"] == "Abbas Araghchi" and second["cue"] == "said"
    assert (second["cue_start"], second["speaker_start"]) == (first["cue_start"], first["speaker_start"])
    assert _at(d, second["speaker_start"], second["speaker_end"]) == "Abbas Araghchi"


def test_every_quote_of_the_seed_points_inside_its_text(shared_dir) -> None:  # type: ignore[no-untyped-def]
    seed = (shared_dir / "seed" / "seed.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", "-", "--kind", "text"], input=seed, catch_exceptions=False)
    d = json.loads(result.stdout)
    assert d["quotes"]
    for q in d["quotes"]:
        pieces = q["pieces"]
        assert all(0 <= a < b <= len(d["text"]) for a, b in pieces)
        assert all(x[1] < y[0] for x, y in zip(pieces, pieces[1:], strict=False))  # text order, apart
        assert d["text"][q["cue_start"]:q["cue_end"]].endswith(q["cue"].split()[-1])
        assert q["speaker_start"] is not None and q["speaker_end"] <= len(d["text"])
        assert not any(a < q["cue_end"] and q["cue_start"] < b for a, b in pieces)  # the cue is never said


def test_the_comma_that_hands_a_quote_to_its_cue_is_not_said() -> None:
    from entity_helpers import annotate

    text = "“The missile capabilities are non-negotiable,” Ali Shamkhani said on Monday."
    q = annotate(text).quotes[0]
    assert q.text == "The missile capabilities are non-negotiable", q
    (a, b), = q.pieces
    assert text[a:b] == q.text, q.pieces
