"""Median latency of the named queries at ≥ 1M triples: Oxigraph (dvkg's store) beside rdflib in memory.

    .venv/bin/python bench/query_latency.py [--articles 4600] [--repeat 9] [--rdflib-repeat 5] [--rdflib-limit 120]
                                            [--no-rdflib] [--no-resolve] [--corpus ../shared/corpus] [--only chaired,people]
                                            [--every-param] [--keep DIR]

1. Generates a store the way dvkg writes one: the corpus and sample
   articles are extracted once (``dvkg.api.extract``), then each generated
   article is one of them re-cast with other officials, province, dates,
   event noun and document numbers, and turned into triples by
   ``graph.triples.article_triples`` (the ingest code path), so every graph
   has exactly the shapes of real ingest output. Officials come from a pool
   of 60 per province, so the same people recur across that province's
   articles; Sơn La gets 7% of the articles that name a province (about 4
   times an even share), so "who chaired events in Sơn La" returns about
   the 750 rows of the issue's anchor query; a code keeps its number in 10%
   of the articles (``25-NQ/TW`` is reviewed by a few hundred events) and is
   renumbered otherwise. Entity resolution (``graph/resolve.py``) then runs
   on the store, as after an ingest. 4600 articles make ≥ 1M triples.
2. Measures one engine at a time, so that none slows another: the on-disk
   Oxigraph store (dvkg ``Store``, reopened as the CLI finds it) as written,
   then after ``Store.compact()`` (resolution rewrites nodes in thousands of
   graphs, and the old entries slow some scans until RocksDB compacts them),
   which is how ``dvkg ingest`` leaves a store that its run at least doubled,
   as a first ingest of these articles would; then an in-memory Oxigraph store, then rdflib's in-memory ``Dataset``
   (default graph = union of the named graphs).
3. Runs every named query with the parameters ``dvkg ask`` would bind (or a
   typical ``dvkg query --param``), exactly as ``dvkg query`` runs it: the
   text ``queries.runner.render`` gives (anchors on), the parameters as
   substitutions, the rows converted to ``QueryResult``. rdflib runs the same
   text, prepared once, with the same parameters as ``initBindings``. Each
   figure is the median of ``--repeat`` runs (``--rdflib-repeat`` for
   rdflib) after one warm-up run, by ``time.perf_counter``; the rows of the
   engines are compared, and the speed-up is rdflib over the store as written.
   rdflib takes minutes on most of these queries: one slower than
   ``ONE_RUN_S`` is timed by its warm-up run alone, and one still running
   after ``--rdflib-limit`` seconds is stopped, its figure printed as
   ">limit" (a lower bound, and so is its speed-up). ``articles`` runs a
   second time with no parameter, "articles (all)": the list of every
   article, whose cost grows with the store, which the summary lines print
   beside the count of named queries within the target, not in it.
4. Times ``dvkg ask`` end to end on the on-disk store as written (parse,
   query, evidence), the way the library runs it once the process has
   started: the first question (the warm-up) also reads the store's index of
   names, which later questions reuse until the store changes; that one-off
   cost is printed first.
5. With ``--every-param``, times on the compacted store each query with no
   parameter (a list of everything, which grows with the store) and with
   each of its parameters alone: a parameter the query has no anchor for
   (``queries/runner.py``) shows as a scan of the whole store.

Prints figures only; targets (issue 7): ≤ 50 ms per named query on the
embedded store, ≥ 5× rdflib, ``ask`` ≤ 200 ms. Other jobs on the machine
slow every figure: the load average is printed with each section.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import NotBoundError

from dvkg import api
from dvkg.graph.iris import person_iri
from dvkg.graph.resolve import resolve
from dvkg.graph.store import Store
from dvkg.graph.terms import to_ox
from dvkg.graph.triples import article_triples, graph_iri
from dvkg.ingest.facts import Facts
from dvkg.ingest.lexicon import load_json
from dvkg.queries.ask import StoreIndex, ask
from dvkg.queries.runner import list_queries, param_term, render, run_query

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
ID = "https://w3id.org/dvkg/id/"
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trung", "Tuấn",
         "Vinh", "Xuân", "Yến", "Kiên", "Lực", "Điền", "Toàn", "Thành", "Chiến", "Đông"]
# Event nouns and how often each heads a generated event.
EVENT_NOUNS = [("hội nghị", 50), ("họp mặt", 15), ("lễ", 10), ("hội thảo", 10), ("buổi làm việc", 10), ("đại hội", 5)]
ONE_RUN_S = 5  # an rdflib query slower than this is timed once
OFFICIALS_PER_PROVINCE = 60
SON_LA_SHARE = 0.07
CODE_KEPT = 0.1
QUESTIONS = [
    "Ai chủ trì hội nghị tổng kết Nghị quyết 25 ở Sơn La?",
    "What did Lo Minh Hung chair?",
    "Lò Minh Hùng giữ chức vụ gì?",
    "Which provinces reviewed 25-NQ/TW?",
    "Who attended events on 2023-11-28?",
    "Ai chủ trì hội nghị ngày 28/11/2023?",
    "Who chaired events in November 2023?",
    "Lò Minh Hùng làm việc với ai?",
]


# ------------------------------------------------------------------ the store


def templates(corpus: Path) -> list[Facts]:
    """The extracted facts of the corpus and sample articles: the shapes every generated article copies."""
    paths = [p for p in (corpus, ROOT / "examples") if p.exists()]
    return [facts for facts in api.extract(paths) if isinstance(facts, Facts)]


def officials(provinces: list[str], rng: random.Random) -> dict[str, list[str]]:
    """Distinct names, OFFICIALS_PER_PROVINCE for each province; Lò Minh Hùng is one of Sơn La's."""
    lexicon = load_json("surnames")
    surnames, middles = lexicon["surnames"][:40], lexicon["middle_names"][:20]
    taken, pools = {"Lò Minh Hùng"}, {}
    for province in provinces:
        pool = []
        while len(pool) < OFFICIALS_PER_PROVINCE:
            name = f"{rng.choice(surnames)} {rng.choice(middles)} {rng.choice(GIVEN)}"
            if name not in taken:
                taken.add(name)
                pool.append(name)
        pools[province] = pool
    pools["Sơn La"][0] = "Lò Minh Hùng"
    return pools


