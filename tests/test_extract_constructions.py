"""The genre's constructions, one test each, on sentences written for the test.

The names are made up; the constructions are those of provincial party
newspapers. Each test reads a short article through the whole extractor.
"""
from __future__ import annotations

import pytest

from dvkg.ingest.articles import article_from_text
from dvkg.ingest.pipeline import extract


def facts_of(body: str, *, title: str = "Hội nghị tổng kết công tác dân vận", published: str | None = None):
    article = article_from_text(f"{title}\n\n{body}", "t.txt", "t.txt", published=published)
    return extract(article)


def record_of(body: str, **kw) -> dict:
    return facts_of(body, **kw).to_record()


def positions(record: dict, name: str) -> list[tuple[str, str | None]]:
    person = next(p for p in record["people"] if p["name"] == name)
    return [(q["title"], q["organization"]) for q in person["positions"]]


def test_comrade_name_then_titles_split_into_posts():
    rec = record_of(
        "Ngày 5/3/2024, Tỉnh ủy Lào Cai tổ chức hội nghị. Đồng chí Nguyễn Văn An, Ủy viên Ban Thường vụ Tỉnh ủy, "
        "Trưởng ban Tuyên giáo Tỉnh ủy chủ trì hội nghị."
    )
    assert positions(rec, "Nguyễn Văn An") == [
        ("Ủy viên Ban Thường vụ", "Tỉnh ủy Lào Cai"),
        ("Trưởng ban", "Ban Tuyên giáo Tỉnh ủy Lào Cai"),
    ]
    assert rec["events"][0]["chairs"] == ["Nguyễn Văn An"]
    assert rec["events"][0]["date"] == "2024-03-05"
    assert rec["events"][0]["organizers"] == ["Tỉnh ủy Lào Cai"]


def test_fronted_chair_list_with_dash_and_semicolons_gives_every_member_the_role():
    rec = record_of(
        "Sáng 12/4, Huyện ủy Bát Xát tổ chức hội nghị. Chủ trì hội nghị có các đồng chí: Giàng A Lử - Bí thư Huyện ủy; "
        "Sùng Thị Mai, Chủ tịch UBND huyện.",
        published="2023-04-13",
    )
    event = rec["events"][0]
    assert event["chairs"] == ["Giàng A Lử", "Sùng Thị Mai"]
    assert event["date"] == "2023-04-12"
    assert positions(rec, "Giàng A Lử") == [("Bí thư", "Huyện ủy Bát Xát")]
    assert positions(rec, "Sùng Thị Mai") == [("Chủ tịch", "Ủy ban nhân dân huyện Bát Xát")]


def test_list_then_predicate_applies_to_each_member():
    rec = record_of(
        "Các đồng chí: Lê Minh Tâm, Phó Bí thư Tỉnh ủy; Hà Thị Lan, Phó Chủ tịch HĐND tỉnh; "
        "Ma Văn Sinh, Giám đốc Sở Nội vụ, đồng chủ trì hội nghị."
    )
    assert rec["events"][0]["chairs"] == ["Lê Minh Tâm", "Hà Thị Lan", "Ma Văn Sinh"]
    assert positions(rec, "Ma Văn Sinh") == [("Giám đốc", "Sở Nội vụ")]


def test_title_before_name_with_province_and_no_comma():
    rec = record_of("Bí thư Tỉnh ủy Cao Bằng Trần Hồng Quân phát biểu chỉ đạo hội nghị.")
    assert positions(rec, "Trần Hồng Quân") == [("Bí thư", "Tỉnh ủy Cao Bằng")]
    assert rec["events"][0]["speakers"] == ["Trần Hồng Quân"]


def test_title_before_name_after_a_district_keeps_the_place():
    rec = record_of("Bí thư Huyện ủy Mai Sơn Nguyễn Văn Bình tới dự hội nghị.")
    assert positions(rec, "Nguyễn Văn Bình") == [("Bí thư", "Huyện ủy Mai Sơn")]
    assert rec["events"][0]["attendees"] == ["Nguyễn Văn Bình"]


def test_presiding_by_implication_is_not_chairing():
    rec = record_of("Dự và chỉ đạo hội nghị có đồng chí Lò Văn Hương, Phó Bí thư Tỉnh ủy.")
    event = rec["events"][0]
    assert event["chairs"] == []
    assert event["attendees"] == ["Lò Văn Hương"]


def test_under_the_chairing_of():
    rec = record_of("Hội nghị diễn ra dưới sự chủ trì của đồng chí Thào Seo Dình, Chủ tịch UBND tỉnh.")
    assert rec["events"][0]["chairs"] == ["Thào Seo Dình"]


def test_abbreviated_titles_are_expanded():
    rec = record_of(
        "Ngày 2/6/2022, Ban Dân vận Tỉnh ủy Hà Giang tổ chức hội nghị. Đ/c Tráng A Dương, UV BTV TU, Trưởng Ban Dân vận, "
        "Chủ tịch UBMTTQ tỉnh phát biểu tại hội nghị."
    )
    assert positions(rec, "Tráng A Dương") == [
        ("Ủy viên Ban Thường vụ", "Tỉnh ủy Hà Giang"),
        ("Trưởng ban", "Ban Dân vận Tỉnh ủy Hà Giang"),
        ("Chủ tịch", "Ủy ban Mặt trận Tổ quốc tỉnh Hà Giang"),
    ]
    assert rec["events"][0]["speakers"] == ["Tráng A Dương"]


def test_speaker_chair_attendee_precedence():
    rec = record_of(
        "Ngày 3/3/2021, Tỉnh ủy tổ chức hội nghị. Đồng chí Vũ Đức Hải, Bí thư Tỉnh ủy chủ trì hội nghị. "
        "Phát biểu kết luận hội nghị, đồng chí Vũ Đức Hải yêu cầu các cấp ủy tiếp tục đổi mới. "
        "Đồng chí Vũ Đức Hải và đồng chí Đinh Thị Thu, Phó Chủ tịch UBND tỉnh trao bằng khen cho các tập thể."
    )
    event = rec["events"][0]
    assert event["chairs"] == ["Vũ Đức Hải"]
    assert event["speakers"] == ["Vũ Đức Hải"]
    assert event["attendees"] == ["Đinh Thị Thu"]


def test_a_given_name_alone_refers_to_the_full_name_seen_before():
    rec = record_of(
        "Đồng chí Hoàng Văn Chiến, Phó Bí thư Thường trực Tỉnh ủy dự hội nghị. "
        "Phát biểu tại hội nghị, đồng chí Chiến nhấn mạnh vai trò của công tác dân vận."
    )
    assert [p["name"] for p in rec["people"]] == ["Hoàng Văn Chiến"]
    assert rec["events"][0]["speakers"] == ["Hoàng Văn Chiến"]


def test_ideology_and_places_named_after_people_are_not_persons():
    rec = record_of(
        "Hội nghị học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. "
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh tham dự. Tỉnh đoàn Hà Giang phối hợp thực hiện."
    )
    assert rec["people"] == []


def test_party_and_state_document_numbers_with_type_date_and_issuer():
    rec = record_of(
        "Hội nghị quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Quyết định số 1234/QĐ-UBND, "
        "ngày 5/3/2021 của UBND tỉnh; Nghị định 15/2020/NĐ-CP và Chỉ thị số 33/CT-TTg."
    )
    docs = {d["code"]: d for d in rec["documents"]}
    assert docs["57-NQ/TW"] == {"code": "57-NQ/TW", "type": "Nghị quyết", "issuer": "Bộ Chính trị", "date": "2024-12-22"}
    assert docs["1234/QĐ-UBND"]["type"] == "Quyết định"
    assert docs["1234/QĐ-UBND"]["date"] == "2021-03-05"
    assert docs["1234/QĐ-UBND"]["issuer"].startswith("Ủy ban nhân dân tỉnh")
    assert docs["15/2020/NĐ-CP"]["type"] == "Nghị định"
    # The issuer is what the article prints, never guessed from the symbol.
    assert docs["15/2020/NĐ-CP"]["issuer"] is None
    assert docs["33/CT-TTg"]["issuer"] is None


def test_type_is_inferred_from_the_symbol_and_short_references_resolve():
    rec = record_of(
        "Tỉnh ủy tổ chức hội nghị tổng kết 10 năm thực hiện 25-NQ/TW và Kết luận 43-KL/TW. "
        "Kết quả thực hiện Nghị quyết 25 đã tạo chuyển biến."
    )
    docs = {d["code"]: d for d in rec["documents"]}
    assert set(docs) == {"25-NQ/TW", "43-KL/TW"}
    assert docs["25-NQ/TW"]["type"] == "Nghị quyết"
    assert docs["43-KL/TW"]["type"] == "Kết luận"


def test_impossible_date_is_null_and_reported():
    facts = facts_of("Thực hiện Đề án số 09-ĐA/TU, ngày 31/2/2022 của Ban Thường vụ Tỉnh ủy về công tác dân vận.")
    doc = facts.documents[0]
    assert doc.code == "09-ĐA/TU" and doc.date is None
    assert any("31/2/2022" in w for w in facts.warnings)


@pytest.mark.parametrize(
    "opening, published, expected",
    [
        ("Sáng 8/7", "2024-07-09", "2024-07-08"),
        ("Chiều ngày 30/12", "2024-01-02", "2023-12-30"),
        ("Ngày 12-10-2020", None, "2020-10-12"),
        ("Sáng nay (20/1)", "2026-01-20", "2026-01-20"),
        ("Ngày 6/12", None, None),
    ],
)
def test_event_dates_take_their_year_only_from_evidence(opening, published, expected):
    rec = record_of(f"{opening}, Tỉnh ủy Yên Bái tổ chức hội nghị sơ kết công tác.", published=published)
    assert rec["events"][0]["date"] == expected


def test_same_day_second_event():
    rec = record_of(
        "Ngày 14/10/2021, Ban Tổ chức Tỉnh ủy tổ chức họp mặt. Cùng ngày, Ban Tổ chức Huyện ủy Văn Bàn cũng tổ chức lễ kỷ niệm."
    )
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("họp mặt", "2021-10-14"), ("lễ", "2021-10-14")]
    assert rec["events"][1]["organizers"] == ["Ban Tổ chức Huyện ủy Văn Bàn"]


def test_project_words_are_not_attendance():
    rec = record_of("Đồng chí Lý Văn Tài, Giám đốc Sở Xây dựng dự kiến hoàn thành dự án trong năm.")
    assert all(not e["attendees"] for e in rec["events"])


def test_ethnic_minority_and_four_syllable_names():
    rec = record_of("Đồng chí Ma Từ Đông Điền - Ủy viên BTV, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn phát biểu.")
    assert [p["name"] for p in rec["people"]] == ["Ma Từ Đông Điền"]


def test_ranks_and_academic_titles_before_a_name():
    rec = record_of(
        "Đại tá Nguyễn Văn Hòa, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh phát biểu tại hội nghị. "
        "PGS.TS Trần Thị Mai, Giám đốc Học viện Chính trị khu vực I tham dự hội nghị."
    )
    event = rec["events"][0]
    assert event["speakers"] == ["Nguyễn Văn Hòa"]
    assert event["attendees"] == ["Trần Thị Mai"]
    assert positions(rec, "Nguyễn Văn Hòa") == [("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh")]


def test_photo_note_between_name_and_post():
    rec = record_of("Đồng chí Lý Thị Vinh (thứ hai từ trái sang), Bí thư Tỉnh ủy trao bằng khen cho các tập thể.")
    assert positions(rec, "Lý Thị Vinh") == [("Bí thư", "Tỉnh ủy")]
    assert rec["events"][0]["attendees"] == ["Lý Thị Vinh"]


def test_ede_names_with_personal_prefix():
    rec = record_of("Đồng chí Y Thanh Hà Niê Kđăm, Phó Chủ tịch Quốc hội phát biểu chỉ đạo hội nghị.")
    assert positions(rec, "Y Thanh Hà Niê Kđăm") == [("Phó Chủ tịch", "Quốc hội")]


