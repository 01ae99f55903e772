"""The events codebooks are read beside the checkout the code is in, not beside the working
directory (R11): a run started from elsewhere reads the same codebooks; EVENTS_CODEBOOK_DIR still
comes first."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.understand import cameo


def _codebooks_under(root: Path) -> Path:
    books = root / "shared" / "bench" / "events" / "codebooks"
    books.mkdir(parents=True)
    (books / "cameo_eventcodes_merged.tsv").write_text("code\tlabel\tgoldstein_gdelt\n", encoding="utf-8")
    return books


def test_the_codebooks_beside_the_checkout_come_before_those_beside_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beside_checkout = Path(cameo.__file__).resolve().parents[3] / ".." / "shared" / "bench" / "events" / "codebooks"
    if not (beside_checkout / "cameo_eventcodes_merged.tsv").exists():
        pytest.skip("../shared is not laid out beside the repository")
    _codebooks_under(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # its ../shared holds codebooks of its own
    monkeypatch.delenv(cameo.CODEBOOK_ENV, raising=False)
    assert cameo.codebook_dir() == beside_checkout


def test_the_environment_variable_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    books = _codebooks_under(tmp_path)
    monkeypatch.setenv(cameo.CODEBOOK_ENV, str(books))
    assert cameo.codebook_dir() == books
