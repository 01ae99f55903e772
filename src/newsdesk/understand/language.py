"""Language identification (ISO 639-1) with py3langid's bundled model: offline and fast."""

from __future__ import annotations

import functools

# Below this many letters the identifier guesses; we would rather say nothing.
MIN_LETTERS = 20
# langid's normalised probability below which we report no language instead of a guess.
MIN_CONFIDENCE = 0.5


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# Paragraphs voted on, spread through the text, and the characters read from each: the
# classifier costs ~4 µs a character, so 8 × 250 keeps it near 7 ms an article while still
# outvoting a quoted paragraph in another language.
VOTERS = 8
VOTER_CHARS = 250


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Return the ISO 639-1 code of `text`, or the page's declared `hint` when text is too short.

    Paragraphs vote, weighted by their letters: one quoted Chinese name or Spanish slogan
    inside an English article must not decide the language of the whole (a single
    classification of the first 5,000 characters called Global Voices articles Cantonese).
    """
    declared = (hint or "").strip().lower().replace("_", "-").split("-")[0] or None
    fallback = declared if declared and len(declared) == 2 else None
    votes: dict[str, float] = {}
    paragraphs = [p for p in text.split("\n") if sum(ch.isalpha() for ch in p[:VOTER_CHARS]) >= MIN_LETTERS]
    step = max(1, len(paragraphs) // VOTERS)
    for paragraph in paragraphs[::step][:VOTERS]:
        sample = paragraph[:VOTER_CHARS]
        lang, prob = _identifier().classify(sample)
        if prob >= MIN_CONFIDENCE:
            votes[lang] = votes.get(lang, 0.0) + len(sample) * prob
    if not votes:
        lang, prob = _identifier().classify(text[:5000]) if sum(c.isalpha() for c in text[:5000]) >= MIN_LETTERS \
            else (None, 0.0)
        return str(lang) if lang and prob >= MIN_CONFIDENCE else fallback
    return max(votes, key=lambda k: votes[k])
