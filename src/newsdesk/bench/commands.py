"""`newsdesk bench ...`: each benchmark prints ours beside the anchors measured in the same run.

Every command takes its data as arguments so it runs unchanged on held-out sets laid out like
those in ../shared/bench.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group()
def bench() -> None:
    """Benchmarks: ours beside the anchors, measured in the same run."""


def _emit(result: dict, table: str, json_out: Path | None) -> None:  # type: ignore[type-arg]
    click.echo(table)
    if json_out:
        json_out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")


@bench.command()
@click.option("--pages", "pages_dir", type=click.Path(exists=True, path_type=Path), required=True,
              help="Folder of pages (*.html or *.html.gz), named by page id.")
@click.option("--truth", "truth_file", type=click.Path(exists=True, path_type=Path), required=True,
              help="ground-truth.json: {page_id: {articleBody, url?}}.")
@click.option("--text-dir", type=click.Path(exists=True, path_type=Path), default=None,
              help="The same pages rendered as plain text (*.txt), scored against the same truth.")
@click.option("--tools", default=None, help="Comma list of tools (default: all installed).")
@click.option("--limit", type=int, default=None, help="Only the first N pages.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write JSON here.")
def extraction(pages_dir: Path, truth_file: Path, text_dir: Path | None, tools: str | None, limit: int | None,
               json_out: Path | None) -> None:
    """Article body extraction: 4-gram shingle F1 and pages/s beside trafilatura, readability, newspaper4k."""
    from newsdesk.bench.extraction import format_table, run

    result = run(pages_dir, truth_file, tools=tools.split(",") if tools else None, limit=limit, text_dir=text_dir)
    _emit(result, format_table(result), json_out)


@bench.command()
@click.option("--gold", "truth_file", type=click.Path(exists=True, path_type=Path), required=True,
              help="Gold JSON lines (file, title, authors, date_published) beside the pages.")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, path_type=Path), default=None,
              help="Folder the gold's `file` paths are relative to (default: the gold file's folder).")
@click.option("--tools", default=None)
@click.option("--limit", type=int, default=None)
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None)
def metadata(truth_file: Path, pages_dir: Path | None, tools: str | None, limit: int | None,
             json_out: Path | None) -> None:
    """Title, authors and date beside trafilatura and newspaper4k, with values invented where gold has none."""
    from newsdesk.bench.metadata import format_table, run

    result = run(pages_dir, truth_file, tools=tools.split(",") if tools else None, limit=limit)
    _emit(result, format_table(result), json_out)


@bench.command()
@click.option("--corpus", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None)
def ingest(corpus: Path, json_out: Path | None) -> None:
    """Ingest throughput (pages/s) from local files and peak RSS, beside bare trafilatura."""
    from newsdesk.bench.ingest import format_table, run

    result = run(corpus.resolve())
    _emit(result, format_table(result), json_out)


@bench.command("not-article")
@click.option("--shared", "shared", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The ../shared folder: labelled corpus and bench pages are read there in place.")
@click.option("--per-kind", type=int, default=8, help="Generated pages of each non-article kind.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write JSON here.")
def not_article(shared: Path, per_kind: int, json_out: Path | None) -> None:
    """Not-article detection: precision and recall on labelled real and generated pages, beside a length rule."""
    from newsdesk.bench.not_article import format_table, run

    result = run(shared.resolve(), per_kind=per_kind)
    _emit(result, format_table(result), json_out)


COMMANDS = [bench]
