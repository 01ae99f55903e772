"""What the story clusterer sees of an article: weighted terms and a date.

Terms are lower-cased, lightly stemmed content words of the title (counted twice: a
headline is a dense summary) and the body. Words that look like names (capitalised
inside a sentence) and numbers get a second feature in their own namespace (`@word`),
so that the people, places and figures that tell two same-topic events apart weigh
more than the topic's vocabulary. IDF is applied later, by the clusterer, from the
document frequencies of everything it has seen so far.

The date is the article's own (`published`), else a dateline date found near the top
of the text ("July 08, 2012", "Sep 18, 2013", "2013-09-18"), else a dateline year;
each with a precision in days so that a year-only date is not mistaken for a day.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

# A story with no new article for this many days is shown as quiet (the desk and the clusterer
# share it; it lives here because the desk's read-only store must not import the clusterer).
QUIET_DAYS = 7.0

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?|\d+(?:[.,]\d+)*|[.!?\n]")
_EXTRA_STOP = {"said", "says", "told", "according", "new", "year", "just", "like"}


@functools.cache
def _stop_words() -> frozenset[str]:
    # Loaded on first use: importing scikit-learn costs ~2 s and ~150 MB, which every
    # `newsdesk` command would otherwise pay at start-up for one word list.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP
_EPOCH = date(1970, 1, 1)

# How much more a headline term counts than a body term. Chosen in an offline prototype (agglomerative
# clustering of ECB+ and GVC dev at their best thresholds: 2 and 3 beat 1); not re-tuned by the CV search.
TITLE_WEIGHT = 2.0
# Weight of the second, name-and-number feature of a term (0 = off). Same tuning: 2.0 beat 0.5 and 1.0 in
# every fold (ECB+ CV B³ F1 0.842 against 0.833 at 1.0; GVC 0.961 against 0.954); 3.0 and 4.0 did not
# do better (4.0 won 2 folds of 4, CV ECB+ 0.836).
NAME_WEIGHT = 2.0
# How far into the text a dateline date is looked for (characters).
DATELINE_CHARS = 400
# Whether a bare year near the top dates an article (give or take half a year).
BARE_YEARS = True
# A date inside running prose is not a dateline: "Page was born on April 22, 1923" in an obituary's
# second line dated it 1923, and the clusterer's time window then hid its story from the rest of the
# event's reports. A date counts only on a line of few lower-case words besides it: datelines and
# timestamps ("Last updated on: November 11, 2011 19: 04 IST" has 2), not sentences (that one has 4).
# The 3 was set from the ECB+/GVC dev datelines by eye, before the CV measured it (not tuned); None turns
# the check off. CV over topics (`benchmarks/clustering.py --cv`), off -> on, three shuffle/deal seeds:
# ECB+ 0.9224 -> 0.9182, 0.9148 -> 0.9194, 0.9070 -> 0.9226 (mean 0.9147 -> 0.9201); GVC unchanged
# (0.9939, 0.9929, 0.9919: its articles carry their own dates). It trades precision for recall (pooled
# seed 0: P 0.933 -> 0.895, R 0.913 -> 0.952): prose dates had split some events and separated others.
DATELINE_WORDS: int | None = 3
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_MDY = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+" + _MONTH_RE + r",?\s+((?:19|20)\d\d)\b", re.I)
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"\b((?:19[89]|20[0-4])\d)\b")


@dataclass(frozen=True)
class When:
    """A date as days since 1970-01-01, give or take `slack` days."""

    day: float
    slack: float = 0.0

    def gap(self, first: float, last: float, slack: float) -> float:
        """Days between this date and the interval [first, last], beyond both slacks."""
        distance = max(first - self.day, self.day - last, 0.0)
        return max(0.0, distance - self.slack - slack)


def _norm(token: str) -> str:
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def terms(title: str | None, text: str | None) -> Counter[str]:
    """Weighted terms of an article (raw counts; the clusterer applies log-tf and IDF)."""
    counts: Counter[str] = Counter()
    stop = _stop_words()
    for part, weight in ((title or "", TITLE_WEIGHT), (text or "", 1.0)):
        sentence_start = True
        for match in _TOKEN.finditer(part):
            token = match.group()
            if token in ".!?\n":
                sentence_start = True
                continue
            word = _norm(token)
            if len(word) < 2 or word in stop:
                sentence_start = False
                continue
            counts[word] += weight  # type: ignore[assignment]  # Counter holds float weights here
            if NAME_WEIGHT and (token[0].isdigit() or (token[0].isupper() and not sentence_start)):
                counts["@" + word] += weight * NAME_WEIGHT  # type: ignore[assignment]
            sentence_start = False
    return counts


_MARK_YEAR = re.compile(r"\b((?:19[5-9]|20[0-4])\d)\b")
# Month names, capitalised; "May" and abbreviations only before a day number ("may" is a verb).
_MONTH_NAMED = re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December"
                          r"|(?:May|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?=\s+\d))")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def marks(title: str | None, text: str | None, when: When | None) -> dict[str, float]:
    """When an article says its event happened: the years, weekdays and months it names, as zero-weight terms.

    `#y2013` for a year written anywhere in the title or text (or the article's own date when it is
    known to the day), `#wmonday` for a weekday, `#m3` for a month (likewise). They ride along with
    the stored term weights at weight 0, so no cosine, centroid or index sees them; the pair model
    (`pairs.side`) reads them to tell two same-type events apart: two reports naming only different
    years, or only different weekdays, rarely tell of one event.
    """
    body = f"{title or ''}\n{text or ''}"
    found = {f"#y{y}" for y in _MARK_YEAR.findall(body)}
    found |= {f"#w{w.lower()}" for w in _WEEKDAY.findall(body)}
    found |= {f"#m{_MONTHS[m[:3].lower()]}" for m in _MONTH_NAMED.findall(body)}
    if when is not None and when.slack <= 1.0:  # the article's own date, known to the day
        day = _EPOCH + timedelta(days=int(when.day))
        found |= {f"#y{day.year}", f"#m{day.month}"}
    return dict.fromkeys(sorted(found), 0.0)


def tf_weights(counts: Counter[str]) -> dict[str, float]:
    """Sublinear term frequency: the tenth mention of a word says less than the first."""
    return {t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()}


def _day(d: date) -> float:
    return float((d - _EPOCH).days)


def parse_iso(value: str | None) -> When | None:
    """An ISO date or datetime (the article's `published`, or a `date` field)."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            return When(_day(date.fromisoformat(value[:10])))
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = _DATE_ISO.search(value)
        return When(_day(date(int(m[1]), int(m[2]), int(m[3])))) if m and _valid(m[1], m[2], m[3]) else None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return When(_day(moment.date()) + moment.hour / 24)


def _valid(y: str | int, m: str | int, d: str | int) -> bool:
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def _standalone(head: str, start: int, end: int) -> bool:
    """Whether the date at head[start:end] sits on a dateline, not in a sentence (`DATELINE_WORDS`)."""
    if DATELINE_WORDS is None:
        return True
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    line = head[line_start:start] + " " + head[end:len(head) if line_end < 0 else line_end]
    return len(_LOWER_WORD.findall(line)) <= DATELINE_WORDS


def dateline(text: str | None) -> When | None:
    """A date written near the top of the text (a dateline or timestamp), else a year."""
    head = (text or "")[:DATELINE_CHARS]
    found: list[tuple[int, When]] = []
    for m in _DATE_MDY.finditer(head):
        if _valid(m[3], _MONTHS[m[1][:3].lower()], m[2]) and _standalone(head, m.start(), m.end()):
            found.append((m.start(), When(_day(date(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))), 1.0)))
    for m in _DATE_DMY.finditer(head):
        if _valid(m[3], _MONTHS[m[2][:3].lower()], m[1]) and _standalone(head, m.start(), m.end()):
            found.append((m.start(), When(_day(date(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))), 1.0)))
    for m in _DATE_ISO.finditer(head):
        if _valid(m[1], m[2], m[3]) and _standalone(head, m.start(), m.end()):
            found.append((m.start(), When(_day(date(int(m[1]), int(m[2]), int(m[3]))), 1.0)))
    if found:
        return min(found, key=lambda f: f[0])[1]
    year = next((m for m in _YEAR.finditer(head) if _standalone(head, m.start(), m.end())), None)
    # A bare year is mid-year give or take half a year, minus a margin so that two
    # different years still read as apart.
    return When(_day(date(int(year[1]), 7, 2)), 150.0) if year and BARE_YEARS else None


def article_when(published: str | None, text: str | None) -> When | None:
    return parse_iso(published) or dateline(text)
