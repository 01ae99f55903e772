"""`newsdesk entities` and `newsdesk quotes`: thin commands over the entity store."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli_common import date_option, db_option, json_option, one_line, print_json, store_from
from newsdesk.store.desk import MAX_PAGE
from newsdesk.understand.entities import KEEP

# The desk API's caps (web.routes_entities: ?limit= 1-100, ?page= 1-1000). Unchecked, `--limit -1`
# listed everything (SQLite reads a negative LIMIT as none), `--limit 0` said "no entities match",
# and a 20-digit --page overflowed SQLite's integers (a traceback).
MAX_PER_PAGE = 100
# How the entity list on the desk marks a capital standing for its government (entity_list.html).
GOVERNMENT = " (its government)"


@click.group("entities", invoke_without_command=True)
@db_option
@click.option("--type", "type_", default=None, type=click.Choice(sorted(KEEP), case_sensitive=False),
              help="Only this type (an unknown one listed nothing).")
@click.option("--search", "q", default=None, help="Only entities with an alias containing this.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, MAX_PER_PAGE), help="Entities per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, MAX_PAGE), help="Which page of them.")
@json_option
@click.pass_context
def entities(ctx: click.Context, db: str | None, type_: str | None, q: str | None, limit: int, page: int,
             as_json: bool) -> None:
    """Canonical entities across stored articles, most mentioned first."""
    if ctx.invoked_subcommand is not None:
        return
    _, store = store_from(db, readonly=True)
    rows = store.list_entities(type=type_.upper() if type_ else None, q=q, limit=limit, offset=(page - 1) * limit)
    if as_json:
        print_json(rows)
        return
    if not rows:  # an empty answer printed nothing at all, as if the command had not run
        click.echo("no entities match")
    for r in rows:
        country = f" [{r['country']}]" if r["country"] else ""
        click.echo(f"{r['id']:>6}  {r['type']:<7} {r['name']}{_government(r)}{country}  "
                   f"{_n(r['mentions'], 'mention')}, {_n(r['articles'], 'article')}, {_n(r['quotes'], 'quote')}")


def _government(row: Any) -> str:
    """' (its government)' for a capital standing for its government: "Washington GPE [USA]" read
    the same as the city."""
    return GOVERNMENT if row["metonym"] else ""


def _n(count: int, word: str) -> str:
    """'1 article', '2 articles' ('1 articles' on most lines of the list)."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _db(db: str | None) -> str | None:
    """The subcommand's --db, else the group's: `entities --db X merge A B` merged in ./newsdesk.db
    (or failed with "no database at newsdesk.db") since the group's option never reached it."""
    ctx = click.get_current_context()
    return db or (ctx.parent.params.get("db") if ctx.parent is not None else None)


@entities.command("show")
@click.argument("entity")
@db_option
@json_option
def show(entity: str, db: str | None, as_json: bool) -> None:
    """One entity: aliases, roles, co-occurring entities, quotes."""
    _, store = store_from(_db(db), readonly=True)
    d = store.entity_detail(entity, quotes=10)
    if as_json:
        print_json(d)
        return
    click.echo(f"{d['name']}{_government(d)} ({d['type']}{', ' + d['country'] if d['country'] else ''}), "
               f"{_n(d['mentions'], 'mention')}, {_n(d['article_count'], 'article')}, {_n(d['quote_count'], 'quote')}")
    click.echo("aliases: " + ", ".join(d["aliases"]))
    if d["filed_under"]:  # an emptied one-word entity (store.entity_pages._filed_under)
        f = d["filed_under"]
        click.echo(f"no article names {d['name']} on its own now: filed under {f['name']} (id {f['id']})")
    if d["namesakes"]:
        click.echo("same name: " + ", ".join(f"{n['name']} ({n['type']}, id {n['id']})" for n in d["namesakes"]))
    for r in d["roles"][:5]:
        click.echo(f"role: {one_line(r['role'], 80)} ({r['mentions']}x, {r['first']} … {r['last']})")
    click.echo("with: " + ", ".join(f"{one_line(c['name'], 60)} ({c['type']}, {c['articles']})"
                                    for c in d["cooccurring"][:10]))
    if d["speakers_for"]:
        click.echo("speaking for it: " + ", ".join(f"{one_line(w['name'], 60)} ({_n(w['quotes'], 'quote')})"
                                                   for w in d["speakers_for"][:10]))
    _show_articles(d)
    for q in d["quotes"]:
        click.echo(f"  {q['day']}  “{one_line(q['text'], 160)}” ({q['kind']}{_cue(q)}{_as_written(q)};"
                   f" {one_line(q['title'] or q['url'] or '', 60)})")
    if d["quote_count"] > len(d["quotes"]):  # ten were shown as if they were all
        click.echo(f"  … {d['quote_count'] - len(d['quotes'])} more: newsdesk quotes --speaker-id {d['id']}")


# Articles `entities show` lists, newest first (the entity page lists 50).
SHOWN_ARTICLES = 10


def _show_articles(d: dict[str, Any]) -> None:
    """The entity's newest articles, as its page lists them, a writer named only by the heading or
    byline said so: the page listed them and the command did not, so a heading's writer (L2) showed
    mentions and no article to find them in."""
    shown = d["articles"][:SHOWN_ARTICLES]
    if d["article_count"] > len(shown):
        click.echo(f"articles: the newest {len(shown)} of {d['article_count']}")
    for a in shown:
        where = "; named in the heading/byline" if a.get("heading") else ""
        title = one_line(a["title"] or a["url"] or "Untitled", 80)
        # an undated article by when it was collected, as its quotes are dated (it printed '?')
        when = (a["published"] or "")[:10] or (f"collected {a['collected'][:10]}" if a.get("collected") else "?")
        click.echo(f"article: {when}  {title} (id {a['id']}{where})")