def variant(template: Facts, n: int, province: str, pool: list[str], rng: random.Random) -> Facts:
    """``template`` re-cast: other officials, province, dates, event noun and document numbers."""
    names = sorted({p.name for p in template.people} | {r.person for e in template.events for r in e.roles},
                   key=len, reverse=True)
    table = dict(zip(names, rng.sample(pool, len(names))))
    if template.province:
        table[template.province] = province
    noun = rng.choices([n for n, _ in EVENT_NOUNS], [w for _, w in EVENT_NOUNS])[0]
    for event in template.events:
        table.setdefault(event.type, noun)
    codes = {d.code: re.sub(r"^\d+", str(rng.randint(1, 80)), d.code) for d in template.documents
             if rng.random() >= CODE_KEPT}
    table.update(codes)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    facts = _rewrite(template, lambda text: pattern.sub(lambda m: table[m.group(0)], text))
    day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    for event in facts.events:
        event.date = day if event.date else None
    facts.article, facts.source = f"gen{n:05d}.txt", f"generated/gen{n:05d}.txt"
    facts.province = province if template.province else None
    facts.published = day
    return facts


def _rewrite(value, swap):
    """A copy of ``value`` (facts, lists, strings) with ``swap`` applied to every string."""
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_rewrite(v, swap) for v in value]
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{f.name: _rewrite(getattr(value, f.name), swap)
                                             for f in dataclasses.fields(value)})
    return value


def generate(articles: int, corpus: Path, seed: int = 7) -> list[ox.Quad]:
    rng = random.Random(seed)
    base = templates(corpus)
    provinces = [p["name"] for p in load_json("provinces")["provinces"]]
    others = [p for p in provinces if p != "Sơn La"]
    pools = officials(provinces, rng)
    quads: list[ox.Quad] = []
    for n in range(articles):
        province = "Sơn La" if rng.random() < SON_LA_SHARE else rng.choice(others)
        facts = variant(base[n % len(base)], n, province, pools[province], rng)
        graph = ox.NamedNode(str(graph_iri(facts)))
        quads.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in article_triples(facts))
    return quads


# ------------------------------------------------------------------ measuring


