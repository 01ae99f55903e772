"""A bare surname two stored people share joins the one its title fits ("President Obama" is Barack,
"First Lady Obama" and "Mrs. Obama" Michelle) in any order; a name looked up finds the entity the
pages count most (copies folded), a country before a nationality (real SQLite store, real spaCy)."""

from __future__ import annotations

from pathlib import Path

from entity_helpers import store_texts

BARACK = ("President Barack Obama signed the health care bill at the White House on Tuesday. "
          "Mr. Obama said it was a good day.")
MICHELLE = ("First Lady Michelle Obama visited a school in Ohio on Wednesday. "
            "Mrs. Obama said children need healthy lunches.")
PRESIDENT = "President Obama told reporters in Chicago on Monday that the bill would pass."
FIRST_LADY = "First Lady Obama toured a garden in Denver on Thursday with local growers."
MR = "Mr. Obama met farmers in Iowa on Friday to talk about the harvest."
MRS = "Mrs. Obama opened a library in Boston on Saturday for the city's children."
BARE = "Obama told a crowd in Phoenix on Sunday that the weather was fine."


def _owners(tmp_path: Path, texts: list[str]) -> dict[str, str]:
    """Each bare article's first words → the name of the entity its "Obama" mentions joined."""
    store, ids = store_texts(tmp_path / f"desk-{len(list(tmp_path.iterdir()))}.db", texts)
    try:
        found: dict[str, str] = {}
        for text, article_id in zip(texts, ids, strict=True):
            names = {r[0] for r in store.conn.execute(
                "SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
                " WHERE m.article_id = ? AND e.type = 'PERSON'", (article_id,))}
            if text not in (BARACK, MICHELLE):
                assert len(names) == 1, (text, names)
                found[text[:12]] = names.pop()
        return found
    finally:
        store.close()


def test_a_title_tells_two_persons_with_one_surname_apart_in_any_order(tmp_path: Path) -> None:
    orders = ([BARACK, MICHELLE, PRESIDENT, FIRST_LADY, MR, MRS, BARE],
              [PRESIDENT, FIRST_LADY, MR, MRS, BARE, MICHELLE, BARACK],
              [MRS, BARACK, PRESIDENT, BARE, MICHELLE, MR, FIRST_LADY])
    found = [_owners(tmp_path, list(texts)) for texts in orders]
    assert all(f == found[0] for f in found), found
    assert found[0] == {PRESIDENT[:12]: "Barack Obama", FIRST_LADY[:12]: "Michelle Obama",
                        MR[:12]: "Barack Obama", MRS[:12]: "Michelle Obama", BARE[:12]: "Obama"}


def test_an_honorific_tells_only_when_the_store_knows_each_namesakes(tmp_path: Path) -> None:
    # Barack Obama is never called Mr. here: "Mr. Obama" could be him or someone the store
    # knows no honorific for, so it stays the bare word's; "Mrs. Obama" is no more telling
    barack = "President Barack Obama signed the health care bill at the White House on Tuesday."
    found = _owners(tmp_path, [barack, MICHELLE, MR, MRS])
    assert (found[MR[:12]], found[MRS[:12]]) == ("Obama", "Obama")
