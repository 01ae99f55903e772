"""The languages each understand stage reads, per stage.

Its own module, importing nothing, so that the desk and `analyze` can say whether an article was
read without loading spaCy (importing `annotate` costs a desk worker about 70 MB). None is an
article whose language was not identified: it is read as English.

- entities: English, and French with spaCy's fr_core_news_sm (`french.annotate`, `french.entities`);
- quotes: English, and French (`french.quotes`, from `french.annotate`);
- events: English only (and Nigerian Pidgin, English-lexified): the event models are trained on
  English, and `events.EventCoder` codes nothing else, reading this module's EVENTS.
German and Chinese have no pipeline on PyPI that runs under spaCy 3.8, so they are not covered.
"""

ENGLISH = frozenset({"en", None})  # read by the English pipeline (`nlp.parse` with its default)
ENTITIES = frozenset({"en", "fr", None})
QUOTES = frozenset({"en", "fr", None})
# events.EventCoder codes these: English, and Nigerian Pidgin ("pcm"), which the language detector
# gives to short English headlines; never French (the event models read English only)
EVENTS = frozenset({"en", "pcm", None})
STAGES = {"entities": ENTITIES, "quotes": QUOTES, "events": EVENTS}
READ = ENTITIES | QUOTES  # the understand stage reads the article at all (`Annotator.annotate`)
# `covered` of analyze and the API, as before per-stage coverage: entities AND quotes were looked for,
# so both empty lists say "none here" (English and French); `covered_stages` says it per stage.
COVERED = ENTITIES & QUOTES


def stages_covered(language: str | None) -> dict[str, bool]:
    """Per stage, whether it reads `language`: what analyze and the API answer as `covered_stages`."""
    return {stage: language in langs for stage, langs in STAGES.items()}


_NAMES = {"en": "English", "fr": "French"}


def read_in(stage: str) -> str:
    """The languages `stage` reads, for a sentence: "English and French"."""
    names = sorted((_NAMES[lang] for lang in STAGES[stage] if lang in _NAMES), key=lambda n: n != "English")
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def read_in_all() -> dict[str, str]:
    """Per stage, the languages it reads ("entities": "English and French"): the pages' notes say so."""
    return {stage: read_in(stage) for stage in STAGES}


# -- what a stored article was read for (store/reads.py keeps the record, migration 041) -------------
# The languages each stage reads, as the record keeps them: a store read by an older code differs.
SIGNATURE = "; ".join(f"{stage}: {','.join(sorted(lang or '-' for lang in langs))}" for stage, langs in STAGES.items())
REPROCESS = "newsdesk reprocess --stale"  # reads again just the articles an older code left unread


def stages_ran(language: str | None, ran: tuple[str, ...] | set[str] | list[str]) -> dict[str, bool]:
    """Per stage, whether a run of the pipeline stages `ran` (extract, understand, events) read an
    article in `language`: what analyze answers and the store records."""
    now = stages_covered(language)
    return {"entities": "understand" in ran and now["entities"], "quotes": "understand" in ran and now["quotes"],
            "events": "events" in ran and now["events"]}


def stages_read(language: str | None, record: dict | None) -> dict[str, bool]:
    """Per stage, whether a stored article's lists say what the stage finds in it: the stage reads
    `language` now, and its record says it read the article when it was stored. Why: a store
    annotated before French was read holds no French names, and answered "read, none here". No
    record (an article stored outside the pipeline): the coverage today, as before records."""
    now = stages_covered(language)
    if record is None:
        return now
    return {stage: now[stage] and bool(record[stage]) for stage in STAGES}


def not_read_yet(language: str | None, record: dict | None) -> list[str]:
    """The stages that read `language` now but had not when the article was stored (`REPROCESS`)."""
    if record is None:
        return []
    return [stage for stage, read in stages_covered(language).items() if read and not record[stage]]


def read_state(language: str | None, record: dict | None) -> dict:
    """What the API answers of a stored article: `covered` (entities and quotes both read),
    `covered_stages`, `not_read_yet` (stages that read its language now, not when it was stored) and,
    when any, `reprocess`: "not read yet; run `newsdesk reprocess --stale`"."""
    read, missing = stages_read(language, record), not_read_yet(language, record)
    return {"covered": read["entities"] and read["quotes"], "covered_stages": read, "not_read_yet": missing,
            "reprocess": f"not read yet; run `{REPROCESS}`" if missing else None}
