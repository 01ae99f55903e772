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
