"""Options and helpers shared by every `newsdesk` command module."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsdesk.settings import Settings, load_settings
from newsdesk.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option("--db", "db", default=None, metavar="PATH",
                         help="SQLite database (default: setting `db`, NEWSDESK_DB, ./newsdesk.db).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
config_option = click.option("--config", "config", default=None, metavar="FILE",
                             help="Settings file (default: ./newsdesk.toml when present).")


def settings_from(ctx: click.Context | None = None, **flags: Any) -> Settings:
    """Settings with the global --config and the command's flags applied last."""
    ctx = ctx or click.get_current_context(silent=True)
    config = None
    if ctx is not None:
        root = ctx.find_root()
        config = (root.params or {}).get("config")
    return load_settings(config, **flags)


def store_from(db: str | None, readonly: bool = False) -> tuple[Settings, Store]:
    settings = settings_from(db=db)
    return settings, open_store(settings.db, readonly=readonly)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


def executor_options(command: F) -> F:
    """--executor and --ray-address, for the commands that analyse pages in bulk."""
    command = click.option("--ray-address", default=None,
                           help="Ray cluster to join with --executor ray (default: start Ray here).")(command)
    return click.option("--executor", type=click.Choice(["local", "ray"]), default=None,
                        help="Analyse pages here (local) or on Ray (default: setting `executor`).")(command)


def one_line(text: str | None, width: int) -> str:
    """Text for one terminal line: whitespace (paragraph breaks included) collapsed, cut at a word
    with "…" when longer than `width`. Sentences and quotes printed raw broke the listing with blank
    lines and ended mid-word, with nothing to say they went on."""
    flat = " ".join((text or "").split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0] if " " in flat[: width - 1] else flat[: width - 1]
    return cut + "…"


def date_option(name: str, help: str, *, times: bool = True) -> Callable[[F], F]:
    """--since/--until read by store.desk.read_date, as the desk and the API read ?since=/?until=:
    one parser and one wording for every command (a wrong day exits 2 with that message).
    `times=False`: a day only (quotes and events are filed by day)."""
    from newsdesk.store.desk import read_date

    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        return read_date(f"--{name}", value, times=times)
    return click.option(f"--{name}", default=None, metavar="YYYY-MM-DD", callback=check, help=help)
