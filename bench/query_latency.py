"""Median latency of the named queries at ≥ 1M triples: Oxigraph (dvkg's store) beside rdflib in memory.

    .venv/bin/python bench/query_latency.py [--articles 4600] [--repeat 7] [--rdflib-repeat 3] [--no-rdflib]

1. Generates a store shaped like dvkg's (one named graph per article: an
   article, its event with organiser, province, reviewed documents, chairs,
   speakers and attendees, people with posts and memberships, one reified
   statement with its evidence sentence per fact) from a seeded random
   generator: ~220 quads per article, so the default 4600 articles make
   ≥ 1M triples. People, bodies and documents recur across articles, and one
   province (Sơn La) gets a large share, as in real provincial news.
2. Loads it into an on-disk Oxigraph store (dvkg ``Store``), an in-memory
   Oxigraph store, and rdflib's in-memory ``Dataset`` (default graph = union).
3. Runs every named query with the parameters ``dvkg ask`` would bind, and
   prints the median (after one warm-up) per engine, the speed-up of on-disk
   Oxigraph over rdflib (prepared query, initBindings), and the rows.
4. Times ``dvkg ask`` end to end (parse, query, evidence) on the same store.

Prints figures only; targets: ≤ 50 ms per named query on the embedded store,
≥ 5× rdflib, ``ask`` ≤ 200 ms after start-up.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef, XSD
from rdflib.plugins.sparql import prepareQuery

from dvkg.graph.store import Store
from dvkg.queries.ask import StoreIndex, ask
from dvkg.queries.runner import list_queries, param_term

ID = "https://w3id.org/dvkg/id/"
NS = "https://w3id.org/dvkg/ns#"
P = {
    "type": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "label": "http://www.w3.org/2000/01/rdf-schema#label",
    "name": "http://xmlns.com/foaf/0.1/name", "holds": "http://www.w3.org/ns/org#holds",
    "postIn": "http://www.w3.org/ns/org#postIn", "member": "http://www.w3.org/ns/org#member",
    "organization": "http://www.w3.org/ns/org#organization", "sub": "http://www.w3.org/ns/org#subOrganizationOf",
    "derived": "http://www.w3.org/ns/prov#wasDerivedFrom", "start": "https://schema.org/startDate",
    "headline": "https://schema.org/headline", "published": "https://schema.org/datePublished",
    "subject": "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
    "predicate": "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate",
    "object": "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
    "anchor": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf",
    "passed": "http://data.europa.eu/eli/ontology#passed_by", "docdate": "http://data.europa.eu/eli/ontology#date_document",
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Cầm", "Lường", "Quàng", "Tòng", "Giàng", "Vì", "Hà", "Đinh", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Ngọc", "Thanh", "Quang", "Tiến", "Xuân"]
GIVEN = ["Hùng", "Quân", "Thắng", "Xuân", "Dung", "Giang", "Na", "Điền", "Sứ", "Kiên", "Lực", "Hinh", "Tam", "Năm",
         "Hoa", "Lan", "Bình", "Cường", "Dũng", "Hải", "Long", "Nam", "Phong", "Sơn", "Tùng", "Việt", "Yến"]
PROVINCES = ["Sơn La", "Lào Cai", "Bắc Kạn", "Điện Biên", "Lai Châu", "Yên Bái", "Hà Giang", "Cao Bằng", "Lạng Sơn",
             "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Hòa Bình", "Bến Tre", "Nghệ An", "Thanh Hóa"]
TITLES = ["Bí thư", "Phó Bí thư Thường trực", "Ủy viên Ban Thường vụ", "Trưởng ban", "Phó Chủ tịch", "Chủ tịch"]
EVENT_TYPES = [("hội nghị", "Conference"), ("họp mặt", "Meeting"), ("lễ", "Ceremony"), ("hội thảo", "Seminar")]


def slug(text: str) -> str:
    import re

    from dvkg.ingest.normalize import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def generate(articles: int, seed: int = 7) -> bytes:
    """N-Quads of a dvkg-shaped store."""
    rng = random.Random(seed)
    people = [f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(4000)]
    people[0] = "Lò Minh Hùng"  # the person the benchmark asks about
    documents = [(f"{n}-NQ/TW", "Nghị quyết") for n in range(1, 60)] + [(f"{n}-CT/TU", "Chỉ thị") for n in range(1, 80)]
    out: list[str] = []

    def iri(path: str) -> str:
        return f"<{ID}{path}>"

    def lit(text: str, lang: str | None = "vi", dtype: str | None = None) -> str:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"' + (f"@{lang}" if lang and not dtype else "") + (f"^^<{dtype}>" if dtype else "")

    for n in range(articles):
        g = iri(f"graph/a{n}")
        quads: list[tuple[str, str, str]] = []
        add = lambda s, p, o: quads.append((s, p, o))  # noqa: E731
        province = "Sơn La" if rng.random() < 0.15 else rng.choice(PROVINCES)
        prov = iri(f"province/{slug(province)}")
        committee, board = f"Tỉnh ủy {province}", f"Ban Dân vận Tỉnh ủy {province}"
        body_iris = {}
        for body in (committee, board):
            b = body_iris[body] = iri(f"org/{slug(body)}")
            add(b, f"<{P['type']}>", f"<{NS}PartyBody>")
            add(b, f"<{P['type']}>", f"<{NS}Organization>")
            add(b, f"<{P['label']}>", lit(body))
            add(b, f"<{P['name']}>", lit(body))
            add(b, f"<{NS}province>", prov)
        add(body_iris[board], f"<{P['sub']}>", body_iris[committee])
        add(prov, f"<{P['type']}>", f"<{NS}Province>")
        add(prov, f"<{P['label']}>", lit(province))
        art = iri(f"article/a{n}")
        day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        add(art, f"<{P['type']}>", f"<{NS}Article>")
        add(art, f"<{P['label']}>", lit(f"a{n}.txt", None))
        add(art, f"<{P['headline']}>", lit(f"{province}: hội nghị số {n}"))
        add(art, f"<{P['published']}>", lit(day, None, str(XSD.date)))
        add(art, f"<{NS}province>", prov)
        event_type, cls = rng.choice(EVENT_TYPES)
        ev = iri(f"event/a{n}-1")
        for c in ("Event", cls):
            add(ev, f"<{P['type']}>", f"<{NS}{c}>")
        add(ev, f"<{P['label']}>", lit(f"{event_type} {day}"))
        add(ev, f"<{NS}eventType>", lit(event_type))
        add(ev, f"<{P['start']}>", lit(day, None, str(XSD.date)))
        add(ev, f"<{NS}province>", prov)
        add(art, f"<{NS}mentions>", ev)
        organiser = body_iris[rng.choice([committee, board])]
        sentence0 = f"Ngày {day}, {committee} tổ chức {event_type} số {n}."
        evidence = [0]

        def fact(s, p, o, sentence):
            evidence[0] += 1
            ev_node = iri(f"evidence/a{n}-{evidence[0]}")
            st = iri(f"statement/a{n}-{evidence[0]}")
            add(s, p, o)
            add(st, f"<{P['type']}>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>")
            add(st, f"<{P['subject']}>", s)
            add(st, f"<{P['predicate']}>", p)
            add(st, f"<{P['object']}>", o)
            add(st, f"<{P['derived']}>", art)
            add(st, f"<{NS}evidence>", ev_node)
            add(ev_node, f"<{P['type']}>", f"<{NS}Evidence>")
            add(ev_node, f"<{P['anchor']}>", lit(sentence, None))

        fact(ev, f"<{NS}organizer>", organiser, sentence0)
        for code, doc_type in rng.sample(documents, 2):
            d = iri(f"document/{slug(code)}")
            add(d, f"<{P['type']}>", f"<{NS}Document>")
            add(d, f"<{NS}code>", lit(code, None))
            add(d, f"<{NS}documentType>", lit(doc_type))
            add(d, f"<{P['passed']}>", iri("org/ban-chap-hanh-trung-uong-dang"))
            add(art, f"<{NS}mentions>", d)
            fact(ev, f"<{NS}reviews>", d, sentence0)
        cast = rng.sample(people, 5)
        if rng.random() < 0.01 and people[0] not in cast:
            cast[0] = people[0]
        roles = [("chairedBy", "chủ trì"), ("chairedBy", "chủ trì"), ("speaker", "phát biểu"), ("attendee", "dự"),
                 ("attendee", "trao bằng khen cho các tập thể")]
        for name, (role, verb) in zip(cast, roles):
            person = iri(f"person/{slug(name)}")
            title = rng.choice(TITLES)
            post = iri(f"post/{slug(title + ' ' + committee)}")
            sentence = f"Đồng chí {name}, {title} {committee} {verb}."
            add(person, f"<{P['type']}>", f"<{NS}Person>")
            add(person, f"<{P['label']}>", lit(name))
            add(person, f"<{P['name']}>", lit(name))
            add(post, f"<{P['type']}>", f"<{NS}Post>")
            add(post, f"<{NS}title>", lit(title))
            add(post, f"<{P['postIn']}>", body_iris[committee])
            add(art, f"<{NS}mentions>", person)
            fact(ev, f"<{NS}{role}>", person, sentence)
            fact(person, f"<{P['holds']}>", post, sentence)
            m = iri(f"membership/a{n}-{slug(name)}")
            add(m, f"<{P['type']}>", f"<{NS}Membership>")
            add(m, f"<{P['member']}>", person)
            add(m, f"<{P['organization']}>", body_iris[committee])
            add(m, f"<{NS}post>", post)
            add(m, f"<{NS}title>", lit(title))
            add(m, f"<{NS}attestedOn>", lit(day, None, str(XSD.date)))
            add(m, f"<{P['derived']}>", art)
        out.extend(f"{s} {p} {o} {g} .\n" for s, p, o in quads)
    return "".join(out).encode("utf-8")


def params_for(name: str, index: StoreIndex) -> dict[str, object]:
    """The parameters ``dvkg ask`` would bind for a typical question on the generated store."""
    person = URIRef(sorted(index.persons["lo minh hung"])[0]) if "lo minh hung" in index.persons else None
    son_la = URIRef(ID + "province/son-la")
    committee = URIRef(ID + "org/tinh-uy-son-la")
    return {
        "chaired": {"province": son_la},
        "chairs": {"person": "Lò Minh Hùng"},
        "speakers": {"person": "Lò Minh Hùng"},
        "attendees": {"person": "Lò Minh Hùng"},
        "positions": {"person": "Lò Minh Hùng"},
        "career": {"person": "Lò Minh Hùng"},
        "documents": {"code": "25-NQ/TW"},
        "events": {"type": "hội thảo"},
        "participants": {"from": "2023-11-01", "to": "2023-11-30"},
        "person-posts": {"person": person},
        "body-events": {"body": committee},
        "body-people": {"body": committee},
        "document-reviews": {"code": "25-NQ/TW"},
        "co-chairs": {"person": person},
        "co-attendance": {"person": person},
        "documents-by-issuer": {"type": "Chỉ thị"},
        "awards": {"person": person},
        "mentions": {"entity": person},
    }.get(name, {})


def median_ms(run, repeat: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=4600)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rdflib-repeat", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    data = generate(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        disk = ox.Store(str(Path(tmp) / "kg"))
        disk.load(data, format=ox.RdfFormat.N_QUADS)  # bulk_load on disk needs far more memory
        disk.flush()
        triples = len(disk)
        print(f"generated {args.articles} articles, {triples:,} quads in {time.perf_counter() - started:.1f} s", flush=True)
        memory = ox.Store()
        memory.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        on_disk, in_memory = Store(disk, Path(tmp) / "kg"), Store(memory, None)
        dataset = None
        if not args.no_rdflib:
            t = time.perf_counter()
            dataset = Dataset(default_union=True)
            dataset.parse(data=data.decode("utf-8"), format="nquads")
            print(f"rdflib loaded in {time.perf_counter() - t:.1f} s", flush=True)
        index = StoreIndex(on_disk)
        print(f"\n{'query':<22}{'rows':>7}{'oxigraph disk':>15}{'oxigraph mem':>14}{'rdflib mem':>12}{'speed-up':>10}")
        worst = 0.0
        for query in list_queries():
            params = {k: v for k, v in params_for(query.name, index).items() if v is not None}
            rows = len(on_disk.query(query.text, {k: param_term(v) for k, v in params.items()}))
            bindings = {k: param_term(v) for k, v in params.items()}
            disk_ms = median_ms(lambda: on_disk.query(query.text, bindings), args.repeat)
            mem_ms = median_ms(lambda: in_memory.query(query.text, bindings), args.repeat)
            worst = max(worst, disk_ms)
            line = f"{query.name:<22}{rows:>7}{disk_ms:>12.1f} ms{mem_ms:>11.1f} ms"
            if dataset is not None:
                prepared = prepareQuery(query.text)
                init = {k: v for k, v in bindings.items()}
                rd_ms = median_ms(lambda: list(dataset.query(prepared, initBindings=init)), args.rdflib_repeat)
                line += f"{rd_ms:>9.0f} ms{rd_ms / disk_ms:>9.1f}×"
            print(line, flush=True)
        print(f"\nslowest named query on the embedded (on-disk) store: {worst:.1f} ms")
        questions = ["Ai chủ trì hội nghị tổng kết Nghị quyết 25 ở Sơn La?", "What posts does Lo Minh Hung hold?",
                     "Who attended events on 2023-11-28?", "Which provinces reviewed 25-NQ/TW?"]
        for question in questions:
            ms = median_ms(lambda: ask(on_disk, question), args.repeat)
            print(f"ask {question!r}: {ms:.1f} ms (index of names built each time)")
        del on_disk, in_memory, disk, memory


if __name__ == "__main__":
    sys.exit(main())
