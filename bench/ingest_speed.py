"""How fast dvkg ingests into its persistent store, and how big the store gets.

    .venv/bin/python bench/ingest_speed.py [--n 10000] [--corpus ../shared/corpus] [--keep DIR]

Generates a corpus of N articles (one JSONL file) from the corpus and sample
articles: each copy gets invented officials (surname + middle + given name from
the lexicons and a list of given names) in place of the printed ones and,
for some copies, another province, so the store holds many people, some
namesakes, and many repeats of the same documents. Then, in this one process
(one core):

1. ``dvkg.api.ingest`` into a fresh on-disk Oxigraph store: read, extract,
   build triples, check the SHACL shapes (compiled checker), write one
   transaction per article, and resolve identity once at the end. Prints
   articles/s overall and the time split by stage.
2. The store's size on disk, per 1,000 articles.
3. Re-ingesting the same file (every article unchanged): articles/s.

Prints figures only (no asserts). Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
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
        names = sorted({p.name for p in facts.people}, key=len, reverse=True)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the generated corpus and store in this directory")
    parser.add_argument("--profile", action="store_true", help="print where the ingest time goes")
    args = parser.parse_args()

    from dvkg import api

    work = args.keep or Path(tempfile.mkdtemp(prefix="dvkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_file, store_dir = work / "generated", work / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    size = generate(args.n, args.corpus, corpus_file)
    print(f"generated {args.n} articles, {size / 1e6:.1f} MB of text, in {corpus_file}")

    profiler = cProfile.Profile() if args.profile else None
    with api.open_store(store_dir) as store:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = api.ingest([corpus_file], store)
        if profiler:
            profiler.disable()
        took = time.perf_counter() - started
        quads = len(store)
        resolution = report.resolution.summary() if report.resolution else "resolution: not run"
    print(f"ingest: {report.summary()}")
    print(f"        {args.n / took:.0f} articles/s on one core ({took:.1f} s, store writes and resolution included)")
    print(f"        {resolution}")
    on_disk = directory_size(store_dir)
    print(f"store:  {quads} quads, {on_disk / 1e6:.1f} MB on disk: {on_disk / 1e6 / (args.n / 1000):.2f} MB "
          f"and {quads / (args.n / 1000):.0f} quads per 1,000 articles")

    with api.open_store(store_dir) as store:
        store.compact()
    compacted = directory_size(store_dir)
    print(f"        after compaction: {compacted / 1e6:.1f} MB on disk: {compacted / 1e6 / (args.n / 1000):.2f} MB "
          "per 1,000 articles")

    with api.open_store(store_dir) as store:
        started = time.perf_counter()
        again = api.ingest([corpus_file], store)
        took = time.perf_counter() - started
    print(f"re-ingest (all unchanged): {again.summary()}; {args.n / took:.0f} articles/s")

    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
        stages = ["extract_paths", "article_triples", "check_fast", "write_article", "resolve"]
        for line in stages:
            stats.print_stats(line)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    

if __name__ == "__main__":
    main()
