"""Synthetic articles: generated from the lexicons, streamed, and read back by the extractor as planted."""
from __future__ import annotations

import inspect
import json

from dvkg.ingest import synthetic
from dvkg.ingest.articles import article_from_text, read_articles
from dvkg.ingest.pipeline import extract


def _facts(article: synthetic.SyntheticArticle):
    return extract(article_from_text(article.text, article.id, article.id, published=article.published))


def test_articles_is_a_generator_that_never_builds_the_corpus():
    made = synthetic.articles(10**9)  # a billion: only a generator can answer at once
    assert inspect.isgenerator(made)
    first = next(made)
    assert first.id == "synthetic-0000000" and first.chairs and first.text.startswith(first.title)


def test_the_same_seed_gives_the_same_articles_and_another_seed_others():
    same = [a.text for a in synthetic.articles(5, seed=3)], [a.text for a in synthetic.articles(5, seed=3)]
    assert same[0] == same[1]
    assert same[0] != [a.text for a in synthetic.articles(5, seed=4)]


def test_articles_vary_the_genre_constructions():
    texts = [a.text for a in synthetic.articles(300)]
    for construction in ("Các đồng chí: ", "Chủ trì ", "Đồng chí ", " - ", "Tỉnh ủy ", " chủ trì ", "Phát biểu kết luận",
                         "Dự ", " tháng ", "-NQ/TW", "/TU ", "trao bằng khen"):
        assert sum(construction in t for t in texts) >= 10, construction
    title_first = [t for t in texts if any(f"{title} " in t.split("\n\n")[2] for title in ("Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"))]
    assert title_first  # TITLE NAME chủ trì ...


def test_extraction_finds_every_planted_chair_person_post_event_and_document():
    chairs = people = 0
    for article in synthetic.articles(200, seed=11):
        facts = _facts(article)
        (event,) = facts.events
        assert event.people("chair") == article.chairs, article.text
        assert event.type == article.event_type and event.date == article.event_date
        assert event.documents == article.documents
        found = {p.name: p for p in facts.people}
        assert set(found) == set(article.people), article.text
        for name, post in article.people.items():
            titles = [q.title for q in found[name].positions]
            assert titles and all(t in post for t in titles), (name, post, titles)
        chairs += len(article.chairs)
        people += len(article.people)
    assert chairs > 300 and people > 600  # the sample really exercised the rules


def test_write_jsonl_streams_files_of_bounded_size_that_ingest_reads(tmp_path):
    size = synthetic.write_jsonl(tmp_path, 25, per_file=10)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert size == sum(p.stat().st_size for p in tmp_path.iterdir())
    read = list(read_articles([tmp_path]))
    assert [a.name for a in read] == [f"synthetic-{i:07d}" for i in range(25)]
    record = json.loads((tmp_path / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(record) == {"id", "title", "text", "published"}
    assert read[0].published == record["published"]

