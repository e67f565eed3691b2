"""How fast the network page becomes interactive in headless Chromium.

    .venv/bin/python bench/viz_page.py [--nodes 10000] [--runs 3] [--keep out/bench-10k.html]

Builds a synthetic network shaped like dvkg's (provinces, party, state and
mass bodies, people holding posts in them, events they chair, speak at or
attend, documents the events review; one evidence sentence per edge), writes
the page with ``write_html`` and opens it from disk in Chromium (Playwright,
``executable_path`` = the system ``chromium``). Prints, per run:

- page: the time from navigation start until the page says it is ready
  (``document.body[data-ready]``: the network is drawn and physics, if any,
  has stopped);
- search+click: typing a name in the search box, picking the first result
  and seeing the node's panel;
- the requests that left ``file://`` (must be none).

Also prints the time ``write_html`` took (layout included) and the page size.
Figures only, no asserts. Needs ``chromium`` on PATH (Debian: ``apt-get
install chromium``); nothing is downloaded.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from dvkg.graph.html import write_html

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Giàng", "Ma", "Hà"]
MIDDLES = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quốc", "Ngọc", "Tiến", "Hồng"]
GIVEN = ["Hùng", "Dung", "Na", "Lực", "Tâm", "Quân", "Xuân", "Thắng", "Sứ", "Kiên", "Hinh", "Điền", "Lan", "Phong"]
BODIES = [("party", "Tỉnh ủy"), ("party", "Ban Dân vận Tỉnh ủy"), ("party", "Ban Tuyên giáo Tỉnh ủy"),
          ("state", "UBND tỉnh"), ("state", "HĐND tỉnh"), ("state", "Sở Nội vụ"),
          ("mass", "Ủy ban MTTQ tỉnh"), ("mass", "Hội Nông dân tỉnh"), ("mass", "Tỉnh đoàn")]
TITLES = ["Bí thư", "Phó Bí thư Thường trực", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Giám đốc"]


def synthetic_network(n_nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """About ``n_nodes`` nodes: 45 % events, 40 % people, 5 % documents, the rest bodies and provinces."""
    rng = random.Random(seed)
    net = nx.MultiDiGraph()
    counter = iter(range(10**9))

    def node(kind: str, label: str, **details) -> str:
        iri = f"https://w3id.org/dvkg/id/{kind}/{next(counter)}"
        net.add_node(iri, kind=kind, label=label, details=details, evidence=[], provinces=[], dates=[])
        return iri

    def edge(u: str, v: str, relation: str, sentence: str, title: str = "") -> None:
        item = {"sentence": sentence, "article": f"Bài báo {rng.randrange(n_nodes // 4 + 1)}",
                "source": f"corpus/{rng.randrange(10**6)}.txt"}
        net.add_edge(u, v, relation=relation, title=title, evidence=[item])
        net.nodes[u]["evidence"].append(item)
        net.nodes[v]["evidence"].append(item)

    n_provinces = 34
    provinces = [node("province", f"Tỉnh {i}") for i in range(n_provinces)]
    bodies_by_province = {}
    for p in provinces:
        label = net.nodes[p]["label"]
        bodies = [node(kind, f"{name} {label}", province=label) for kind, name in BODIES]
        for b in bodies:
            edge(b, p, "part of", f"{net.nodes[b]['label']} thuộc {label}.")
            net.nodes[b]["provinces"] = [label]
        bodies_by_province[p] = bodies
    n_people = int(n_nodes * 0.40)
    n_documents = int(n_nodes * 0.05)
    n_events = n_nodes - n_people - n_documents - len(net)
    documents = [node("document", f"Nghị quyết {i}-NQ/TW", code=f"{i}-NQ/TW") for i in range(n_documents)]
    people = []
    for _ in range(n_people):
        p = rng.choice(provinces)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"
        person = node("person", name)
        body = rng.choice(bodies_by_province[p])
        title = rng.choice(TITLES)
        edge(person, body, "holds post in", f"Đồng chí {name}, {title} {net.nodes[body]['label']}.", title)
        people.append((person, p))
    people_in = {p: [person for person, q in people if q == p] for p in provinces}
    for i in range(n_events):
        p = rng.choice(provinces)
        date = f"20{rng.randrange(18, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        event = node("event", f"hội nghị {date}", type="hội nghị", date=date)
        edge(event, p, "held in", f"Hội nghị diễn ra tại {net.nodes[p]['label']}.")
        edge(rng.choice(bodies_by_province[p]), event, "organised", "Hội nghị do Ban Dân vận tổ chức.")
        local = people_in[p] or [people[0][0]]
        for k, person in enumerate(rng.sample(local, min(len(local), rng.randrange(2, 6)))):
            relation = ("chaired", "spoke at", "attended")[min(k, 2)]
            edge(person, event, relation, f"Đồng chí {net.nodes[person]['label']} {relation} hội nghị ngày {date}.")
        for doc in rng.sample(documents, rng.randrange(0, 2)):
            edge(event, doc, "reviews", f"Hội nghị tổng kết {net.nodes[doc]['label']}.")
    return net


def measure(page: Path, chromium: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        browser = pw.chromium.launch_persistent_context(profile, executable_path=chromium, args=CHROMIUM_ARGS,
                                                        headless=True, viewport={"width": 1400, "height": 900})
        for run in range(1, runs + 1):
            tab = browser.new_page()
            leaks: list[str] = []
            tab.on("request", lambda r: leaks.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            start = time.perf_counter()
            tab.goto(page.as_uri(), wait_until="commit")
            tab.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            loaded = time.perf_counter() - start
            name = tab.evaluate("window.dvkg.nodes.get()[0].label")
            start = time.perf_counter()
            tab.fill("#search", name)
            tab.press("#search", "Enter")
            tab.wait_for_function("document.querySelector('#panel h2') !== null")
            clicked = time.perf_counter() - start
            print(f"run {run}: page ready {loaded:.2f} s, search+click {clicked:.2f} s, "
                  f"requests off file:// {len(leaks)}")
            tab.close()
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the page here instead of a temporary file")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium on PATH: apt-get install chromium", file=sys.stderr)
        return 1
    net = synthetic_network(args.nodes)
    with tempfile.TemporaryDirectory() as tmp:
        page = args.keep or Path(tmp) / "bench.html"
        start = time.perf_counter()
        write_html(net, page, title=f"bench: {len(net)} nodes")
        wrote = time.perf_counter() - start
        print(f"{len(net)} nodes, {net.number_of_edges()} edges: write_html {wrote:.2f} s "
              f"(layout included), page {page.stat().st_size / 1e6:.1f} MB")
        measure(page.resolve(), chromium, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
