"""`newsdesk reprocess` reads the French articles of a store built before French was read (F5):
a real French page and an English one ingested into a real SQLite store through the CLI, the
French article's mentions taken out as the code before F5 left them, then reprocessed. Fails on
the code before F5 (French articles were never annotated, by ingest or reprocess)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store

FRENCH = ("La Grèce a un nouveau gouvernement. Le nouveau premier ministre conservateur Antonis Samaras a"
          " dévoilé mardi à Athènes la liste de ses ministres, après les élections législatives de dimanche.")
FRENCH_MORE = ("Les partis de la coalition ont promis de respecter les engagements du pays envers ses créanciers,"
               " tout en demandant plus de temps pour appliquer les réformes prévues par le mémorandum.")
ENGLISH = ("Greece has a new government. Prime Minister Antonis Samaras named his ministers in Athens on Tuesday,"
           " two days after the parliamentary election.")
ENGLISH_MORE = ("The coalition parties promised to honour the country's commitments to its creditors while asking"
                " for more time to carry out the reforms set out in the memorandum.")


def _page(title: str, lang: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang=\"{lang}\"><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def _mentions(db: Path, language: str) -> set[tuple[str, str, str]]:
    with open_store(db) as store:
        return {(r[0], r[1], r[2]) for r in store.conn.execute(
            "SELECT m.text, e.type, e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
            " JOIN articles a ON a.id = m.article_id WHERE a.language = ?", (language,))}


def test_reprocess_reads_the_french_articles_of_a_store(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "fr.html").write_text(_page("Grèce : le nouveau gouvernement", "fr", FRENCH, FRENCH_MORE, FRENCH_MORE))
    (pages / "en.html").write_text(_page("Greece: the new government", "en", ENGLISH, ENGLISH_MORE, ENGLISH_MORE))
    db = tmp_path / "desk.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--workers", "1", "-q", str(pages)])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:  # as the code before F5 left a French article: no mentions
        store.conn.execute("DELETE FROM entity_mentions WHERE article_id IN"
                           " (SELECT id FROM articles WHERE language = 'fr')")
    assert not _mentions(db, "fr")
    result = CliRunner().invoke(main, ["reprocess", "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    french = _mentions(db, "fr")
    # one entity in either language: the French mention is filed under the English side's name
    assert ("Grèce", "GPE", "Greece") in french and ("Antonis Samaras", "PERSON", "Antonis Samaras") in french
    english = _mentions(db, "en")
    assert ("Greece", "GPE", "Greece") in english and ("Antonis Samaras", "PERSON", "Antonis Samaras") in english