def params_for(name: str) -> dict[str, object]:
    """The parameters ``dvkg ask`` would bind for a typical question (or a typical ``--param``)."""
    hung = str(person_iri("Lò Minh Hùng"))
    return {
        "chaired": {"province": ID + "province/son-la"},  # the issue's anchor: who chaired events in province X
        "chairs": {"person": "Lò Minh Hùng"},
        "speakers": {"person": "Lò Minh Hùng"},
        "attendees": {"person": "Lò Minh Hùng"},
        "positions": {"person": "Lò Minh Hùng"},
        "career": {"person": "Lò Minh Hùng"},
        "documents": {"code": "25-NQ/TW"},
        "events": {"type": "hội thảo"},
        "participants": {"from": "2023-11-01", "to": "2023-11-30"},
        "articles": {"from": "2023-11-01", "to": "2023-11-30"},
        "person-posts": {"person": hung},
        "body-events": {"body": ID + "org/tinh-uy-son-la"},
        "body-people": {"body": ID + "org/tinh-uy-son-la"},
        "document-reviews": {"code": "25-NQ/TW"},
        "co-chairs": {"person": hung},
        "co-attendance": {"person": hung},
        "documents-by-issuer": {"type": "Chỉ thị"},
        "awards": {"person": hung},
        "mentions": {"entity": hung},
    }.get(name, {})


def every_param(store: Store, only: set | None, repeat: int) -> None:
    """Each named query with no parameter, then with each of its parameters alone (a typical value read from the
    store), and ``from``/``to`` together: a parameter the query cannot start from shows as a slow line."""
    def first(name: str, column: str, **params) -> str:
        result = run_query(store, name, params)
        return dict(zip(result.columns, result.rows[0]))[column]

    hung = first("mentions", "entity", label="Lò Minh Hùng")
    values = {
        "name": "Lò Minh Hùng", "label": "Lò Minh Hùng", "entity": hung, "province": ID + "province/son-la",
        "code": "25-NQ/TW", "body": ID + "org/tinh-uy-son-la", "bodyName": "Tỉnh ủy Sơn La",
        "document": first("document-reviews", "document", code="25-NQ/TW"), "issuer": ID + "org/ban-bi-thu",
        "issuerName": "Ban Bí thư", "event": first("chaired", "event", province=ID + "province/son-la"),
        "source": first("articles", "source"), "role": "chair",
    }
    printed = {"attendees", "career", "chairs", "positions", "speakers"}  # their ?person is a name as printed
    print(f"\nevery parameter alone, compacted store, median of {repeat}:")
    for query in list_queries():
        if only and query.name not in only:
            continue
        given = [{}] + [{p: "Lò Minh Hùng" if query.name in printed else hung} if p == "person"
                        else {p: "Chỉ thị" if query.name == "documents-by-issuer" else "hội nghị"} if p == "type"
                        else {p: values[p]} for p in query.params if p not in ("from", "to")]
        if "from" in query.params:
            given.append({"from": "2023-11-01", "to": "2023-11-30"})
        for params in given:
            rows = len(run_query(store, query.name, params))
            ms = median_ms(lambda: run_query(store, query.name, params), repeat)
            print(f"  {query.name:<20}{ms:>9.1f} ms{rows:>7} rows  {_shown(params) or '(none)'}", flush=True)


def median_ms(run, repeat: int, warm: bool = True) -> float:
    if warm:
        run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def build(args, tmp: Path) -> tuple[Store, bytes]:
    """The on-disk store, reopened as the CLI finds it, and its N-Quads for the other engines."""
    started = time.perf_counter()
    quads = generate(args.articles, args.corpus)
    print(f"generated {args.articles} articles, {len(quads):,} quads in {time.perf_counter() - started:.1f} s", flush=True)
    disk = Store(ox.Store(str(tmp / "kg")), tmp / "kg")
    disk._db.bulk_extend(quads)
    disk._db.flush()
    del quads
    if not args.no_resolve:
        t = time.perf_counter()
        summary = resolve(disk).summary()
        print(f"{summary} in {time.perf_counter() - t:.0f} s", flush=True)
    data = disk._db.dump(format=ox.RdfFormat.N_QUADS)
    print(f"on-disk store: {len(disk):,} quads in {len(disk.graphs())} named graphs", flush=True)
    disk.close()
    return Store.open(tmp / "kg"), data


@dataclasses.dataclass
class Case:
    """One named query with the parameters it is measured with, and its figures."""

    name: str
    params: dict
    bindings: dict
    text: str
    rows: int = 0
    ms: dict = dataclasses.field(default_factory=dict)  # engine → median ms
    note: str = ""
    stopped: bool = False  # rdflib was stopped: its figure is a lower bound
    whole: bool = False  # a list of everything the query answers, whose cost grows with the store


