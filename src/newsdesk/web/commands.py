"""`newsdesk serve`: the web desk on uvicorn (processes: web/serving.py), bound to loopback unless told otherwise."""

from __future__ import annotations

import contextlib
import os
from dataclasses import replace
from pathlib import Path

import click

from newsdesk.cli_common import db_option, settings_from
from newsdesk.settings import Settings


@click.command("serve")
@db_option
@click.option("--host", default=None, help="Address to bind (default: setting `host`, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: setting `port`, 8080; 0 picks a free one).")
@click.option("--write-token", "write_token", default=None, metavar="TOKEN",
              help="Enable write actions (add a source, re-fetch) for clients sending this bearer token.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Server processes; more than one uses more cores (each holds its own caches).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="Server log level.")
def serve(db: str | None, host: str | None, port: int | None, write_token: str | None, workers: int,
          log_level: str) -> None:
    """Serve the web desk, the JSON API (/api, docs at /docs) and Atom feeds (/feed.atom)."""
    from newsdesk.web.app import create_app

    settings = settings_from(db=db, host=host, port=port, write_token=write_token)
    create_app(settings.db, settings)  # fail here, before binding, on a bad database
    with contextlib.ExitStack() as held:
        if settings.port == 0:
            settings = replace(settings, port=_free_port(settings.host, held))
        _serve(settings, workers, log_level)


def _free_port(host: str, held: contextlib.ExitStack) -> int:
    """A free port for `--port 0`, chosen here so the banner can print it (uvicorn only picks one
    when it binds, after the banner). The socket stays bound, not listening, until the server
    stops (SO_REUSEADDR and SO_REUSEPORT), so nothing else takes the port between our choice and
    uvicorn's bind; uvicorn's socket, and each `--workers` process's, bind beside it."""
    from newsdesk.web.serving import reuseport_socket

    return int(held.enter_context(reuseport_socket(host, 0, listen=False)).getsockname()[1])


def _serve(settings: Settings, workers: int, log_level: str) -> None:
    import uvicorn

    from newsdesk.web.app import create_app

    click.echo(f"newsdesk: serving {settings.db} at http://{settings.host}:{settings.port}/ (Ctrl-C stops)")
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("newsdesk: warning: listening beyond this machine; anyone who can reach it can read the desk",
                   err=True)
    options = dict(host=settings.host, port=settings.port, log_level=log_level, server_header=False,
                   access_log=log_level in ("info", "debug"))
    if workers == 1:
        uvicorn.run(create_app(settings.db, settings), **options)  # type: ignore[arg-type]
        return
    # Worker processes build their own app from the environment: pass on what the flags said.
    os.environ["NEWSDESK_DB"] = str(Path(settings.db).resolve())
    if settings.write_token:
        os.environ["NEWSDESK_WRITE_TOKEN"] = settings.write_token
    from newsdesk.web.serving import run_workers

    del options["host"], options["port"]
    run_workers(settings.host, settings.port, workers, **options)


@click.command("index")
@db_option
@click.option("--rebuild", is_flag=True, help="Build the search index afresh from every stored article.")
def index(db: str | None, rebuild: bool) -> None:
    """Bring the search index (`<db>.search/`) up to date with the store; run it after an ingest.

    The desk also catches its index up by itself (at start-up and every few seconds while it
    answers searches); searches never miss articles meanwhile (they fall back to FTS5).
    """
    from newsdesk.store import open_store
    from newsdesk.store.search_index import index_dir, sync_search_index
    from newsdesk.web.cards import fill_cards

    settings = settings_from(db=db)
    with open_store(settings.db) as store:
        report = sync_search_index(store, rebuild=rebuild)
        cards = fill_cards(store.conn)
    what = "rebuilt" if report.rebuilt else "updated"
    click.echo(f"newsdesk: search index {index_dir(settings.db)} {what}: {report.indexed} articles indexed,"
               f" {report.deleted} removed, up to change {report.watermark}, in {report.seconds} s;"
               f" {cards} listing cards stored")


COMMANDS = [serve, index]
