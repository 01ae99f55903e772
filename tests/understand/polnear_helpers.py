"""A tiny split in PolNeAR's layout (text/, attributions/ in brat standoff) beside a link to the
bench's own score.py, for the tests of `newsdesk bench quotes` and tools/quote_errors.py."""

from __future__ import annotations

from pathlib import Path

# article name -> (text, [(Source, Cue, Content), ...]): each attribution's words, found where they first occur
Articles = dict[str, tuple[str, list[tuple[str, str, str]]]]


def tiny_split(tmp_path: Path, shared_dir: Path, articles: Articles) -> Path:
    root = tmp_path / "quotes"
    (root / "tiny" / "text").mkdir(parents=True)
    (root / "tiny" / "attributions").mkdir()
    (root / "score.py").symlink_to(shared_dir / "bench" / "quotes" / "score.py")
    for name, (text, attributions) in articles.items():
        (root / "tiny" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "tiny" / "attributions" / f"{name}_ab12.ann").write_text(_ann(text, attributions), encoding="utf-8")
    return root / "tiny"


def _ann(text: str, attributions: list[tuple[str, str, str]]) -> str:
    lines, n = [], 0
    for e, parts in enumerate(attributions, 1):
        ids = {}
        for label, words in zip(("Source", "Cue", "Content"), parts, strict=True):
            n += 1
            start = text.index(words)
            lines.append(f"T{n}\t{label} {start} {start + len(words)}\t{words}")
            ids[label] = f"T{n}"
        lines.append(f"E{e}\tAttribution:{ids['Cue']} " + " ".join(f"{k}:{v}" for k, v in ids.items()))
    return "\n".join(lines) + "\n"
