"""A store newsdesk wrote, then edited in the Debian sqlite3 shell (another program, without
newsdesk's SQL functions): what the S21 tests in tests/store and tests/web share."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from newsdesk.records import Article, RawPage
from newsdesk.store import open_store
from newsdesk.store import search_languages as langs

SQLITE3 = shutil.which("sqlite3")
needs_shell = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 command-line shell is not installed")

# key -> (language, title, text). Each query word below is another form of a word written here,
# the same stem in the article's language (checked by `query_forms_hold`): 'manifestation' finds
# 'manifestaient' only by the French stemmer (English porter cuts 'manifestai').
ARTICLES = {
    "vendanges": ("fr", "Vendanges précoces en Bourgogne", "Les vignerons de Beaune ont commencé la récolte en août."),
    "cormorans": ("fr", "Les cormorans du lac", "Des cormorans nichent sur les îles du lac de Grand-Lieu."),
    "ruches": ("fr", "Les apiculteurs comptent leurs ruches", "Les apiculteurs du Gers ont perdu des ruches."),
    "harbour": ("en", "Harbour news", "The ferry timetable changes on Monday for the winter."),
}
NEW_TITLE_FR = "Les rivières inondaient la vallée"  # the title of 'vendanges' as the shell rewrites it
NEW_TITLE_EN = "Lighthouse keepers return to the cape"  # of 'harbour'
INSERTED = ("fr", "Les pêcheurs en colère", "Les pêcheurs bretons manifestaient devant la préfecture de Quimper.")
# query -> (language, a form of it written above)
QUERIES = {"manifestation": ("fr", "manifestaient"), "inondation": ("fr", "inondaient"),
           "lighthouses": ("en", "lighthouse"), "cormoran": ("fr", "cormorans"), "vendange": ("fr", "vendanges"),
           "apiculteur": ("fr", "apiculteurs")}


def query_forms_hold() -> None:
    """Each query word has the stem of the form it stands for, in that form's language."""
    for query, (language, form) in QUERIES.items():
        group = langs.group_of(language)
        assert langs.stem_in(query, group) == langs.stem_in(form, group), query


def build_store(db: Path) -> dict[str, int]:
    """The store, written by newsdesk; key -> article id."""
    ids = {}
    with open_store(db) as store:
        for i, (key, (language, title, text)) in enumerate(ARTICLES.items()):
            article = Article(url=f"https://news.example/{key}", title=title, text=text, paragraphs=(text,),
                              language=language, published=f"2026-03-{i + 1:02d}T09:00:00+00:00")
            ids[key] = store.store_page(RawPage(body=text.encode(), origin=key), article)[1]
    return ids


def shell(db: Path, sql: str) -> subprocess.CompletedProcess[str]:
    """Run SQL in the sqlite3 shell (stopping at the first error)."""
    assert SQLITE3 is not None
    return subprocess.run([SQLITE3, "-bail", str(db)], input=sql, capture_output=True, text=True, timeout=60)


def edit_in_shell(db: Path, ids: dict[str, int]) -> int:
    """Insert an article, rewrite a French and an English title, delete an article, each as its own
    statement in the shell; the new article's id. Fails the test on the shell's first error."""
    language, title, text = INSERTED
    done = shell(db, f"""
        INSERT INTO articles(key, kind, url, title, text, language, published, content_hash, data,
                             first_seen, last_seen, changed_at)
        VALUES ('https://news.example/peche', 'article', 'https://news.example/peche', '{title}', '{text}',
                '{language}', '2026-03-20T09:00:00+00:00', 'edited by hand', '{{}}',
                '2026-03-20T09:00:00+00:00', '2026-03-20T09:00:00+00:00', '2026-03-20T09:00:00+00:00');
        UPDATE articles SET title = '{NEW_TITLE_FR}' WHERE id = {ids['vendanges']};
        UPDATE articles SET title = '{NEW_TITLE_EN}' WHERE id = {ids['harbour']};
        DELETE FROM articles WHERE id = {ids['cormorans']};
        SELECT id FROM articles WHERE key = 'https://news.example/peche';
        """)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return int(done.stdout.split()[-1])


def expected(ids: dict[str, int], new: int) -> dict[str, set[int]]:
    """What each query finds after the shell's edits: the new and rewritten words, not the deleted
    article nor the title's old word; the untouched article as before."""
    return {"manifestation": {new}, "inondation": {ids["vendanges"]}, "lighthouses": {ids["harbour"]},
            "cormoran": set(), "vendange": set(), "apiculteur": {ids["ruches"]}}
