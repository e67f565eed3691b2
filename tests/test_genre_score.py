"""The extractor on articles written for testing (tests/data/genre), scored like the corpus."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dvkg.api import extract

DATA = Path(__file__).parent / "data"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not beside the checkout")
@pytest.mark.parametrize("name", ["genre", "heldout", "unseen", "fresh", "varied", "national", "congress", "pages", "mixed", "ceremony", "review", "local", "delegations", "plenary", "portal", "feed", "foreign", "session", "scraped", "roundup", "names", "agenda", "digest", "wire", "beat"])
def test_written_sets_score_like_the_targets(tmp_path, name):
    GENRE = DATA / name
    pred = tmp_path / "pred.jsonl"
    records = [json.dumps(f.to_record(), ensure_ascii=False) for f in extract([GENRE / "articles"])]
    pred.write_text("\n".join(records) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(GENRE / "gold.jsonl"), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    scores = json.loads(out.stdout)
    f1 = {kind: result["f1"] for kind, result in scores["kinds"].items()}
    assert scores["micro"]["f1"] >= 0.95, scores["micro"]
    for kind, target in {"person": 0.97, "chair": 0.95, "document": 0.95, "position": 0.9}.items():
        assert f1[kind] >= target, (kind, f1)
