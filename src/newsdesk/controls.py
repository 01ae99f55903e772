"""Characters that act on a terminal or on the reading order rather than being read.

Used where text from outside is kept: article fields (extract.without_controls) and failure
details (errors.Rejected, store.record_failure). It lives at the package root, with no imports,
because errors.py is imported by every module and must not pull in the extractor.
"""

from __future__ import annotations

import re

# C0 controls but tab, newline and carriage return; DEL; the C1 controls. No page means them:
# they come from broken encodings, or from a page writing "&#27;[2J" in its title, which
# `newsdesk show` and `stats --failures` then printed to the user's terminal as a live escape
# sequence (clear screen, retitle the window, hide what follows). Vertical tab and form feed
# separate words, so they become spaces. NUL is gone already from page text (decode.decode_bytes),
# but not from what a server sends in a header, so it is taken here too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile("[\x0b\x0c]")
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). In a one-line field an
# unclosed U+202E reverses everything after it on the line: a title "Bank\u202egnp.exe" reads as
# "Bankexe.png", and in a listing it runs on into the site name and date printed after the title.
# Titles, names and failure details need none of them (the desk sets dir="auto" on its own);
# the body text keeps them, where Arabic and Hebrew writing may use them inside a paragraph.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Line breaks have no place in a one-line field either: a failure detail with "\r" rewrites the
# start of the line the CLI has just printed.
_BREAKS = re.compile("[\r\n\t]+")


def without_controls(value: str) -> str:
    """`value` with control characters taken out (vertical tab and form feed become spaces)."""
    if not _CONTROL.search(value):  # nearly always: one scan, no copy
        return value
    return _CONTROL.sub("", _SPACE.sub(" ", value))


def without_bidi(value: str) -> str:
    """`value` with no control characters and no bidi embedding, override or isolate (titles, names)."""
    value = without_controls(value)
    return _BIDI.sub("", value) if _BIDI.search(value) else value


def without_breaks(value: str) -> str:
    """`value` for a one-line field (a failure detail or reason): `without_bidi`, and each run of line
    breaks and tabs one space. Nothing is cut (cli_common.one_line cuts text to a terminal width)."""
    value = without_bidi(value)
    if _BREAKS.search(value):
        value = _BREAKS.sub(" ", value)
    return value
