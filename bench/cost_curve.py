"""The cost curve of ingest: articles/s and peak memory as the corpus grows, by workers and store.

    .venv/bin/python bench/cost_curve.py                       # 1k, 10k, 100k articles (hours: see bench/README.md)
    .venv/bin/python bench/cost_curve.py --sizes 1000,10000    # smaller
    .venv/bin/python bench/cost_curve.py --sizes 1000 --workers 1,2 --stores embedded,server --keep /tmp/cc

For each size, the corpus is generated once by ``dvkg.ingest.synthetic``
(JSON Lines files of 1,000 articles, nothing downloaded). Then for each store
(``embedded``: a fresh Oxigraph directory; ``server``: a fresh ``oxigraph
serve`` on 127.0.0.1, written over HTTP) and each number of workers, a fresh
Python process runs ``dvkg.api.ingest`` (read, extract in N worker processes,
build triples, check shapes, write new articles in atomic groups of a thousand,
then resolve identity once and compact the store) while a thread samples the resident memory of that process
and its worker processes, summed, every 0.1 s. Printed per run:

- articles/s over the whole ingest, and the seconds spent streaming the
  articles, resolving identity after them and compacting the store (which
  ingest does after a run that at least doubled it, as each run here does);
- peak RSS of dvkg (parent + workers) while streaming and overall (resolution
  reads every stored graph, so its peak grows with the store);
- RSS at 25/50/75/100 % of the stream: flat figures mean streaming;
- for the server store, the server's own peak RSS.

Last, the bulk load: the largest embedded store is dumped to N-Quads (what
``dvkg export out/graph.nq`` writes) and loaded with Oxigraph's loader
(``oxigraph load --location DIR --file graph.nq``), quads/s.

Figures only, no asserts; the machine should be otherwise idle.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE_SECONDS = 0.1


# ------------------------------------------------------------ one run, in its own process


def run_one(corpus: Path, store: str, workers: int, size: int, resolve_every: int = 0) -> dict:
    """Ingest ``corpus`` into ``store`` with ``workers``; figures as a dict (runs in a fresh process).

    With ``resolve_every``, identity is also resolved along the stream: the seconds resolving are then
    those of every resolution, the stream's the rest, and the stream's peak includes them."""
    import psutil

    from dvkg import api
    from memory import tree_rss

    me = psutil.Process()
    peak = {"stream": 0, "total": 0}
    marks: list[int] = []
    streaming = threading.Event()
    streaming.set()
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            now = tree_rss(me)
            peak["total"] = max(peak["total"], now)
            if streaming.is_set():
                peak["stream"] = max(peak["stream"], now)
            time.sleep(SAMPLE_SECONDS)

    done = [0]
    quarters = {max(1, size * q // 4) for q in (1, 2, 3, 4)}

    def on_article(error: str | None) -> None:
        done[0] += 1
        if done[0] in quarters:
            marks.append(tree_rss(me))

    resolve = api.resolution.resolve_changes

    def timed_resolve(*args, **kwargs):
        # The stream ends when resolution starts, not at the last article's callback: new
        # articles are written a group at a time, the last group after its callbacks.
        if not resolve_every:
            streaming.clear()
        begun = time.perf_counter()
        try:
            return resolve(*args, **kwargs)
        finally:
            timings["resolving"] = timings.get("resolving", 0.0) + time.perf_counter() - begun

    api.resolution.resolve_changes = timed_resolve

    def on_stage(name: str) -> None:
        timings[name] = time.perf_counter()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timings: dict[str, float] = {}
    with api.open_store(store) as opened:
        started = time.perf_counter()
        report = api.ingest([corpus], opened, workers=workers, on_article=on_article, resolve_every=resolve_every or None,
                            on_stage=on_stage)
        ended = time.perf_counter()
        quads = len(opened)
    stop.set()
    sampler.join()
    resolving = timings.get("resolving", 0.0)
    compacting = ended - timings["compacting the store"] if "compacting the store" in timings else 0.0
    return {
        "articles": report.ingested, "errors": len(report.errors), "quads": quads, "seconds": ended - started,
        "stream_seconds": ended - started - resolving - compacting, "resolve_seconds": resolving,
        "compact_seconds": compacting,
        "peak_stream": peak["stream"], "peak_total": peak["total"], "marks": marks,
    }


# ------------------------------------------------------------ the driver


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


class _Server:
    """``oxigraph serve`` on a fresh directory and a free local port, with its peak RSS sampled."""

    def __init__(self, location: Path):
        import httpx

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([_oxigraph(), "serve", "--location", str(location), "--bind",
                                         f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                httpx.get(f"{self.url}/query", params={"query": "ASK {}"}, trust_env=False)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        process = psutil.Process(self.process.pid)
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.process.terminate()
        self.process.wait(timeout=30)


def _measure(corpus: Path, store: str, workers: int, size: int, resolve_every: int = 0) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--run-one", str(corpus), store, str(workers), str(size),
               str(resolve_every)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"run failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _mb(value: int) -> str:
    return f"{value / 2**20:,.0f}"


def _row(size, workers, kind, figures, server_peak) -> str:
    marks = " / ".join(_mb(m) for m in figures["marks"])
    return (f"{size:>8,}  {workers:>7}  {kind:<8}  {figures['articles'] / figures['seconds']:>10.0f}  "
            f"{figures['stream_seconds']:>8.0f}  {figures['resolve_seconds']:>9.1f}  {figures['compact_seconds']:>9.1f}  {_mb(figures['peak_stream']):>10}  "
            f"{_mb(figures['peak_total']):>9}  {marks:<24}  {_mb(server_peak) if server_peak else '-':>10}")


def _bulk_load(store_dir: Path, work: Path) -> str:
    import pyoxigraph as ox

    dump = work / "graph.nq"
    store = ox.Store.read_only(str(store_dir))
    started = time.perf_counter()
    store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    dumped = time.perf_counter() - started
    quads = len(store)
    del store
    target = work / "bulk-loaded"
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([_oxigraph(), "load", "--location", str(target), "--file", str(dump)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loaded = time.perf_counter() - started
    return (f"bulk load: {quads:,} quads ({dump.stat().st_size / 1e6:,.0f} MB of N-Quads, dumped in {dumped:.1f} s) "
            f"loaded by `oxigraph load` in {loaded:.1f} s: {quads / loaded:,.0f} quads/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="article counts (default 1000,10000,100000)")
    parser.add_argument("--workers", default="1,2", help="worker counts (default 1,2)")
    parser.add_argument("--stores", default="embedded,server", help="embedded, server or both (default)")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this directory (corpora are reused)")
    parser.add_argument("--no-bulk-load", action="store_true", help="skip the bulk-load figure")
    parser.add_argument("--resolve-every", type=int, default=0, metavar="N",
                        help="also resolve identity after every N new articles (dvkg ingest --resolve-every)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    kinds = args.stores.split(",")

    from dvkg.ingest import synthetic

    work = args.keep or Path(tempfile.mkdtemp(prefix="dvkg-cost-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; work directory {work}", flush=True)
    print(f"{'articles':>8}  {'workers':>7}  {'store':<8}  {'articles/s':>10}  {'stream s':>8}  {'resolve s':>9}  {'compact s':>9}  "
          f"{'RSS MB':>10}  {'peak MB':>9}  {'RSS at 25/50/75/100 %':<24}  {'server MB':>10}")
    print("-" * 120, flush=True)
    started = time.perf_counter()
    largest = None
    for size in sizes:
        corpus = work / f"corpus-{size}"
        if not (corpus / ".complete").exists():
            shutil.rmtree(corpus, ignore_errors=True)
            synthetic.write_jsonl(corpus, size)
            (corpus / ".complete").touch()
        for kind in kinds:
            for count in workers:
                location = work / f"{kind}-{size}-{count}"
                shutil.rmtree(location, ignore_errors=True)
                server = _Server(location) if kind == "server" else None
                try:
                    figures = _measure(corpus, server.url if server else str(location), count, size,
                                       args.resolve_every)
                finally:
                    if server:
                        server.stop()
                print(_row(size, count, kind, figures, server.peak if server else 0), flush=True)
                if kind == "embedded":
                    largest = location
    print("('RSS MB' is dvkg's parent + worker processes while streaming articles; 'peak MB' includes the identity "
          "resolution after them)")
    if largest and not args.no_bulk_load:
        print(_bulk_load(largest, work), flush=True)
    print(f"total wall time {time.perf_counter() - started:.0f} s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--run-one":
        corpus, store, count, size, every = sys.argv[2:]
        print(json.dumps(run_one(Path(corpus), store, int(count), int(size), int(every))))
    else:
        main()
