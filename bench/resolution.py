"""Identity resolution as the store grows: the first pass over a store, the pass after a day's batch, a full pass.

    .venv/bin/python bench/resolution.py                           # stores of 10k and 100k articles
    .venv/bin/python bench/resolution.py --sizes 10000 --batch 1000 --workers 2 --keep /tmp/res

For each size N, ``dvkg.ingest.synthetic`` writes N + ``--batch`` articles
(JSON Lines, nothing downloaded), the last ``--batch`` of them apart. Then,
each step in a fresh Python process on the same embedded store:

1. ``first``: ``dvkg.api.ingest`` of the N articles into an empty store; its
   resolution is a full pass (no resolution has completed yet).
2. ``batch``: ``dvkg.api.ingest`` of the batch, new articles into the store of
   N; its resolution reads again only the names and documents the batch names
   (``graph.resolve.resolve_changes``).
3. ``full``: ``graph.resolve.resolve`` on the store of N + batch: every name
   and document, what step 2 would cost without resolving the changes only.
   It finds the store resolved, so it writes nothing: reading is its cost.

Printed per step: seconds of resolution (and of the ingest before it),
persons resolved, and the peak RSS of the process (parent and workers,
sampled every 0.1 s) before and during resolution. Figures only, no asserts;
the machine should be otherwise idle.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SAMPLE_SECONDS = 0.1


def run_step(step: str, store: str, corpus: str, workers: int) -> dict:
    """One step in this (fresh) process; figures as a dict."""
    import psutil

    from dvkg import api
    from dvkg.graph import resolve
    from memory import tree_rss

    me = psutil.Process()
    peak = {"before": 0, "during": 0}
    resolving = threading.Event()
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            total = tree_rss(me)
            key = "during" if resolving.is_set() else "before"
            peak[key] = max(peak[key], total)
            time.sleep(SAMPLE_SECONDS)

    timings: dict[str, float] = {}

    def timed(function):
        def run(*args, **kwargs):
            resolving.set()
            timings["resolving"] = time.perf_counter()
            return function(*args, **kwargs)
        return run

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with api.open_store(store) as opened:
        started = time.perf_counter()
        if step == "full":
            resolving.set()
            timings["resolving"] = started
            result = resolve.resolve(opened)
            articles = 0
        else:
            api.resolution.resolve_changes = timed(resolve.resolve_changes)
            report = api.ingest([corpus], opened, workers=workers)
            result, articles = report.resolution, report.ingested
        ended = time.perf_counter()
        stored = len(opened.articles())
    stop.set()
    sampler.join()
    resolving_at = timings.get("resolving", ended)
    return {"step": step, "articles": articles, "stored": stored,
            "ingest_seconds": resolving_at - started, "resolve_seconds": ended - resolving_at,
            "persons": result.person_count if result else 0, "written": bool(result and result.written),
            "peak_before": peak["before"], "peak_during": peak["during"]}


def _measure(step: str, store: Path, corpus: Path | None, workers: int) -> dict:
    command = [sys.executable, __file__, "--run-step", step, "--store", str(store), "--corpus", str(corpus or ""),
               "--workers", str(workers)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _mb(value: int) -> str:
    return f"{value / 1e6:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="store sizes in articles, comma-separated")
    parser.add_argument("--batch", type=int, default=1000, help="articles of the batch ingested into each store")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="work in DIR and keep the corpora and stores")
    parser.add_argument("--run-step", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_step:
        print(json.dumps(run_step(args.run_step, args.store, args.corpus, args.workers)))
        return

    from dvkg.ingest import synthetic

    work = args.keep or Path(tempfile.mkdtemp(prefix="dvkg-resolution-"))
    print(f"embedded store, {args.workers} worker(s), batch of {args.batch:,} new articles; peak RSS in MB")
    print(f"{'store':>9} {'step':<6} {'articles':>9} {'ingest s':>9} {'resolve s':>10} {'persons':>9} "
          f"{'peak before':>12} {'peak resolving':>15}")
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            corpus, batch, store = work / f"corpus-{size}", work / f"batch-{size}", work / f"store-{size}"
            if not corpus.exists():
                synthetic.write_jsonl(corpus, size + args.batch, per_file=args.batch)
                batch.mkdir()
                last = sorted(corpus.glob("*.jsonl"))[-1]
                last.rename(batch / last.name)
            shutil.rmtree(store, ignore_errors=True)
            for step, source in (("first", corpus), ("batch", batch), ("full", None)):
                f = _measure(step, store, source, args.workers)
                print(f"{f['stored']:>9,} {step:<6} {f['articles']:>9,} {f['ingest_seconds']:>9.1f} "
                      f"{f['resolve_seconds']:>10.1f} {f['persons']:>9,} {_mb(f['peak_before']):>12} "
                      f"{_mb(f['peak_during']):>15}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
