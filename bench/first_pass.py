"""The memory of a store's first identity resolution, stage by stage.

    .venv/bin/python bench/first_pass.py --articles 40000 --keep /tmp/fp   # builds the unresolved store, then resolves a copy
    .venv/bin/python bench/first_pass.py --keep /tmp/fp                    # resolves a fresh copy of the same store again
    .venv/bin/python bench/first_pass.py --keep /tmp/fp --share-mentions 60000   # ... its names read in three shares

1. Unless ``--keep DIR`` holds it already, ``dvkg.ingest.synthetic`` writes
   ``--articles`` articles and ``dvkg.api.store_facts`` stores them in an
   embedded store without resolving identity: the store a first ingest
   leaves just before its resolution (``DIR/unresolved``).
2. A copy of that store is resolved by ``graph.resolve.resolve`` (a full
   pass, as after a first ingest), in this process, its RSS sampled every
   0.05 s. One line per stage, as it ends: the seconds it took, RSS before and
   after, and the highest RSS seen during it. The stages are reading the
   articles; with more than one share of the names (``--share-mentions``),
   scanning persons and memberships into a pair of files a share
   (``_spill``); then for each share reading its mentions (``_mentions``, with
   one share including the scans) and each group's renames and records; then
   the documents.

The same store resolved by other code compares memory stage by stage: run
this script with that code first on ``PYTHONPATH`` (a copy of ``dvkg/`` with
``ingest``, ``graph``, ``queries`` and ``ontology`` linked beside it). Figures
only, no asserts; the seconds mean little while other jobs share the machine.
"""
from __future__ import annotations

import argparse
import functools
import multiprocessing
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil
from memory import tree_rss

from dvkg import api
from dvkg.graph import resolve as resolution
from dvkg.graph.store import Store
from dvkg.ingest import synthetic

SAMPLE_SECONDS = 0.05
STAGES = [(resolution, "_articles"), (resolution, "_spill"), (resolution, "_mentions"), (Store, "rename_nodes"),
          (Store, "add_triples"), (resolution, "_resolve_documents"), (resolution, "_recorded_keys")]


def rss_mb() -> int:
    return tree_rss(psutil.Process()) // 2**20


class Sampler:
    """The highest RSS since the last ``reset``, from a background thread."""

    def __init__(self) -> None:
        self.peak = rss_mb()
        threading.Thread(target=self._run, daemon=True).start()

    def reset(self) -> int:
        self.peak = now = rss_mb()
        return now

    def _run(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb())
            time.sleep(SAMPLE_SECONDS)


def unresolved(folder: Path, articles: int) -> Path:
    """The store of ``articles`` synthetic articles, ingested without resolving identity (built once, in a process
    of its own, so that the figures of the resolution do not hold the memory of the ingest)."""
    store_dir = folder / "unresolved"
    if store_dir.exists():
        print(f"store: {store_dir} (kept)", flush=True)
        return store_dir
    build = multiprocessing.get_context("spawn").Process(target=_build, args=(folder, store_dir, articles))
    build.start()
    build.join()
    if build.exitcode:
        raise SystemExit(f"building the store in {folder} failed")
    return store_dir


def _build(folder: Path, store_dir: Path, articles: int) -> None:
    corpus = folder / "corpus"
    synthetic.write_jsonl(corpus, articles)
    started = time.perf_counter()
    with api.open_store(store_dir) as store:
        report = api.store_facts(api.extract([corpus]), store)
    print(f"store: {store_dir}, {report.summary()} in {time.perf_counter() - started:.0f} s", flush=True)


def timed(sampler: Sampler, started: float, owner, name: str) -> None:
    """Print a line when each call of ``owner.name`` ends."""
    function = getattr(owner, name)

    @functools.wraps(function)
    def stage(*args, **kwargs):
        before, began = sampler.reset(), time.perf_counter()
        result = function(*args, **kwargs)
        after = rss_mb()
        print(f"{time.perf_counter() - started:8.1f} s  {name:20s} {time.perf_counter() - began:7.1f} s"
              f"  RSS {before:6,} -> {after:6,} MB  peak {max(sampler.peak, after):6,} MB", flush=True)
        return result

    setattr(owner, name, stage)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40_000, help="synthetic articles in the store (default 40000)")
    parser.add_argument("--keep", type=Path, help="keep the corpus and the unresolved store in DIR (reused if there)")
    parser.add_argument("--share-mentions", type=int, default=resolution.SHARE_MENTIONS, metavar="N",
                        help=f"read the names a share of at most N mentions at a time (default "
                             f"{resolution.SHARE_MENTIONS:,}, the one ingest uses)")
    args = parser.parse_args()
    resolution.SHARE_MENTIONS = args.share_mentions
    work = Path(tempfile.mkdtemp(prefix="dvkg-first-pass-"))
    try:
        source = unresolved(args.keep or work, args.articles)
        copy = work / "resolving"
        shutil.copytree(source, copy)
        sampler = Sampler()
        started = time.perf_counter()
        for owner, name in STAGES:
            timed(sampler, started, owner, name)
        with api.open_store(copy) as store:
            print(f"resolving a copy: RSS {rss_mb():,} MB", flush=True)
            overall = Sampler()
            result = resolution.resolve(store)
        end = rss_mb()
        print(f"{result.summary()}\n{time.perf_counter() - started:.0f} s, peak RSS {max(overall.peak, end):,} MB, "
              f"{end:,} MB at the end", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
