"""The store never holds half an article: kill -9 during ingest, a reader during writes, a second process.

The kill test runs ``dvkg.api.ingest`` in a subprocess that writes new articles
in groups of four (each group one atomic bulk load) and reports each article
done on stdout, kills it with SIGKILL after ten, and checks that every
article graph in the store is whole, that rerunning the same command finishes
the job, and that the result equals an uninterrupted ingest.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from dvkg.cli import main
from dvkg.graph.store import Store
from dvkg.graph.triples import article_graph, graph_iri
from dvkg.graph.validate import validate_fast

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GENERATED_AT = "<http://www.w3.org/ns/prov#generatedAtTime>"

DRIVER = """
import sys
from dvkg import api
with api.open_store(sys.argv[2]) as store:
    api.ingest([sys.argv[1]], store, write_group=4, on_article=lambda error: print("stored", flush=True))
print("done", flush=True)
"""


def _son_la():
    path = Path(__file__).with_name("test_graph_triples.py")
    spec = importlib.util.spec_from_file_location("dvkg_tests_son_la_crash", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.son_la_facts


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """60 articles: the corpus and the samples under many names."""
    sources = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    if not sources:
        pytest.skip("no articles to copy")
    folder = tmp_path_factory.mktemp("articles")
    for n in range(60):
        source = sources[n % len(sources)]
        shutil.copy(source, folder / f"{n:03d}_{source.name}")
    return folder


def _lasting_quads(store: Store) -> set[str]:
    return {str(q) for q in store._db if GENERATED_AT not in str(q)}


def test_kill_9_during_ingest_leaves_no_half_article_and_rerunning_completes(articles, tmp_path):
    directory = tmp_path / "kg"
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(articles), str(directory)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(10):  # let it store some articles, then kill it mid-stream
        assert child.stdout.readline().strip() == "stored"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL

    with Store.open(directory) as store:  # the lock dies with the process
        stored = store.articles()
        assert 8 <= len(stored) < 60  # ten done: the first two groups of four are written
        dataset = store.dataset()
        for graph in stored:  # every article graph is whole: it passes the shapes and has its article
            triples = dataset.graph(graph)
            assert validate_fast(triples).conforms
            assert len(store.query(f"ASK {{ GRAPH <{graph}> {{ ?a a <https://w3id.org/dvkg/ns#Article> }} }}").rows) == 1

    rerun = CliRunner().invoke(main, ["ingest", str(articles), "--store", str(directory)])
    assert rerun.exit_code == 0, rerun.output
    assert "60 article(s) ingested" in rerun.output

    clean = tmp_path / "clean"
    CliRunner().invoke(main, ["ingest", str(articles), "--store", str(clean)])
    with Store.open(directory) as resumed, Store.open(clean) as uninterrupted:
        assert len(resumed.articles()) == 60
        assert _lasting_quads(resumed) == _lasting_quads(uninterrupted)


def test_a_reader_during_writes_sees_whole_articles_only():
    son_la_facts = _son_la()
    size = len(article_graph(son_la_facts()))
    with Store.open(None) as store:
        done = threading.Event()

        def writer():
            for n in range(60):
                facts = son_la_facts(article=f"{n:03d}.txt")
                store.write_article(graph_iri(facts), article_graph(facts))
            done.set()

        thread = threading.Thread(target=writer)
        thread.start()
        seen = set()
        while not done.is_set():
            counts = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
            seen |= {int(n) for _, n in counts}
        thread.join()
        assert seen <= {size}


def test_a_second_process_gets_a_clear_message(tmp_path):
    directory = tmp_path / "kg"
    Store.open(directory).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from dvkg import api; s = api.open_store(sys.argv[1]); print('open', flush=True); sys.stdin.read()",
         str(directory)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = CliRunner().invoke(main, ["query", "chairs", "--store", str(directory)])
        assert result.exit_code == 2
        assert result.output.strip() == (
            f"Error: store {directory} is in use by another dvkg process; wait for it or use another --store")
    finally:
        holder.communicate("")
