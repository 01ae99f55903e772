"""French entities on the corpus's Wikinews French pages (../shared/corpus/converted/wikinews-fr):
ours (`Annotator.annotate`, which parses for itself and runs `french.annotate`) beside spaCy's
fr_core_news_sm alone (`nlp.pipe`, the anchor), timed interleaved chunk by chunk in CPU seconds on
the same texts; mentions by type for both; peak RSS of this process with the English and French
pipelines loaded.

usage: python benchmarks/entities_fr.py [--corpus DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "converted" / "wikinews-fr"


def texts(corpus: Path, limit: int | None) -> list[str]:
    """The pages' article texts, through our extractor (the text the desk stores)."""
    from newsdesk.extract import extract
    from newsdesk.records import RawPage

    out = []
    for path in sorted(corpus.glob("*.html"))[:limit]:
        article = extract(RawPage(body=path.read_bytes(), origin=str(path), url=f"https://fr.wikinews.org/{path.stem}"))
        if article.text.strip():
            out.append(article.text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    from newsdesk.records import Article
    from newsdesk.understand import nlp
    from newsdesk.understand.annotate import Annotator

    pages = texts(args.corpus.resolve(), args.limit)
    annotator, french = Annotator(), nlp.load_nlp("fr")  # both pipelines, loaded outside the clock
    annotator.annotate(Article(text=pages[0], language="fr"))
    list(french.pipe(pages[:10], batch_size=16))
    ours: Counter[str] = Counter()
    raw: Counter[str] = Counter()
    t_ours = t_spacy = 0.0
    for k in range(0, len(pages), 10):
        part = pages[k: k + 10]
        for turn in ((0, 1) if k % 20 else (1, 0)):  # each goes first every other chunk: the machine is shared
            nlp.clear_cache()  # ours parses for itself, as in production
            t0 = time.process_time()
            if turn:
                docs = list(french.pipe(part, batch_size=16))
                t_spacy += time.process_time() - t0
                raw.update(e.label_ for d in docs for e in d.ents)
            else:
                found = [annotator.annotate(Article(text=t, language="fr")) for t in part]
                t_ours += time.process_time() - t0
                ours.update(e.type for a in found for e in a.entities)
    n = len(pages)
    print(f"{n} French articles (Wikinews), model {nlp.model_name('fr')}")
    print(f"mentions: newsdesk {sum(ours.values())} {dict(ours.most_common())}")
    print(f"          spaCy fr_core_news_sm {sum(raw.values())} {dict(raw.most_common())}")
    print(f"throughput: newsdesk {n / t_ours:.2f} articles/CPU s, spaCy nlp.pipe {n / t_spacy:.2f} articles/CPU s,"
          f" ratio {t_spacy / t_ours:.2f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (English and French pipelines)")


if __name__ == "__main__":
    main()