@entities.command("merge")
@click.argument("keep")
@click.argument("drop")
@db_option
def merge(keep: str, drop: str, db: str | None) -> None:
    """Make DROP the same entity as KEEP; the decision survives `newsdesk reprocess`."""
    _, store = store_from(_db(db))
    kept, dropped = store.entity_row(keep), store.entity_row(drop)
    if kept["id"] == dropped["id"]:  # it said "merged" and changed nothing; bad usage is exit 2 (README)
        raise click.UsageError(f"nothing to merge: {drop!r} is already {kept['name']} (id {kept['id']});"
                               " give the other entity's id (`newsdesk entities --search`)")
    row = store.merge_entities(keep, drop)
    click.echo(f"merged {dropped['name']} (id {dropped['id']}) into {row['name']} (id {row['id']})")


@entities.command("split")
@click.argument("entity")
@click.argument("alias")
@db_option
def split(entity: str, alias: str, db: str | None) -> None:
    """Take ALIAS out of ENTITY into an entity of its own; survives `newsdesk reprocess`."""
    _, store = store_from(_db(db))
    row = store.split_entity(entity, alias)
    click.echo(f"split {alias!r} out as {row['name']} (id {row['id']})")


@click.command("quotes")
@db_option
@click.option("--speaker", default=None,
              help="Who said it: any name or alias of the speaker, or the speaker or their role as the text "
                   "writes them ('the senator', 'foreign minister'; those lines say 'found as written' or 'found "
                   "by the role').")
@click.option("--about", default=None,
              help="Words of what was said, all of them, each with its forms ('treaties' finds 'treaty', 'said' "
                   "'says'); words naming a country or a stored entity are one name ('united states' also finds "
                   "'American', 'U.S.'); a \"quoted phrase\" is one term.")
@click.option("--speaker-id", type=click.IntRange(min=1), default=None,
              help="Who said it: one entity, by id (`newsdesk entities`); an unknown id is exit 5.")
@click.option("--kind", type=click.Choice(["direct", "indirect"]), default=None)
@date_option("since", "Only quotes of this day or later (the article's date), as /api/quotes?since=.", times=False)
@date_option("until", "Only quotes of this day or earlier.", times=False)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, MAX_PER_PAGE), help="Quotes per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, MAX_PAGE), help="Which page of them.")
@click.option("--speakers", "who", is_flag=True,
              help="Who is quoted most among the quotes found (10 most), as /api/quotes' `speakers` and the "
                   "desk's 'Quoted most', instead of the quotes.")
@json_option
def quotes(db: str | None, speaker: str | None, about: str | None, speaker_id: int | None, kind: str | None,
           since: str | None, until: str | None, limit: int, page: int, who: bool, as_json: bool) -> None:
    """Stored quotes, newest first: what did SPEAKER say ABOUT something (and when: --since, --until)."""
    _, store = store_from(db, readonly=True)
    if speaker_id is not None:  # an unknown id said "no quotes match", exit 0; the API answers 404
        store.entity_row(speaker_id)
    asked: dict[str, Any] = {"speaker": speaker, "about": about, "speaker_id": speaker_id, "kind": kind,
                             "since": since, "until": until}
    if who:
        _quoted_most(store.quote_speakers(**asked), as_json)
        return
    rows = store.search_quotes(**asked, limit=limit, offset=(page - 1) * limit)
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("no quotes match")
    for q in rows:
        click.echo(f"{q['day']}  {one_line(q['speaker'], 60) or '?'}{_as_written(q)}: “{one_line(q['text'], 200)}”"
                   f" ({q['kind']}{_cue(q)}; {one_line(q['title'] or q['url'], 80)})")


def _quoted_most(speakers: list[dict[str, Any]], as_json: bool) -> None:
    """`quotes --speakers`: "which foreign ministers spoke" was a page of quotes to count by hand in
    a terminal, where the desk and the API give who is quoted most."""
    if as_json:
        print_json(speakers)
        return
    if not speakers:
        click.echo("no quotes match")
    for w in speakers:
        ref = f" (id {w['speaker_id']})" if w["speaker_id"] else ""
        click.echo(f"{w['quotes']:>5}  {one_line(w['name'], 80)}{ref}")


def _cue(q: dict[str, Any]) -> str:
    """', “was supported”': the cue, as the quote pages give it. Without it a passive stance read
    'Croucher Foundation: “The study”' (of "The study was supported by the Croucher Foundation")."""
    return f", “{one_line(q['cue'], 40)}”" if q.get("cue") else ""


def _as_written(q: dict[str, Any]) -> str:
    """' (written "the minister")' when the text names the speaker otherwise than the name the quote
    is filed under (a role noun, "we", a pronoun resolved to a name), else ''."""
    written = one_line(q.get("speaker_text"), 60)
    if q.get("role_match"):  # found by the role the text gives the speaker ('foreign minister')
        return f" (found by the role “{one_line(q.get('speaker_role'), 60)}”)"
    if written and q.get("written_match"):
        # found by the phrase the text writes, not by the name (`quotes --speaker "the senator"`)
        return f" (found as written “{written}”)"
    if not written or written.lower() in (q.get("speaker") or "").lower():
        return ""
    return f" (written “{written}”)"


COMMANDS: list[click.Command] = [entities, quotes]


def _join_bench_group() -> None:
    """`newsdesk bench quotes` lives in newsdesk.bench.quotes; join the shared `bench` group
    from here, since that group's module belongs to another part of the desk."""
    try:
        from newsdesk.bench.commands import bench
        from newsdesk.bench.quotes import command as bench_quotes
    except ImportError:
        return
    if "quotes" not in bench.commands:
        bench.add_command(bench_quotes, "quotes")


_join_bench_group()
