"""Small helpers shared by the metadata readers (whitespace, entities, first-non-empty) and the
related rail (whether a node lies inside others)."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import Any

_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.I | re.S)
_MARKUP = re.compile(r"</?[A-Za-z!][^>]*>")
Lazy = str | None | Callable[[], str | None]  # a value, or a DOM look-up run only when needed


def clean_ws(s: str) -> str:
    """Collapse whitespace; decode entities publishers escaped twice ("&amp;quot;"); drop markup."""
    if "&" in s:
        s = html_lib.unescape(s)
    if "<" in s:  # markup inside a value ("x</title><script>...") is dropped, script bodies with it
        s = _MARKUP.sub(" ", _SCRIPT.sub(" ", s))
    # str.split() and re's \s agree on what whitespace is (both str.isspace); split is 5x faster.
    return " ".join(s.split())


def node_text(node: Any) -> str | None:
    if node is None:
        return None
    return clean_ws(node.text(deep=True) or "") or None


def inside_any(node: Any, ids: set[int]) -> bool:
    """Whether a lexbor node lies inside any of the nodes whose `mem_id` is in `ids` (node identity is
    mem_id: == compares markup)."""
    parent = getattr(node, "parent", None)
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def first(*values: Lazy) -> str | None:
    for v in values:
        v = v() if callable(v) else v
        if v and v.strip():
            return v.strip()
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def split_list(raw: str | None) -> list[str]:
    if not raw:
        return []
    return [p.strip() for p in re.split(r"[,;|]", raw) if p.strip()]


def unique(values: list[Any]) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        if isinstance(v, str) and (s := clean_ws(v)):
            seen.setdefault(s.casefold(), s)
    return list(seen.values())
