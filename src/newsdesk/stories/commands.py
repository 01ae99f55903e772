"""`newsdesk stories`, `newsdesk story ID` and `newsdesk cluster --jsonl FILE`.

`cluster` is the evaluation entry point: it reads lines {"id", "title", "text", "date"}
(title and date may be null) in the given order, stores and clusters each one as it comes
(a fresh in-memory store unless --db), runs the periodic repair pass as it goes and once
at the end, and writes one {"id", "story_id"} line per input line, in input order, with
each article's story after that final pass.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from newsdesk.cli_common import db_option, json_option, print_json, store_from
from newsdesk.records import Article, RawPage
from newsdesk.store import Store, open_store
from newsdesk.store.desk import MAX_PAGE
from newsdesk.store.stories import ORDERS, read_grew_since
from newsdesk.stories import repair as repair_mod
from newsdesk.stories.features import article_when


def cluster_stream(lines: Iterable[dict[str, Any]], store: Store | None = None,
                   repair: bool = True) -> Iterator[dict[str, str]]:
    """Cluster documents in the order given; yield {"id", "story_id"} per document at the end."""
    own = store is None
    store = store or open_store(":memory:")
    placed: list[tuple[str, int]] = []
    try:
        for n, line in enumerate(lines):
            doc_id = str(line.get("id", n))
            text = line.get("text") or ""
            article = Article(title=line.get("title"), text=text, published=line.get("date"),
                              url=f"urn:newsdesk:cluster:{doc_id}")
            raw = RawPage(body=text.encode(), origin=f"cluster:{doc_id}", kind_hint="text")
            _, article_id = store.store_page(raw, article)
            store.place_article(article_id, article, article_when(line.get("date"), text), repair=repair)
            placed.append((doc_id, article_id))
        if repair:
            # At the end of a batch, repeat the repair over what the last round changed until it
            # settles (a move or merge can make another one worth doing).
            for _ in range(repair_mod.FINAL_ROUNDS):
                report = store.repair_stories()
                if not (report.merged or report.split or report.moved):
                    break
        stories = store.story_assignments()
        for doc_id, article_id in placed:
            yield {"id": doc_id, "story_id": str(stories.get(article_id, ""))}
    finally:
        if own:
            store.close()


def _read_jsonl(handle: Any) -> Iterator[dict[str, Any]]:
    for number, raw in enumerate(handle, 1):
        if raw.strip():
            try:
                yield json.loads(raw)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"line {number}: not JSON ({exc}); expected"
                                           ' {"id", "title", "text", "date"} per line') from exc


@click.command("cluster")
@click.option("--jsonl", "jsonl", required=True, type=click.File("r", encoding="utf-8"),
              help='Lines {"id", "title", "text", "date"}, clustered in this order ("-" for stdin).')
@click.option("--db", "db", default=None, metavar="PATH",
              help="Cluster into this database instead of a fresh in-memory store.")
@click.option("--no-repair", is_flag=True, help="Skip the merge/split repair passes (pure greedy assignment).")
def cluster_command(jsonl: Any, db: str | None, no_repair: bool) -> None:
    """Cluster documents into stories incrementally; print {"id", "story_id"} lines."""
    store = open_store(db) if db else None
    try:
        for line in cluster_stream(_read_jsonl(jsonl), store, repair=not no_repair):
            sys.stdout.write(json.dumps(line) + "\n")
    finally:
        if store is not None:
            store.close()


@click.command("stories")
@db_option
@json_option
# the same bounds as /api/stories' ?limit= and ?page= (web/routes_stories: MAX_PAGE_SIZE 100, pages to 1000)
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 100), help="Stories per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, MAX_PAGE), help="Which page of them.")
@click.option("--min-articles", default=1, show_default=True, help="Hide stories with fewer articles.")
@click.option("--repair", is_flag=True, help="Run the merge/split pass over every story first.")
# as /api/stories' ?grew_since= and ?sort= (web/routes_stories)
@click.option("--grew-since", default=None, metavar="ISO|today",
              help="Only stories that took articles collected since then (UTC unless it says), newest arrival"
                   " first, each with how many joined; `today` from this UTC day's midnight.")
@click.option("--sort", type=click.Choice(sorted(ORDERS)), default="active", show_default=True,
              help="active: by the news day of the latest report; arrived: by when the newest member was collected.")
def stories_command(db: str | None, as_json: bool, limit: int, page: int, min_articles: int, repair: bool,
                    grew_since: str | None, sort: str) -> None:
    """List stories, most recently active first, a page at a time (as /api/stories); --grew-since today:
    which stories grew today."""
    # read here, not in a click callback: a wrong date is "newsdesk: ..." as from every other date option
    grew_since = read_grew_since("--grew-since", grew_since)
    _, store = store_from(db, readonly=not repair)
    with store:
        if repair:
            report = store.repair_stories(everything=True)
            click.echo(f"repair: looked at {report.looked_at}, merged {report.merged}, split {report.split}",
                       err=True)
        rows = store.stories(limit=limit, offset=(page - 1) * limit, min_size=min_articles, grew_since=grew_since,
                             sort=sort)
    if as_json:
        print_json(rows)
        return
    if not rows:  # it printed nothing at all, as if the command had not run ("no events match", "no quotes match")
        click.echo("no stories match" if page > 1 or min_articles > 1 or grew_since else "no stories yet")
    for s in rows:
        days = s["first_day"] or "?"
        if s["last_day"] and s["last_day"] != s["first_day"]:
            days += f" – {s['last_day']}"
        click.echo(f"{s['id']:>6}  {_count(s['articles'], 'article', 3)}  {_count(s['sources'], 'source', 3)}"
                   f"  {s['status']:<5}"
                   f"  {days:<23}  {_joined(s, grew_since)}{s['headline'] or '(no headline)'}")


def _joined(story: dict[str, Any], since: str | None) -> str:
    """'+3 since 2026-12-01  ' before the headline of a story listed by --grew-since."""
    return f"+{story['joined']} since {since}  " if since and "joined" in story else ""


def _count(n: int, noun: str, width: int = 0) -> str:
    """'1 article', '3 articles' (the list said '1 articles'); in the list's columns, padded to line up."""
    return f"{n:>{width}} {noun}{'' if n == 1 else 's'}" + (" " if n == 1 and width else "")


