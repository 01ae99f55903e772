"""`newsdesk analyze` marks an entity that is a capital standing for its government (`metonym`), as
the desk's API marks such mentions (session 15, M3; A5 found analyze had no such field). Through the
real command (click's runner) and the real annotator; fails on the code before (no `metonym` key)."""

from __future__ import annotations

import json

from click.testing import CliRunner

TEXT = ("The talks in Geneva stalled after Washington and Tehran traded accusations, and Iran's minister Abbas"
        " Araghchi said that France would host the next round.")


def test_analyze_entities_carry_the_metonym_flag() -> None:
    from newsdesk.cli import main

    res = CliRunner().invoke(main, ["analyze", "--jsonl", "-"], input=json.dumps({"id": 1, "body": TEXT}) + "\n")
    assert res.exit_code == 0, res.output
    ents = json.loads(res.stdout.splitlines()[0])["entities"]
    assert ents and all(isinstance(e["metonym"], bool) for e in ents), ents
    flagged = {e["text"] for e in ents if e["metonym"]}
    assert {"Washington", "Tehran"} <= flagged, ents
    assert not flagged & {"Iran", "France", "Geneva", "Abbas Araghchi"}, ents  # a country, a city, a person
