"""The analysis stages after extraction, loaded once and applied to one Article at a time.

Each stage is optional: it is used when its module is installed in this build, and
`--stages` can switch it off. Stages hold loaded models, so build `Stages` once per run.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from newsdesk.records import Article
from newsdesk.settings import Settings

ALL_STAGES = ("extract", "understand", "events")


def module_available(module: str) -> bool:
    """True when an optional stage or plugin module is part of this build."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@dataclass
class Stages:
    """The post-extraction stages selected for this run, in order."""

    names: tuple[str, ...] = ALL_STAGES
    settings: Settings = field(default_factory=Settings)
    _steps: list[Callable[[Article], Article]] = field(default_factory=list, repr=False)
    _loaded: bool = False

    def _load(self) -> None:
        if "understand" in self.names and module_available("newsdesk.understand.annotate"):
            from newsdesk.understand.annotate import Annotator

            self._steps.append(Annotator().annotate)
        if "events" in self.names and module_available("newsdesk.understand.events"):
            from newsdesk.understand.events import EventCoder

            self._steps.append(EventCoder(embeddings=self.settings.event_embeddings).code)
        self._loaded = True

    def apply(self, article: Article) -> Article:
        if article.kind != "article":
            return article
        if not self._loaded:
            self._load()
        for step in self._steps:
            article = step(article)
        return article


def parse_stages(value: str | None) -> tuple[str, ...]:
    from newsdesk.errors import ConfigError

    if not value:
        return ALL_STAGES
    names = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = [n for n in names if n not in ALL_STAGES]
    if unknown:
        raise ConfigError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(ALL_STAGES)}")
    return names
