"""The dvkg command as a user runs it: on the corpus, the sample articles and bad files."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import dvkg
from dvkg.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EVAL = ROOT.parent / "shared" / "eval"
EXAMPLES = ROOT / "examples"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")
SON_LA = "000_6cabc671c13fed58.txt"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")
    store = tmp_path_factory.mktemp("store") / "kg"
    result = run("ingest", CORPUS, "--store", store)
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"dvkg {command}" in result.output
    samples = re.findall(r"examples/[\w.-]+", result.output)
    assert all((ROOT / sample).exists() for sample in samples), samples  # an example a user can run as printed


def test_public_api_matches_all():
    public = {
        name
        for name, value in vars(dvkg).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert public == set(dvkg.__all__)


@needs_corpus
def test_chairs_query_on_the_son_la_article_returns_its_three_chairs(corpus_store):
    result = run("query", "chairs", "--store", corpus_store, "--format", "json")
    rows = [r for r in json.loads(result.output) if r["article"] == SON_LA]
    assert sorted(r["person"] for r in rows) == ["Lò Minh Hùng", "Lưu Minh Quân", "Phạm Tất Thắng"]
    assert {r["date"] for r in rows} == {"2023-11-28"}
    assert {r["organiser"] for r in rows} == {"Tỉnh ủy Sơn La"}


@needs_corpus
def test_reingesting_the_corpus_changes_nothing(corpus_store):
    before = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", corpus_store, "--format", "csv")
    again = run("ingest", CORPUS, "--store", corpus_store)
    after = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", corpus_store, "--format", "csv")
    assert "0 written, 5 unchanged" in again.output
    assert before.output == after.output


@needs_corpus
def test_positions_and_documents_queries(corpus_store):
    positions = json.loads(run("query", "positions", "--store", corpus_store, "--format", "json").output)
    quan = {(r["title"], r["organisation"]) for r in positions if r["person"] == "Lưu Minh Quân"}
    assert ("Trưởng ban", "Ban Dân vận Tỉnh ủy Sơn La") in quan
    documents = json.loads(run("query", "documents", "--store", corpus_store, "--format", "json").output)
    codes = {r["code"] for r in documents}
    assert {"25-NQ/TW", "43-KL/TW", "33/CT-TTg", "06-ĐA/TU"} <= codes


@needs_corpus
def test_extract_prints_schema_records_that_score_on_the_gold(tmp_path):
    result = run("extract", CORPUS, "--format", "jsonl")
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["article"] for r in records] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert set(records[0]) >= {"article", "published", "events", "people", "documents"}
    pred = tmp_path / "pred.jsonl"
    pred.write_text(result.output, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "gold" / "seeds.jsonl"), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    micro = json.loads(scored.stdout)["micro"]
    assert micro["f1"] >= 0.9


def test_extract_explain_gives_sentences_and_offsets():
    result = run("extract", EXAMPLES / "son-la-dan-van.txt", "--explain")
    record = json.loads(result.output)
    role = record["events"][0]["roles"][0]
    assert role["kind"] == "chair" and "chủ trì hội nghị" in role["evidence"]["sentence"]
    assert role["evidence"]["end"] > role["evidence"]["start"]


def test_ingest_reports_bad_files_and_goes_on(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    store = tmp_path / "kg"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), str(bad), "--store", str(store)])
    assert result.exit_code == 0
    assert f"skipped: {bad}: file is empty" in result.output
    assert "3 article(s) ingested" in result.output


def test_ingest_points_to_the_pairs_to_review_even_when_nothing_was_renamed(tmp_path):
    for name, body in [("lao-cai.txt", "Tỉnh ủy Lào Cai"), ("ca-mau.txt", "Sở Nội vụ tỉnh Cà Mau")]:
        text = (f"{body} tổng kết công tác năm 2023\n\nSáng 5/3/2024, {body} tổ chức Hội nghị tổng kết "
                "công tác năm 2023. Đồng chí Hoàng Giang chủ trì hội nghị.\n")
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("ingest", tmp_path / "lao-cai.txt", tmp_path / "ca-mau.txt", "--store", tmp_path / "kg")
    # One Hoàng Giang, merged though the articles are about two provinces: no node renamed, one pair to review.
    assert "0 node(s) renamed in 0 article(s), 1 to review: see dvkg people --duplicates" in result.output
    assert "Hoàng Giang: merged" in run("people", "--duplicates", "--store", tmp_path / "kg").output


def test_ingest_exits_1_when_nothing_could_be_ingested(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02garbage")
    result = CliRunner().invoke(main, ["ingest", str(bad), "--store", str(tmp_path / "kg")])
    assert result.exit_code == 1
    assert "looks like a binary file" in result.output


def test_sparql_syntax_error_is_one_line_with_position(tmp_path):
    result = CliRunner().invoke(main, ["query", "SELECT ?x WHERE { ?x ?y }", "--store", str(tmp_path / "kg")])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert "line 1" in result.output or "column" in result.output


def test_demo_path_ingest_query_export_viz(tmp_path):
    store, out = tmp_path / "kg", tmp_path / "out"
    assert run("ingest", EXAMPLES, "--store", store).exit_code == 0
    table = run("query", "chairs", "--store", store).output
    assert "Lưu Minh Quân" in table and "Ma Từ Đông Điền" in table
    assert "wrote" in run("export", out / "graph.ttl", "--store", store).output
    assert (out / "graph.ttl").read_text(encoding="utf-8").count("Lò Minh Hùng") >= 1
    run("viz", "--out", out / "graph.html", "--store", store)
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "Lò Minh Hùng" in page and "<script src=" not in page and "https://cdn" not in page
