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
    paragraphs = [p for p in text.split("\n") if sum(map(str.isalpha, p[:VOTER_CHARS])) >= MIN_LETTERS]
    step = max(1, len(paragraphs) // VOTERS)
    votes = _vote([paragraph[:VOTER_CHARS] for paragraph in paragraphs[::step][:VOTERS]])
    if not votes:
        lang, prob = _identifier().classify(text[:5000]) if sum(c.isalpha() for c in text[:5000]) >= MIN_LETTERS \
            else (None, 0.0)
        return str(lang) if lang and prob >= MIN_CONFIDENCE else fallback
    return max(votes, key=lambda k: votes[k])


# A voter's weight is its length times a probability of at most 1; this margin covers float32
# rounding in the identifier's normalisation.
_MAX_PROBABILITY = 1.001


def _vote(samples: list[str]) -> dict[str, float]:
    """Weighted votes per language, stopping once the voters left cannot change the winner.

    The winner (and so the answer) is the one all voters would give: we stop only when the leader
    is ahead of every other language by more than the most the remaining voters could add.
    Most articles are decided after 5 of 8 voters (each vote costs ~0.25 ms).
    """
    votes: dict[str, float] = {}
    left = sum(len(sample) for sample in samples) * _MAX_PROBABILITY
    for sample in samples:
        left -= len(sample) * _MAX_PROBABILITY
        lang, prob = _identifier().classify(sample)
        if prob >= MIN_CONFIDENCE:
            votes[lang] = votes.get(lang, 0.0) + len(sample) * prob
        ranked = sorted(votes.values(), reverse=True)
        if ranked and ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0) > left:
            break
    return votes