def test_issuer_after_a_plenum_and_date_after_the_issuer():
    rec = record_of(
        "Hội nghị quán triệt Kết luận số 21-KL/TW của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII; "
        "Kết luận số 43-KL/TW của Ban Bí thư, ngày 7/1/2019."
    )
    docs = {d["code"]: d for d in rec["documents"]}
    assert docs["21-KL/TW"]["issuer"].startswith("Ban Chấp hành Trung ương Đảng")
    assert docs["43-KL/TW"]["date"] == "2019-01-07"


def test_event_named_after_the_date_without_an_organiser():
    rec = record_of("Sáng 8/7, Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh khóa XV khai mạc.", published="2024-07-08")
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("hội nghị", "2024-07-08")]


def test_a_law_passed_by_the_national_assembly():
    rec = record_of("Luật Đất đai số 31/2024/QH15 được Quốc hội thông qua ngày 18/1/2024 đã bổ sung nhiều quy định mới.")
    assert rec["documents"] == [
        {"code": "31/2024/QH15", "type": "Luật", "issuer": "Quốc hội", "date": "2024-01-18"}
    ]


def test_outlet_dateline_before_the_date_and_an_earlier_event():
    rec = record_of(
        "TTO - Sáng 10-7, HĐND tỉnh Quảng Nam khai mạc kỳ họp thứ 12. "
        "Trước đó, chiều 9-7, Thường trực HĐND tỉnh tổ chức hội nghị trù bị.",
        published="2019-07-10",
    )
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("kỳ họp", "2019-07-10"), ("hội nghị", "2019-07-09")]


def test_each_group_takes_the_verbs_of_its_own_clause():
    rec = record_of(
        "Chủ trì phiên họp là ông Phạm Văn Thuận, Chủ tịch UBND tỉnh; cùng dự có các ông, bà: Y Kret Byă, "
        "phó chủ tịch UBND tỉnh; H'Luyến Mlô, phó chủ tịch UBND tỉnh."
    )
    event = rec["events"][0]
    assert event["chairs"] == ["Phạm Văn Thuận"]
    assert event["attendees"] == ["Y Kret Byă", "H'Luyến Mlô"]


def test_a_post_alone_refers_to_the_one_person_named_with_it():
    rec = record_of(
        "Phó Thủ tướng Trần Văn Quang chủ trì hội nghị. Kết luận hội nghị, Phó Thủ tướng nhấn mạnh yêu cầu "
        "của Chính phủ. Chủ tịch UBND tỉnh tặng bằng khen cho các tập thể."
    )
    event = rec["events"][0]
    assert event["chairs"] == ["Trần Văn Quang"] and event["speakers"] == ["Trần Văn Quang"]
    assert event["attendees"] == []  # nobody in the article is the Chủ tịch UBND tỉnh


def test_a_quote_attributed_after_a_dash_makes_a_speaker():
    rec = record_of(
        'Ông Phạm Ngọc Thuận, Chủ tịch UBND tỉnh chủ trì phiên họp. "Không chờ đợi, phải giải ngân ngay" - ông Thuận nói.'
    )
    assert rec["events"][0]["speakers"] == ["Phạm Ngọc Thuận"]


def test_a_clause_that_only_says_who_else_was_there():
    rec = record_of(
        "Dự hội nghị tại điểm cầu Trung ương có đồng chí Lê Văn An, Bộ trưởng Bộ Nội vụ; tại điểm cầu tỉnh Thanh Hóa "
        "có đồng chí Lê Đức Giang, Phó Chủ tịch UBND tỉnh. Cùng tiếp xúc cử tri có bà Quàng Thị Nguyệt, đại biểu Quốc hội."
    )
    assert rec["events"][0]["attendees"] == ["Lê Văn An", "Lê Đức Giang", "Quàng Thị Nguyệt"]


def test_bodies_of_a_centrally_run_city_take_the_city():
    rec = record_of(
        "Sáng 9/7, HĐND thành phố Cần Thơ khai mạc kỳ họp thứ 9. Chủ trì kỳ họp có các đồng chí: Lâm Văn Phước, "
        "Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố; Trần Quốc Khởi, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố."
    )
    assert positions(rec, "Lâm Văn Phước") == [
        ("Phó Bí thư", "Thành ủy Cần Thơ"),
        ("Chủ tịch", "Hội đồng nhân dân thành phố Cần Thơ"),
    ]


def test_the_last_two_words_of_a_name_name_the_same_person():
    rec = record_of(
        "Cùng dự có bà Trần Thị Kim Loan, Phó Bí thư Đảng ủy, Chủ tịch UBND phường Long Châu. "
        "Bà Kim Loan trao Huy hiệu 30 năm tuổi Đảng cho 12 đảng viên."
    )
    assert [p["name"] for p in rec["people"]] == ["Trần Thị Kim Loan"]
    assert positions(rec, "Trần Thị Kim Loan")[0] == ("Phó Bí thư", "Đảng ủy phường Long Châu")
    assert rec["events"][0]["attendees"] == ["Trần Thị Kim Loan"]


def test_presiding_over_a_council_session_is_chairing_it():
    rec = record_of(
        "Sáng 10/7/2024, HĐND tỉnh Điện Biên khai mạc kỳ họp thứ 18. Chủ tọa kỳ họp gồm các đồng chí: Lò Văn Pọm, "
        "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh; Vàng Thị Sính, Phó Chủ tịch HĐND tỉnh. Đồng chí Quàng Văn Khiêm, "
        "Phó Chủ tịch HĐND tỉnh đồng chủ tọa kỳ họp.",
        title="Khai mạc kỳ họp thứ 18 HĐND tỉnh",
    )
    event = rec["events"][0]
    assert event["type"] == "kỳ họp" and event["date"] == "2024-07-10"
    assert event["chairs"] == ["Lò Văn Pọm", "Vàng Thị Sính", "Quàng Văn Khiêm"]


def test_answering_questions_at_a_session_is_speaking():
    rec = record_of(
        "Sáng 10/7/2024, HĐND tỉnh Điện Biên khai mạc kỳ họp thứ 18. Đồng chí Lò Văn Pọm, Chủ tịch HĐND tỉnh "
        "chủ tọa kỳ họp. Giám đốc Sở Tài chính Vì Văn Thưởng giải trình, làm rõ các ý kiến của đại biểu.",
        title="Khai mạc kỳ họp thứ 18 HĐND tỉnh",
    )
    assert rec["events"][0]["speakers"] == ["Vì Văn Thưởng"]


def test_the_hosts_of_a_visiting_delegation_attend_the_meeting():
    rec = record_of(
        "Chiều 11/6/2024, Ban Thường vụ Tỉnh ủy Lai Châu tiếp và làm việc với đoàn công tác tỉnh Hà Giang do đồng chí "
        "Hầu Văn Lý, Phó Bí thư Tỉnh ủy Hà Giang làm trưởng đoàn. Tiếp và làm việc với đoàn có các đồng chí: "
        "Giàng Páo Mỷ, Bí thư Tỉnh ủy; Tống Thanh Bình, Ủy viên Ban Thường vụ Tỉnh ủy. Tiếp đoàn có đồng chí "
        "Lê Văn Lương, Phó Bí thư Thường trực Tỉnh ủy.",
        title="Lai Châu tiếp đoàn công tác tỉnh Hà Giang",
    )
    event = rec["events"][0]
    assert event["type"] == "buổi làm việc" and event["date"] == "2024-06-11"
    assert {"Giàng Páo Mỷ", "Tống Thanh Bình", "Lê Văn Lương"} <= set(event["attendees"])


def test_a_province_printed_after_the_last_post_is_that_of_the_bare_ones_before_it():
    rec = record_of(
        "Ngày 10/10/2025, Tỉnh ủy Cà Mau tổ chức hội nghị công bố quyết định về công tác cán bộ. Dự hội nghị có "
        "đồng chí Đặng Văn Phúc, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Vĩnh Long; đồng chí "
        "Lê Thị Hoa, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy.",
        title="Cà Mau công bố quyết định về công tác cán bộ",
    )
    assert positions(rec, "Đặng Văn Phúc") == [("Ủy viên Ban Thường vụ", "Tỉnh ủy Vĩnh Long"),
                                                ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Vĩnh Long")]
    assert positions(rec, "Lê Thị Hoa") == [("Ủy viên Ban Thường vụ", "Tỉnh ủy Cà Mau"),
                                             ("Trưởng ban", "Ban Tổ chức Tỉnh ủy Cà Mau")]


@pytest.mark.parametrize("appointed", ["giữ chức", "được bầu giữ chức", ", được hiệp thương cử giữ chức"])
def test_the_post_a_person_is_given_is_one_of_their_posts(appointed):
    rec = record_of(
        "Ngày 10/10/2025, Tỉnh ủy Cà Mau tổ chức hội nghị công bố quyết định về công tác cán bộ. Bộ Chính trị "
        f"điều động đồng chí Đặng Văn Phúc, Phó Chủ tịch UBND tỉnh Vĩnh Long {appointed} Phó Bí thư Tỉnh ủy.",
        title="Cà Mau công bố quyết định về công tác cán bộ",
    )
    assert positions(rec, "Đặng Văn Phúc") == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Vĩnh Long"),
                                                ("Phó Bí thư", "Tỉnh ủy Cà Mau")]


def test_a_council_committee_is_the_council_s_not_the_party_committee_s():
    rec = record_of(
        "Sáng 10/7/2024, HĐND tỉnh Điện Biên khai mạc kỳ họp thứ 18. Dự kỳ họp có đồng chí Lò Văn Mạnh, Trưởng Ban "
        "Kinh tế - Ngân sách HĐND tỉnh; đồng chí Cà Thị Hoa, Trưởng Ban Kinh tế Tỉnh ủy.",
        title="Khai mạc kỳ họp thứ 18 HĐND tỉnh",
    )
    assert positions(rec, "Lò Văn Mạnh") == [("Trưởng ban", "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Điện Biên")]
    assert positions(rec, "Cà Thị Hoa") == [("Trưởng ban", "Ban Kinh tế Tỉnh ủy Điện Biên")]


def test_documents_issued_together_share_their_issuer_and_date():
    facts = facts_of(
        "Ngày 10/7/2025, Tỉnh ủy Lào Cai tổ chức hội nghị. Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 05-KH/TU "
        "ngày 8/7/2023 về chuyển đổi số và Kế hoạch số 09-KH/TU về cải cách hành chính; UBND tỉnh ban hành Quyết định "
        "số 12/QĐ-UBND và Quyết định số 13/QĐ-UBND ngày 3/1/2024. Hội nghị quán triệt Nghị quyết số 57-NQ/TW ngày "
        "22/12/2024 của Bộ Chính trị và Kế hoạch số 11-KH/TU.",
        title="Lào Cai triển khai kế hoạch",
    )
    found = {d.code: (d.issuer, d.date) for d in facts.documents}
    assert found["05-KH/TU"] == ("Ban Thường vụ Tỉnh ủy Lào Cai", "2023-07-08")
    assert found["09-KH/TU"] == ("Ban Thường vụ Tỉnh ủy Lào Cai", None)  # issued by the same subject, undated
    assert found["12/QĐ-UBND"] == found["13/QĐ-UBND"] == ("Ủy ban nhân dân tỉnh Lào Cai", "2024-01-03")
    assert found["57-NQ/TW"] == ("Bộ Chính trị", "2024-12-22")
    assert found["11-KH/TU"] == (None, None)  # not the Politburo's: its issuer is not printed


