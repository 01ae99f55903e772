"""Where analysis runs: the process pool and Ray must store exactly what one process stores."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.errors import ConfigError
from newsdesk.executors import analyze_stream
from newsdesk.settings import Settings
from newsdesk.stages import Stages
from newsdesk.store import open_store

FOLDER = "corpus/html/globalvoices-2009"


def ingest(db, *args):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--stages", "extract", "--json", *args],
                                catch_exceptions=False)
    return json.loads(result.stdout)


def snapshot(db):  # type: ignore[no-untyped-def]
    with open_store(db, readonly=True) as store:
        return [tuple(r) for r in store.conn.execute("SELECT key, content_hash FROM articles ORDER BY id")]


@pytest.fixture(scope="module")
def local_ray():  # type: ignore[no-untyped-def]
    # One Ray for the module: starting Ray costs seconds, and the executor leaves alone a Ray
    # it did not start, which is also how it joins a cluster a user started.
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_ray_stores_the_same_articles_in_the_same_order(tmp_path, shared_dir, local_ray):
    folder = str(shared_dir / FOLDER)
    local = ingest(tmp_path / "local.db", folder)
    on_ray = ingest(tmp_path / "ray.db", "--executor", "ray", "--workers", "2", folder)
    assert local == on_ray and local["new"] > 5
    # ids follow input order in both runs, so the stores are identical row for row
    assert snapshot(tmp_path / "local.db") == snapshot(tmp_path / "ray.db")
    result = CliRunner().invoke(main, ["reprocess", "--db", str(tmp_path / "ray.db"), "--stages", "extract",
                                       "--executor", "ray", "--workers", "2", "-q"], catch_exceptions=False)
    assert f"unchanged {local['new']}" in result.output


def test_reprocess_in_a_process_pool_keeps_each_article_with_its_page(tmp_path, shared_dir):
    db = tmp_path / "n.db"
    ingest(db, str(shared_dir / FOLDER))
    with open_store(db) as store:  # spoil every title; reprocess must restore each to its own page
        before = dict(store.conn.execute("SELECT id, title FROM articles").fetchall())
        store.conn.execute("UPDATE articles SET title = 'x', content_hash = 'old', data = json_set(data, '$.title', 'x')")
    result = CliRunner().invoke(main, ["reprocess", "--db", str(db), "--stages", "extract", "--workers", "2", "-q"],
                                catch_exceptions=False)
    assert f"updated {len(before)}" in result.output
    with open_store(db, readonly=True) as store:
        assert dict(store.conn.execute("SELECT id, title FROM articles").fetchall()) == before


def test_an_unknown_executor_is_a_settings_error():
    with pytest.raises(ConfigError, match="executor"):
        list(analyze_stream(iter([]), Stages(()), Settings(executor="spark")))
