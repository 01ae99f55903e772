"""Where analysis runs: the process pool and Ray must store exactly what one process stores."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk import executors, pipeline
from newsdesk.cli import main
from newsdesk.errors import ConfigError, Rejected
from newsdesk.executors import MAX_DEATHS_IN_A_ROW, WORKER_DIED, analyze_stream
from newsdesk.records import Article, RawPage
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


@contextmanager
def ray_for_one_test(setup_hook: Callable[[], None] | None = None) -> Iterator[Any]:
    """A Ray started by the test (the executor leaves alone a Ray it did not start, which is also
    how it joins a cluster a user started), `setup_hook` run in each of its worker processes, and
    shut down after it: the process-pool tests below fork workers, and forking while Ray's threads
    run once hung a pool worker for 14 minutes."""
    ray = pytest.importorskip("ray")
    hook = {"runtime_env": {"worker_process_setup_hook": setup_hook}} if setup_hook else {}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False, **hook)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture()
def local_ray():  # type: ignore[no-untyped-def]
    with ray_for_one_test() as ray:
        yield ray


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


@pytest.fixture()
def ray_pages_kill_their_actor():  # type: ignore[no-untyped-def]
    # The Ray twin of pages_kill_their_worker below: Ray's workers are not forked from the test,
    # so the patch is Ray's setup hook, run in every worker process of this Ray (fresh actors too).
    # A Ray of its own that lives for this one test, like local_ray's.
    killer = KILLER.encode()

    def pages_kill_their_process() -> None:
        from newsdesk import pipeline as worker_pipeline

        real = worker_pipeline.analyze_page

        def analyze_page(raw, stages, settings=None):  # type: ignore[no-untyped-def]
            if killer in raw.body:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(raw, stages, settings)

        worker_pipeline.analyze_page = analyze_page

    with ray_for_one_test(pages_kill_their_process) as ray:
        yield ray


@pytest.mark.slow
def test_on_ray_a_page_that_kills_its_actor_fails_alone_and_the_batch_goes_on(ray_pages_kill_their_actor):  # type: ignore[no-untyped-def]
    # 5 batches of RAY_BATCH pages over 2 actors, 4 batches in flight: page 3 kills actor 0 in
    # batch 0, which also loses batch 2 queued behind it; page 30 kills actor 1 in batch 3; page 35
    # kills actor 0's replacement in batch 4. Every other page is analysed, in input order.
    killers = (3, 30, 35)
    bodies = [ARTICLE.format(n=n).replace("<h1>", f"<h1>{KILLER} " if n in killers else "<h1>")
              for n in range(5 * executors.RAY_BATCH)]
    raws = [RawPage(body=b.encode(), origin=f"page{n}.html", kind_hint="html") for n, b in enumerate(bodies)]
    settings = Settings(executor="ray", workers=2)
    results = list(analyze_stream(iter(raws), Stages(("extract",), settings), settings))
    assert [raw.origin for raw, _ in results] == [raw.origin for raw in raws]
    for n, (_, result) in enumerate(results):
        if n in killers:
            assert isinstance(result, Rejected) and (result.stage, result.reason) == ("analyze", WORKER_DIED), result
        else:
            assert isinstance(result, Article) and result.title == f"Story {n} about the harbour", (n, result)


@pytest.fixture()
def ray_actors_die_as_they_start():  # type: ignore[no-untyped-def]
    # The OOM killer ending an actor that loads the models: its Stages, SIGKILLed in every worker.

    def actors_die_as_they_start() -> None:
        from newsdesk import executors as worker_executors

        def stages(*_):  # type: ignore[no-untyped-def]
            os.kill(os.getpid(), signal.SIGKILL)

        worker_executors.Stages = stages  # type: ignore[misc, assignment]

    with ray_for_one_test(actors_die_as_they_start) as ray:
        yield ray


@pytest.mark.slow
def test_on_ray_actors_that_die_as_they_start_end_the_run_with_one_clear_error(ray_actors_die_as_they_start):  # type: ignore[no-untyped-def]
    raws = [RawPage(body=ARTICLE.format(n=n).encode(), origin=f"page{n}.html", kind_hint="html") for n in range(40)]
    settings = Settings(executor="ray", workers=2)
    with pytest.raises(ConfigError, match=r"workers cannot start.*fewer workers .*more memory"):
        list(analyze_stream(iter(raws), Stages(("extract",), settings), settings))


def test_an_unknown_executor_is_a_settings_error():
    with pytest.raises(ConfigError, match="executor"):
        list(analyze_stream(iter([]), Stages(()), Settings(executor="spark")))


# A page the worker analysing it dies of, as the OOM killer kills it: SIGKILL, no message, no
# exception. The pool's workers are forked, so they inherit the patched pipeline.analyze_page.
KILLER = "KILL-THE-WORKER"
ARTICLE = ("<html><head><title>Story {n} about the harbour</title></head><body><article><h1>Story {n} about"
           " the harbour</h1>" + "<p>The harbour board met on Tuesday and agreed to rebuild the old pier"
           " before the winter storms, the chairman said after the vote. Fishermen who use the pier told him"
           " the repairs could not wait another year.</p>" * 8 + "</article></body></html>")


@pytest.fixture()
def pages_kill_their_worker(monkeypatch):  # type: ignore[no-untyped-def]
    real = pipeline.analyze_page

    def analyze_page(raw, stages, settings=None):  # type: ignore[no-untyped-def]
        if KILLER.encode() in raw.body:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(raw, stages, settings)

    monkeypatch.setattr(pipeline, "analyze_page", analyze_page)


def test_a_page_that_kills_its_worker_fails_alone_and_the_batch_goes_on(pages_kill_their_worker):  # type: ignore[no-untyped-def]
    bodies = [ARTICLE.format(n=n) for n in range(12)]
    bodies[3] = bodies[3].replace("<h1>", f"<h1>{KILLER} ")  # in flight with the 7 pages around it
    bodies[10] = bodies[10].replace("<h1>", f"<h1>{KILLER} ")  # and again in the restarted pool
    raws = [RawPage(body=b.encode(), origin=f"page{n}.html", kind_hint="html") for n, b in enumerate(bodies)]
    settings = Settings(workers=2)
    results = list(analyze_stream(iter(raws), Stages(("extract",), settings), settings))
    assert [raw.origin for raw, _ in results] == [raw.origin for raw in raws]
    for n, (_, result) in enumerate(results):
        if n in (3, 10):
            assert isinstance(result, Rejected) and result.reason == WORKER_DIED, result
        else:
            assert isinstance(result, Article) and result.kind == "article", result
            assert result.title == f"Story {n} about the harbour"


def test_ingest_stores_the_page_that_killed_its_worker_as_a_failure(tmp_path, pages_kill_their_worker):  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        body = ARTICLE.format(n=n).replace("<h1>", f"<h1>{KILLER} " if n == 2 else "<h1>")
        (folder / f"page{n}.html").write_text(body)
    summary = ingest(tmp_path / "n.db", "--workers", "2", str(folder))
    assert summary["new"] == 5 and summary["failed"] == {f"analyze: {WORKER_DIED}": 1}
    with open_store(tmp_path / "n.db", readonly=True) as store:
        [failure] = store.failures()
    assert failure["input"].endswith("page2.html") and failure["reason"] == WORKER_DIED


def test_three_killer_pages_in_a_row_fail_alone_and_the_batch_goes_on(pages_kill_their_worker):  # type: ignore[no-untyped-def]
    # As many deaths in a row as make the pool check its workers start: they do, so it goes on.
    killers = range(2, 2 + MAX_DEATHS_IN_A_ROW)
    bodies = [ARTICLE.format(n=n).replace("<h1>", f"<h1>{KILLER} " if n in killers else "<h1>") for n in range(8)]
    raws = [RawPage(body=b.encode(), origin=f"page{n}.html", kind_hint="html") for n, b in enumerate(bodies)]
    settings = Settings(workers=2)
    results = [result for _, result in analyze_stream(iter(raws), Stages(("extract",), settings), settings)]
    assert [isinstance(r, Rejected) and r.reason == WORKER_DIED for r in results] == [n in killers for n in range(8)]
    assert all(isinstance(r, Article) for n, r in enumerate(results) if n not in killers)


@pytest.fixture()
def workers_die_as_they_start(monkeypatch):  # type: ignore[no-untyped-def]
    # The OOM killer ending a worker that loads the models: the pool's initializer, SIGKILLed.
    def init_worker(*_):  # type: ignore[no-untyped-def]
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(executors, "_init_worker", init_worker)


def test_workers_that_die_as_they_start_end_the_run_with_one_clear_error(workers_die_as_they_start):  # type: ignore[no-untyped-def]
    raws = [RawPage(body=ARTICLE.format(n=n).encode(), origin=f"page{n}.html", kind_hint="html") for n in range(20)]
    settings = Settings(workers=2)
    results = []
    with pytest.raises(ConfigError, match=r"workers cannot start.*fewer workers .*more memory"):
        for _, result in analyze_stream(iter(raws), Stages(("extract",), settings), settings):
            results.append(result)  # noqa: PERF401 - the results before the error are the point
    # The pages run alone before the check failed; not all 20, one pool start each.
    assert len(results) == MAX_DEATHS_IN_A_ROW - 1
    assert all(isinstance(r, Rejected) and r.reason == WORKER_DIED for r in results)


def test_ingest_says_the_workers_cannot_start(tmp_path, workers_die_as_they_start):  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"page{n}.html").write_text(ARTICLE.format(n=n))
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "n.db"), "--stages", "extract",
                                       "--workers", "2", str(folder)])
    assert result.exit_code == ConfigError.exit_code, result.output
    assert "workers cannot start" in result.output