def test_an_event_named_only_by_a_role_takes_the_date_the_article_opens_with():
    rec = record_of(
        "Chiều 13/6, đoàn công tác tỉnh Điện Biên do đồng chí Lò Văn Mừng, Chủ tịch UBND tỉnh Điện Biên làm trưởng "
        "đoàn đã thăm, làm việc tại tỉnh Lai Châu. Phát biểu tại buổi làm việc, đồng chí Lê Văn Lương, Phó Bí thư "
        "Thường trực Tỉnh ủy chào mừng đoàn.",
        title="Đoàn công tác tỉnh Điện Biên thăm, làm việc tại Lai Châu", published="2024-06-14",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"], event["speakers"]) == ("buổi làm việc", "2024-06-13", ["Lê Văn Lương"])


def test_a_speaker_described_by_no_post_still_speaks():
    rec = record_of(
        "Sáng 20/9/2025, Ủy ban MTTQ Việt Nam tỉnh Tuyên Quang tổ chức hội nghị. Ông Vàng Seo Dình, người có uy tín "
        "thôn Lùng Tám, xã Lũng Cú tham luận về công tác vận động đồng bào.",
        title="Hội nghị người có uy tín tỉnh Tuyên Quang",
    )
    assert rec["events"][0]["speakers"] == ["Vàng Seo Dình"]


def test_a_rank_may_open_a_list_of_attendees():
    rec = record_of(
        "Sáng 2/9/2025, Tỉnh ủy Quảng Trị tổ chức lễ kỷ niệm. Dự lễ kỷ niệm có các đồng chí: Thiếu tướng Nguyễn "
        "Văn Hòa, Phó Tư lệnh Quân khu 4; Bí thư Tỉnh ủy Trần Quốc Hưng; Đinh Thị Mười, Phó Chủ tịch UBND tỉnh.",
        title="Lễ kỷ niệm 80 năm",
    )
    assert rec["events"][0]["attendees"] == ["Nguyễn Văn Hòa", "Trần Quốc Hưng", "Đinh Thị Mười"]
    assert positions(rec, "Nguyễn Văn Hòa") == [("Phó Tư lệnh", "Quân khu 4")]


def test_head_of_unit_posts_name_their_unit():
    rec = record_of(
        "Sáng 2/9/2025, UBND tỉnh Nghệ An tổ chức hội nghị. Dự hội nghị có đồng chí Moong Văn Tình, Hạt trưởng Hạt "
        "Kiểm lâm huyện Quế Phong; đồng chí Lò Văn Bảo, Đồn trưởng Đồn Biên phòng Thông Thụ; đồng chí Vi Văn Sơn, "
        "Chi cục trưởng Chi cục Thủy lợi tỉnh.",
    )
    assert positions(rec, "Moong Văn Tình") == [("Hạt trưởng", "Hạt Kiểm lâm huyện Quế Phong")]
    assert positions(rec, "Lò Văn Bảo") == [("Đồn trưởng", "Đồn Biên phòng Thông Thụ")]
    assert positions(rec, "Vi Văn Sơn") == [("Chi cục trưởng", "Chi cục Thủy lợi tỉnh Nghệ An")]
    assert rec["events"][0]["attendees"] == ["Moong Văn Tình", "Lò Văn Bảo", "Vi Văn Sơn"]


@pytest.mark.parametrize("elected", ["tái đắc cử", "được bầu làm", "tiếp tục được tín nhiệm bầu giữ chức"])
def test_an_election_gives_the_post(elected):
    rec = record_of(
        f"Ngày 20/6/2025, Đảng bộ xã Lạc Dương tổ chức đại hội. Đồng chí Bon Niêng Ha Sin {elected} Bí thư Đảng ủy "
        "xã Lạc Dương.",
        title="Đại hội Đảng bộ xã Lạc Dương",
    )
    assert positions(rec, "Bon Niêng Ha Sin") == [("Bí thư", "Đảng ủy xã Lạc Dương")]


def test_an_office_acted_for_is_not_the_actor_s_post():
    rec = record_of(
        "Sáng 2/9/2025, Tỉnh ủy Quảng Trị tổ chức lễ kỷ niệm. Thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy Trần "
        "Quốc Hưng trao Huân chương Độc lập hạng Nhất cho Đảng bộ tỉnh. Đồng chí Lò Văn Bảo, Bí thư Huyện ủy, được "
        "Chủ tịch nước tặng Huân chương Lao động hạng Ba.",
        title="Lễ kỷ niệm 80 năm",
    )
    assert positions(rec, "Trần Quốc Hưng") == [("Bí thư", "Tỉnh ủy Quảng Trị")]
    assert positions(rec, "Lò Văn Bảo") == [("Bí thư", "Huyện ủy")]


def test_a_same_day_session_of_another_kind_is_another_event():
    rec = record_of(
        "Sáng 10/9/2025, Ban Thường vụ Tỉnh ủy tổ chức hội nghị công bố quyết định kiểm tra. Đồng chí Lê Văn An, Phó "
        "Bí thư Tỉnh ủy chủ trì hội nghị. Cùng ngày, Đoàn giám sát số 3 của Ban Thường vụ Tỉnh ủy đã có buổi làm "
        "việc với Đảng ủy xã Mường Lý. Đồng chí Hà Văn Ngải, Phó Chủ tịch HĐND tỉnh, Trưởng đoàn giám sát chủ trì "
        "buổi làm việc. Cùng ngày, hội nghị đã thảo luận kế hoạch.",
        title="Thanh Hóa kiểm tra, giám sát",
    )
    events = [(e["type"], e["date"], e["chairs"]) for e in rec["events"]]
    assert events == [("hội nghị", "2025-09-10", ["Lê Văn An"]), ("buổi làm việc", "2025-09-10", ["Hà Văn Ngải"])]
    assert positions(rec, "Hà Văn Ngải") == [("Phó Chủ tịch", "Hội đồng nhân dân tỉnh Thanh Hóa")]  # no team role


def test_voters_who_speak_are_speakers_but_voters_of_a_place_are_nobody():
    rec = record_of(
        "Sáng 12/5/2025, Đoàn ĐBQH tỉnh Hà Tĩnh tổ chức tiếp xúc cử tri. Phát biểu tại buổi tiếp xúc, cử tri "
        "Nguyễn Văn Tám (thôn Tân Hòa) phản ánh về giá vật tư. Cử tri Thuận Châu kiến nghị sửa đường.",
        title="Tiếp xúc cử tri",
    )
    assert [p["name"] for p in rec["people"]] == ["Nguyễn Văn Tám"]
    assert rec["events"][0]["speakers"] == ["Nguyễn Văn Tám"]


def test_a_bare_party_committee_beside_a_commune_post_is_that_commune_s():
    rec = record_of(
        "Sáng 10/9/2025, đoàn kiểm tra làm việc với Ban Thường vụ Đảng ủy xã Trung Lý. Tiếp đoàn có đồng chí Hà Thị "
        "Mai, Phó Bí thư Đảng ủy, Chủ tịch UBND xã; đồng chí Lò Văn An, Bí thư Đảng ủy.",
        title="Kiểm tra tại xã Trung Lý",
    )
    assert positions(rec, "Hà Thị Mai") == [("Phó Bí thư", "Đảng ủy xã Trung Lý"), ("Chủ tịch", "Ủy ban nhân dân xã Trung Lý")]
    assert positions(rec, "Lò Văn An") == [("Bí thư", "Đảng ủy")]  # nothing beside it says which


def test_the_people_on_one_side_of_a_meeting_attend_it():
    rec = record_of(
        "Sáng 10/9/2025, đoàn kiểm tra làm việc với Ban Thường vụ Đảng ủy xã Trung Lý. Về phía xã Trung Lý có các "
        "đồng chí: Hà Thị Mai, Phó Bí thư Đảng ủy, Chủ tịch UBND xã; Lò Văn An, Phó Chủ tịch UBND xã.",
        title="Kiểm tra tại xã Trung Lý",
    )
    assert rec["events"][0]["attendees"] == ["Hà Thị Mai", "Lò Văn An"]


def test_a_clause_saying_whom_a_speaker_stands_for_does_not_hide_the_verb():
    rec = record_of(
        "Sáng 2/9/2025, Tỉnh ủy Quảng Trị tổ chức lễ kỷ niệm. Phát biểu tại buổi lễ, đại diện thế hệ trẻ, đồng chí "
        "Hồ Thị Kim Ngân, Bí thư Tỉnh Đoàn bày tỏ niềm tự hào. Phát biểu chỉ đạo, thay mặt Ban Thường vụ Tỉnh ủy, "
        "đồng chí Lê Văn Hùng, Phó Bí thư Tỉnh ủy đề nghị các cấp ủy tiếp tục phát huy.",
        title="Lễ kỷ niệm 80 năm",
    )
    assert rec["events"][0]["speakers"] == ["Hồ Thị Kim Ngân", "Lê Văn Hùng"]


def test_a_place_ends_a_body_s_name_before_the_verb_that_follows():
    rec = record_of(
        "Sáng 2/9/2025, Ủy ban MTTQ Việt Nam tỉnh Quảng Trị long trọng tổ chức lễ kỷ niệm 80 năm. Dự lễ có đồng chí "
        "Lê Văn Cường, Viện trưởng Viện Khoa học xã hội nhân văn quân sự.",
        title="Lễ kỷ niệm 80 năm",
    )
    assert rec["events"][0]["organizers"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Trị"]
    assert positions(rec, "Lê Văn Cường") == [("Viện trưởng", "Viện Khoa học xã hội nhân văn quân sự")]


def test_ministers_with_ranks_and_the_central_bank_governor():
    rec = record_of(
        "Sáng 14/10/2025, Chính phủ tổ chức phiên họp thường kỳ. Thống đốc Ngân hàng Nhà nước Việt Nam Phạm Thị Hồng "
        "Hà phát biểu về lãi suất. Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, Đại tướng Lương Tam Hải phát biểu. "
        "Thảo luận tại phiên họp, Bộ trưởng Bộ Tài chính Lại Thị Thu Hương đề nghị tiết kiệm chi.",
        title="Phiên họp Chính phủ thường kỳ tháng 9",
    )
    assert positions(rec, "Phạm Thị Hồng Hà") == [("Thống đốc", "Ngân hàng Nhà nước Việt Nam")]
    assert positions(rec, "Lương Tam Hải") == [("Ủy viên", "Bộ Chính trị"), ("Bộ trưởng", "Bộ Công an")]
    assert rec["events"][0]["speakers"] == ["Phạm Thị Hồng Hà", "Lương Tam Hải", "Lại Thị Thu Hương"]


def test_a_headline_event_is_the_event_the_body_dates():
    rec = record_of(
        "Sáng 14/10/2025, Thủ tướng Lê Hoàng Phong chủ trì Phiên họp Chính phủ thường kỳ tháng 9.",
        title="Thủ tướng Lê Hoàng Phong chủ trì Phiên họp Chính phủ thường kỳ tháng 9",
    )
    assert [(e["type"], e["date"], e["chairs"]) for e in rec["events"]] == [("phiên họp", "2025-10-14", ["Lê Hoàng Phong"])]


def test_one_letter_ethnic_names_after_a_post():
    rec = record_of(
        "Sáng 14/10/2025, Tỉnh ủy Quảng Ngãi tổ chức hội nghị. Giám đốc Sở Y tế A Rưm phát biểu. Tại điểm cầu đặc khu "
        "Lý Sơn, đồng chí Võ Văn Tư, Bí thư Đảng ủy đặc khu chủ trì.",
    )
    assert positions(rec, "A Rưm") == [("Giám đốc", "Sở Y tế tỉnh Quảng Ngãi")]
    assert positions(rec, "Võ Văn Tư") == [("Bí thư", "Đảng ủy đặc khu Lý Sơn")]


def test_a_standing_committee_seat_is_in_the_committee_the_next_post_names():
    rec = record_of(
        "Sáng 14/10/2025, Huyện ủy Bảo Lâm tổ chức hội nghị. Dự hội nghị có đồng chí Hoàng Thị Dung, Ủy viên BTV, "
        "Trưởng Ban Tuyên giáo Huyện ủy; đồng chí Lý Văn Hải, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy.",
        title="Bảo Lâm học tập nghị quyết", published="2025-10-15",
    )
    assert positions(rec, "Hoàng Thị Dung")[0] == ("Ủy viên Ban Thường vụ", "Huyện ủy Bảo Lâm")
    assert positions(rec, "Lý Văn Hải")[0][0] == "Ủy viên Ban Thường vụ"
    assert positions(rec, "Lý Văn Hải")[0][1].startswith("Tỉnh ủy")


def test_each_side_of_a_two_province_meeting_keeps_its_province():
    rec = record_of(
        "Sáng 14/10/2025, Tỉnh ủy Gia Lai tổ chức lễ ký kết chương trình hợp tác với tỉnh Bình Định. Về phía tỉnh "
        "Gia Lai có các đồng chí: Hồ Văn Niên, Bí thư Tỉnh ủy; Rah Lan Chung, Chủ tịch UBND tỉnh. Về phía tỉnh Bình "
        "Định có các đồng chí: Phạm Anh Khoa, Chủ tịch UBND tỉnh; Lê Thị Kim Yến, Phó Bí thư Thường trực Tỉnh ủy. "
        "Chiều cùng ngày, đoàn công tác tỉnh Bình Định do đồng chí Hồ Quốc Dũng, Bí thư Tỉnh ủy làm trưởng đoàn "
        "đã thăm Gia Lai. Phát biểu tại buổi lễ, Chủ tịch UBND tỉnh Phạm Anh Khoa cảm ơn tỉnh bạn.",
        title="Gia Lai, Bình Định ký kết hợp tác",
    )
    assert positions(rec, "Rah Lan Chung") == [("Chủ tịch", "Ủy ban nhân dân tỉnh Gia Lai")]
    assert positions(rec, "Phạm Anh Khoa") == [("Chủ tịch", "Ủy ban nhân dân tỉnh Bình Định")]
    assert positions(rec, "Lê Thị Kim Yến") == [("Phó Bí thư Thường trực", "Tỉnh ủy Bình Định")]
    assert positions(rec, "Hồ Quốc Dũng") == [("Bí thư", "Tỉnh ủy Bình Định")]


def test_the_host_province_is_the_article_s_even_when_the_guest_is_named_more():
    facts = facts_of(
        "Chiều 11/6/2024, Ban Thường vụ Tỉnh ủy Lai Châu tiếp và làm việc với đoàn công tác tỉnh Hà Giang. "
        "Đoàn công tác tỉnh Hà Giang do đồng chí Hầu Văn Lý, Phó Bí thư Tỉnh ủy làm trưởng đoàn. Tiếp đoàn có đồng "
        "chí Lê Văn Lương, Phó Bí thư Thường trực Tỉnh ủy. Đồng chí Lê Văn Lương giới thiệu tình hình của tỉnh với "
        "đoàn công tác tỉnh Hà Giang.",
        title="Lãnh đạo tỉnh Lai Châu tiếp đoàn công tác tỉnh Hà Giang",
    )
    assert facts.province == "Lai Châu"
    posts = {p.name: [(q.title, q.organization) for q in p.positions] for p in facts.people}
    assert posts["Lê Văn Lương"] == [("Phó Bí thư Thường trực", "Tỉnh ủy Lai Châu")]
    assert posts["Hầu Văn Lý"] == [("Phó Bí thư", "Tỉnh ủy Hà Giang")]


def test_a_date_after_an_opening_clause_dates_the_event():
    rec = record_of(
        "Sau ba ngày làm việc khẩn trương, dân chủ, chiều 30/9/2025, tại Trung tâm Hội nghị tỉnh, Đại hội đại biểu "
        "Đảng bộ tỉnh Lạng Sơn lần thứ XVIII đã bế mạc. Thực hiện Nghị quyết số 25-NQ/TW, ngày 3/6/2013, của Ban "
        "Chấp hành Trung ương, đồng chí Hoàng Văn Nghĩa phát biểu.",
        title="Bế mạc Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn", published="2025-10-01",
    )
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("đại hội", "2025-09-30")]


def test_question_time_and_a_reception_are_events_with_speakers():
    rec = record_of(
        "Tiếp tục chương trình Kỳ họp thứ 10, sáng 12/11, Quốc hội tiến hành phiên chất vấn. Đại biểu Giàng Thị Pàng "
        "(Đoàn ĐBQH tỉnh Lào Cai) chất vấn về giá phân bón. Trả lời chất vấn, Bộ trưởng Bộ Nông nghiệp và Môi "
        "trường Đỗ Khắc Huy thừa nhận còn bất cập.",
        title="Quốc hội chất vấn Bộ trưởng", published="2025-11-12",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"]) == ("phiên chất vấn", "2025-11-12")
    assert event["speakers"] == ["Giàng Thị Pàng", "Đỗ Khắc Huy"]
    assert rec["events"][1:] == []


def test_a_reception_opening_with_a_wordy_date_after_a_dateline():
    rec = record_of(
        "BBN - Chiều ngày 15 tháng 4 năm 2025, tại trụ sở UBND tỉnh, đồng chí Lê Xuân Khang, Chủ tịch UBND tỉnh Bắc "
        "Ninh đã tiếp Đại sứ Hàn Quốc. Phát biểu tại buổi tiếp, đồng chí Lê Xuân Khang chào mừng Đại sứ.",
        title="Chủ tịch UBND tỉnh Bắc Ninh tiếp Đại sứ Hàn Quốc",
    )
    assert [(e["type"], e["date"], e["speakers"]) for e in rec["events"]] == [("buổi tiếp", "2025-04-15", ["Lê Xuân Khang"])]


def test_elected_together_an_age_before_a_post_and_an_army_staff_post():
    rec = record_of(
        "Chiều 30/9/2025, Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn bế mạc. Các đồng chí Lương Thị Thu Hiền và Chu Minh "
        "Tuấn được bầu giữ chức Phó Bí thư Tỉnh ủy. Dự đại hội có đồng chí Nguyễn Đình Thụ, 96 tuổi, nguyên Vụ trưởng "
        "Bộ Ngoại giao; Trung tướng Vũ Hải Đăng, Phó Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam; Giám đốc Sở "
        "Ngoại vụ Tạ Minh Quang. Thủ tướng Chính phủ đã ký Quyết định số 1034/QĐ-TTg về hỗ trợ tỉnh.",
        title="Bế mạc Đại hội", published="2025-10-01",
    )
    assert positions(rec, "Lương Thị Thu Hiền") == positions(rec, "Chu Minh Tuấn") == [("Phó Bí thư", "Tỉnh ủy Lạng Sơn")]
    assert positions(rec, "Nguyễn Đình Thụ") == [("nguyên Vụ trưởng", "Bộ Ngoại giao")]
    assert positions(rec, "Vũ Hải Đăng") == [("Phó Tổng Tham mưu trưởng", "Quân đội nhân dân Việt Nam")]
    assert positions(rec, "Tạ Minh Quang") == [("Giám đốc", "Sở Ngoại vụ tỉnh Lạng Sơn")]
    issuer = {d["code"]: d["issuer"] for d in rec["documents"]}["1034/QĐ-TTg"]
    assert issuer and "Thủ tướng" in issuer


def test_foreign_names_with_hyphens_after_an_honorific():
    rec = record_of(
        "Chiều 15/4/2025, đồng chí Lê Xuân Khang, Chủ tịch UBND tỉnh Bắc Ninh đã tiếp ngài Kang Tae-seok. Cùng đi có "
        "bà Yoon Ha-neul. Tỉnh Bà Rịa-Vũng Tàu cũng cử đoàn dự.",
        title="Bắc Ninh tiếp Đại sứ Hàn Quốc",
    )
    assert [p["name"] for p in rec["people"]] == ["Lê Xuân Khang", "Kang Tae-seok", "Yoon Ha-neul"]


def test_a_festival_day_yesterday_after_a_two_word_dateline():
    rec = record_of(
        "BẮC GIANG - Sáng qua (12/11), Ban Công tác Mặt trận tổ dân phố Đồng Tâm tổ chức Ngày hội Đại đoàn kết toàn "
        "dân tộc. Dự có bà Nông Thị Hiền, Trưởng ban Công tác Mặt trận; ông Lò Văn Sáng, Phó Trưởng ban Thường trực "
        "Ban Tiếp công dân tỉnh; em Hoàng Thị Mai Anh, học sinh lớp 12A3.",
        title="Ngày hội Đại đoàn kết ở tổ dân phố Đồng Tâm", published="2025-11-13",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"]) == ("ngày hội", "2025-11-12")
    assert event["attendees"] == ["Nông Thị Hiền", "Lò Văn Sáng", "Hoàng Thị Mai Anh"]
    assert positions(rec, "Lò Văn Sáng") == [("Phó Trưởng ban Thường trực", "Ban Tiếp công dân tỉnh")]


def test_a_bare_party_cell_is_that_of_the_unit_the_next_post_names():
    rec = record_of(
        "Chiều 14/5/2024, Công an tỉnh Nghệ An tổ chức lễ đón nhận Huân chương. Dự lễ có đồng chí Phạm Quang Hậu, Bí "
        "thư Đảng ủy, Giám đốc Công an tỉnh; đồng chí Thân Văn Lực, Bí thư Chi bộ, Hiệu trưởng Trường THCS Chiềng "
        "Mung; đồng chí Hà Thị Mai, Phó Bí thư Đảng ủy, Chủ tịch UBND xã.",
        title="Công an tỉnh Nghệ An đón nhận Huân chương",
    )
    assert positions(rec, "Phạm Quang Hậu") == [("Bí thư", "Đảng ủy Công an tỉnh Nghệ An"), ("Giám đốc", "Công an tỉnh Nghệ An")]
    assert positions(rec, "Thân Văn Lực") == [("Bí thư", "Chi bộ Trường THCS Chiềng Mung"), ("Hiệu trưởng", "Trường THCS Chiềng Mung")]
    assert positions(rec, "Hà Thị Mai")[0] == ("Phó Bí thư", "Đảng ủy")  # a commune's: no commune named here


def test_a_sentence_ends_after_a_roman_numeral_but_not_after_an_academic_title():
    rec = record_of(
        "Sáng 8/7/2025, Tỉnh ủy Cao Bằng tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15, khóa XIX. Dự hội nghị "
        "có đồng chí Hoàng Thị Vân, Phó Bí thư Tỉnh ủy. PGS. TS Nguyễn Văn An, Giám đốc Sở Y tế phát biểu.",
        title="Hội nghị Ban Chấp hành Đảng bộ tỉnh",
    )
    event = rec["events"][0]
    assert event["attendees"] == ["Hoàng Thị Vân"] and event["speakers"] == ["Nguyễn Văn An"]


def test_a_numbered_school_named_after_a_place_is_no_person():
    rec = record_of(
        "Sáng 14/5/2024, Chi bộ Trường THPT Lục Ngạn số 1 tổ chức lễ kết nạp đảng viên. Thầy giáo Thân Văn Lực, Bí "
        "thư Chi bộ, Hiệu trưởng Trường THPT Lục Ngạn số 1 chủ trì buổi lễ.",
        title="Kết nạp đảng viên tại Trường THPT Lục Ngạn số 1",
    )
    assert [p["name"] for p in rec["people"]] == ["Thân Văn Lực"]
    assert rec["events"][0]["chairs"] == ["Thân Văn Lực"]
    assert positions(rec, "Thân Văn Lực")[1] == ("Hiệu trưởng", "Trường THPT Lục Ngạn số 1")


def test_a_veterans_congress_of_two_days_and_a_chamber_of_commerce():
    rec = record_of(
        "Trong 2 ngày 14 và 15/7/2022, Hội Cựu chiến binh tỉnh Quảng Ninh tổ chức Đại hội đại biểu lần thứ VII. CCB "
        "Nịnh Văn Pẩu, hội viên Hội CCB xã Đồng Văn tham luận về phong trào. Dự đại hội có bà Lù Thị Xuân, Phó Chủ "
        "tịch Liên đoàn Thương mại và Công nghiệp Việt Nam.",
        title="Đại hội Hội Cựu chiến binh tỉnh Quảng Ninh",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"], event["speakers"]) == ("đại hội", "2022-07-14", ["Nịnh Văn Pẩu"])
    assert positions(rec, "Lù Thị Xuân") == [("Phó Chủ tịch", "Liên đoàn Thương mại và Công nghiệp Việt Nam")]


def test_a_memorial_its_delegations_and_an_announcement():
    rec = record_of(
        "Sáng 5/8/2025, tại Nhà tang lễ tỉnh, Ban Lễ tang tổ chức lễ viếng đồng chí Võ Đình Tường. Đoàn đại biểu Ban "
        "Chấp hành Trung ương Đảng do đồng chí Nguyễn Hữu Trác, Ủy viên Trung ương Đảng làm trưởng đoàn đã đến viếng. "
        "Đồng chí Lưu Thị Minh Hằng, Phó Vụ trưởng Vụ Địa phương II, Ban Tổ chức Trung ương công bố quyết định.",
        title="Lễ viếng đồng chí Võ Đình Tường",
    )
    assert rec["events"][0]["attendees"] == ["Nguyễn Hữu Trác", "Lưu Thị Minh Hằng"]


def test_the_congress_a_check_prepares_is_not_the_event():
    rec = record_of(
        "Ngày 3/7/2025, Đoàn kiểm tra số 5 của Ban Thường vụ Tỉnh ủy đã kiểm tra công tác chuẩn bị Đại hội Đảng bộ xã "
        "Xuân Lập lần thứ I. Tại buổi làm việc, đồng chí Lê Văn Tâm, Phó Bí thư Tỉnh ủy phát biểu.",
        title="Kiểm tra công tác chuẩn bị Đại hội Đảng bộ xã Xuân Lập",
    )
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("buổi làm việc", "2025-07-03")]


def test_a_two_day_congress_after_a_dateline_and_committee_member_posts():
    rec = record_of(
        "BKĐT - Trong hai ngày 19 và 20/6, Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn tổ chức Đại hội đại biểu Phụ nữ tỉnh lần "
        "thứ XVI. Dự đại hội có ông Đinh Văn Xoa, Huyện ủy viên, Phó Chủ tịch UBND huyện Na Rì.",
        title="Đại hội đại biểu Phụ nữ tỉnh Bắc Kạn", published="2021-06-20",
    )
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("đại hội", "2021-06-19")]
    assert positions(rec, "Đinh Văn Xoa")[0][0] == "Huyện ủy viên"
    assert positions(rec, "Đinh Văn Xoa")[1] == ("Phó Chủ tịch", "Ủy ban nhân dân huyện Na Rì")


def test_a_scheme_known_by_its_number_alone_unless_its_full_code_is_printed():
    facts = facts_of(
        "Ngày 19/6/2021, Hội Liên hiệp Phụ nữ tỉnh tổ chức đại hội. Các cấp Hội triển khai hiệu quả Đề án 938 về "
        "tuyên truyền. Thực hiện Đề án 06-ĐA/TU ngày 14/12/2017 của Tỉnh ủy, kết quả Đề án 06 rất tích cực.",
    )
    assert sorted(d.code for d in facts.documents) == ["06-ĐA/TU", "Đề án 938"]


def test_a_commune_whose_name_is_left_out_is_not_read_off_a_name_with_a_tone_marked_capital():
    rec = record_of(
        "Sáng 2/10/2025, Đảng ủy xã Mường Bon tổ chức hội nghị. Kết luận hội nghị, Bí thư Đảng ủy xã Lò Văn Ỏn "
        "yêu cầu các chi bộ thực hiện tốt nhiệm vụ.",
    )
    assert positions(rec, "Lò Văn Ỏn") == [("Bí thư", "Đảng ủy xã Mường Bon")]


def test_sentence_case_body_names_run_over_lower_case_tails_and_a_dash_between_two_fields():
    rec = record_of(
        "Ngày 4/11/2025, UBND tỉnh tổ chức hội nghị. Dự hội nghị có ông Tạ Văn Lâm, Cục trưởng Cục Đổi mới sáng tạo; "
        "bà Kiều Thị Nga, Vụ trưởng Vụ Tổ chức - Cán bộ; ông Mạc Văn Hưng, Trưởng Ban Quản lý các khu công nghiệp "
        "tỉnh Bắc Ninh.",
    )
    assert positions(rec, "Tạ Văn Lâm") == [("Cục trưởng", "Cục Đổi mới sáng tạo")]
    assert positions(rec, "Kiều Thị Nga") == [("Vụ trưởng", "Vụ Tổ chức - Cán bộ")]
    assert positions(rec, "Mạc Văn Hưng") == [("Trưởng ban", "Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh")]
    assert rec["events"][0]["attendees"] == ["Tạ Văn Lâm", "Kiều Thị Nga", "Mạc Văn Hưng"]


def test_the_office_of_a_body_is_named_inside_it_and_a_team_role_is_no_post():
    rec = record_of(
        "Ngày 7/8/2025, Tỉnh ủy tổ chức hội nghị. Dự có bà Vi Thị Hoa, Phó Chánh Văn phòng UBND tỉnh Lạng Sơn; "
        "ông Hà Văn Tiệp, Phó Trưởng Ban Tổ chức Tỉnh ủy, thành viên Tổ công tác số 2 của Ban Thường vụ Tỉnh ủy.",
    )
    assert positions(rec, "Vi Thị Hoa") == [("Phó Chánh Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn")]
    assert [title for title, _ in positions(rec, "Hà Văn Tiệp")] == ["Phó Trưởng ban"]


def test_a_village_party_cell_is_named_with_its_village():
    rec = record_of(
        "Ngày 9/9/2025, Đảng ủy xã Chiềng Sại tổ chức hội nghị. Phát biểu tại hội nghị có ông Lường Văn Pọm, "
        "Bí thư Chi bộ bản Huổi Một; bà Cà Thị Dung, Bí thư Chi bộ thôn Nà Lừa.",
    )
    assert positions(rec, "Lường Văn Pọm") == [("Bí thư", "Chi bộ bản Huổi Một")]
    assert positions(rec, "Cà Thị Dung") == [("Bí thư", "Chi bộ thôn Nà Lừa")]


def test_a_post_given_after_a_posting_clause_or_two_appointing_verbs():
    rec = record_of(
        "Chiều 3/9/2025, Tỉnh ủy công bố quyết định của Bộ Chính trị điều động đồng chí Hoàng Văn Đạt, Ủy viên Ban "
        "Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy Hà Giang, đến nhận công tác tại Đảng bộ tỉnh Cao Bằng và chỉ "
        "định giữ chức Phó Bí thư Tỉnh ủy Cao Bằng. Đại tá Lý Văn Sử, Phó Giám đốc Công an tỉnh được điều động, bổ "
        "nhiệm giữ chức Giám đốc Công an tỉnh Cao Bằng.",
    )
    assert ("Phó Bí thư", "Tỉnh ủy Cao Bằng") in positions(rec, "Hoàng Văn Đạt")
    assert ("Giám đốc", "Công an tỉnh Cao Bằng") in positions(rec, "Lý Văn Sử")


def test_a_seat_on_a_presidium_is_on_the_board_of_the_next_posts_body():
    rec = record_of(
        "Ngày 20/7/2023, Liên đoàn Lao động tỉnh tổ chức đại hội. Dự có bà Đinh Thị Lụa, Ủy viên Đoàn Chủ tịch, "
        "Trưởng Ban Tuyên giáo Tổng Liên đoàn Lao động Việt Nam.",
    )
    assert positions(rec, "Đinh Thị Lụa")[0] == ("Ủy viên Đoàn Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")


def test_a_body_that_passes_a_list_of_resolutions_issues_each_of_them():
    facts = facts_of(
        "Chiều 8/12/2025, HĐND tỉnh đã biểu quyết thông qua 12 nghị quyết, trong đó có: Nghị quyết số "
        "21/2025/NQ-HĐND quy định mức chi hỗ trợ; Nghị quyết số 22/2025/NQ-HĐND về kế hoạch đầu tư công.",
        title="Bế mạc kỳ họp HĐND tỉnh",
    )
    assert {d.code: d.issuer for d in facts.documents} == {"21/2025/NQ-HĐND": "Hội đồng nhân dân tỉnh",
                                                             "22/2025/NQ-HĐND": "Hội đồng nhân dân tỉnh"}


def test_a_minister_issues_a_decision_and_an_ambassador_is_posted_to_a_country():
    rec = record_of(
        "Ngày 2/10/2025, UBND tỉnh tiếp ngài Kim Jae-won, Đại sứ đặc mệnh toàn quyền Đại Hàn Dân Quốc tại Việt Nam. "
        "Thực hiện Quyết định số 5120/QĐ-BCA ngày 26/9/2025 của Bộ trưởng Bộ Công an, tỉnh đã triển khai kế hoạch.",
    )
    assert positions(rec, "Kim Jae-won") == [("Đại sứ đặc mệnh toàn quyền", "Đại Hàn Dân Quốc tại Việt Nam")]
    assert [p["name"] for p in rec["people"]] == ["Kim Jae-won"]  # "Hàn Dân Quốc" is no person
    assert rec["documents"][0]["issuer"] == "Bộ trưởng Bộ Công an"


def test_a_presenter_who_conveys_a_resolution_speaks():
    rec = record_of(
        "Sáng 5/5/2025, Tỉnh ủy tổ chức hội nghị học tập Nghị quyết số 68-NQ/TW. Đồng chí Phùng Văn Lộc, báo cáo "
        "viên Trung ương, truyền đạt những nội dung cốt lõi của Nghị quyết.",
    )
    assert rec["events"][0]["speakers"] == ["Phùng Văn Lộc"]


def test_a_supervision_on_a_weekday_and_the_team_that_takes_part():
    rec = record_of(
        "Sáng thứ Hai (3/3/2025), Đoàn đại biểu Quốc hội tỉnh giám sát việc thi hành Luật Đất đai. Bà Trần Thị Hiền, "
        "Phó Trưởng đoàn chuyên trách chủ trì buổi giám sát. Tham gia đoàn giám sát có ông Đậu Văn Lực, Phó Chủ "
        "tịch Hội Nông dân tỉnh.",
        title="Giám sát thi hành Luật Đất đai",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"]) == ("buổi giám sát", "2025-03-03")
    assert event["chairs"] == ["Trần Thị Hiền"] and event["attendees"] == ["Đậu Văn Lực"]


def test_a_bare_head_names_the_body_of_that_head_the_article_named_and_an_abbreviation_it_defined():
    rec = record_of(
        "Chiều 14/10/2025, Tỉnh ủy làm việc với Tập đoàn Dầu khí Việt Nam (PVN). Về phía Sở Công Thương có ông "
        "Khổng Văn Lý, Phó Giám đốc Sở. Ông Triệu Đức Vĩnh, Chủ tịch Hội đồng thành viên PVN phát biểu.",
    )
    assert positions(rec, "Khổng Văn Lý") == [("Phó Giám đốc", "Sở Công Thương")]
    assert positions(rec, "Triệu Đức Vĩnh") == [("Chủ tịch", "Hội đồng thành viên Tập đoàn Dầu khí Việt Nam")]


def test_two_described_members_joined_by_and_are_both_elected():
    rec = record_of(
        "Ngày 9/7/2025, Hội nghị Ban Chấp hành Đảng bộ tỉnh đã bầu bổ sung. Kết quả, đồng chí Phí Văn Tâm, Tỉnh ủy "
        "viên, Giám đốc Sở Tài chính và đồng chí Mẫn Thị Hà, Tỉnh ủy viên, Bí thư Huyện ủy Yên Thế trúng cử Ủy viên "
        "Ban Thường vụ Tỉnh ủy.",
    )
    for name in ("Phí Văn Tâm", "Mẫn Thị Hà"):
        assert positions(rec, name)[-1][0] == "Ủy viên Ban Thường vụ"


def test_a_sub_list_of_former_leaders_attends_with_the_list_it_ends():
    rec = record_of(
        "Tối 27/3/2025, Tỉnh ủy tổ chức lễ kỷ niệm. Dự lễ có các đồng chí: Lò Văn Hải, Phó Bí thư Tỉnh ủy; các đồng "
        "chí nguyên lãnh đạo tỉnh qua các thời kỳ: Bế Văn Tài, nguyên Bí thư Tỉnh ủy; Nông Thị Lan, nguyên Chủ tịch "
        "UBND tỉnh.",
        title="Kỷ niệm 95 năm Ngày thành lập Đảng bộ tỉnh",
    )
    assert rec["events"][0]["attendees"] == ["Lò Văn Hải", "Bế Văn Tài", "Nông Thị Lan"]


def test_a_dialogue_over_two_days_across_a_month_end_and_a_drum_that_opens_a_festival():
    rec = record_of(
        "Trong 2 ngày 30/9 và 1/10/2025, Ban Thường vụ Tỉnh ủy tổ chức buổi đối thoại với thanh niên. Đồng chí Ngô "
        "Văn Tuấn, Bí thư Tỉnh ủy đánh trống khai mạc.",
        title="Bí thư Tỉnh ủy đối thoại với thanh niên",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"]) == ("buổi đối thoại", "2025-09-30")
    assert event["attendees"] == ["Ngô Văn Tuấn"] and event["speakers"] == []


def test_the_head_of_a_national_assembly_delegation_written_out():
    rec = record_of(
        "Sáng 5/6/2025, tỉnh Sơn La tổ chức hội nghị. Dự có đồng chí Hà Văn Lả, Trưởng Đoàn đại biểu Quốc hội tỉnh.",
    )
    assert positions(rec, "Hà Văn Lả") == [("Trưởng đoàn", "Đoàn đại biểu Quốc hội tỉnh Sơn La")]


def test_religious_offices_and_bodies_and_a_deputy_minister_of_the_ministry_the_sentence_names():
    rec = record_of(
        "Sáng 18/12/2025, Ủy ban MTTQ Việt Nam tỉnh gặp mặt chức sắc các tôn giáo. Tham dự có Hòa thượng Thích Minh "
        "Đạo, Trưởng Ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh Nam Định; Linh mục Giuse Phạm Văn Hòa, Tổng Đại "
        "diện Giáo phận Phát Diệm. Bộ trưởng Bộ Nội vụ Lê Văn Sáu và Thứ trưởng Hứa Văn Quý đồng chủ trì hội nghị.",
    )
    assert positions(rec, "Thích Minh Đạo") == [("Trưởng ban", "Ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh Nam Định")]
    assert positions(rec, "Giuse Phạm Văn Hòa") == [("Tổng Đại diện", "Giáo phận Phát Diệm")]
    assert positions(rec, "Hứa Văn Quý") == [("Thứ trưởng", "Bộ Nội vụ")]


def test_a_post_then_the_person_in_apposition():
    rec = record_of(
        "Chiều 20/10/2025, UBND tỉnh họp phiên thường kỳ. Giám đốc Sở Y tế, ông Nông Văn Kiên, trình bày tờ trình. "
        "Không đồng tình với ý kiến của Bộ trưởng, đại biểu Lò Thị Xuyến tranh luận.",
    )
    assert positions(rec, "Nông Văn Kiên") == [("Giám đốc", "Sở Y tế")]
    assert positions(rec, "Lò Thị Xuyến") == []


def test_talks_compound_words_in_body_names_and_a_prize_committee_that_is_no_body():
    rec = record_of(
        "Sáng 24/10/2025, Tỉnh ủy tổ chức buổi hội đàm với đoàn đại biểu tỉnh bạn. Dự có ông Hà Văn Nam, Trưởng ban "
        "Đối ngoại Tỉnh ủy; bà Đào Thị Mai, Chủ tịch Hội Nhà báo tỉnh, Trưởng Ban Tổ chức Giải; ông Lưu Văn Hoàn, "
        "Phó Tổng Biên tập Báo và Phát thanh, Truyền hình Nghệ An.",
    )
    assert rec["events"][0]["type"] == "buổi hội đàm"
    assert positions(rec, "Hà Văn Nam")[0][1].startswith("Ban Đối ngoại Tỉnh ủy")
    assert positions(rec, "Đào Thị Mai") == [("Chủ tịch", "Hội Nhà báo tỉnh Nghệ An")]
    assert positions(rec, "Lưu Văn Hoàn") == [("Phó Tổng Biên tập", "Báo và Phát thanh, Truyền hình Nghệ An")]


def test_a_list_that_shares_a_post_after_gom_and_an_issuer_printed_without_cua():
    facts = facts_of(
        "Sáng 30/6/2025, tỉnh công bố các quyết định nhân sự. Các Phó Chủ tịch UBND xã gồm: ông Đàm Văn Lợi, bà Triệu "
        "Thị Sấn. Thực hiện Nghị quyết số 60-NQ/TW ngày 12/4/2025 Hội nghị lần thứ 11 Ban Chấp hành Trung ương Đảng "
        "khóa XIII, tỉnh đã sắp xếp đơn vị hành chính.",
    )
    rec = facts.to_record()
    assert [t for t, _ in positions(rec, "Đàm Văn Lợi")] == ["Phó Chủ tịch"] == [t for t, _ in positions(rec, "Triệu Thị Sấn")]
    assert positions(rec, "Đàm Văn Lợi")[0][1].startswith("Ủy ban nhân dân xã")
    assert {d.code: d.issuer for d in facts.documents}["60-NQ/TW"] == "Ban Chấp hành Trung ương Đảng khóa XIII"


def test_members_elected_into_a_board_and_boards_of_the_congress_that_are_no_posts():
    rec = record_of(
        "Chiều 1/10/2025, Ban Chấp hành Đảng bộ tỉnh khóa XVIII tiến hành phiên họp thứ nhất. Các đồng chí: Hoàng Văn "
        "Thạch, Giám đốc Sở Tài chính; Lộc Thị Hoa, Bí thư Huyện ủy Cao Lộc được bầu vào Ban Thường vụ Tỉnh ủy. Bà Lý "
        "Thị Nga, Trưởng Ban Kiểm phiếu công bố kết quả.",
        title="Phiên họp thứ nhất Ban Chấp hành Đảng bộ tỉnh Lạng Sơn khóa XVIII",
    )
    for name in ("Hoàng Văn Thạch", "Lộc Thị Hoa"):
        assert positions(rec, name)[-1] == ("Ủy viên Ban Thường vụ", "Tỉnh ủy Lạng Sơn")
    assert positions(rec, "Lý Thị Nga") == []


def test_two_posts_in_the_body_printed_once_and_a_party_age_before_a_post():
    rec = record_of(
        "Ngày 14/11/2025, Đảng ủy Quân sự tỉnh tổ chức hội nghị. Thượng tá Moong Văn Sáu, Phó Chỉ huy trưởng, Tham "
        "mưu trưởng Bộ Chỉ huy Quân sự tỉnh báo cáo. Đồng chí Vi Văn Thức, 96 tuổi, 75 năm tuổi Đảng, nguyên Trưởng "
        "Ban Tổ chức Tỉnh ủy Nghệ An phát biểu.",
    )
    assert positions(rec, "Moong Văn Sáu")[0] == ("Phó Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Nghệ An")
    assert positions(rec, "Vi Văn Thức") == [("nguyên Trưởng ban", "Ban Tổ chức Tỉnh ủy Nghệ An")]
    assert rec["events"][0]["speakers"] == ["Moong Văn Sáu", "Vi Văn Thức"]


def test_an_announced_conclusion_is_no_speech_and_a_prize_winner_attends():
    rec = record_of(
        "Sáng 12/11/2025, Đoàn kiểm tra của Ủy ban Kiểm tra Trung ương tổ chức hội nghị. Thay mặt Đoàn kiểm tra, "
        "đồng chí Lưu Thị Hạnh công bố Kết luận kiểm tra. Trong số các cá nhân đoạt giải Nhất có ông Vi Văn Pọm, "
        "Bí thư Chi bộ bản Huồi Cọ.",
    )
    event = rec["events"][0]
    assert event["speakers"] == [] and event["attendees"] == ["Lưu Thị Hạnh", "Vi Văn Pọm"]


def test_a_wire_dateline_gives_today_a_numbered_ward_and_a_dash_inside_a_body():
    rec = record_of(
        "HÀ NỘI, 20/11 (TTXVN) - Chiều nay, tại Hà Nội, Bộ Khoa học và Công nghệ tổ chức diễn đàn chuyển đổi số. "
        "Đồng chí Mạc Thị Nhàn, Bí thư Đảng ủy phường Hà Giang 1 phát biểu. Bà Đinh Thị Lan, Trưởng Ban Dân tộc - "
        "Tôn giáo Trung ương Hội dự.",
        title="Diễn đàn chuyển đổi số", published="2025-11-20",
    )
    assert (rec["events"][0]["type"], rec["events"][0]["date"]) == ("diễn đàn", "2025-11-20")
    assert positions(rec, "Mạc Thị Nhàn") == [("Bí thư", "Đảng ủy phường Hà Giang 1")]
    assert positions(rec, "Đinh Thị Lan") == [("Trưởng ban", "Ban Dân tộc - Tôn giáo Trung ương Hội")]


def test_a_range_of_days_a_press_conference_and_courts_named_in_full():
    rec = record_of(
        "Từ ngày 30/10 đến 1/11/2025, UBND tỉnh tổ chức họp báo. Trả lời câu hỏi của phóng viên, ông Y Ngơn Niê "
        "Kdăm, Giám đốc Sở Tài chính cho biết tỉnh đạt kế hoạch. Dự có ông Lý Văn Tiến, Phó Chánh án TAND tối cao; "
        "bà Nông Thị Hà, Chánh án Tòa án nhân dân khu vực 2 - Cao Bằng. Sau đó, đồng chí Y Ngơn giải thích thêm.",
        title="Họp báo thông tin kinh tế - xã hội",
    )
    event = rec["events"][0]
    assert (event["type"], event["date"]) == ("họp báo", "2025-10-30")
    assert event["speakers"] == ["Y Ngơn Niê Kdăm"]  # "đồng chí Y Ngơn": the Ê Đê name's first two words
    assert positions(rec, "Lý Văn Tiến") == [("Phó Chánh án", "Tòa án nhân dân tối cao")]
    assert positions(rec, "Nông Thị Hà") == [("Chánh án", "Tòa án nhân dân khu vực 2 - Cao Bằng")]


def test_the_opening_attended_a_monastic_office_and_a_cell_of_the_party_board():
    rec = record_of(
        "Sáng 30/10/2025, tỉnh tổ chức hội nghị. Dự khai mạc có đồng chí Siu Blơng, Phó Chủ tịch UBND tỉnh; Hòa "
        "thượng Danh Sóc Kim, Phó Pháp chủ Hội đồng Chứng minh Giáo hội Phật giáo Việt Nam; Thượng tọa Chau Sôm Rết, "
        "Trụ trì chùa Kh'Leang; đồng chí Nông Văn Đoàn, Bí thư Ban cán sự đảng, Chánh án Tòa án nhân dân tỉnh.",
    )
    assert rec["events"][0]["speakers"] == []
    assert rec["events"][0]["attendees"] == ["Siu Blơng", "Danh Sóc Kim", "Chau Sôm Rết", "Nông Văn Đoàn"]
    assert positions(rec, "Danh Sóc Kim") == [("Phó Pháp chủ", "Hội đồng Chứng minh Giáo hội Phật giáo Việt Nam")]
    assert positions(rec, "Chau Sôm Rết") == [("Trụ trì", "chùa Kh'Leang")]
    assert positions(rec, "Nông Văn Đoàn")[0][1].startswith("Ban cán sự đảng Tòa án nhân dân tỉnh")


def test_a_recipient_named_after_trong_do_co_was_there():
    rec = record_of(
        "Sáng 6/11/2025, Đảng ủy phường tổ chức lễ trao Huy hiệu Đảng. Huy hiệu 50 năm tuổi Đảng được đồng chí Lê "
        "Văn Hòa, Bí thư Đảng ủy phường trao cho 14 đảng viên, trong đó có ông Triệu Văn Sơn, nguyên Bí thư Đảng ủy "
        "xã Văn Phú. Báo cáo của phường cho biết, trong đó có ông Hà Văn Khánh đạt danh hiệu.",
        title="Trao Huy hiệu Đảng",
    )
    assert rec["events"][0]["attendees"] == ["Lê Văn Hòa", "Triệu Văn Sơn"]  # not one merely named in a report


@pytest.mark.parametrize("printed", ["Ban Chấp hành T.Ư", "Ban Chấp hành T. Ư", "Ban Chấp hành T. W", "BCH Trung ương", "BCHTW"])
def test_an_abbreviation_is_read_however_it_is_printed(printed):
    rec = record_of(
        "Ngày 5/3/2024, Tỉnh ủy Lào Cai tổ chức hội nghị. "
        f"Đồng chí Nguyễn Văn An, Ủy viên {printed} Đảng, Bí thư Tỉnh ủy chủ trì hội nghị."
    )
    assert positions(rec, "Nguyễn Văn An") == [
        ("Ủy viên", "Ban Chấp hành Trung ương Đảng"),
        ("Bí thư", "Tỉnh ủy Lào Cai"),
    ]


def test_bodies_whose_names_go_on_in_lower_case_or_with_a_number():
    rec = record_of(
        "Sáng 2/12/2025, Ủy ban MTTQ tỉnh Hà Giang tổ chức hội nghị. Dự hội nghị có các đồng chí: Hoàng Văn Pao, "
        "Phó Chủ tịch Ủy ban bầu cử tỉnh; Lục Thị Mai, Phó Chủ tịch Hội đồng phối hợp phổ biến, giáo dục pháp luật "
        "tỉnh; Thào Mí Say, Hiệu trưởng Trường Phổ thông Dân tộc nội trú tỉnh; Trung tá Vàng Seo Dính, Chính ủy Trung "
        "đoàn 866.",
    )
    assert rec["events"][0]["attendees"] == ["Hoàng Văn Pao", "Lục Thị Mai", "Thào Mí Say", "Vàng Seo Dính"]
    assert positions(rec, "Hoàng Văn Pao") == [("Phó Chủ tịch", "Ủy ban bầu cử tỉnh Hà Giang")]
    assert positions(rec, "Lục Thị Mai") == [("Phó Chủ tịch", "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh Hà Giang")]
    assert positions(rec, "Thào Mí Say") == [("Hiệu trưởng", "Trường Phổ thông Dân tộc nội trú tỉnh Hà Giang")]
    assert positions(rec, "Vàng Seo Dính") == [("Chính ủy", "Trung đoàn 866")]


def test_a_teacher_a_recruit_and_a_people_s_teacher_are_people_not_posts():
    rec = record_of(
        "Sáng 20/11/2025, Sở Giáo dục và Đào tạo tỉnh Gia Lai tổ chức lễ kỷ niệm. Dự buổi lễ có Nhà giáo Ưu tú Rơ "
        "Châm Blin, nguyên Giám đốc Sở Giáo dục và Đào tạo tỉnh. Cô giáo Ksor H'Lan (Trường Tiểu học Ia Băng) phát "
        "biểu cảm tưởng. Tân binh Siu Thuyết phát biểu hứa hoàn thành nhiệm vụ.",
        title="Lễ kỷ niệm Ngày Nhà giáo Việt Nam",
    )
    event = rec["events"][0]
    assert event["attendees"] == ["Rơ Châm Blin"]
    assert event["speakers"] == ["Ksor H'Lan", "Siu Thuyết"]
    assert positions(rec, "Rơ Châm Blin") == [("nguyên Giám đốc", "Sở Giáo dục và Đào tạo tỉnh Gia Lai")]
    assert positions(rec, "Ksor H'Lan") == positions(rec, "Siu Thuyết") == []


def test_a_list_announced_by_a_colon_takes_the_verb_before_it():
    rec = record_of(
        "Sáng 9/11/2025, UBND tỉnh Thanh Hóa tổ chức lễ mít tinh. Tại buổi lễ, đại diện các tầng lớp Nhân dân phát "
        "biểu hưởng ứng: ông Cầm Bá Lự, Chủ tịch Hội Luật gia tỉnh; em Lò Thị Ban, học sinh trường THPT Mường Lát. "
        "Đồng chí Cầm Bá Lự phát biểu: đồng chí Hà Văn Tuân đã có nhiều đóng góp.",
        title="Mít tinh hưởng ứng Ngày Pháp luật",
    )
    assert rec["events"][0]["speakers"] == ["Cầm Bá Lự", "Lò Thị Ban"]  # not Hà Văn Tuân, named in what Lự said


def test_households_handed_a_house_are_named_by_their_heads():
    rec = record_of(
        "Chiều 25/11/2025, Ủy ban MTTQ tỉnh Lai Châu tổ chức lễ bàn giao nhà Đại đoàn kết. Đồng chí Giàng A Lử "
        "trao biển nhà Đại đoàn kết cho hộ ông Sùng A Chư và hộ bà Lò Thị Ính, gia đình ông Tẩn Láo Lở.",
        title="Bàn giao nhà Đại đoàn kết",
    )
    assert rec["events"][0]["attendees"] == ["Giàng A Lử", "Sùng A Chư", "Lò Thị Ính", "Tẩn Láo Lở"]


def test_a_document_issued_jointly_keeps_every_issuer_as_printed():
    rec = record_of(
        "Thực hiện Kết luận số 150-KL/TW của Bộ Chính trị, Ban Bí thư về sắp xếp tổ chức bộ máy, hội nghị thống "
        "nhất cơ cấu theo Nghị quyết liên tịch số 09/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 8/9/2025 của Ủy ban "
        "Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam. Thực hiện Nghị quyết số "
        "05-NQ/TU của Tỉnh ủy, UBND tỉnh Yên Bái đã ban hành Kế hoạch số 12/KH-UBND.",
    )
    issuers = {d["code"]: d["issuer"] for d in rec["documents"]}
    assert issuers["150-KL/TW"] == "Bộ Chính trị, Ban Bí thư"
    assert issuers["09/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"] == (
        "Ủy ban Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")
    assert issuers["05-NQ/TU"].startswith("Tỉnh ủy")  # the next clause's subject is no second issuer
    joint = next(d for d in facts_of("Thực hiện Kết luận số 150-KL/TW của Bộ Chính trị, Ban Bí thư về sắp xếp.").documents)
    assert joint.issuers == ("Bộ Chính trị", "Ban Bí thư")


def test_a_unit_is_named_with_the_bodies_it_is_inside():
    rec = record_of(
        "Sáng 2/12/2025, UBND tỉnh Quảng Bình tổ chức hội thảo khoa học. TS. Đặng Thị Thoa, Trưởng khoa Lịch sử, "
        "Trường Đại học Sư phạm, Đại học Đà Nẵng tham luận về bảo tồn di sản. PGS.TS Hồ Văn Dũng, Viện trưởng Viện "
        "Nghiên cứu Đông Nam Á và Thế giới, Viện Hàn lâm Khoa học xã hội Việt Nam phát biểu. Ông Trần Văn Bình, "
        "Trưởng phòng Tổ chức, Phó Giám đốc Sở Nội vụ tỉnh dự.",
        title="Hội thảo khoa học về di sản",
    )
    assert positions(rec, "Đặng Thị Thoa") == [("Trưởng khoa", "Khoa Lịch sử, Trường Đại học Sư phạm, Đại học Đà Nẵng")]
    assert positions(rec, "Hồ Văn Dũng") == [
        ("Viện trưởng", "Viện Nghiên cứu Đông Nam Á và Thế giới, Viện Hàn lâm Khoa học xã hội Việt Nam")]
    assert positions(rec, "Trần Văn Bình") == [("Trưởng phòng", "Phòng Tổ chức"), ("Phó Giám đốc", "Sở Nội vụ tỉnh Quảng Bình")]


def test_heroic_mothers_are_named_with_their_title_and_the_names_of_the_south_central_coast():
    rec = record_of(
        "Chiều 25/7/2025, Tỉnh ủy Ninh Thuận tổ chức buổi gặp mặt. Đồng chí Lê Văn Hòa trao quà cho 10 Mẹ Việt Nam "
        "Anh hùng, trong đó có Mẹ Pinăng Thị Lượn (95 tuổi) và Mẹ Đạo Thị Hường (93 tuổi). Dự buổi gặp mặt có Mẹ "
        "Việt Nam Anh hùng Đàng Thị Ngọt và ông Katơr Văn Minh, Chủ tịch UBND xã Phước Bình.",
        title="Gặp mặt tri ân Mẹ Việt Nam Anh hùng",
    )
    assert rec["events"][0]["attendees"] == ["Lê Văn Hòa", "Pinăng Thị Lượn", "Đạo Thị Hường", "Đàng Thị Ngọt",
                                             "Katơr Văn Minh"]
    assert positions(rec, "Đàng Thị Ngọt") == []


def test_the_social_policy_bank_and_its_boards():
    rec = record_of(
        "Ngày 3-12-2025, Ban đại diện HĐQT NHCSXH tỉnh Kon Tum tổ chức hội nghị. Đồng chí Y Ngọc, Phó Chủ tịch UBND "
        "tỉnh, Trưởng Ban đại diện Hội đồng quản trị NHCSXH tỉnh chủ trì hội nghị. Dự hội nghị có các Phó Giám đốc "
        "Chi nhánh NHCSXH tỉnh: A Thiên, Kpuih Thị Loan. Giám đốc Chi nhánh NHCSXH tỉnh Đỗ Thị Mai trình bày báo cáo. "
        "Bà Y Hiên, Tổ trưởng Tổ tiết kiệm và vay vốn thôn Kon Rờ Bàng, tham luận tại hội nghị.",
    )
    event = rec["events"][0]
    assert event["chairs"] == ["Y Ngọc"] and event["attendees"] == ["A Thiên", "Kpuih Thị Loan"]
    assert event["speakers"] == ["Đỗ Thị Mai", "Y Hiên"]
    bank = "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Kon Tum"
    assert positions(rec, "Y Ngọc")[1] == ("Trưởng ban", "Ban đại diện Hội đồng quản trị Ngân hàng Chính sách xã hội tỉnh Kon Tum")
    assert positions(rec, "Kpuih Thị Loan") == [("Phó Giám đốc", bank)]
    assert positions(rec, "Đỗ Thị Mai") == [("Giám đốc", bank)]
    assert positions(rec, "Y Hiên") == [("Tổ trưởng", "Tổ tiết kiệm và vay vốn thôn Kon Rờ Bàng")]


def test_a_school_named_after_a_person_a_board_for_a_book_and_an_army_abroad():
    rec = record_of(
        "Sáng 21/11/2025, Tỉnh ủy Hà Giang tổ chức lễ ra mắt sách. Đồng chí Nguyễn Thị Hằng, Phó Bí thư Tỉnh ủy, "
        "Trưởng Ban Chỉ đạo biên soạn Lịch sử Đảng bộ tỉnh chủ trì buổi lễ. Dự buổi lễ có ThS Vũ Thị Liên, Phó Hiệu "
        "trưởng Trường Chính trị Hoàng Văn Thụ; Thiếu tướng Sok Chea (Phó Tư lệnh Quân khu 2, Quân đội Hoàng gia "
        "Campuchia).",
        title="Ra mắt sách Lịch sử Đảng bộ tỉnh",
    )
    assert rec["events"][0]["attendees"] == ["Vũ Thị Liên", "Sok Chea"]
    assert positions(rec, "Nguyễn Thị Hằng") == [("Phó Bí thư", "Tỉnh ủy Hà Giang")]  # the board is for the book
    assert positions(rec, "Vũ Thị Liên") == [("Phó Hiệu trưởng", "Trường Chính trị Hoàng Văn Thụ")]
    assert positions(rec, "Sok Chea") == [("Phó Tư lệnh", "Quân khu 2, Quân đội Hoàng gia Campuchia")]


def test_border_guards_households_and_a_principal_s_post():
    rec = record_of(
        "Chiều 24/11/2025, Đồn Biên phòng Pa Vệ Sủ tổ chức lễ trao bò giống. Thiếu tá Vàng A Chứ, Chính trị viên "
        "Đồn công bố danh sách. Đại tá Lò Văn Hải trao 20 con bò cho các hộ nghèo, trong đó có hộ ông Hầu A Dế và "
        "hộ bà Sùng Thị Mỷ. Thừa ủy quyền của Tổng Giám đốc Tổng công ty Điện lực miền Bắc, ông Trần Quốc Hùng "
        "trao học bổng.",
        title="Trao bò giống cho hộ nghèo",
    )
    assert rec["events"][0]["attendees"] == ["Vàng A Chứ", "Lò Văn Hải", "Hầu A Dế", "Sùng Thị Mỷ", "Trần Quốc Hùng"]
    assert positions(rec, "Vàng A Chứ") == [("Chính trị viên", "Đồn Biên phòng Pa Vệ Sủ")]
    assert positions(rec, "Trần Quốc Hùng") == []  # the post is the principal's, not his


def test_a_report_s_object_may_list_things_before_the_speaker():
    rec = record_of(
        "Chiều 17/10/2025, UBND tỉnh Đồng Tháp tổ chức lễ truy điệu. Báo cáo kết quả tìm kiếm, quy tập, Thượng tá "
        "Trần Văn Lợi, Đội trưởng Đội K92 cho biết, Đội đã quy tập 15 hài cốt liệt sĩ. Tại buổi lễ, các đại biểu, "
        "ông Lê Văn Năm dâng hương.",
        title="Lễ truy điệu liệt sĩ",
    )
    assert rec["events"][0]["speakers"] == ["Trần Văn Lợi"]  # not Lê Văn Năm: no verb opens his sentence


def test_what_a_person_is_may_stand_between_the_name_and_the_verb():
    rec = record_of(
        "Sáng 5/9/2025, UBND xã Pa Tần tổ chức lễ khai giảng. Em Lò Thị Xuân, học sinh lớp 9 Trường Phổ thông Dân "
        "tộc bán trú Trung học cơ sở Pa Tần, thay mặt các bạn phát biểu, hứa chăm ngoan.",
        title="Lễ khai giảng năm học mới",
    )
    assert rec["events"][0]["speakers"] == ["Lò Thị Xuân"]


def test_a_regional_council_its_bare_name_and_provinces_in_brackets():
    rec = record_of(
        "Cần Thơ, 2/12 (TTXVN) - Sáng 2/12, Hội đồng điều phối vùng Đồng bằng sông Cửu Long tổ chức hội nghị. "
        "Đồng chí Trần Văn Lực, Chủ tịch Hội đồng điều phối vùng Đồng bằng sông Cửu Long chủ trì. Cùng chủ trì có "
        "Bộ trưởng Bộ Xây dựng Lê Minh Trí, Phó Chủ tịch Thường trực Hội đồng. Dự hội nghị có các Chủ tịch UBND "
        "tỉnh: Sơn Thị Mai (Vĩnh Long), Đoàn Văn Bé (Cà Mau). Ông Trương Văn Hòa, Phó Trưởng ban Thường trực Ban "
        "Chỉ huy Phòng thủ dân sự tỉnh An Giang; ông K'Brôl, Phó Giám đốc Sở Xây dựng tỉnh Lâm Đồng cùng dự.",
        title="Hội nghị Hội đồng điều phối vùng",
    )
    council = "Hội đồng điều phối vùng Đồng bằng sông Cửu Long"
    assert positions(rec, "Trần Văn Lực") == [("Chủ tịch", council)]
    assert positions(rec, "Lê Minh Trí") == [("Bộ trưởng", "Bộ Xây dựng"), ("Phó Chủ tịch Thường trực", council)]
    assert positions(rec, "Sơn Thị Mai") == [("Chủ tịch", "Ủy ban nhân dân tỉnh Vĩnh Long")]
    assert positions(rec, "Đoàn Văn Bé") == [("Chủ tịch", "Ủy ban nhân dân tỉnh Cà Mau")]
    assert positions(rec, "Trương Văn Hòa") == [("Phó Trưởng ban Thường trực", "Ban Chỉ huy Phòng thủ dân sự tỉnh An Giang")]
    assert positions(rec, "K'Brôl") == [("Phó Giám đốc", "Sở Xây dựng tỉnh Lâm Đồng")]


def test_a_bank_defined_by_its_abbreviation_and_an_office_of_the_ministry_named_before():
    rec = record_of(
        "Sáng 21/11/2025, UBND tỉnh Nghệ An và Ngân hàng TMCP Công Thương Việt Nam (VietinBank) tổ chức lễ ký kết. "
        "Dự lễ có ông Lê Văn Quý, Chủ tịch Hội đồng quản trị VietinBank; ông Hồ Văn Đức, Giám đốc VietinBank Chi "
        "nhánh Nghệ An. Bộ Dân tộc và Tôn giáo cử bà Vi Thị Hoa, Chánh Văn phòng Bộ dự.",
        title="Ký kết hợp tác",
    )
    bank = "Ngân hàng TMCP Công Thương Việt Nam"
    assert positions(rec, "Lê Văn Quý") == [("Chủ tịch", f"Hội đồng quản trị {bank}")]
    assert positions(rec, "Hồ Văn Đức") == [("Giám đốc", f"{bank} Chi nhánh Nghệ An")]
    assert positions(rec, "Vi Thị Hoa") == [("Chánh Văn phòng", "Văn phòng Bộ Dân tộc và Tôn giáo")]


def test_bare_titles_on_a_body_s_side_are_in_that_body():
    rec = record_of(
        "Sáng 21/11/2025, UBND tỉnh Nghệ An và Ngân hàng TMCP Công Thương Việt Nam (VietinBank) tổ chức lễ ký kết. "
        "Về phía VietinBank có bà Trần Thị Lan, Tổng Giám đốc; ông Đặng Văn Hải, Phó Tổng Giám đốc. Về phía tỉnh "
        "có đồng chí Hoàng Văn Nhân, Phó Bí thư.",
        title="Ký kết hợp tác",
    )
    bank = "Ngân hàng TMCP Công Thương Việt Nam"
    assert positions(rec, "Trần Thị Lan") == [("Tổng Giám đốc", bank)]
    assert positions(rec, "Đặng Văn Hải") == [("Phó Tổng Giám đốc", bank)]
    assert positions(rec, "Hoàng Văn Nhân") == [("Phó Bí thư", "Tỉnh ủy Nghệ An")]


def test_the_event_s_day_may_follow_a_clause_citing_a_dated_document():
    body = ("Thực hiện Kế hoạch số 88/KH-UBND ngày 2/10/2025 của UBND tỉnh, ngày 20/11, tại phường Pleiku, Sở Nội vụ "
            "tỉnh Gia Lai tổ chức hội nghị tập huấn. Thực hiện Nghị quyết số 25-NQ/TW, ngày 3/6/2013, Ban Chấp hành "
            "Trung ương đã chỉ đạo.")
    rec = record_of(body, title="Hội nghị tập huấn", published="2025-11-21")
    assert [(e["type"], e["date"]) for e in rec["events"]] == [("hội nghị", "2025-11-20")]
    assert {d["code"]: d["date"] for d in rec["documents"]} == {"88/KH-UBND": "2025-10-02", "25-NQ/TW": "2013-06-03"}


def test_a_list_goes_on_over_what_each_person_is_in_brackets():
    rec = record_of(
        "Ngày 28/11/2025, Bộ Dân tộc và Tôn giáo tổ chức hội nghị. Tại hội nghị, các đại biểu: ông Y Bhin Niê "
        "(Trưởng buôn Ko Siêr, xã Ea Tul, tỉnh Đắk Lắk); ông A Vương (người có uy tín làng Kon Tu, xã Đăk Hà, tỉnh "
        "Quảng Ngãi); bà Ka Điệp (thôn Bon Rơm, xã Lạc Dương, tỉnh Lâm Đồng) đã trình bày tham luận.",
    )
    assert rec["events"][0]["speakers"] == ["Y Bhin Niê", "A Vương", "Ka Điệp"]
    assert positions(rec, "Y Bhin Niê") == [("Trưởng buôn", "Ko Siêr")]  # a village head of the Highlands


def test_a_council_that_passes_a_resolution_issues_it():
    rec = record_of(
        "Ngày 12/12/2025, HĐND xã Mường Chà tổ chức kỳ họp chuyên đề. HĐND xã đã biểu quyết thông qua Nghị quyết "
        "số 51/NQ-HĐND về bầu bổ sung Phó Chủ tịch HĐND xã và Nghị quyết số 52/NQ-HĐND về đầu tư công.",
        title="Kỳ họp chuyên đề HĐND xã",
    )
    assert {d["code"]: d["issuer"] for d in rec["documents"]} == {
        "51/NQ-HĐND": "Hội đồng nhân dân xã Mường Chà", "52/NQ-HĐND": "Hội đồng nhân dân xã Mường Chà"}


def test_a_connection_point_names_the_province_of_those_there():
    rec = record_of(
        "Sáng 8/10/2025, Bộ Nông nghiệp và Môi trường tổ chức hội nghị trực tuyến. Tại các điểm cầu có lãnh đạo "
        "UBND các tỉnh, trong đó tại điểm cầu tỉnh Lào Cai có đồng chí Giàng Seo Phử, Phó Chủ tịch UBND tỉnh; "
        "tại điểm cầu tỉnh An Giang có ông Chau Sóc Thanh, Phó Chủ tịch UBND tỉnh.",
        title="Hội nghị trực tuyến",
    )
    assert positions(rec, "Giàng Seo Phử") == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Lào Cai")]
    assert positions(rec, "Chau Sóc Thanh") == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh An Giang")]


def test_ranks_and_periods_in_lists_and_a_company_printed_bare():
    rec = record_of(
        "Ngày 28-2-2025, Công an tỉnh Gia Lai và Công ty TNHH Điện tử Phú Thịnh tổ chức lễ. Đồng chủ trì buổi lễ có đồng chí Rah Lan Chung, Chủ tịch "
        "UBND tỉnh và Đại tá Lê Văn Hà, Giám đốc Công an tỉnh. Dự có các Phó Giám đốc Công an tỉnh: Thượng tá Ksor "
        "Tin, Thượng tá Phạm Thị Lan; các đồng chí nguyên Tổng Biên tập Báo Gia Lai qua các thời kỳ: Nguyễn Văn Tư, "
        "Hồ Thị Mai; ông Đỗ Văn Nam, Tổng Giám đốc Công ty TNHH Điện tử Phú Thịnh; bà Vũ Thị Hạnh, Chủ tịch Công "
        "đoàn Công ty; ông Siu Đen, Trưởng Ban Giám khảo.",
        title="Lễ công bố quyết định",
    )
    event = rec["events"][0]
    assert event["chairs"] == ["Rah Lan Chung", "Lê Văn Hà"]
    assert event["attendees"][:4] == ["Ksor Tin", "Phạm Thị Lan", "Nguyễn Văn Tư", "Hồ Thị Mai"]
    assert positions(rec, "Rah Lan Chung") == [("Chủ tịch", "Ủy ban nhân dân tỉnh Gia Lai")]
    assert positions(rec, "Ksor Tin") == positions(rec, "Phạm Thị Lan") == [("Phó Giám đốc", "Công an tỉnh Gia Lai")]
    assert positions(rec, "Hồ Thị Mai") == [("nguyên Tổng Biên tập", "Báo Gia Lai")]
    assert positions(rec, "Vũ Thị Hạnh") == [("Chủ tịch", "Công đoàn Công ty TNHH Điện tử Phú Thịnh")]
    assert positions(rec, "Siu Đen") == []  # a judges' board is for the contest
