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


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Return the ISO 639-1 code of `text`, or the page's declared `hint` when text is too short."""
    sample = text[:5000]
    letters = sum(ch.isalpha() for ch in sample)
    declared = (hint or "").strip().lower().replace("_", "-").split("-")[0] or None
    if letters < MIN_LETTERS:
        return declared if declared and len(declared) == 2 else None
    lang, prob = _identifier().classify(sample)
    if prob < MIN_CONFIDENCE:
        return declared if declared and len(declared) == 2 else None
    return str(lang)
