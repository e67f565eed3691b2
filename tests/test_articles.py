"""Reading and cleaning articles: text, HTML, JSON Lines, and every kind of bad file."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from dvkg.errors import ArticleError
from dvkg.ingest.articles import article_from_text, read_article, read_articles
from dvkg.ingest.normalize import normalize_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")

BODY = (
    "Ngày 28/11, Tỉnh ủy Sơn La tổ chức hội nghị tổng kết công tác dân vận. "
    "Đồng chí Lò Minh Hùng, Phó Bí thư Thường trực Tỉnh ủy chủ trì hội nghị."
)


def items(paths) -> tuple[list, list[ArticleError]]:
    got = list(read_articles(paths))
    return [a for a in got if not isinstance(a, ArticleError)], [e for e in got if isinstance(e, ArticleError)]


PAGE = """<!DOCTYPE html><html><head><title>Hội nghị</title>{meta}</head><body>
<header><nav><a href="/">Trang chủ</a> <a href="/chinh-tri">Chính trị</a></nav>
<div class="top-lead">Chào mừng kỷ niệm 80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam</div></header>
<h1>Tỉnh ủy Sơn La tổng kết công tác dân vận</h1>{dateline}
<div class="news-sapo"><b>Sáng 14/10, Tỉnh ủy Sơn La tổ chức hội nghị tổng kết công tác dân vận năm 2025.</b></div>
<div class="news-body-x"><p>Đồng chí Lò Minh Hùng, Phó Bí thư Thường trực Tỉnh ủy chủ trì hội nghị. Hội nghị đánh giá
kết quả công tác dân vận của các cấp, các ngành trong năm qua và đề ra nhiệm vụ năm tới.</p>
<p>Phát biểu kết luận, đồng chí Lò Minh Hùng đề nghị các cấp ủy tiếp tục quan tâm công tác dân vận trong
tình hình mới, gắn với phong trào thi đua dân vận khéo.</p></div>
<footer>Giấy phép số 12/GP-BTTTT. Tổng Biên tập: Trần Văn Bút</footer></body></html>"""


@pytest.mark.parametrize("meta, dateline, published", [
    ('<meta property="article:published_time" content="2025-10-14T17:30:00.000Z">', "", "2025-10-15"),
    ('<meta property="article:published_time" content="2025-10-14T09:35:00+07:00">', "", "2025-10-14"),
    ("", '<div class="detail-time">15/10/2025 | 07:45 GMT+7</div>', "2025-10-15"),
])
def test_a_pages_lead_beside_its_body_is_read_and_its_date_is_the_day_in_vietnam(tmp_path, meta, dateline, published):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta=meta, dateline=dateline), encoding="utf-8")
    article = read_article(path)
    assert article.published == published  # a time in UTC is the next day in Vietnam after 17:00
    assert "Sáng 14/10, Tỉnh ủy Sơn La tổ chức hội nghị" in article.text  # the lead, outside the body block
    assert "Chào mừng kỷ niệm" not in article.text and "Tổng Biên tập" not in article.text
    assert article.text.index("Sáng 14/10") < article.text.index("Đồng chí Lò Minh Hùng")


def test_both_tone_mark_placements_and_nfd_read_as_one_spelling():
    nfd = unicodedata.normalize("NFD", "Tỉnh uỷ Sơn La, Hoà Bình")
    assert normalize_text(nfd) == "Tỉnh ủy Sơn La, Hòa Bình"
    assert normalize_text("a\u00a0b\r\nc &amp; d\u200b") == "a b\nc & d"


@needs_corpus
def test_boilerplate_is_left_out_of_the_corpus_articles():
    article = read_article(CORPUS / "004_dfde58ff5792bfd0.txt")
    assert "Tin cùng chuyên mục" not in article.text
    assert "Đỗ Quang Minh" not in article.text  # named only in a related-news teaser
    assert ".JPG" not in article.text
    assert article.title == "Tăng cường dân vận ở vùng cao, vùng biên giới, vùng đồng bào dân tộc thiểu số"


@needs_corpus
def test_printed_date_line_is_the_publication_date():
    assert read_article(CORPUS / "001_4210ff3868224523.txt").published == "2024-07-23"
    assert read_article(CORPUS / "002_dc9aa2cb3ccc342f.txt").published == "2020-10-12"
    assert read_article(CORPUS / "000_6cabc671c13fed58.txt").published is None


def test_html_page_main_text_without_navigation_or_related_news():
    article = read_article(EXAMPLES / "bac-kan-dan-van-kheo.html")
    assert "Ma Từ Đông Điền" in article.text
    assert "Trang chủ" not in article.text
    assert "Nguyễn Văn Tin" not in article.text
    assert article.published == "2024-07-23"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as legacy editors wrote it: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_file_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(_cp1258(BODY))
    assert "Lò Minh Hùng" in read_article(path).text


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"<html><body><nav>Trang chu</nav></body></html>", "no article text"),
    ],
)
def test_bad_files_give_one_line_naming_file_and_problem(tmp_path, content, problem):
    path = tmp_path / ("bad.html" if b"<html" in content else "bad.txt")
    path.write_bytes(content)
    good, errors = items([path])
    assert good == []
    assert len(errors) == 1 and str(path) in str(errors[0]) and problem in str(errors[0])
    assert "\n" not in str(errors[0])


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(BODY.replace("Lò Minh Hùng", "Lò Văn Sơn"), encoding="utf-8")
    good, errors = items([tmp_path])
    assert [a.name for a in good] == ["a.txt", "c.txt"]
    assert len(errors) == 1 and "b.txt" in str(errors[0])


def test_folder_without_articles_and_missing_path(tmp_path):
    (tmp_path / "notes.md").write_text("nothing", encoding="utf-8")
    _, errors = items([tmp_path, tmp_path / "missing.txt"])
    assert "no articles here" in str(errors[0])
    assert "no such file" in str(errors[1])


def test_json_lines_records_with_metadata_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "sl-1", "url": "https://baosonla.vn/a1", "published": "2023-11-29", "text": BODY}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "sl-2"}),
        json.dumps({"title": "no id", "text": BODY}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    good, errors = items([path])
    assert [a.name for a in good] == ["sl-1"]
    assert good[0].published == "2023-11-29" and good[0].source == "https://baosonla.vn/a1"
    assert [str(e).split(": ")[0] for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_a_caption_printed_twice_is_kept_once():
    article = article_from_text(f"Tiêu đề\n\n{BODY}\nẢnh hội nghị.\nẢnh hội nghị.\n", "t.txt", "t.txt")
    assert article.text.count("Ảnh hội nghị.") == 1


def test_noisy_text_reads_like_clean_text():
    clean = article_from_text(f"Tiêu đề\n\n{BODY}", "a.txt", "a.txt")
    noisy_body = unicodedata.normalize("NFD", BODY).replace("ủy", "uỷ").replace(" ", "\u00a0", 3)
    noisy = article_from_text(f"Tiêu đề\r\n\r\n{noisy_body}".replace("Sơn La", "Sơn&nbsp;La"), "a.txt", "a.txt")
    assert noisy.text == clean.text


def test_one_very_long_line_is_read_sentence_by_sentence():
    from dvkg.ingest.pipeline import extract

    article = article_from_text("Tiêu đề\n\n" + " ".join([BODY] * 2000), "long.txt", "long.txt")
    assert len(article.text) > 250_000
    facts = extract(article)
    assert [p.name for p in facts.people] == ["Lò Minh Hùng"]
    assert facts.events[0].people("chair") == ["Lò Minh Hùng"]


def test_a_related_news_box_inside_the_body_is_left_out_and_the_article_goes_on():
    conclusion = ("Kết luận hội nghị, đồng chí Hoàng Văn Nghiệm đề nghị các cấp ủy tiếp tục quán triệt sâu sắc nội dung "
                  "nghị quyết, đưa nghị quyết vào cuộc sống và hoàn thành thắng lợi nhiệm vụ năm 2025 của tỉnh nhà.")
    text = "\n".join(["Hội nghị tổng kết", "", "Sáng 11/7/2024, Tỉnh ủy Cao Bằng tổ chức hội nghị.", "", "Tin liên quan",
                      "Lào Cai: tổng kết 10 năm Nghị quyết 25", "Sơn La: hội nghị dân vận", "", conclusion, "",
                      "Tin liên quan", "Bắc Kạn: Dân vận khéo", "Bình luận", "Gửi bình luận của bạn"])
    article = article_from_text(text, "box.txt", "box.txt")
    assert conclusion in article.text
    assert "Lào Cai: tổng kết" not in article.text and "Bắc Kạn" not in article.text and "Gửi bình luận" not in article.text
