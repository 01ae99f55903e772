"""The unpacked language model in the cache gives the answers of py3langid's bundled file."""

from __future__ import annotations

from pathlib import Path

from newsdesk.understand.language import load_identifier

TEXTS = [
    "The talks were meant to address the root causes of their strained relationship.",
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites.",
    "Die Bundesregierung hat am Dienstag eine neue Rentenreform angekündigt.",
    "中国国家主席今天在北京会见了来访的外国领导人。",
    "Acho perverso isso da imprensa ficar divulgando fatos e particulares da vida das vítimas.",
]


def test_cached_model_classifies_exactly_like_the_bundled_one(tmp_path: Path) -> None:
    bundled = load_identifier(None)
    written = load_identifier(tmp_path)  # unpacks the bundled file and writes the cache
    folders = list(tmp_path.iterdir())
    assert len(folders) == 1 and (folders[0] / "ptc.npy").exists()
    cached = load_identifier(tmp_path)  # reads the cache
    for text in TEXTS:
        assert cached.classify(text) == written.classify(text) == bundled.classify(text)


def test_a_cache_that_cannot_be_written_falls_back_to_the_bundled_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    identifier = load_identifier(blocker / "sub")  # mkdir under a file fails
    assert identifier.classify(TEXTS[0])[0] == "en"
    assert not (blocker / "sub").exists()


def test_a_damaged_cache_is_not_trusted(tmp_path: Path) -> None:
    load_identifier(tmp_path)
    folder = next(tmp_path.iterdir())
    (folder / "ptc.npy").write_bytes(b"broken")
    assert load_identifier(tmp_path).classify(TEXTS[1])[0] == "fr"
