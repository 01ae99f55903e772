"""`newsdesk analyze` says whether entities and quotes were looked for (`covered`, beside
`language`): a German body gives `entities: []` and `quotes: []`, the same as an English text naming
no one, where the desk's API already said `"covered": false`; and per stage (`covered_stages`, F5): a
French body's entities and quotes are read (F6), its events not. Through the real command (click's
runner), the real annotator; each test failed on the code before (no `covered` key; F5's: no
`covered_stages`, French entities empty)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

FRENCH = ("Le ministre Jean Dupont a déclaré: « Nous ne céderons pas. »\n\n"
          "Paris et Berlin ont répondu le lendemain, et le président Emmanuel Macron a dit que la France restera ferme.")
GERMAN = ("Der Minister Hans Müller sagte am Montag, die Gespräche würden weitergehen.\n\n"
          "Paris und Berlin antworteten am nächsten Tag, und Präsident Emmanuel Macron sagte, Frankreich bleibe hart.")
ENGLISH = ("Foreign minister Abbas Araghchi said on Monday that the talks would go on.\n\n"
           "“We will not give in,” President Emmanuel Macron said in Paris.")

FRENCH_PAGE = "\n\n".join([
    FRENCH,
    "Les négociations sur le nucléaire iranien doivent reprendre la semaine prochaine à Genève, selon plusieurs"
    " diplomates européens qui suivent le dossier depuis des mois et qui restent prudents sur leur issue.",
    "Le gouvernement a rappelé que les sanctions économiques resteront en vigueur tant qu'aucun accord ne sera"
    " signé, et l'opposition a demandé un débat au Parlement avant la fin du mois de février.",
    "Les marchés ont réagi avec calme à ces annonces, et le prix du pétrole est resté stable pendant toute la"
    " journée de mardi, malgré les inquiétudes des investisseurs sur la situation au Moyen-Orient."])
ENGLISH_PAGE = "\n\n".join([
    ENGLISH,
    "Talks on Iran's nuclear programme are due to resume in Geneva next week, according to several European"
    " diplomats who have followed the file for months and who remain cautious about the outcome.",
    "The government said that economic sanctions would stay in force until an agreement was signed, and the"
    " opposition called for a debate in parliament before the end of February.",
    "Markets took the announcements calmly, and the price of oil stayed flat throughout Tuesday, despite"
    " investors' worries about the situation in the Middle East."])


def analyze(*args: str, lines: list[dict[str, Any]] | None = None) -> tuple[int, list[dict[str, Any]]]:
    from newsdesk.cli import main

    stdin = "".join(json.dumps(line) + "\n" for line in lines) if lines is not None else None
    res = CliRunner().invoke(main, ["analyze", *args], input=stdin)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    if lines is not None:
        return res.exit_code, [json.loads(line) for line in res.stdout.splitlines()]
    out = json.loads(res.stdout)
    return res.exit_code, out if isinstance(out, list) else [out]


def test_a_language_not_read_is_not_covered_and_english_is() -> None:
    code, (de, en) = analyze("--jsonl", "-", lines=[{"id": "de", "body": GERMAN}, {"id": "en", "body": ENGLISH}])
    assert code == 0
    assert (de["id"], de["language"], de["covered"], de["entities"], de["quotes"]) == ("de", "de", False, [], [])
    assert de["covered_stages"] == {"entities": False, "quotes": False, "events": False}
    assert (en["id"], en["language"], en["covered"]) == ("en", "en", True)
    assert en["covered_stages"] == {"entities": True, "quotes": True, "events": True}
    assert en["entities"] and en["quotes"]  # read: its lists are what was found
    for result in (de, en):  # beside `language`, where the contract lists the article's own fields
        keys = list(result)
        assert keys.index("covered") == keys.index("language") + 1, keys
        assert keys.index("covered_stages") == keys.index("covered") + 1, keys


def test_a_french_body_is_read_for_entities_and_quotes_not_events() -> None:
    code, (fr,) = analyze("--jsonl", "-", lines=[{"id": "fr", "body": FRENCH}])
    assert code == 0 and fr["language"] == "fr"
    assert fr["covered_stages"] == {"entities": True, "quotes": True, "events": False}
    assert fr["covered"] is True and fr["events"] == []  # entities and quotes both read (F6): "covered"
    said = {(q["speaker"], q["kind"]) for q in fr["quotes"]}
    assert said == {("Jean Dupont", "direct"), ("Emmanuel Macron", "indirect")}, fr["quotes"]
    people = {e["canonical"] for e in fr["entities"] if e["type"] == "PERSON"}
    assert {"Jean Dupont", "Emmanuel Macron"} <= people, fr["entities"]
    assert {(e["canonical"], e["country"]) for e in fr["entities"] if e["type"] == "GPE"} >= {("France", "FRA")}


def test_a_document_path_says_it_too_and_the_contracts_fields_stay(tmp_path: Path) -> None:
    fr_path, en_path = tmp_path / "fr.txt", tmp_path / "en.txt"
    fr_path.write_text(FRENCH_PAGE, encoding="utf-8")  # long enough for the extractor to call an article
    en_path.write_text(ENGLISH_PAGE, encoding="utf-8")
    code, (fr, en) = analyze(str(fr_path), str(en_path), "--kind", "text")
    assert code == 0
    assert (fr["language"], fr["covered"], en["language"], en["covered"]) == ("fr", True, "en", True)
    assert fr["covered_stages"]["entities"] is True and fr["entities"] and fr["quotes"]
    design = {"id", "url", "canonical_url", "site_name", "kind", "reason", "title", "authors", "published",
              "updated", "categories", "tags", "language", "text", "paragraphs", "excerpt", "image", "related",
              "entities", "quotes", "events", "duplicate_of", "story_id"}
    assert design <= set(en), design - set(en)  # a field added, none removed or renamed


def test_nothing_looked_for_is_not_covered(tmp_path: Path) -> None:
    code, (skipped,) = analyze("--jsonl", "-", "--stages", "extract", lines=[{"id": 1, "body": ENGLISH}])
    assert code == 0 and skipped["language"] == "en" and skipped["covered"] is False and skipped["entities"] == []
    code, (missing,) = analyze(str(tmp_path / "nowhere.txt"))
    assert code == 4 and missing["kind"] == "not_article" and missing["covered"] is False
    code, (bad,) = analyze("--jsonl", "-", lines=[{"id": 2}])
    assert bad["kind"] == "not_article" and bad["covered"] is False
