"""The records that flow between stages.

A source yields `RawPage`s; extraction turns one into one `Article` (which may be
`kind="not_article"` with a reason); later stages return new `Article`s with more
fields filled. Records are frozen: a stage never edits what it was given.

`Article.to_dict()` is the `newsdesk analyze` JSON contract (see README, "Data contract").
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawPage:
    """Bytes as they arrived, plus what we know about where they came from.

    `origin` names the input exactly (a path, a URL, or `file.warc.gz#offset`), so a
    failure can always be traced back to what the user gave us.
    """

    body: bytes
    origin: str
    url: str | None = None
    kind_hint: str = "auto"  # "auto" | "html" | "text"
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None  # ISO 8601 with offset
    source_url: str | None = None  # the feed/sitemap/site this page was found through
    status: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True)
class Related:
    """One item of a "Recent Posts" / "Related" rail."""

    title: str
    url: str | None = None
    excerpt: str | None = None
    published: str | None = None
    age: str | None = None


@dataclass(frozen=True)
class Entity:
    text: str
    type: str
    start: int
    end: int
    canonical: str | None = None
    role: str | None = None
    country: str | None = None
    # a capital, which may stand for its government ("Washington said"): actor coding keeps it apart
    metonym: bool = False
    # named by the page's heading or byline only (a statement page's writer, "Statement by The Rt Hon
    # Elizabeth Truss MP"), never in `text`: start == end == 0 and `text` is the name as the heading gives it,
    # so offsets stay true for every mention the text holds
    heading: bool = False


@dataclass(frozen=True)
class Quote:
    """Who said what, and where each part of it is in `text`.

    `start..end` spans the whole attribution; `pieces` are the stretches that were said, in text
    order (a split quote's two halves, a subject before its cue), so the cue clause between them
    is not taken for words said. `cue_start..cue_end` is the cue word or phrase ("said", "according
    to", a colon) and `speaker_start..speaker_end` the mention of the speaker as written (a name, a
    description, a pronoun); each is None when the text has none. A Quote made without pieces (an
    old record) has one piece, `start..end`."""

    text: str
    kind: str  # "direct" | "indirect"
    start: int
    end: int
    speaker: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    pieces: tuple[tuple[int, int], ...] = ()
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None

    def __post_init__(self) -> None:
        # JSON gives lists of lists; a record keeps tuples so it stays hashable and compares equal
        pieces = tuple((int(a), int(b)) for a, b in self.pieces) or ((self.start, self.end),)
        object.__setattr__(self, "pieces", pieces)

    def to_dict(self) -> dict[str, Any]:
        d = _flat(self)
        d["pieces"] = [list(p) for p in self.pieces]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        """A quote from its JSON, old (no pieces, cue or speaker offsets) or new; other keys ignored."""
        return cls(**{k: v for k, v in d.items() if k in _QUOTE_FIELDS})


_QUOTE_FIELDS = frozenset(f.name for f in dataclasses.fields(Quote))


@dataclass(frozen=True)
class Article:
    """One extracted page. Absent knowledge is None or an empty tuple, never a guess."""

    kind: str = "article"  # "article" | "not_article"
    reason: str | None = None
    id: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    text: str = ""
    paragraphs: tuple[str, ...] = ()
    excerpt: str | None = None
    description: str | None = None
    image: str | None = None
    related: tuple[Related, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    duplicate_of: str | None = None
    story_id: str | None = None
    extractor: str | None = None  # which extractor produced the body, for reprocess decisions

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)

    @property
    def key(self) -> str | None:
        """The address the article names for itself: its canonical URL, else its URL. The store keys
        it by `store.writes.store_key`, which refuses a canonical URL on another site."""
        return self.canonical_url or self.url

    def to_dict(self) -> dict[str, Any]:
        """The `newsdesk analyze` JSON contract.

        Built field by field rather than with dataclasses.asdict: every field is a scalar or a tuple
        of strings or frozen records, so turning tuples into lists is all a copy needs, and asdict's
        deep copy of every paragraph cost 0.3 ms a page on the extract-only path (and of a page's five
        related links, 0.04 ms more). Events are plain dicts that callers may edit, so they alone are
        deep-copied."""
        d = _flat(self)
        for name in ("authors", "categories", "tags", "paragraphs"):
            d[name] = list(d[name])
        d["related"] = [_flat(r) for r in self.related]
        d["entities"] = [_flat(e) for e in self.entities]
        d["quotes"] = [q.to_dict() for q in self.quotes]
        d["events"] = [copy.deepcopy(dict(e)) for e in self.events]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        known = {f.name for f in dataclasses.fields(cls)}
        args = {k: v for k, v in d.items() if k in known}
        for name in ("authors", "categories", "tags", "paragraphs"):
            args[name] = tuple(args.get(name) or ())
        args["related"] = tuple(Related(**r) for r in args.get("related") or ())
        args["entities"] = tuple(Entity(**e) for e in args.get("entities") or ())
        args["quotes"] = tuple(Quote.from_dict(q) for q in args.get("quotes") or ())
        args["events"] = tuple(args.get("events") or ())
        return cls(**args)


def _flat(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, values shared: Related and Entity hold scalars only (Quote's
    pieces, a tuple of pairs, are turned into lists by `Quote.to_dict`)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def paragraphs_to_text(paragraphs: list[str] | tuple[str, ...]) -> str:
    """The contract's `text`: paragraphs separated by one blank line."""
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())