@click.command("story")
@click.argument("story_id", type=int)
@db_option
@json_option
def story_command(story_id: int, db: str | None, as_json: bool) -> None:
    """One story: its timeline of articles and sources."""
    _, store = store_from(db, readonly=True)
    with store:
        story = store.story(story_id)
    if as_json:
        print_json(story)
        return
    click.echo(f"story {story['id']}: {story['headline'] or '(no headline)'}"
               f"  ({_count(story['articles'], 'article')}, {_count(story['sources'], 'source')}, {story['status']})")
    for group in story["groups"]:
        a = group["representative"]
        also = (f"  (also published by {_count(group['also_published_by'], 'source')})"
                if group["also_published_by"] else "")
        click.echo(f"  {a['published'] or a['first_seen'] or '?':<25} {a['site_name'] or '-':<24}"
                   f" {a['title'] or a['url']}{also}")
        # the syndicated copies, as the story page lists them: "3 articles" printed one line
        for c in group["copies"]:
            click.echo(f"    copy {c['id']}: {c['published'] or c['first_seen'] or '?'}  {c['site_name'] or '-'}"
                       f"  {c['url'] or '(no address)'}")


@click.command("clustering")
@click.option("--docs", "docs", type=click.Path(exists=True, dir_okay=False, path_type=Path), multiple=True,
              required=True, help='Documents {"doc_id", "cluster_id", "title", "text", "date"} per line (repeatable).')
@click.option("--seed", default=0, show_default=True, help="Seed of the shuffled arrival order.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write the results here.")
def bench_clustering(docs: tuple[Path, ...], seed: int, json_out: Path | None) -> None:
    """Story clustering: ours (incremental, shuffled, k unknown) beside TF-IDF + k-means (k given)."""
    from newsdesk.bench.clustering import format_result, run

    results = []
    for path in docs:
        result = run(path, seed=seed)
        results.append(result)
        click.echo(format_result(result) + "\n")
    if json_out:
        json_out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


@click.command("neardup")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="A corpus laid out like ../shared/corpus (manifest.jsonl and its pages).")
def bench_neardup(corpus: Path) -> None:
    """Near duplicates: precision and recall on the set generated from a corpus."""
    from newsdesk.bench.neardup import evaluate, format_result, generate

    click.echo(format_result(evaluate(generate(corpus))))


def _attach_bench() -> None:
    """`bench clustering` and `bench neardup` join the lead's `bench` group when it exists."""
    try:
        from newsdesk.bench.commands import bench
    except ImportError:
        return
    if isinstance(bench, click.Group):
        for command in (bench_clustering, bench_neardup):
            if command.name not in bench.commands:
                bench.add_command(command)


_attach_bench()
COMMANDS: list[click.Command] = [cluster_command, stories_command, story_command]
