"""Extraction in parallel: worker processes on this machine, or an existing Dask distributed cluster.

    extract_parallel(paths, workers=4)                      # a process pool on this machine
    extract_parallel(paths, scheduler="tcp://host:8786")    # the workers of a Dask cluster
    extract_parallel(paths, workers=2, then=step)           # step(facts) runs in the worker too

Articles are read here, in the calling process, and sent to the workers in
batches of ``batch_size``; the facts come back batch by batch, in the order
the batches finish (not the input order). At most ``IN_FLIGHT_PER_WORKER``
batches per worker are out at a time, so memory stays flat whatever the
size of the corpus. Each worker builds the spaCy pipeline once: a pool worker
in its initialiser, a Dask worker on its first batch.

On a cluster, a worker that dies mid-batch loses nothing: the scheduler runs
its batches again on another worker, and each batch is yielded once. A batch
the cluster gives up on (it killed ``distributed.scheduler.allowed-failures``
workers) comes out as one ``ExtractionError`` per article. Workers send back
``Facts`` (plain dataclasses), or what ``then`` (a picklable function) makes
of them there: ingest has each article's graph built and checked by the
worker (``dvkg.graph.checked``), and only writes them.
"""
from __future__ import annotations

import functools
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Container, Iterable, Iterator

from dvkg.errors import ArticleError, DvkgError, ExtractionError, ValidationError

from .articles import Article, read_articles
from .facts import Facts, Unchanged

__all__ = ["extract_parallel", "DEFAULT_BATCH_SIZE", "IN_FLIGHT_PER_WORKER"]

#: Articles sent to a worker at a time: large enough to hide the messaging, small enough to balance.
DEFAULT_BATCH_SIZE = 16
#: Batches out per worker at a time: one being extracted, one waiting, so no worker idles.
IN_FLIGHT_PER_WORKER = 2
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 10

Item = Facts | Unchanged | ArticleError | ExtractionError | ValidationError  # with ``then``, its result for Facts
Passed = Unchanged | ArticleError  # what comes out without a worker


def extract_parallel(
    paths: Iterable[str],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stored: Container[str] = (),
    then: Callable[[Facts], object] | None = None,
) -> Iterator[Item]:
    """Facts (or errors) for every article under ``paths``, extracted by ``workers`` processes or on ``scheduler``.

    Articles whose input key is in ``stored`` are not sent out: they come out as ``Unchanged``.
    With ``then``, a worker sends back ``then(facts)`` instead of the facts; a ``ValidationError`` it
    raises comes out as the article's error.
    """
    if batch_size < 1 or workers < 1:
        raise ValueError("workers and batch_size must be at least 1")
    articles = read_articles(paths, stored=stored)
    task = extract_batch if then is None else functools.partial(extract_batch, then=then)
    if scheduler is not None:
        return _on_cluster(articles, scheduler, batch_size, task)
    return _on_pool(articles, workers, batch_size, task)


def extract_batch(articles: list[Article], then: Callable[[Facts], object] | None = None) -> list:
    """Extract each article of a batch and apply ``then`` (this runs in a worker); a failure is returned, not raised."""
    from .pipeline import extract

    out: list = []
    for article in articles:
        try:
            facts = extract(article)
            out.append(facts if then is None else then(facts))
        except (ExtractionError, ValidationError) as err:
            out.append(type(err)(str(err)))  # without its cause: it travels back pickled
    return out


def _warm() -> None:
    """A pool worker's initialiser: build the pipeline and load the lexicons once."""
    from .lexicon import Lexicon
    from .pipeline import build_pipeline

    build_pipeline()
    Lexicon.default()


def _batches(articles: Iterable[Article | Passed], size: int, passed: list[Passed]) -> Iterator[list[Article]]:
    """Articles in lists of ``size``; unreadable and unchanged inputs go to ``passed`` as they are met."""
    batch: list[Article] = []
    for item in articles:
        if not isinstance(item, Article):
            passed.append(item)
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------ this machine


def _on_pool(articles: Iterable[Article | Passed], workers: int, batch_size: int, task: Callable) -> Iterator[Item]:
    passed: list[Passed] = []
    context = multiprocessing.get_context("spawn")  # safe with the threads of the store and spaCy
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm) as pool:
        pending = set()
        for batch in _batches(articles, batch_size, passed):
            pending.add(pool.submit(task, batch))
            yield from _drain(passed)
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from _results(done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from _results(done)
        yield from _drain(passed)


def _results(done) -> Iterator[Item]:
    for future in done:
        try:
            yield from future.result()
        except BrokenProcessPool:
            raise DvkgError("an extraction worker process died (killed, or out of memory); the articles stored "
                            "so far are kept: run the same command again to finish") from None


def _drain(passed: list[Passed]) -> Iterator[Passed]:
    while passed:
        yield passed.pop(0)


# ------------------------------------------------------------ a Dask cluster


def _on_cluster(articles: Iterable[Article | Passed], scheduler: str, batch_size: int, task: Callable) -> Iterator[Item]:
    client = _client(scheduler)
    try:
        yield from _stream(client, articles, batch_size, task)
    finally:
        client.close()


def _client(scheduler: str):
    if not scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        raise DvkgError(f"--scheduler {scheduler!r} is not a Dask scheduler address: give tcp://HOST:PORT "
                        "(the address `dask scheduler` prints)")
    try:
        from distributed import Client
    except ImportError:
        raise DvkgError("--scheduler needs Dask distributed: pip install 'dask[distributed]'") from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise DvkgError(f"cannot reach the Dask scheduler at {scheduler} ({error}); start one "
                        f"(`dask scheduler`, then `dask worker {scheduler}` on each machine) or check --scheduler") from None


def _stream(client, articles: Iterable[Article | Passed], batch_size: int, task: Callable) -> Iterator[Item]:
    from distributed import as_completed

    threads = sum(client.nthreads().values()) or 1
    limit = max(2, threads * IN_FLIGHT_PER_WORKER)
    passed: list[Passed] = []
    sent: dict[str, list[str]] = {}  # future key → sources of its articles, to name them if the batch fails
    running = as_completed()
    for batch in _batches(articles, batch_size, passed):
        future = client.submit(task, batch, pure=False)
        sent[future.key] = [a.source for a in batch]
        running.add(future)
        yield from _drain(passed)
        while running.count() >= limit:
            yield from _gathered(next(running), sent)
    for future in running:
        yield from _gathered(future, sent)
    yield from _drain(passed)


def _gathered(future, sent: dict[str, list[str]]) -> Iterator[Item]:
    sources = sent.pop(future.key, None)
    if sources is None:  # already yielded once: never twice
        return
    try:
        results = future.result()
    except Exception as error:  # the cluster gave the batch up (KilledWorker...) or a worker could not run it
        results = [ExtractionError(f"{source}: extraction failed on the cluster ({type(error).__name__}: {error})")
                   for source in sources]
    future.release()
    yield from results
