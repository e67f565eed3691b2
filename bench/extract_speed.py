"""How fast dvkg extracts, how its memory behaves, and how it compares.

    .venv/bin/python bench/extract_speed.py [--corpus ../shared/corpus] [--mb 2]

Prints figures only (no asserts):

1. dvkg extraction throughput on one core (this single process), in KB/s of
   UTF-8 article text and in articles/s, over the corpus articles repeated
   until they add up to at least --mb MB, measured after a warm-up.
2. Peak RSS (getrusage maxrss) of a fresh subprocess that streams N
   generated articles (corpus articles repeated under different file names)
   through ``extract_paths``, for N = 500, 2000, 8000: flat means streaming.
3. Baselines on the same text, each only if installed and usable offline:
   underthesea NER, spaCy ``blank("vi")`` (pyvi word segmentation) and
   ``pyvi.ViTokenizer.tokenize``. Slow ones get a bounded input (--baseline-kb,
   and a time budget), so the whole run stays within a few minutes.

Nothing is downloaded: a baseline whose model is not shipped in its package
is skipped with a line saying so.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

# Any hub client a baseline might touch must fail fast instead of fetching.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
MEMORY_SIZES = (500, 2000, 8000)
TARGET_KBS = 300


# --------------------------------------------------------------------------- helpers


def kb(n_bytes: int) -> float:
    return n_bytes / 1024


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def load_corpus(folder: Path):
    from dvkg.ingest.articles import read_articles

    articles, errors = [], []
    for item in read_articles([folder]):
        (errors if isinstance(item, Exception) else articles).append(item)
    return articles, errors


def repeated(articles, min_bytes: int):
    """Corpus articles repeated (under new names) until their text is >= min_bytes."""
    out, total, i = [], 0, 0
    while total < min_bytes or not out:
        base = articles[i % len(articles)]
        out.append(dataclasses.replace(base, name=f"{i:06d}_{base.name}"))
        total += nbytes(base.text)
        i += 1
    return out, total


class Row:
    def __init__(self, tool: str, kbs: float | None = None, aps: float | None = None, notes: str = ""):
        self.tool, self.kbs, self.aps, self.notes = tool, kbs, aps, notes


def timed_loop(func, articles, max_bytes: int, max_seconds: float):
    """Run ``func(article.text)`` over ``articles`` until max_bytes or max_seconds; (bytes, count, seconds)."""
    done_bytes = count = 0
    start = time.perf_counter()
    for art in articles:
        func(art.text)
        done_bytes += nbytes(art.text)
        count += 1
        elapsed = time.perf_counter() - start
        if done_bytes >= max_bytes or elapsed >= max_seconds:
            break
    return done_bytes, count, time.perf_counter() - start


# --------------------------------------------------------------------------- 1. dvkg throughput


def bench_dvkg(articles, total_mb: float) -> list[Row]:
    from dvkg.ingest.articles import article_from_text
    from dvkg.ingest.pipeline import build_pipeline, extract

    build_pipeline()
    for art in articles:  # warm-up: pipeline, lexicons, regex caches
        extract(art)

    batch, total = repeated(articles, int(total_mb * 1024 * 1024))
    start, cpu = time.perf_counter(), time.process_time()
    for art in batch:
        extract(art)
    secs, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows = [
        Row(
            "dvkg extract()",
            kb(total) / secs,
            len(batch) / secs,
            f"1 core, {kb(total) / 1024:.1f} MB, {len(batch)} articles, {secs:.1f} s wall; "
            f"{kb(total) / cpu:.0f} KB/s by CPU time; target >= {TARGET_KBS} KB/s",
        )
    ]

    # The same text through cleaning too (article_from_text + extract), as a batch sees it.
    raws = [(a.text, a.name, a.source) for a in batch]
    start = time.perf_counter()
    for text, name, source in raws:
        extract(article_from_text(text, name, source))
    secs = time.perf_counter() - start
    rows.append(Row("dvkg clean + extract()", kb(total) / secs, len(batch) / secs, "article_from_text then extract"))

    # Floor: spaCy's rule tokenizer alone, as dvkg's pipeline builds it.
    nlp = build_pipeline()
    done, count, secs = timed_loop(nlp.make_doc, batch, total, 60)
    rows.append(Row("  of which: rule tokenizer", kb(done) / secs, count / secs, "nlp.make_doc only (dvkg's tokenizer)"))
    return rows


# --------------------------------------------------------------------------- 2. memory


def _proc_status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (this process image's peak) from /proc, in MB; -1 where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return -1.0


def child_memory(corpus: str, n: int) -> None:
    """In a fresh process: write N article files (corpus files repeated under new names), then
    stream them through extract_paths, keeping nothing; print one line of figures."""
    import shutil

    from dvkg.ingest.articles import ARTICLE_SUFFIXES
    from dvkg.ingest.pipeline import extract_paths

    sources = sorted(p for p in Path(corpus).rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    with tempfile.TemporaryDirectory(prefix="dvkg-bench-") as tmp:
        for i in range(n):
            src = sources[i % len(sources)]
            shutil.copyfile(src, Path(tmp) / f"{i:06d}_{src.name}")
        for _ in extract_paths([corpus]):  # warm-up: pipeline, lexicons, regex caches
            pass
        base, base_now = maxrss_mb(), _proc_status_mb("VmRSS")
        n_ok = n_err = facts = 0
        start = time.perf_counter()
        for item in extract_paths([tmp]):
            if isinstance(item, Exception):
                n_err += 1
            else:
                n_ok += 1
                facts += len(item.people) + len(item.events) + len(item.documents)
            del item  # nothing kept
        secs = time.perf_counter() - start
        print(n_ok, n_err, facts, f"{base:.1f} {maxrss_mb():.1f} {base_now:.1f} {_proc_status_mb('VmRSS'):.1f} {secs:.2f}")


def bench_memory(corpus: Path) -> list[str]:
    """One fresh subprocess per N. Run while this process is still small: Linux carries a
    parent's ru_maxrss over fork and exec, so a big parent would mask the child's peak."""
    lines = []
    for n in MEMORY_SIZES:
        proc = subprocess.run(
            [sys.executable, __file__, "--corpus", str(corpus), "--child-memory", str(n)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            lines.append(f"  N={n:>5}: subprocess failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
            continue
        ok, err, facts, base, peak, now0, now1, secs = proc.stdout.split()[-8:]
        lines.append(
            f"  N={n:>5}  ok {int(ok):>5}  errors {int(err)}  facts {int(facts):>6}  "
            f"maxrss after warm-up {float(base):6.1f} MB  at end {float(peak):6.1f} MB  "
            f"(+{float(peak) - float(base):4.1f})  RSS now {float(now0):6.1f} -> {float(now1):6.1f} MB  "
            f"{float(secs):5.1f} s ({int(ok) / float(secs):.0f} articles/s)"
        )
    return lines


# --------------------------------------------------------------------------- 3. baselines


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _underthesea_models_missing() -> list[str]:
    """Model files ner() (non-deep) loads from the package; anything missing would need a download."""
    root = Path(importlib.util.find_spec("underthesea").origin).parent / "pipeline"
    wanted = [
        ("ner", "ner_crf_*.bin"),
        ("chunking", "chunk_crf_*.bin"),
        ("pos_tag", "pos_crf_*.bin"),
        ("word_tokenize/models/ws_crf_vlsp2013_20230727", "models.bin"),
    ]
    return [f"{sub}/{pat}" for sub, pat in wanted if not list((root / sub).glob(pat))]


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def bench_baselines(articles, baseline_kb: int, budget_s: float) -> list[Row]:
    rows: list[Row] = []
    batch, _ = repeated(articles, baseline_kb * 1024)
    limit = baseline_kb * 1024
    warnings.filterwarnings("ignore")  # pickled sklearn models in pyvi warn about versions

    # underthesea NER (CRF models shipped in the wheel; deep=True would fetch a transformer: not used)
    if not _installed("underthesea"):
        rows.append(Row("underthesea ner()", notes="not installed: pip install underthesea"))
    else:
        missing = _underthesea_models_missing()
        if missing:
            rows.append(Row("underthesea ner()", notes=f"skipped: model not shipped, would download ({missing[0]})"))
        else:
            try:
                from underthesea import ner

                def run_ner(text: str) -> None:
                    for para in _paragraphs(text):  # ner() takes a sentence; a line is a paragraph
                        ner(para)

                run_ner(articles[0].text)  # warm-up: loads the CRF models
                done, count, secs = timed_loop(run_ner, batch, limit, budget_s)
                rows.append(Row("underthesea ner()", kb(done) / secs, count / secs,
                                f"per paragraph, CRF (deep=False); {kb(done):.0f} KB in {secs:.1f} s"))
            except Exception as err:  # e.g. an offline download attempt
                rows.append(Row("underthesea ner()", notes=f"skipped: {type(err).__name__}: {str(err)[:60]}"))

    # spaCy blank("vi"): its default tokenizer segments words with pyvi
    if not _installed("pyvi"):
        rows.append(Row('spaCy blank("vi") + pyvi', notes="not installed: pip install pyvi"))
        rows.append(Row("pyvi ViTokenizer.tokenize", notes="not installed: pip install pyvi"))
    else:
        try:
            import spacy

            nlp = spacy.blank("vi")
            if not getattr(nlp.tokenizer, "use_pyvi", False):
                raise RuntimeError("tokenizer does not use pyvi")
            nlp(articles[0].text)
            done, count, secs = timed_loop(nlp, batch, limit, budget_s)
            rows.append(Row('spaCy blank("vi") + pyvi', kb(done) / secs, count / secs,
                            f"word segmentation only; {kb(done):.0f} KB in {secs:.1f} s"))
        except Exception as err:
            rows.append(Row('spaCy blank("vi") + pyvi', notes=f"skipped: {type(err).__name__}: {str(err)[:60]}"))
        try:
            from pyvi import ViTokenizer

            ViTokenizer.tokenize(articles[0].text)
            done, count, secs = timed_loop(ViTokenizer.tokenize, batch, limit, budget_s)
            rows.append(Row("pyvi ViTokenizer.tokenize", kb(done) / secs, count / secs,
                            f"word segmentation only; {kb(done):.0f} KB in {secs:.1f} s"))
        except Exception as err:
            rows.append(Row("pyvi ViTokenizer.tokenize", notes=f"skipped: {type(err).__name__}: {str(err)[:60]}"))
    return rows


# --------------------------------------------------------------------------- output


def print_table(rows: list[Row]) -> None:
    header = ("tool", "KB/s", "articles/s", "notes")
    cells = [
        (r.tool, f"{r.kbs:,.0f}" if r.kbs is not None else "-", f"{r.aps:,.1f}" if r.aps is not None else "-", r.notes)
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header[:3])]
    line = f"{header[0]:<{widths[0]}}  {header[1]:>{widths[1]}}  {header[2]:>{widths[2]}}  {header[3]}"
    print(line)
    print("-" * len(line))
    for c in cells:
        print(f"{c[0]:<{widths[0]}}  {c[1]:>{widths[1]}}  {c[2]:>{widths[2]}}  {c[3]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of articles (default: %(default)s)")
    ap.add_argument("--mb", type=float, default=2.0, help="MB of text for the dvkg throughput run (default 2)")
    ap.add_argument("--baseline-kb", type=int, default=200, help="KB of text at most per baseline (default 200)")
    ap.add_argument("--baseline-seconds", type=float, default=25.0, help="time budget per baseline (default 25)")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-RSS runs")
    ap.add_argument("--child-memory", type=int, metavar="N", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child_memory:
        child_memory(args.corpus, args.child_memory)
        return 0

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus folder not found: {corpus}", file=sys.stderr)
        return 1
    # dvkg's ARTICLE_SUFFIXES, spelled out: importing dvkg here would grow this process (see bench_memory)
    if not any(p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm", ".jsonl") for p in corpus.rglob("*")):
        print(f"no article files (.txt, .html, .htm, .jsonl) in {corpus}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    # Memory first, while this process has imported nothing big (see bench_memory).
    if not args.no_memory:
        print(f"measuring peak memory first, in fresh subprocesses (N = {', '.join(map(str, MEMORY_SIZES))}) ...", flush=True)
    memory_lines = [] if args.no_memory else bench_memory(corpus)
    articles, errors = load_corpus(corpus)
    if not articles:
        print(f"no readable articles in {corpus} ({len(errors)} unreadable)", file=sys.stderr)
        return 1

    size = sum(nbytes(a.text) for a in articles)
    print(f"corpus: {corpus} — {len(articles)} articles, {kb(size):.1f} KB of cleaned UTF-8 text"
          + (f", {len(errors)} unreadable" if errors else ""))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; every figure is one process on one core\n")

    rows = bench_dvkg(articles, args.mb)
    rows += bench_baselines(articles, args.baseline_kb, args.baseline_seconds)
    print_table(rows)

    if not args.no_memory:
        print("\npeak memory, one fresh process per N, streaming extract_paths over N article files:")
        for line in memory_lines:
            print(line)
    print(f"\ntotal wall time {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
