"""`newsdesk events` (stored events by actor, pair, code, place, time) and `newsdesk bench events`.

`bench events` lives in newsdesk.bench.events; it is attached to the `bench` group from here
(when that group exists and has no `events` command of its own), because the bench group's
module belongs to another part of the code base.
"""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.cli_common import date_option, db_option, json_option, one_line, print_json, store_from
from newsdesk.store.desk import MAX_PAGE

# as /api/events' ?limit= and ?page=
MAX_PER_PAGE = 500


def _pair(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p.strip().upper() for p in value.replace(":", "-").split("-") if p.strip()]
    if len(parts) != 2:
        raise click.BadParameter("give two actor codes, e.g. USA-IRN or USAGOV-IRNGOV", param_hint="--pair")
    return parts[0], parts[1]


@click.command("events")
@db_option
@click.option("--actor", default=None, help="Actor code or prefix on either side: IRN, IRNGOV, IGOUNO.")
@click.option("--pair", default=None, help="Two actors, either direction: USA-IRN.")
@click.option("--ordered", is_flag=True, help="With --pair: only source=first, target=second.")
@click.option("--code", default=None, help="CAMEO code prefix: 04 (consult), 046 (negotiate), 19 (fight).")
@click.option("--place", default=None, help="ISO 3166 alpha-3 country where the event happened: OMN.")
# A calendar day: the bare string let 2026-11-31 or 2026-13-45 through, and the answer was "no events
# match" (exit 0) instead of a wrong day; /events answers 400 the same way, in the same words.
@date_option("since", "Only events of this day or later.", times=False)
@date_option("until", "Only events of this day or earlier.", times=False)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, MAX_PER_PAGE), help="Events per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, MAX_PAGE),
              help="Which page of --limit events, as /api/events?page=.")
@json_option
def events(db: str | None, actor: str | None, pair: str | None, ordered: bool, code: str | None,
           place: str | None, since: str | None, until: str | None, limit: int, page: int, as_json: bool) -> None:
    """Coded events (who did what to whom) of stored articles, newest first, with their sentence."""
    _, store = store_from(db, readonly=True)
    with store:
        rows = store.events(actor=actor, pair=_pair(pair), ordered=ordered, code=code, place=place,
                            since=since, until=until, limit=limit, offset=(page - 1) * limit)
    if as_json:
        print_json(rows)
        return
    for r in rows:
        where = f" in {r['place_name']}" if r["place_name"] else ""
        flags = "".join([" (negated)" if r["negated"] else "",
                         f" ({r['modality']})" if r["modality"] not in (None, "asserted") else ""])
        click.echo(f"{r['day'] or '?':<10} {r['source_code'] or '---':<9} {r['cameo']:<4} "
                   f"{r['target_code'] or '---':<9} goldstein {r['goldstein'] if r['goldstein'] is not None else '?'}"
                   f"{where}{flags}  [article {r['article_id']}]")
        click.echo(f"           {one_line(r['sentence'], 160)}")
    if not rows:  # as the other list commands: page 3 of 2 pages is not "no events"
        click.echo(f"no events on page {page}: the list ends before it" if page > 1 else "no events match")


@click.command("events")
@click.option("--gold", "gold", type=click.Path(exists=True, path_type=Path), required=True,
              help="Gold JSON lines (id, text, and pentaclass or events), as in ../shared/bench/events/gold.")
@click.option("--train", type=click.Path(exists=True, path_type=Path), default=None,
              help="Train split for the TF-IDF + LR anchor (default: the pentaclass train set).")
@click.option("--scorer", type=click.Path(exists=True, path_type=Path), default=None,
              help="score.py (default ../shared/bench/events/score.py).")
@click.option("--limit", type=int, default=None, help="Only the first N sentences.")
@click.option("--predictions", type=click.Path(path_type=Path), default=None, help="Also write our predictions.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write JSON here.")
@click.option("--cv", is_flag=True, help="Pentaclass gold: 5-fold cross-validation instead (stratified, "
              "near-duplicate, country, main-verb and word-cluster grouped), ours beside the anchor on the same folds.")
def bench_events(gold: Path, train: Path | None, scorer: Path | None, limit: int | None,
                 predictions: Path | None, json_out: Path | None, cv: bool) -> None:
    """CAMEO 5-class macro-F1 or triple P/R/F1 beside the TF-IDF+LR anchor, and sentences/s beside spaCy."""
    import json

    from newsdesk.bench.events import cross_validate, format_cv, format_table, run

    if cv:
        result = cross_validate(gold)
        click.echo(format_cv(result))
    else:
        result = run(gold, train=train, scorer=scorer, limit=limit, predictions_out=predictions)
        click.echo(format_table(result))
    if json_out:
        json_out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")


def _attach_bench() -> None:
    try:
        from newsdesk.bench.commands import bench
    except ImportError:
        return
    if isinstance(bench, click.Group) and "events" not in bench.commands:
        bench.add_command(bench_events, "events")


_attach_bench()
COMMANDS: list[click.Command] = [events]
