"""Where page analysis runs: in this process, in a local process pool, or on a Ray cluster.

Every executor maps `RawPage -> Article | Rejected` over a stream and yields the results in input
order, holding only a bounded window of pages in flight, so a million-page WARC never sits in
memory. Reading inputs and writing the store stay in the calling process (SQLite has one writer);
only the analysis, where the time goes (parsing, spaCy, event coding), is spread out. A page
whose analysis kills its worker process fails alone, as a Rejected; the batch goes on. Workers
that die as they start end the run with one ConfigError.

    executor = "local", workers = 1   the calling process
    executor = "local", workers = N   N processes on this machine (concurrent.futures)
    executor = "ray"                  actors on a Ray cluster: `ray_address`, or a local Ray
                                      started with `workers` CPUs when no address is set
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from newsdesk.errors import ConfigError, Rejected
from newsdesk.records import Article, RawPage
from newsdesk.settings import Settings
from newsdesk.stages import Stages

Result = tuple[RawPage, Article | Rejected]
T = TypeVar("T")
EXECUTORS = ("local", "ray")

# Pages sent to a Ray actor per call: one remote call costs about a millisecond, a page
# tens of milliseconds with the models on, so batches of 8 keep the overhead near 1%
# while a slow batch still holds back only a few pages.
RAY_BATCH = 8
# The reason stored for a page whose analysis killed its worker process. The usual killer is the
# kernel's OOM killer, which leaves no message; the exit code is not exposed by the pool.
WORKER_DIED = "worker died: out of memory?"
# Pages run alone that lose their worker in a row, no page finishing between them, after which the
# pool checks that a fresh worker can start at all. A worker that dies while starting (out of
# memory loading the models) otherwise fails every page one at a time, each after a pool start;
# a page that kills its worker is rare (none of the corpus and bench pages does), so three in a
# row point at the start. The check, an empty task in a fresh pool, tells the two apart: three
# killer pages in a row cost a check, not the run. Three, not one, lets a start that failed for
# a moment (memory another program held) be retried.
MAX_DEATHS_IN_A_ROW = 3


def analyze_or_reject(raw: RawPage, stages: Stages, settings: Settings) -> Article | Rejected:
    """Analyse one page; any failure comes back as data, never as an exception."""
    from newsdesk.pipeline import analyze_page

    try:
        return analyze_page(raw, stages, settings)  # turns every other error into a Rejected itself
    except Rejected as rej:
        return rej


def analyze_stream(pages: Iterable[RawPage], stages: Stages, settings: Settings) -> Iterator[Result]:
    """(page, article or rejection) for each page, in order, on the configured executor."""
    if settings.executor not in EXECUTORS:
        raise ConfigError(f"setting 'executor': {settings.executor!r} is not one of {', '.join(EXECUTORS)}")
    if settings.executor == "ray":
        yield from _ray(pages, stages.names, settings)
    elif settings.workers <= 1:
        for raw in pages:
            yield raw, analyze_or_reject(raw, stages, settings)
    else:
        yield from _process_pool(pages, stages.names, settings)


class _Deaths:
    """Pages run alone that lost their worker in a row, for the pool and the Ray actors alike: at
    MAX_DEATHS_IN_A_ROW, whether a fresh worker starts at all tells killer pages from workers that
    cannot start (the run's end, with one ConfigError)."""

    def __init__(self) -> None:
        self.in_a_row = 0

    def finished(self) -> None:
        """A page finished: the run of deaths is over."""
        self.in_a_row = 0

    def died(self, fresh_worker_starts: Callable[[], bool]) -> None:
        """One more death; `fresh_worker_starts` (an empty task on a fresh worker) is asked at the limit."""
        self.in_a_row += 1
        if self.in_a_row < MAX_DEATHS_IN_A_ROW:
            return
        if not fresh_worker_starts():  # raised while a death is handled, which is not its cause
            raise ConfigError(
                f"the analysis workers cannot start: {self.in_a_row} pages in a row lost their worker, and a"
                " fresh worker dies before it takes any work (out of memory loading the models?);"
                " run with fewer workers (--workers) or with more memory") from None
        self.in_a_row = 0  # the workers start: those pages killed them


# -- local process pool ------------------------------------------------------------------------

_worker_state: dict[str, Any] = {}


def _init_worker(stage_names: tuple[str, ...], settings: Settings) -> None:
    _worker_state["stages"] = Stages(stage_names, settings)
    _worker_state["settings"] = settings


def _work(raw: RawPage) -> Article | Rejected:
    return analyze_or_reject(raw, _worker_state["stages"], _worker_state["settings"])


def _ready() -> bool:
    """The empty task that shows a worker started."""
    return True


def _process_pool(pages: Iterable[RawPage], stage_names: tuple[str, ...], settings: Settings) -> Iterator[Result]:
    window = settings.workers * 4
    pool = _Pool(stage_names, settings)
    queue: deque = deque()
    try:
        for raw in pages:
            try:
                queue.append((raw, pool.submit(raw)))
            except BrokenProcessPool:  # broke since the last result was taken
                yield from _rescue(pool, queue)
                queue.append((raw, pool.submit(raw)))
            if len(queue) >= window:
                yield from _next(pool, queue)
        while queue:
            yield from _next(pool, queue)
    finally:
        pool.close()


class _Pool:
    """A ProcessPoolExecutor that is started again when a worker dies.

    A worker killed mid-page (the OOM killer, a crash in a parser's C code) breaks the whole
    executor: every page in flight fails with BrokenProcessPool, and it takes no more work.
    """

    def __init__(self, stage_names: tuple[str, ...], settings: Settings) -> None:
        self.initargs = (stage_names, settings)
        self.workers = settings.workers
        self.deaths = _Deaths()
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=self.initargs)

    def submit(self, raw: RawPage) -> Future:
        return self.executor.submit(_work, raw)

    def restart(self) -> None:
        self.executor.shutdown(wait=True)  # a broken executor has already failed all its futures
        self.executor = self._start()

    def result(self, future: Future) -> Article | Rejected:
        """A page's result (BrokenProcessPool if its worker died); a page that finished ends a run of deaths."""
        result: Article | Rejected = future.result()
        self.deaths.finished()
        return result

    def alone(self, raw: RawPage) -> Article | Rejected:
        """Analyse one page with nothing else in flight: if its worker dies, this page did it.

        ConfigError when the workers cannot start at all (see MAX_DEATHS_IN_A_ROW).
        """
        try:
            return self.result(self.submit(raw))
        except BrokenProcessPool as exc:
            self.restart()
            self.deaths.died(self._starts)
            return Rejected("analyze", WORKER_DIED, f"{exc} (page run alone in a fresh pool)")

    def _starts(self) -> bool:
        try:
            return bool(self.executor.submit(_ready).result())
        except BrokenProcessPool:
            return False

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _next(pool: _Pool, queue: deque) -> Iterator[Result]:
    """The oldest page in flight and its result; all of them, settled one by one, if the pool broke."""
    raw, future = queue[0]
    try:
        result = pool.result(future)
    except BrokenProcessPool:
        yield from _rescue(pool, queue)
        return
    queue.popleft()
    yield raw, result


