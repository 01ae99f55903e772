"""X23: what the attribution filter learns as an attribution (tools/train_quote_filter.py). By default
a candidate whose cue word lies in a gold Cue; under LABEL_CONTENT (tried, off) its content must also
overlap that attribution's Content."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsdesk.understand.quote_found import Found

TOOLS = Path(__file__).resolve().parents[2] / "tools"
TEXT = "Reid blasted Rubio in an interview. “He is a fraud,” he said."
CUE = TEXT.index("blasted")
QUOTED = (TEXT.index("He is"), TEXT.index(",”"))
GOLD = [{"Cue": [(CUE, CUE + len("blasted"))], "Content": [QUOTED], "Source": [(0, 4)]}]


@pytest.fixture
def tool() -> ModuleType:
    sys.path.insert(0, str(TOOLS))
    try:
        import train_quote_filter
    finally:
        sys.path.remove(str(TOOLS))
    return train_quote_filter


def test_by_default_the_cue_word_alone_makes_an_attribution(tool: ModuleType) -> None:
    """The shipped filter's label: 'Rubio in an interview' under a gold cue counts, wherever its content."""
    assert tool.LABEL_CONTENT is False
    elsewhere = Found(TEXT.index("Rubio"), TEXT.index(". "), "indirect", cue="blasted", cue_start=CUE)
    assert tool.is_attribution(elsewhere, GOLD)
    said = TEXT.index("said")
    assert not tool.is_attribution(Found(*QUOTED, "direct", cue="said", cue_start=said), GOLD)


def test_label_content_asks_for_the_content_at_its_place(tool: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Reid blasted Rubio in an interview: “…”' with the quotation as the gold Content: the candidate
    'Rubio in an interview' has the gold cue word but none of its content."""
    monkeypatch.setattr(tool, "LABEL_CONTENT", True)
    elsewhere = Found(TEXT.index("Rubio"), TEXT.index(". "), "indirect", cue="blasted", cue_start=CUE)
    assert not tool.is_attribution(elsewhere, GOLD)
    assert tool.is_attribution(Found(*QUOTED, "indirect", cue="blasted", cue_start=CUE), GOLD)
    # a passive subject's piece before the cue is content: "Roof is accused of murder", gold Content "Roof"
    text = "Roof is accused of murder."
    cue = text.index("accused")
    gold = [{"Cue": [(cue, cue + len("accused"))], "Content": [(0, 4)]}]
    after = (text.index("murder"), text.index("."))
    assert tool.is_attribution(Found(*after, "indirect", cue_start=cue, lead=(0, 4)), gold)
    assert not tool.is_attribution(Found(*after, "indirect", cue_start=cue), gold)
