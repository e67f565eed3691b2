"""How fast dvkg ingests into its persistent store, and how big the store gets.

    .venv/bin/python bench/ingest_speed.py [--n 10000] [--corpus ../shared/corpus] [--keep DIR] [--profile]
                                           [--synthetic]

Generates a corpus of N articles (JSONL files of 500) from the corpus and sample
articles: each copy gets invented officials (surname + middle + given name from
the lexicons and a list of given names) in place of the printed ones and,
for some copies, another province, so the store holds many people, some
namesakes, and many repeats of the same documents (``--synthetic`` takes the
shorter articles of ``dvkg.ingest.synthetic`` instead, the cost curve's). Then, in this one process
(the Python work on one core; RocksDB flushes and compacts in its own threads,
which the CPU figures include):

1. ``dvkg.api.ingest`` into a fresh on-disk Oxigraph store: read, extract,
   build triples, check the SHACL shapes (compiled checker), write the new
   articles a thousand at a time (``api.WRITE_GROUP``) in one atomic bulk
   load ("store write" also counts turning each into the text its group waits
   in, ``store.as_ntriples``, and renaming in that text), resolve identity once at the end, and
   compact the store.
   Prints articles/s by wall-clock and by CPU time (``time.process_time``, which other jobs on the
   machine do not inflate), and the time split by stage.
   The split comes from timers wrapped, for the run, around the stage
   functions ``dvkg.api.ingest`` calls (``graph/checked.py`` builds, checks and serialises;
   "identity guess" is ``resolve.Identities.of`` reading a graph's persons and documents and
   ``resolve.Forecast`` naming them as resolution will, "resolution"
   the pass over the store at the end); "other" is the rest of the loop.
   Then the process's peak resident memory so far (``getrusage``).
2. The store's size on disk, per 1,000 articles, as ingest leaves it (compacted: the run filled an empty store).
3. Re-ingesting the same files (every article unchanged, so read but not extracted: its input hash
   is stored): articles/s and its split.

``--profile`` adds cProfile's view of the first ingest: the stage functions
and the 25 functions with the most time of their own (profiling slows it down).
Prints figures only (no asserts). Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trung", "Tuấn",
         "Vinh", "Xuân", "Yến", "Kiên", "Lực", "Điền", "Toàn", "Thành", "Chiến", "Đông"]


def templates(corpus: Path) -> list[tuple[str, list[str], str | None]]:
    """(text, names printed, province) of every corpus and sample article."""
    from dvkg import api

    paths = [p for p in [corpus, ROOT / "examples"] if p.exists()]
    found = []
    for facts in api.extract(paths):
        if isinstance(facts, Exception):
            continue
        names = sorted({p.name for p in facts.people}, key=lambda name: (-len(name), name))  # longest first, fixed order
        found.append((facts.text, names, facts.province))
    return found


def generate(n: int, corpus: Path, out: Path, seed: int = 4) -> int:
    """Write ``n`` JSONL records to the folder ``out``, 500 a file; returns the bytes of text written."""
    from dvkg.ingest.lexicon import load_json

    lexicon = load_json("surnames")
    surnames, middles = lexicon["surnames"][:40], lexicon["middle_names"][:20]
    provinces = [p["name"] for p in load_json("provinces")["provinces"] if p["kind"] == "tỉnh"]
    base = templates(corpus)
    rng = random.Random(seed)
    size = 0
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for first in range(0, n, 500):
        with (out / f"part-{first // 500:03d}.jsonl").open("w", encoding="utf-8") as handle:
            size += _write_records(handle, range(first, min(first + 500, n)), base, surnames, middles, provinces, rng)
    return size


def _write_records(handle, numbers, base, surnames, middles, provinces, rng) -> int:
    size = 0
    for number in numbers:
        text, names, province = base[number % len(base)]
        for name in names:
            text = text.replace(name, f"{rng.choice(surnames)} {rng.choice(middles)} {rng.choice(GIVEN)}")
        if province and rng.random() < 0.5:
            text = text.replace(province, rng.choice(provinces))
        size += len(text.encode("utf-8"))
        handle.write(json.dumps({"id": f"gen-{number:06d}", "text": text}, ensure_ascii=False) + "\n")
    return size


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


STAGES = ("read + extract", "build triples", "identity guess", "SHACL check", "store write", "resolution", "compaction")


class StageClock:
    """Wall and CPU seconds spent in each stage of ``dvkg.api.ingest``, by wrapping its stage functions."""

    def __init__(self) -> None:
        self.wall = dict.fromkeys(STAGES, 0.0)
        self.cpu = dict.fromkeys(STAGES, 0.0)

    def _timed(self, stage: str, function):
        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.wall[stage] += time.perf_counter() - wall
                self.cpu[stage] += time.process_time() - cpu
        return timed

    def _timed_iterator(self, stage: str, function):
        def timed(*args, **kwargs):
            items = iter(function(*args, **kwargs))
            while True:
                wall, cpu = time.perf_counter(), time.process_time()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.wall[stage] += time.perf_counter() - wall
                    self.cpu[stage] += time.process_time() - cpu
                yield item
        return timed

    def run(self, function, *args, **kwargs):
        """``function(*args, **kwargs)`` with the stage functions timed; the originals are put back after."""
        from dvkg import api
        from dvkg.graph import checked, resolve
        from dvkg.graph.store import Store

        patches = [(api, "extract_paths", self._timed_iterator("read + extract", api.extract_paths)),
                   (api, "stored_inputs", self._timed("read + extract", api.stored_inputs)),
                   (checked, "article_triples", self._timed("build triples", checked.article_triples)),
                   (checked, "check_fast", self._timed("SHACL check", checked.check_fast)),
                   (Store, "write_article", self._timed("store write", Store.write_article)),
                   (Store, "add_articles", self._timed("store write", Store.add_articles)),
                   (Store, "compact", self._timed("compaction", Store.compact)),
                   (checked, "as_ntriples", self._timed("store write", checked.as_ntriples)),
                   (api, "renamed_ntriples", self._timed("store write", api.renamed_ntriples)),
                   (resolve, "resolve_changes", self._timed("resolution", resolve.resolve_changes)),
                   (resolve, "assignments", self._timed("resolution", resolve.assignments)),
                   (resolve.Identities, "of", classmethod(self._timed("identity guess", resolve.Identities.of.__func__))),
                   (resolve.Forecast, "renames", self._timed("identity guess", resolve.Forecast.renames))]
        saved = [(owner, name, vars(owner)[name]) for owner, name, _ in patches]  # a classmethod as it is
        for owner, name, wrapper in patches:
            setattr(owner, name, wrapper)
        try:
            return function(*args, **kwargs)
        finally:
            for owner, name, original in saved:
                setattr(owner, name, original)

    def print_split(self, n: int, wall: float, cpu: float) -> None:
        print(f"        {'stage':<16}{'wall s':>8}{'cpu s':>8}{'ms/article':>12}{'share':>7}")
        rows = [(stage, self.wall[stage], self.cpu[stage]) for stage in STAGES]
        rows.append(("other", wall - sum(self.wall.values()), cpu - sum(self.cpu.values())))
        for stage, stage_wall, stage_cpu in rows:
            print(f"        {stage:<16}{stage_wall:>8.1f}{stage_cpu:>8.1f}{stage_wall / n * 1000:>12.2f}"
                  f"{stage_wall / wall:>7.0%}")


def timed_ingest(api, corpus_file: Path, store_dir: Path, profiler=None):
    """(report, wall s, cpu s, stage clock, quads) of one ``api.ingest`` of ``corpus_file`` into ``store_dir``."""
    clock = StageClock()
    with api.open_store(store_dir) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        report = clock.run(api.ingest, [corpus_file], store)
        if profiler:
            profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        quads = len(store)
    return report, wall, cpu, clock, quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the generated corpus and store in this directory")
    parser.add_argument("--profile", action="store_true", help="print where the ingest time goes (cProfile)")
    parser.add_argument("--synthetic", action="store_true",
                        help="ingest the cost curve's generated articles (dvkg.ingest.synthetic, about 1.4 KB each) "
                             "instead of the corpus recast (4.6 KB)")
    args = parser.parse_args()

    from dvkg import api

    work = args.keep or Path(tempfile.mkdtemp(prefix="dvkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_file, store_dir = work / "generated", work / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    if args.synthetic:
        from dvkg.ingest import synthetic

        shutil.rmtree(corpus_file, ignore_errors=True)
        size = synthetic.write_jsonl(corpus_file, args.n)
        print(f"generated {args.n} synthetic articles (dvkg.ingest.synthetic), {size / 1e6:.1f} MB, in {corpus_file}")
    else:
        size = generate(args.n, args.corpus, corpus_file)
        print(f"generated {args.n} articles, {size / 1e6:.1f} MB of text, in {corpus_file}")

    profiler = cProfile.Profile() if args.profile else None
    report, wall, cpu, clock, quads = timed_ingest(api, corpus_file, store_dir, profiler)
    resolution = report.resolution.summary() if report.resolution else "resolution: not run"
    print(f"ingest: {report.summary()}")
    print(f"        {args.n / wall:.0f} articles/s by wall-clock ({wall:.1f} s), {args.n / cpu:.0f} articles/s by CPU "
          f"time ({cpu:.1f} s); store writes and resolution included")
    print(f"        {resolution}")
    clock.print_split(args.n, wall, cpu)
    print(f"        peak memory of this process so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    on_disk = directory_size(store_dir)
    print(f"store:  {quads} quads, {on_disk / 1e6:.1f} MB on disk: {on_disk / 1e6 / (args.n / 1000):.2f} MB "
          f"and {quads / (args.n / 1000):.0f} quads per 1,000 articles")

    again, wall, cpu, clock, _ = timed_ingest(api, corpus_file, store_dir)
    print(f"re-ingest (all unchanged): {again.summary()}")
    print(f"        {args.n / wall:.0f} articles/s by wall-clock ({wall:.1f} s), {args.n / cpu:.0f} articles/s by CPU "
          f"time ({cpu:.1f} s)")
    clock.print_split(args.n, wall, cpu)

    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
        stats.print_stats("extract_paths|article_triples|check_fast|write_article|add_articles|graph/resolve.py:.*\\(resolve\\)")
        stats.sort_stats("tottime").print_stats(25)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