def _rescue(pool: _Pool, queue: deque) -> Iterator[Result]:
    """After a worker died: start the pool again, then settle every page that was in flight, in order.

    Which page killed the worker is not known, so each page that lost its result is run again
    alone: the one that kills its worker again fails by itself, with the reason, and the batch goes
    on. Pages that had finished before the death keep their results.
    """
    pool.restart()
    while queue:
        raw, future = queue.popleft()
        lost = isinstance(future.exception(), BrokenProcessPool)
        yield raw, pool.alone(raw) if lost else pool.result(future)


# -- Ray ----------------------------------------------------------------------------------------

class PageAnalyzer:
    """A Ray actor: loads the models once, then analyses batches of pages."""

    def __init__(self, stage_names: tuple[str, ...], settings: Settings) -> None:
        self.stages = Stages(stage_names, settings)
        self.settings = settings

    def analyze(self, pages: list[RawPage]) -> list[Article | Rejected]:
        return [analyze_or_reject(raw, self.stages, self.settings) for raw in pages]

    def ready(self) -> bool:
        """The empty call that shows an actor started."""
        return True


def _ray(pages: Iterable[RawPage], stage_names: tuple[str, ...], settings: Settings) -> Iterator[Result]:
    ray = _import_ray()
    started_here = not ray.is_initialized()
    if started_here:
        _start_ray(ray, settings)
    try:
        n_actors = max(1, int(ray.cluster_resources().get("CPU", 1))) if settings.ray_address \
            else max(1, settings.workers)
        actors = _Actors(ray, stage_names, settings, n_actors)
        try:
            yield from _ray_ordered(actors, batches(pages, RAY_BATCH))
        finally:
            actors.close()
    finally:
        if started_here:
            ray.shutdown()


