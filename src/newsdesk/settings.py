"""One Settings object with a fixed precedence: defaults < newsdesk.toml < NEWSDESK_* env < flags.

Every field has a default and a line of help (`SETTINGS_HELP`); a test checks the README
documents each one. Unknown keys in the file or the environment are an error, because a
misspelt setting that is silently ignored is worse than a refusal.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError

DEFAULT_SOURCES = (
    "https://feeds.bbci.co.uk/news/world/rss.xml",
    "https://www.theguardian.com/world/rss",
    "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
    "https://www.aljazeera.com/xml/rss/all.xml",
    "https://globalvoices.org/feed/",
)


@dataclass(frozen=True)
class Settings:
    db: str = "newsdesk.db"
    sources: tuple[str, ...] = DEFAULT_SOURCES
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; polite news reader)"
    request_delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_page_bytes: int = 10_000_000
    max_redirects: int = 5
    max_feed_items: int = 200
    allow_private: bool = False
    respect_robots: bool = True
    watch_interval: float = 900.0
    host: str = "127.0.0.1"
    port: int = 8080
    write_token: str | None = None
    workers: int = 1
    executor: str = "local"
    ray_address: str = ""
    event_embeddings: bool = True
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


SETTINGS_HELP: dict[str, str] = {
    "db": "SQLite database file (created and migrated on open).",
    "sources": "Feeds, sitemaps, sites or pages that `make run` and `newsdesk watch` collect.",
    "user_agent": "User-Agent sent with every request; says who we are.",
    "request_delay": "Seconds between two requests to the same host.",
    "connect_timeout": "Seconds to wait for a TCP/TLS connection.",
    "read_timeout": "Seconds to wait for the server between two reads.",
    "max_page_bytes": "Largest response body accepted; bigger pages are refused.",
    "max_redirects": "Most redirects followed for one request.",
    "max_feed_items": "Most items taken from one feed or sitemap per run.",
    "allow_private": "Fetch private, loopback and link-local addresses (off: refused).",
    "respect_robots": "Honour robots.txt (per host, cached).",
    "watch_interval": "Seconds between two polls of a source in `newsdesk watch`.",
    "host": "Address `newsdesk serve` binds (loopback unless told otherwise).",
    "port": "Port `newsdesk serve` listens on.",
    "write_token": "Token that enables write actions in the web desk (unset: writes are off).",
    "workers": "Analysis processes used by `newsdesk ingest` and `reprocess` (Ray: CPUs of the local Ray).",
    "executor": "Where `ingest` and `reprocess` analyse pages: `local` (this machine) or `ray` (a Ray cluster).",
    "ray_address": "Ray cluster to join with executor `ray` (e.g. `ray://head:10001`); empty: start Ray here.",
    "event_embeddings": "Classify event sentences with sentence embeddings too: better on unseen wordings, "
                        "about 3x the CPU of ingest (off: the sparse model alone).",
}

_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name != "extra"}


def _coerce(name: str, value: Any) -> Any:
    default = _FIELDS[name].default
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off", ""):
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(s.strip() for s in value.split(",") if s.strip())
            return tuple(str(v) for v in value)
        return None if value is None else str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot read {value!r} ({exc}); see `newsdesk config`") from exc


def load_settings(config: str | Path | None = None, env: dict[str, str] | None = None,
                  **flags: Any) -> Settings:
    """Build Settings from defaults, then the TOML file, then NEWSDESK_* variables, then flags."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    path = Path(config) if config else Path(env.get("NEWSDESK_CONFIG", "newsdesk.toml"))
    if config and not path.exists():
        raise ConfigError(f"config file {path} does not exist")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        data = data.get("newsdesk", data)
        for key, value in data.items():
            if key not in _FIELDS:
                raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(sorted(_FIELDS))}")
            values[key] = _coerce(key, value)
    for var, value in env.items():
        if not var.startswith("NEWSDESK_") or var == "NEWSDESK_CONFIG":
            continue
        key = var[len("NEWSDESK_"):].lower()
        if key not in _FIELDS:
            raise ConfigError(f"environment variable {var}: unknown setting {key!r}")
        values[key] = _coerce(key, value)
    for key, value in flags.items():
        if value is None:
            continue
        if key not in _FIELDS:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(key, value)
    return Settings(**values)
