"""A one-word person's name joins a person its article names in full as a misspelt surname
("Mauer" beside K.C. Maurer) only when it is a spelling of that surname: never an acronym as
written ("SMS" beside Jon Sams), nor a word of three letters or fewer other than the same word
("Sec" beside Ray Sc). Real SQLite store, records as the annotator writes them (E28)."""

from __future__ import annotations

from pathlib import Path

import pytest
from named_articles import named_article

from newsdesk.records import RawPage
from newsdesk.store import Store, open_store
from newsdesk.understand.canonical import misspelt_surname


def _store(db: Path, names: list[tuple[str, str]]) -> Store:
    store = open_store(db)
    article = named_article(0, names)
    _, article_id = store.store_page(RawPage(body=article.text.encode(), origin="s-0", url=article.url), article)
    store.after_store_entities(article_id, article)
    return store


def _filed(store: Store, text: str) -> set[str]:
    return {r[0] for r in store.conn.execute(
        "SELECT DISTINCT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id WHERE m.text = ?",
        (text,))}


@pytest.mark.parametrize(("full", "short"), [("Jon Sams", "SMS"), ("Ray Sc", "Sec"), ("Ana Lim", "Lime")])
def test_an_acronym_or_a_short_word_is_no_misspelt_surname(tmp_path: Path, full: str, short: str) -> None:
    # before: the spelling rule alone filed each short name under the person its article names
    store = _store(tmp_path / "d.db", [(full, "PERSON"), (short, "PERSON")])
    assert _filed(store, short) == {short}
    assert _filed(store, full) == {full}
    store.close()


@pytest.mark.parametrize(("full", "short"), [("K.C. Maurer", "Mauer"), ("Lydia Buchtmann", "Bauchtman"),
                                             ("Ahmed Shokier", "Shokeir"), ("Jon Sams", "SAMS")])
def test_a_misspelt_surname_or_one_in_capitals_is_still_the_person(tmp_path: Path, full: str, short: str) -> None:
    # the corpus's joins by this rule (Mauer, Bauchtman) and the surname written in capitals
    store = _store(tmp_path / "d.db", [(full, "PERSON"), (short, "PERSON")])
    assert _filed(store, short) == {full}
    store.close()


def test_misspelt_surname_reads_the_word_as_written() -> None:
    assert misspelt_surname("maurer", "Mauer")
    assert misspelt_surname("sams", "SAMS")  # the same letters in capitals
    assert not misspelt_surname("sams", "SMS")
    assert not misspelt_surname("sams", "S.M.S.")
    assert not misspelt_surname("sc", "Sec")
    assert not misspelt_surname("sams", "Sms")  # three letters against four


@pytest.mark.parametrize("written", ['"', "(", "''"])
def test_a_name_of_only_quotes_or_brackets_is_no_misspelling(written: str) -> None:
    # the acronym test read the last word left after the quotes and brackets come off: none is left
    # here, and it raised IndexError (the tagger's names hold a capital, so none came from it yet)
    assert not misspelt_surname("sams", written)
