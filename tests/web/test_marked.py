"""Snippet marks to HTML (web/render.py): the split/count check of well-formed marks agrees with
the regex it replaced, and what `marked` makes of any marks is escaped HTML with balanced <mark>s."""

from __future__ import annotations

import random
import re

from newsdesk.store.snippets import MARK_CLOSE, MARK_OPEN
from newsdesk.web.render import _WELL_FORMED, _well_formed, marked

ALPHABET = ["a", " ", MARK_OPEN, MARK_CLOSE, "<", "&", '"']


def test_the_well_formed_check_agrees_with_the_regex_on_random_strings() -> None:
    rng = random.Random(3)
    seen = set()
    for _ in range(5000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        verdict = _well_formed(text)
        assert verdict == bool(_WELL_FORMED.fullmatch(text)), repr(text)
        seen.add(verdict)
    assert seen == {True, False}  # both kinds were drawn


def test_marked_html_is_escaped_with_balanced_marks() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        out = str(marked(text))
        assert MARK_OPEN not in out and MARK_CLOSE not in out
        tags = re.findall(r"</?mark>", out)
        assert tags == ["<mark>", "</mark>"] * (len(tags) // 2), (text, out)
        assert "<" not in re.sub(r"</?mark>", "", out), (text, out)
    assert str(marked(f"a {MARK_OPEN}<b>{MARK_CLOSE} c")) == "a <mark>&lt;b&gt;</mark> c"