@dataclass
class _Sent:
    """A batch sent to the actor in `slot`; `results` once settled."""

    batch: list[RawPage]
    slot: int
    actor: Any
    ref: Any
    results: list[Article | Rejected] | None = None


class _Actors:
    """The Ray actors, one per CPU; an actor that dies is replaced by a fresh one.

    An actor killed mid-batch (the OOM killer, a crash in a parser's C code) fails its batch and
    every batch queued behind it, and Ray does not start it again (max_restarts 0). The fresh
    actor takes the dead one's CPU, so it starts even when the actors hold every CPU there is.
    """

    def __init__(self, ray: Any, stage_names: tuple[str, ...], settings: Settings, n_actors: int) -> None:
        self.ray = ray
        self.actor_class = ray.remote(num_cpus=1)(PageAnalyzer)
        self.initargs = (stage_names, settings)
        self.live = [self._start() for _ in range(n_actors)]
        self.deaths = _Deaths()

    def _start(self) -> Any:
        return self.actor_class.remote(*self.initargs)

    def submit(self, n: int, batch: list[RawPage]) -> _Sent:
        slot = n % len(self.live)
        actor = self.live[slot]
        return _Sent(batch, slot, actor, actor.analyze.remote(batch))

    def results(self, sent: _Sent) -> list[Article | Rejected]:
        """A batch's results (RayActorError if its actor died); a batch that finished ends a run of deaths."""
        results: list[Article | Rejected] = self.ray.get(sent.ref)
        self.deaths.finished()
        return results

    def rescue(self, lost: list[_Sent]) -> None:
        """After an actor died: start a fresh one in its place, which first runs the pages of every
        batch the dead one lost, one at a time, nothing else in flight on it: a page that kills it
        again did it, and fails alone. Only then does the fresh actor take new batches."""
        self._replace(lost[0].slot)
        for sent in lost:
            sent.results = [self._alone(sent.slot, raw) for raw in sent.batch]

    def _alone(self, slot: int, raw: RawPage) -> Article | Rejected:
        try:
            [result] = self.ray.get(self.live[slot].analyze.remote([raw]))
        except self.ray.exceptions.RayActorError as exc:
            self._replace(slot)
            self.deaths.died(lambda: self._starts(slot))
            return Rejected("analyze", WORKER_DIED, f"{exc}"[:500] + " (page run alone on a fresh actor)")
        self.deaths.finished()
        return result

    def _replace(self, slot: int) -> None:
        self.ray.kill(self.live[slot])  # dead already; its CPU goes to the fresh one
        self.live[slot] = self._start()

    def _starts(self, slot: int) -> bool:
        try:
            return bool(self.ray.get(self.live[slot].ready.remote()))
        except self.ray.exceptions.RayActorError:
            return False

    def close(self) -> None:
        for actor in self.live:
            self.ray.kill(actor)


def _ray_ordered(actors: _Actors, batches: Iterator[list[RawPage]]) -> Iterator[Result]:
    """Round-robin batches over the actors, two in flight per actor, results in input order."""
    window = 2 * len(actors.live)
    queue: deque[_Sent] = deque()
    for n, batch in enumerate(batches):
        queue.append(actors.submit(n, batch))
        if len(queue) >= window:
            yield from _settle(actors, queue)
    while queue:
        yield from _settle(actors, queue)


def _settle(actors: _Actors, queue: deque[_Sent]) -> Iterator[Result]:
    """The oldest batch's pages and results. When its actor died, every batch queued on that
    actor died with it (an actor runs its batches in the order sent): all are run again, page by
    page, on a fresh actor (`_Actors.rescue`), so only the page that kills it again fails."""
    sent = queue[0]
    if sent.results is None:
        try:
            sent.results = actors.results(sent)
        except actors.ray.exceptions.RayActorError:
            actors.rescue([s for s in queue if s.actor is sent.actor])
        except Exception as exc:  # noqa: BLE001 - Ray failed the call, its actor lives: the batch fails, not the run
            sent.results = [Rejected("analyze", f"ray: {type(exc).__name__}", str(exc)[:500]) for _ in sent.batch]
    queue.popleft()
    yield from zip(sent.batch, sent.results or [], strict=True)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items in order (the last may be shorter); itertools.batched before 3.12."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ConfigError("executor 'ray' needs Ray: pip install 'newsdesk[ray]'") from exc
    return ray


def _start_ray(ray: Any, settings: Settings) -> None:
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                               "configure_logging": False}
    if settings.ray_address:
        ray.init(address=settings.ray_address, **options)
    else:
        ray.init(num_cpus=max(1, settings.workers), **options)
