"""The `newsdesk` command: thin commands over library functions.

Exit codes: 0 success; 1 unexpected error; 2 bad usage, settings or query; 3 database error;
4 the only input was rejected (analyze, show) or an ingest where every input failed;
5 not found.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsdesk import __version__
from newsdesk.cli_common import (
    config_option,
    date_option,
    db_option,
    executor_options,
    json_option,
    print_json,
    settings_from,
    store_from,
)
from newsdesk.errors import NewsdeskError
from newsdesk.settings import SETTINGS_HELP
from newsdesk.stages import module_available

if TYPE_CHECKING:
    from newsdesk.store.desk import Filters

# Command modules of later stages; each exposes COMMANDS and is registered when present.
PLUGINS = ("newsdesk.web.commands", "newsdesk.understand.commands", "newsdesk.stories.commands",
           "newsdesk.understand.event_commands", "newsdesk.bench.commands")


class Group(click.Group):
    """Turns NewsdeskError into its message and exit code instead of a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except NewsdeskError as exc:
            click.echo(f"newsdesk: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="newsdesk")
@config_option
def main(config: str | None) -> None:
    """newsdesk: collect, extract, deduplicate, understand and publish news."""


@main.command()
@click.argument("sources", nargs=-1, required=False)
@db_option
@click.option("--allow-private", is_flag=True, default=None, help="Allow fetching private/loopback addresses.")
@click.option("--follow-links", is_flag=True, help="Fetch the article links of saved feeds and sitemaps.")
@click.option("--delay", type=float, default=None, help="Seconds between two requests to one host.")
@click.option("--stages", default=None, help="Stages after extraction: understand,events (default all).")
@click.option("--workers", type=int, default=None, help="Analysis processes (default: setting `workers`).")
@executor_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@json_option
def ingest(sources: tuple[str, ...], db: str | None, allow_private: bool | None, follow_links: bool,
           delay: float | None, stages: str | None, workers: int | None, executor: str | None,
           ray_address: str | None, quiet: bool, as_json: bool) -> None:
    """Collect and store SOURCES: paths, folders, URLs (pages, feeds, sitemaps, sites) and @list.txt.

    With no SOURCES, the configured `sources` are collected.
    """
    from newsdesk.pipeline import ingest as run_ingest
    from newsdesk.stages import Stages, parse_stages
    from newsdesk.store import open_store

    settings = settings_from(db=db, allow_private=allow_private, request_delay=delay, workers=workers,
                             executor=executor, ray_address=ray_address)
    refs = expand_sources(sources) if sources else list(settings.sources)
    chosen = Stages(parse_stages(stages), settings)
    with open_store(settings.db) as store:
        summary = _with_progress(lambda progress: run_ingest(
            refs, store, settings, stages=chosen, follow_links=follow_links, progress=progress), quiet or as_json)
        held = store.stats()
    if as_json:
        print_json(summary.as_dict())
    else:
        click.echo(format_summary(summary))
        click.echo(stored_line(held))
    if summary.all_failed:
        sys.exit(4)


def expand_sources(sources: tuple[str, ...]) -> list[str]:
    refs: list[str] = []
    for source in sources:
        if source.startswith("@"):
            lines = Path(source[1:]).read_text(encoding="utf-8").splitlines()
            refs += [_url_case(ln.strip()) for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        else:
            refs.append(_url_case(source))
    return refs


def _url_case(ref: str) -> str:
    """"HTTP://x/" is a URL too (schemes are case-insensitive); it was read as a missing file."""
    scheme, sep, rest = ref.partition("://")
    return scheme.lower() + sep + rest if sep and scheme.lower() in ("http", "https") else ref


def _with_progress(run, quiet: bool):  # type: ignore[no-untyped-def]
    if quiet or not sys.stderr.isatty():
        return run(None)
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.completed} inputs"), BarColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("", total=None)
        return run(lambda origin: bar.update(task, advance=1, description=origin[-60:]))


def format_summary(summary) -> str:  # type: ignore[no-untyped-def]
    """What became of each input. Inputs, not stored pages: a later page of one URL replaces the
    earlier one, which for an article reads "updated" but for a page that is not one is another
    "not articles" (the sample store's "not articles 14" against /stats' 13 stored: two WARC
    records of https://archive.org/); `stored_line` gives the store's own counts beside it."""
    lines = [f"{summary.seen} inputs: new {summary.new}, updated {summary.updated}, unchanged {summary.unchanged}, "
             f"not articles {summary.not_article}, failed {sum(summary.failed.values())}"]
    for reason, n in summary.failed.most_common():
        lines.append(f"  failed  {n:5d}  {reason}")
    for reason, n in summary.skipped.most_common():
        lines.append(f"  skipped {n:5d}  {reason}")
    return "\n".join(lines)


def stored_line(stats: dict[str, int]) -> str:
    """The store's counts after a run, as `newsdesk stats` and /stats give them (a page per URL or file)."""
    return f"stored: articles {stats['articles']}, not articles {stats['not_articles']}"


@main.command()
@click.argument("documents", nargs=-1)
@click.option("--jsonl", "jsonl", default=None, metavar="FILE|-", help="Read JSON lines, write one result line each.")
@click.option("--kind", type=click.Choice(["auto", "html", "text"]), default="auto", help="Document kind.")
@click.option("--url", default=None, help="The document's URL (resolves relative links).")
@click.option("--fetched-at", default=None, metavar="ISO", help="When it was fetched (resolves '2 hours ago').")
@click.option("--stages", default=None, help="Comma list of extract,understand,events (default all).")
@click.option("--allow-private", is_flag=True, default=None, help="Allow fetching private/loopback addresses.")
def analyze(documents: tuple[str, ...], jsonl: str | None, kind: str, url: str | None, fetched_at: str | None,
            stages: str | None, allow_private: bool | None) -> None:
    """Print the analysis of DOCUMENTS (paths, URLs or -) as JSON; nothing is stored."""
    from newsdesk.analyze import analyze_documents, analyze_jsonl
    from newsdesk.stages import Stages, parse_stages

    settings = settings_from(allow_private=allow_private)
    chosen = Stages(parse_stages(stages), settings)
    if jsonl:
        stream = sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8")  # noqa: SIM115
        with stream:
            analyze_jsonl(stream, sys.stdout, chosen, settings)
        return
    if not documents:
        raise click.UsageError("give a path, URL or - (or --jsonl FILE)")
    results = list(analyze_documents(list(documents), chosen, settings, kind, url, fetched_at))
    print_json(results[0] if len(results) == 1 else results)
    if len(results) == 1 and results[0].get("error"):
        sys.exit(4)


@main.command()
@click.argument("ref")
@db_option
@json_option
def show(ref: str, db: str | None, as_json: bool) -> None:
    """Show one stored article by id or URL."""
    _, store = store_from(db, readonly=True)
    with store:
        article = store.get_article(ref)
    if as_json:
        print_json(article.to_dict())
        return
    if article.kind != "article":  # a stored page judged not one: it showed as an article, its reason unsaid
        from newsdesk.store.rejected import why_not_article

        click.echo(f"stored page judged not an article: {why_not_article(article.reason)}"
                   " (`newsdesk stats --failures` lists every such page)")
    click.echo(article.title or "(no title)")
    meta = [", ".join(article.authors), article.published or "", article.site_name or "", article.url or ""]
    click.echo(" · ".join(m for m in meta if m))
    if article.categories:
        click.echo("Categories: " + ", ".join(article.categories))
    click.echo("")
    click.echo(article.text)
    if article.related:
        click.echo("\nRelated:")
        for r in article.related:
            click.echo(f"  - {r.title}" + (f" <{r.url}>" if r.url else "") + (f" ({r.age})" if r.age else ""))


# A query may begin with "-" ("-iran", as a reader writes NOT): an unknown option is taken as the query.
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True, type=click.UNPROCESSED)
@db_option
@click.option("--limit", default=20, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--source", default=None, help="Only this site (its name as shown).")
@click.option("--category", default=None)
@click.option("--author", default=None, help="Only this author (the name as shown), as /api/search's ?author=.")
@click.option("--language", default=None, help="ISO 639-1 code, e.g. en.")
@date_option("since", "A date (or a time of one), inclusive.")
@date_option("until", "A date, inclusive of that day.")
@click.option("--all-copies", is_flag=True, help="List every stored copy of a syndicated text (default: once).")
@click.option("--page", default=1, show_default=True, type=click.IntRange(min=1),
              help="Which page of --limit results (1-50; fewer with a --limit over 20), as /api/search's ?page=.")
@json_option
def search(query: tuple[str, ...], db: str | None, limit: int, sort: str, source: str | None, category: str | None,
           author: str | None, language: str | None, since: str | None, until: str | None, all_copies: bool,
           page: int, as_json: bool) -> None:
    """Full-text search: words, "phrases", prefix*, AND/OR/NOT; the desk's own search (the index
    beside the database, FTS5 for what it has not indexed yet), so answers match the web desk's.

    A word finds its forms, stemmed in each article's language, and its irregular English forms
    ('said' finds 'says'); a prefix* finds the irregular forms of the words it begins ('sai*': 'says')."""
    from newsdesk.errors import QueryError
    from newsdesk.store.desk import Filters
    from newsdesk.store.desk_search import (
        bracketed,
        leave_out_example,
        pages_hint,
        past_the_end,
        search_pages,
        total_label,
    )
    from newsdesk.store.search_syntax import reread_as_words

    unknown = [word for word in query if word.startswith("--") and word != "--"]
    if unknown:  # a mistyped option ("--limt 5"), not words of a query
        raise click.UsageError(f"No such option: {unknown[0]}")
    text = " ".join(query)
    if page > search_pages(limit):  # the offset was clamped: page 12 of 100 a page listed page 11
        raise QueryError(f"--page must be from 1 to {search_pages(limit)}{pages_hint(limit)}, got {page}")
    filters = Filters(site=source, category=category, author=author, language=language, since=since, until=until)
    _, store = store_from(db, readonly=True)
    with store:
        # as the desk's search: a syndicated text once, except within one source or author (web.listing.folds_copies)
        fold = not (all_copies or source or author)
        hits = bracketed(store.desk_search(text, filters, sort=sort, limit=limit,  # a terminal gets [brackets]
                                           offset=(page - 1) * limit, fold_copies=fold))
        # counted past the last page too: page 51 of 4 results said "total": 0
        total = store.desk_search_total(text, filters, fold_copies=fold) if hits or page > 1 else (0, True)
    read_as = reread_as_words(text)
    if read_as:  # as the desk's search page says: "iran -vote" found articles WITH "vote"
        click.echo(f"newsdesk: {text!r} cannot be read as written; searched for all of its words:"
                   f" {' '.join(read_as)} (to leave a word out: {leave_out_example(text, read_as)})", err=True)
    if as_json:  # /api/search's total beside the hits, so a script need not read the text's last line
        print_json({"query": text, "sort": sort, "page": page, "items": hits, "total": total[0],
                    "total_exact": total[1], "total_label": total_label(*total), "read_as": read_as or None,
                    "past_the_end": past_the_end(page, total, limit)})
        return
    for hit in hits:
        click.echo(f"{hit['id']:>6}  {(hit.get('sort_key') or '')[:10]}  {hit['title']}")
        click.echo(f"        {hit['snippet']}")
    # after the hits (a script reads the first line as a hit): the count the search page and
    # /api/search's total_label give
    click.echo(total_label(*total) if hits else past_the_end(page, total, limit) or "no matches")


@main.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl, csv, parquet, or gdelt-events / gdelt-mentions / gdelt-gkg.")
@click.option("--output", "-o", default="-", help="File to write (default stdout; parquet needs a file or a pipe).")
@click.option("--query", default=None, help="Only the articles this search finds, as `newsdesk search` reads it"
              " (syndicated copies included).")
@click.option("--source", default=None, help="Only this site (its name as shown).")
@click.option("--language", default=None, help="ISO 639-1 code, e.g. en.")
@click.option("--category", default=None, help="Only this category, as the desk's category page lists it.")
@click.option("--author", default=None, help="Only this author, as the desk's author page lists them.")
# as `newsdesk search`: a day that does not exist matched nothing
@date_option("since", "A date, inclusive (the article's date, as the desk's search).")
@date_option("until", "A date, inclusive of that day.")
# as the desk's story and entity pages download theirs (/api/export?story=ID, ?entity=ID)
@click.option("--story", type=click.IntRange(1), default=None, help="Only this story's articles.")
@click.option("--entity", type=click.IntRange(1), default=None, help="Only the articles naming this entity.")
def export(db: str | None, fmt: str, output: str, query: str | None, source: str | None, language: str | None,
           category: str | None, author: str | None, since: str | None, until: str | None, story: int | None,
           entity: int | None) -> None:
    """Export stored articles: all of them, or those a search and its filters find ("everything
    about Iran between two dates": --query iran --since D --until D), a story's or an entity's."""
    from newsdesk.store.desk import Filters
    from newsdesk.store.export import export as run_export

    filters = Filters(site=source, language=language, category=category, author=author, since=since, until=until)
    _, store = store_from(db, readonly=True)
    with store:
        chosen = _export_selection(store, query, filters, story, entity)
        n = run_export(store, fmt, output)
    click.echo(f"exported {n} records" + (f" of {chosen} articles" if chosen is not None else ""), err=True)


def _export_selection(store: Any, query: str | None, filters: Filters, story: int | None = None,
                      entity: int | None = None) -> int | None:
    """Limit the export to the search's articles, within a story's or an entity's (store/desk_export.py); None
    when every article is exported."""
    from newsdesk.store.desk_export import select_articles

    if not (query and query.strip()) and not filters.as_dict() and story is None and entity is None:
        return None
    chosen, complete = select_articles(store, query, filters, story, entity)
    if not complete:
        click.echo(f"newsdesk: the search index is missing or behind, so the search read only its newest matches"
                   f" ({chosen}): run `newsdesk index` for every one", err=True)
    return chosen


@main.command()
@db_option
@click.option("--stages", default=None, help="Stages after extraction (default all).")
@click.option("--workers", type=int, default=None, help="Analysis processes (default: setting `workers`).")
@executor_options
@click.option("--stale", is_flag=True, help="Only the articles an older code read otherwise than this one would"
              " (a French article stored before French was read); /stats counts them.")
@click.option("--quiet", "-q", is_flag=True)
def reprocess(db: str | None, stages: str | None, workers: int | None, executor: str | None,
              ray_address: str | None, stale: bool, quiet: bool) -> None:
    """Re-run extraction and understanding over every stored raw page (--stale: the out-of-date ones)."""
    from newsdesk.pipeline import reprocess as run_reprocess
    from newsdesk.stages import Stages, parse_stages
    from newsdesk.store import open_store

    settings = settings_from(db=db, workers=workers, executor=executor, ray_address=ray_address)
    store = open_store(settings.db)
    with store:
        summary = _with_progress(lambda p: run_reprocess(store, settings, stages=Stages(parse_stages(stages), settings),
                                                         progress=p, stale=stale), quiet)
    click.echo(format_summary(summary))


@main.command()
@db_option
@click.option("--failures", is_flag=True, help="List failures, and the stored pages judged not articles, with their"
              " reasons.")
@json_option
def stats(db: str | None, failures: bool, as_json: bool) -> None:
    """Counts of articles, sources, languages and failures."""
    from newsdesk.store.reads import to_reprocess

    _, store = store_from(db, readonly=True)
    with store:
        data = store.stats()
        data["failure_reasons"] = store.failure_counts()
        data["to_reprocess"] = to_reprocess(store)
        if failures:
            from newsdesk.store.rejected import not_article_pages, not_article_reasons

            data["failure_list"] = store.failures(limit=1000)
            # As the desk's /not-articles: which pages were turned away and why, not just how many.
            data["not_article_reasons"] = not_article_reasons(store.conn)
            data["not_article_list"] = not_article_pages(store.conn, limit=1000)
    if as_json:
        print_json(data)
        return
    click.echo(f"articles {data['articles']}  not articles {data['not_articles']}  failures {data['failures']}"
               f"  sites {data['sites']}  sources {data['sources']}  raw pages {data['raw_pages']}")
    click.echo("languages: " + (", ".join(f"{k} {v}" for k, v in data["languages"].items()) or "none yet"))
    stale = data["to_reprocess"]
    if stale["articles"]:  # an older code read these otherwise than today's would (store/reads.py)
        click.echo(f"to reprocess: {stale['articles']} ("
                   + ", ".join(f"{k} {v}" for k, v in stale["languages"].items()) + f"): run {stale['command']}")
    for reason, n in data["failure_reasons"].items():
        click.echo(f"  {n:5d}  {reason}")
    for f in data.get("failure_list", []):
        detail = f"  ({f['detail']})" if f["detail"] else ""
        click.echo(f"{f['at']}  {f['stage']}: {f['reason']}  {f['input']}{detail}")
    for reason, n in data.get("not_article_reasons", {}).items():
        click.echo(f"  {n:5d}  {reason}")
    for p in data.get("not_article_list", []):
        click.echo(f"{p['at']}  {p['reason']}  {p['input']}")


@main.command("sources")
@db_option
@json_option
def list_sources(db: str | None, as_json: bool) -> None:
    """Sources with their last fetch (a saved file: when it was read), status, next poll and articles."""
    from newsdesk.store.source_list import sources_overview

    _, store = store_from(db, readonly=True)
    with store:
        rows = sources_overview(store.conn)
    if as_json:
        print_json(rows)
        return
    if not rows:  # it printed nothing, as if the command had not run
        click.echo("no sources yet: `newsdesk ingest SOURCE` adds one")
    for s in rows:
        seen = (f"read {s['last_read_at']}" if s["file"] else
                f"fetched {s['last_fetch_at']}" if s["last_fetch_at"] else "never fetched")
        fails = f" ({s['fail_count']} in a row)" if s["fail_count"] else ""
        due = f"  next {s['next_fetch_at']}" if s["next_fetch_at"] else ""
        click.echo(f"{s['url']}  {s['kind'] or '-'}  {seen}  {s['last_status'] or '-'}{fails}{due}"
                   f"  articles {s['articles']}")


@main.command()
@db_option
@click.option("--interval", type=float, default=None, help="Seconds between polls of one source.")
@click.option("--once", is_flag=True, help="Poll every due source once and exit.")
@click.option("--allow-private", is_flag=True, default=None)
def watch(db: str | None, interval: float | None, once: bool, allow_private: bool | None) -> None:
    """Poll the configured sources on an interval, backing off from failing hosts.

    Each poll prints a line: its time (ISO 8601, UTC), the source, and ok or the failure.
    """
    from newsdesk.watch import watch as run_watch

    settings = settings_from(db=db, watch_interval=interval, allow_private=allow_private)
    from newsdesk.store import open_store

    with open_store(settings.db) as store:
        run_watch(store, settings, once=once, echo=click.echo)


@main.command("config")
@json_option
def show_config(as_json: bool) -> None:
    """Show the effective settings and what each one means."""
    settings = settings_from()
    data = {name: getattr(settings, name) for name in SETTINGS_HELP}
    if as_json:
        print_json(data)
        return
    for name, help_text in SETTINGS_HELP.items():
        click.echo(f"{name} = {json.dumps(data[name], default=list)}\n    {help_text}")


def _register_plugins() -> None:
    for module_name in PLUGINS:
        if module_available(module_name):
            for command in importlib.import_module(module_name).COMMANDS:
                main.add_command(command)


_register_plugins()