def cases(args) -> list[Case]:
    found = []
    for query in list_queries():
        if not args.only or query.name in args.only:
            params = params_for(query.name)
            bindings = {k: param_term(v) for k, v in params.items()}
            found.append(Case(query.name, params, bindings, render(query.text, bindings)))
            if query.name == "articles":  # also the list of every article, whose cost grows with the store
                found.append(Case("articles (all)", {}, {}, query.text, whole=True))
    return found


def run_oxigraph(engine: str, store: Store, todo: list[Case], repeat: int) -> None:
    """Each query exactly as ``dvkg query`` runs it: rendered text, substitutions, rows as ``QueryResult``."""
    for case in todo:
        rows = len(store.query(case.text, case.bindings or None))
        case.rows = case.rows or rows
        if rows != case.rows:
            case.note += f" ({engine}: {rows} rows)"
        case.ms[engine] = median_ms(lambda: store.query(case.text, case.bindings or None), repeat)
    print(f"  {engine}: done; {load()}", flush=True)


def run_rdflib(dataset: Dataset, todo: list[Case], repeat: int, limit: float) -> None:
    """The same text, prepared once, with the parameters as ``initBindings``.

    The first run is the warm-up, stopped after ``limit`` seconds (then the
    figure is "more than ``limit``"); a first run over ``ONE_RUN_S`` is the
    figure itself, as repeating a query of minutes would take hours.
    """
    for case in todo:
        run, note = _rdflib_run(dataset, case.text, case.bindings), " "
        try:
            rows, first = _stopped_after(limit, run)
        except NotBoundError:
            run, note = _rdflib_run(dataset, case.text.replace("GROUP_CONCAT(DISTINCT ", "GROUP_CONCAT("), case.bindings), "†"
            rows, first = _stopped_after(limit, run)
        if rows is None:
            case.note += note + f" (rdflib stopped after {limit:g} s)"
            case.ms["rdflib"], case.stopped = limit * 1000, True
        else:
            case.note += note + (f" (rdflib: {len(rows)} rows)" if len(rows) != case.rows else "")
            case.ms["rdflib"] = first if first > ONE_RUN_S * 1000 else median_ms(run, repeat, warm=False)
        print(f"  rdflib {case.name}: {'>' if case.stopped else ''}{case.ms['rdflib']:.0f} ms", flush=True)
    print(f"  rdflib: done; {load()}", flush=True)


class _Late(Exception):
    pass


def _stopped_after(limit: float, run) -> tuple[list | None, float]:
    """(rows, ms) of one run, or (None, ms) when it was stopped after ``limit`` seconds (rdflib is pure Python,
    so the alarm's exception stops it where it is)."""
    def late(signum, frame):
        raise _Late
    previous = signal.signal(signal.SIGALRM, late)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.perf_counter()
    try:
        rows = run()
    except _Late:
        rows = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return rows, (time.perf_counter() - started) * 1000


def report(todo: list[Case]) -> None:
    print(f"\n{'':<27}{'----- oxigraph on disk -----':>30}")
    print(f"{'query':<21}{'rows':>6}{'as written':>13}{'compacted':>13}{'oxigraph mem':>14}{'rdflib mem':>12}{'speed-up':>10}"
          "   parameters")
    for case in todo:
        line = f"{case.name:<21}{case.rows:>6}{case.ms['disk']:>10.1f} ms{case.ms['compacted']:>10.1f} ms"
        line += f"{case.ms['memory']:>11.1f} ms" if "memory" in case.ms else f"{'-':>14}"
        if "rdflib" in case.ms:
            more = ">" if case.stopped else ""
            line += f"{more + format(case.ms['rdflib'], '.0f'):>9} ms{more + format(case.ms['rdflib'] / case.ms['disk'], '.0f'):>9}×"
        print(f"{line}{case.note or ' '}  {_shown(case.params)}")
    if any("†" in case.note for case in todo):
        print("† rdflib 7 raises NotBoundError on GROUP_CONCAT(DISTINCT ...) of a value some rows lack, so it runs "
              "these with GROUP_CONCAT(...): the same rows and work, repeated names in the concatenation")
    # The target is for answers, not for lists of the whole store: those are counted apart.
    named = [case for case in todo if not case.whole]
    for state in ("disk", "compacted"):
        slowest = sorted(named, key=lambda c: -c.ms[state])[:3]
        within = sum(case.ms[state] <= 50 for case in named)
        shown = "as written" if state == "disk" else "compacted, as a first dvkg ingest leaves it"
        print(f"\n{within} of {len(named)} named queries ≤ 50 ms on the on-disk store {shown}"
              " (slowest: " + ", ".join(f"{c.name} {c.ms[state]:.1f} ms" for c in slowest) + ")", end="")
        for case in todo:
            if case.whole:
                print(f"; beside them {case.name}, a list of the whole store ({case.rows} rows), {case.ms[state]:.1f} ms", end="")
    faster = [c for c in todo if "rdflib" in c.ms]
    print()
    if faster:
        lowest = min(faster, key=lambda c: c.ms["rdflib"] / c.ms["disk"])
        print(f"{sum(c.ms['rdflib'] >= 5 * c.ms['disk'] for c in faster)} of {len(faster)} at least 5× faster than rdflib "
              f"(lowest: {'>' if lowest.stopped else ''}{lowest.ms['rdflib'] / lowest.ms['disk']:.0f}×, {lowest.name}; "
              "> marks a lower bound: rdflib was stopped)")


