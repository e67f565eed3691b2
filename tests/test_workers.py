"""Parallel extraction: worker processes on this machine, and a real Dask cluster that loses a worker mid-job."""
from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from datetime import datetime, timezone

import pytest

from dvkg import api
from dvkg.errors import DvkgError, ValidationError
from dvkg.graph import checked
from dvkg.ingest import synthetic
from dvkg.ingest.articles import read_articles
from dvkg.ingest.facts import Facts
from dvkg.ingest.parallel import extract_batch, extract_parallel

NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """20 generated articles in two JSON Lines files, and one file that is not an article."""
    folder = tmp_path_factory.mktemp("corpus")
    synthetic.write_jsonl(folder, 20, seed=5, per_file=10)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _names(items) -> list[str]:
    return [item.article for item in items if isinstance(item, Facts)]


def _content(store) -> dict[str, set[str]]:
    """Each article graph's triples, less the ingest time (which differs between runs)."""
    return {g: {str(t) for t in store.graph_triples(g) if "generatedAtTime" not in str(t.predicate)}
            for g in store.articles()}


def test_workers_extract_every_article_once_in_any_order(corpus):
    one = list(api.extract([corpus]))
    two = list(extract_parallel([str(corpus)], workers=2, batch_size=3))
    assert sorted(_names(two)) == sorted(_names(one)) and len(set(_names(two))) == 20
    errors = [str(e) for e in two if not isinstance(e, Facts)]
    assert errors == [str(e) for e in one if not isinstance(e, Facts)] and "empty.txt" in errors[0]
    facts = {f.article: f.to_record() for f in two if isinstance(f, Facts)}
    assert facts == {f.article: f.to_record() for f in one if isinstance(f, Facts)}


def test_ingest_with_two_workers_stores_what_one_process_stores(corpus):
    with api.open_store(None) as alone, api.open_store(None) as pooled:
        first = api.ingest([corpus], alone)
        report = api.ingest([corpus], pooled, workers=2)
        assert sorted(report.written) == sorted(first.written) and len(report.written) == 20
        assert len(report.errors) == 1
        assert _content(pooled) == _content(alone)
        assert api.query(pooled, "chairs").rows == api.query(alone, "chairs").rows
        again = api.ingest([corpus], pooled, workers=2)
        assert again.written == [] and len(again.unchanged) == 20


def test_with_workers_the_writing_process_builds_and_checks_no_graph(corpus, monkeypatch):
    """The workers build, check and serialise each graph; the process that writes only renames and loads them."""
    with api.open_store(None) as alone, api.open_store(None) as pooled:
        api.ingest([corpus], alone)

        def not_here(*args, **kwargs):
            raise AssertionError("the writing process built or checked a graph")

        for name in ("article_triples", "check_fast", "as_ntriples"):
            monkeypatch.setattr(checked, name, not_here)
        report = api.ingest([corpus], pooled, workers=2)  # spawned workers import the real functions
        assert len(report.written) == 20 and len(report.errors) == 1
        assert _content(pooled) == _content(alone)
        with api.open_store(None) as fresh, pytest.raises(AssertionError, match="built or checked"):
            api.ingest([corpus], fresh)  # in one process the same functions are called


def test_a_graph_a_worker_finds_nonconforming_is_that_articles_error_and_the_rest_is_written(corpus, tmp_path):
    articles = [item for item in read_articles([str(corpus)]) if not isinstance(item, DvkgError)]
    refused = articles[3].source

    def check(facts):
        if facts.source == refused:
            raise ValidationError(f"{facts.source}: graph does not conform to the shapes: <urn:x> has no name")
        return checked.check_article(facts, ingested_at=NOW)

    batch = extract_batch(articles[:5], then=check)  # as a worker runs it
    assert [type(item).__name__ for item in batch] == ["CheckedGraph"] * 3 + ["ValidationError", "CheckedGraph"]
    sent_back = pickle.loads(pickle.dumps(batch))  # what crosses the process boundary
    with api.open_store(tmp_path / "kg") as store:
        report = api.store_facts(sent_back, store, now=NOW)
        assert report.errors == [f"{refused}: graph does not conform to the shapes: <urn:x> has no name"]
        assert len(report.written) == 4 == len(store.articles())


def test_workers_read_ahead_only_a_few_batches(tmp_path):
    for number, article in enumerate(synthetic.articles(30, seed=2)):
        (tmp_path / f"{number:02d}.txt").write_text(article.text, encoding="utf-8")
    pulled = []

    def paths():
        for path in sorted(tmp_path.iterdir()):
            pulled.append(path)
            yield str(path)

    stream = extract_parallel(paths(), workers=1, batch_size=1)
    assert isinstance(next(stream), Facts)
    assert len(pulled) <= 4  # two batches out, one being read: not the 30 files
    assert len([next(stream) for _ in range(5)]) == 5 and len(pulled) <= 9
    stream.close()


def test_a_bad_scheduler_address_is_one_clear_error(corpus):
    with api.open_store(None) as store, pytest.raises(DvkgError, match="not a Dask scheduler address"):
        api.ingest([corpus], store, scheduler="localhost:8786")


# ------------------------------------------------------------------ Dask


@pytest.fixture(scope="module")
def cluster():
    """A real cluster: a scheduler and two worker processes (each with a nanny that restarts it)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield cluster, client


def _worker_pids(client) -> dict[str, int]:
    return client.run(os.getpid)


def test_a_worker_killed_mid_job_loses_and_duplicates_no_article(corpus, cluster):
    local, client = cluster
    before = _worker_pids(client)
    killed = []

    def kill_a_busy_worker():
        """SIGKILL the first worker the scheduler sees with a batch assigned and not finished."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                os.kill(before[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
                return
            time.sleep(0.002)

    killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
    killer.start()
    with api.open_store(None) as store:
        report = api.ingest([corpus], store, scheduler=local.scheduler_address, batch_size=1)
        killer.join(timeout=1)
        assert killed
        assert len(report.written) == 20 == len(set(report.written)), report.summary()
        assert report.unchanged == [] and len(report.errors) == 1  # the empty file only
        assert len(store.articles()) == 20
        stored, quads = _content(store), len(store)

        again = api.ingest([corpus], store, scheduler=local.scheduler_address, batch_size=1)
        assert again.written == [] and sorted(again.unchanged) == sorted(report.written)
        assert _content(store) == stored and len(store) == quads

    deadline = time.monotonic() + 30
    while len(client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    after = _worker_pids(client)
    assert before[killed[0]] not in after.values()  # that process really died; its nanny started another


def test_cluster_extraction_matches_local_extraction(corpus, cluster):
    local, _ = cluster
    remote = {f.article: f.to_record() for f in extract_parallel([str(corpus)], scheduler=local.scheduler_address)
              if isinstance(f, Facts)}
    assert remote == {f.article: f.to_record() for f in api.extract([corpus]) if isinstance(f, Facts)}