def bench_ask(args, disk: Store) -> None:
    started = time.perf_counter()
    StoreIndex.of(disk)
    print(f"\ndvkg ask: the index of names read once in {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"dvkg ask end to end on the on-disk store (parse, query, evidence), median of {args.repeat}:")
    for question in QUESTIONS:
        answers = len(ask(disk, question).answers)
        ms = median_ms(lambda: ask(disk, question), args.repeat)
        print(f"  {ms:7.1f} ms  {answers:>3} answers  {question}", flush=True)
    print(f"  ({load()})")


def _rdflib_run(dataset: Dataset, text: str, bindings: dict):
    """A prepared rdflib run of ``text``."""
    prepared = prepareQuery(text)
    return lambda: list(dataset.query(prepared, initBindings=bindings))


def _shown(params: dict) -> str:
    return " ".join(f"{k}={str(v).removeprefix(ID)}" for k, v in params.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=4600)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--rdflib-repeat", type=int, default=5)
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--rdflib-limit", type=float, default=120,
                        help="stop an rdflib query after this many seconds; its figure is then a lower bound (default 120)")
    parser.add_argument("--no-resolve", action="store_true", help="skip entity resolution (saves about 6 s; people and documents-by-issuer, which read "
                             "what resolution writes, then find no rows)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="build the on-disk store in DIR/kg and keep it")
    parser.add_argument("--only", type=lambda s: set(s.split(",")), help="comma-separated query names")
    parser.add_argument("--every-param", action="store_true",
                        help="also time each query with each of its parameters alone, on the compacted store")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, pyoxigraph {ox.__version__}, {os.cpu_count()} cores; {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        disk, data = build(args, work)
        todo = cases(args)
        # One engine at a time, the on-disk store first and alone: a 1M-quad
        # in-memory store in the same process slows it by half, and rdflib's
        # millions of objects would slow every garbage collection.
        print(f"\nnamed queries, median of {args.repeat} runs (rdflib {args.rdflib_repeat}) after a warm-up:")
        run_oxigraph("disk", disk, todo, args.repeat)
        bench_ask(args, disk)
        # Resolution rewrites nodes in thousands of graphs: until RocksDB
        # compacts them away, the old entries slow some scans down.
        t = time.perf_counter()
        disk.compact()
        disk.close()
        print(f"  compacted (Store.compact) in {time.perf_counter() - t:.1f} s", flush=True)
        disk = Store.open(work / "kg")
        run_oxigraph("compacted", disk, todo, args.repeat)
        if args.every_param:
            every_param(disk, args.only, args.repeat)
        disk.close()
        memory = ox.Store()
        memory.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        run_oxigraph("memory", Store(memory, None), todo, args.repeat)
        del memory
        if not args.no_rdflib:
            t = time.perf_counter()
            dataset = Dataset(default_union=True)
            dataset.parse(data=data.decode("utf-8"), format="nquads")
            print(f"rdflib loaded in {time.perf_counter() - t:.0f} s", flush=True)
            gc.collect()
            gc.freeze()
            run_rdflib(dataset, todo, args.rdflib_repeat, args.rdflib_limit)
        report(todo)

if __name__ == "__main__":
    sys.exit(main())
