"""The ``dvkg`` command: a thin layer over ``dvkg.api``.

Exit codes (every command):
    0  done
    1  nothing could be done with the input (no article ingested or extracted)
    2  usage error, or a DvkgError (bad query, locked store...): one line ``Error: ...``
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dvkg import api
from dvkg.config import DEFAULT_OUT, DEFAULT_STORE
from dvkg.errors import DvkgError
from dvkg.graph.remote import is_store_url

EXIT_OK, EXIT_NOTHING, EXIT_ERROR = 0, 1, 2


class _StoreParam(click.ParamType):
    """A store directory (a Path), or the URL of a SPARQL 1.1 server (kept as text: ``http://`` stays whole)."""

    name = "DIR|URL"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and is_store_url(value):
            return value
        return click.Path(file_okay=False, path_type=Path).convert(value, param, ctx)


store_option = click.option(
    "--store",
    "store_path",
    type=_StoreParam(),
    default=DEFAULT_STORE,
    show_default=True,
    help="The store directory (created if missing), or a SPARQL 1.1 server's URL, e.g. http://127.0.0.1:7878 "
         "(Oxigraph), http://host:3030/DATASET (Fuseki), http://host:8890/sparql (Virtuoso).",
)


class _Group(click.Group):
    """Turns a DvkgError anywhere into one line on stderr and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DvkgError as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dvkg")
def main():
    """dvkg: a knowledge graph of Vietnamese political news.

    \b
    Example:
      dvkg ingest examples/ --store dvkg-store
      dvkg query chairs --store dvkg-store
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Extract, build and check each article's graph in N processes on this machine; this "
                   "process writes the store. "
                   "Example: dvkg ingest corpus/ --workers 2")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Do that on the workers of this Dask cluster instead; this process writes the store. "
                   "Example: dvkg ingest corpus/ --scheduler tcp://10.0.0.5:8786")
@click.option("--resolve-every", type=click.IntRange(1), default=None, metavar="N",
              help="Also resolve identity after about every N new articles, not only at the end, so a very "
                   "large first ingest keeps memory bounded. Example: dvkg ingest corpus/ --resolve-every 10000")
def ingest(paths, store_path, progress, workers, scheduler, resolve_every):
    """Ingest articles (.txt, .html, .jsonl files or folders) into the store.

    Each article replaces its own named graph in one transaction; ingesting
    the same article again changes nothing, and while its text, metadata and
    dvkg's rules are unchanged it is not even extracted again. A bad file is
    reported in one line and the others are still ingested. With --workers or --scheduler,
    articles are extracted, and their graphs built and checked, in parallel; they are stored
    as they arrive, in any order. Identity is then resolved across articles, and a run that
    at least doubled the store compacts it (less disk, no stale entries).

    \b
    Example:
      dvkg ingest ../shared/corpus examples/bac-kan-dan-van-kheo.html --store dvkg-store
      dvkg ingest corpus/ --workers 2
      dvkg ingest corpus/ --scheduler tcp://127.0.0.1:8786 --store http://127.0.0.1:7878
    """
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    with api.open_store(store_path) as store, tqdm(unit=" articles", disable=not show, file=sys.stderr) as bar:

        def progressed(error: str | None) -> None:
            if error:
                bar.write(f"skipped: {error}", file=sys.stderr)
            bar.update()

        report = api.ingest(paths, store, on_article=progressed, workers=workers, scheduler=scheduler,
                            resolve_every=resolve_every, on_stage=bar.set_postfix_str)
        bar.close()
        click.echo(f"{report.summary()}; store {store_path} holds {len(store)} quads")
        if report.resolution is not None and (report.resolution.renamed or report.resolution.candidate_count):
            click.echo(f"{report.resolution.summary()}: see dvkg people --duplicates")
    sys.exit(EXIT_OK if report.ingested else EXIT_NOTHING)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--explain", is_flag=True, help="Add each fact's evidence: the sentence and its offsets.")
def extract(paths, fmt, explain):
    """Print the facts of each article as extraction records; the store is not touched.

    The record is the one of shared/eval/SCHEMA.md, one JSON object per line.

    \b
    Example:
      dvkg extract ../shared/corpus --format jsonl > pred.jsonl
      dvkg extract examples/son-la-dan-van.txt --explain --format json
    """
    done = 0
    for item in api.extract(paths):
        if isinstance(item, DvkgError):
            click.echo(f"skipped: {item}", err=True)
            continue
        record = item.explain() if explain else item.to_record()
        indent = 2 if fmt == "json" else None
        click.echo(json.dumps(record, ensure_ascii=False, indent=indent))
        done += 1
    sys.exit(EXIT_OK if done else EXIT_NOTHING)


@main.command()
@click.argument("query", required=False)
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what they answer.")
def query(query, store_path, fmt, params, list_queries):
    """Run a named query (chairs, positions...), a .rq file, or SPARQL text.

    \b
    Example:
      dvkg query chairs
      dvkg query positions --param person="Lò Minh Hùng" --format csv
      dvkg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      dvkg query --list
    """
    from dvkg.queries.runner import list_queries as named

    if list_queries or not query:
        for q in named():
            click.echo(f"{q.name:<12} {q.answers}  [{', '.join(q.columns)}]")
        return
    bindings = dict(_param(p) for p in params)
    with api.open_store(store_path) as store:
        result = api.query(store, query, bindings)
    click.echo({"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt](), nl=False)
    if fmt == "json":
        click.echo()


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="--param")
    return name.strip(), value


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT / "graph.ttl")
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "json-ld", "graphml", "csv"]),
              default=None, help="Default: from the file name (.ttl, .trig, .nq, .jsonld, .graphml, .csv).")
def export(path, store_path, fmt):
    """Write the whole store to one RDF file, or its network as GraphML or CSV.

    GraphML (Gephi, yEd) and CSV (NAME-nodes.csv and NAME-edges.csv) hold
    persons, bodies, posts, events and documents as nodes, facts as edges.

    \b
    Example:
      dvkg export out/graph.ttl
      dvkg export out/graph.trig --format trig
      dvkg export out/graph.graphml
      dvkg export out/graph.csv --format csv
    """
    suffixes = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld", ".graphml": "graphml",
                ".csv": "csv"}
    fmt = fmt or suffixes.get(path.suffix, "turtle")
    path.parent.mkdir(parents=True, exist_ok=True)
    with api.open_store(store_path) as store:
        count = api.export(store, path, fmt)
    unit = {"turtle": "triples", "graphml": "edges", "csv": "edges"}.get(fmt, "quads")
    click.echo(f"wrote {count} {unit} to {path}")


@main.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
def remove(articles, store_path):
    """Retract articles: drop each one's graph (one transaction each), then resolve identity again.

    ARTICLES are article names as ingested (file name or record id), or their IRIs.

    \b
    Example:
      dvkg remove 000_6cabc671c13fed58.txt --store dvkg-store
    """
    with api.open_store(store_path) as store:
        removed, missing = api.remove(store, articles)
    for name in missing:
        click.echo(f"not in the store: {name}", err=True)
    click.echo(f"removed {len(removed)} article(s)")
    sys.exit(EXIT_OK if removed else EXIT_NOTHING)


@main.command()
@store_option
def validate(store_path):
    """Check every stored graph against the SHACL shapes with pySHACL; list each violation.

    Exit code 0 when all conform, 1 when some graph does not.

    \b
    Example:
      dvkg validate --store dvkg-store
    """
    with api.open_store(store_path) as store:
        count = len(store.graphs())
        failing = api.validate(store)
    for graph, report in failing.items():
        for violation in report.violations:
            click.echo(f"{graph}: {violation}")
    click.echo(f"{count - len(failing)} of {count} graph(s) conform")
    sys.exit(EXIT_OK if not failing else EXIT_NOTHING)


@main.command()
@click.argument("name", required=False)
@store_option
@click.option("--duplicates", is_flag=True, help="List pairs of mentions that may be one person, or two.")
@click.option("--confirm", "confirm", metavar="ID", help="Pair ID is one person: merge it.")
@click.option("--split", "split", metavar="ID", help="Pair ID is two people: keep them apart.")
@click.option("--undo", "undo", metavar="ID", help="Take back the verdict on pair ID.")
@click.option("--reason", default="", help="Why, recorded with --confirm or --split.")
def people(name, store_path, duplicates, confirm, split, undo, reason):
    """Persons as resolved across articles, likely duplicates, and your verdicts on them.

    Without options: every person node with its articles and why they are one
    node (NAME narrows to one name). Verdicts are kept in the store, survive
    re-ingests and can be undone.

    \b
    Example:
      dvkg people "Lò Minh Hùng"
      dvkg people --duplicates
      dvkg people --split 3fa4c2d1 --reason "different birth years"
      dvkg people --undo 3fa4c2d1
    """
    with api.open_store(store_path) as store:
        if confirm or split or undo:
            pair, verdict = (confirm, "same") if confirm else (split, "different") if split else (undo, None)
            click.echo(api.review(store, pair, verdict, reason))
            return
        found = api.people(store)
    if duplicates:
        for c in found.candidates:
            if name and c.name.casefold() != name.casefold():
                continue
            verdict = f", your verdict: {c.verdict}" if c.verdict else ""
            click.echo(f"{c.id}  {c.name}: {c.status} ({c.reason}{verdict})")
            click.echo(f"    {c.first.context()}\n    {c.second.context()}")
        click.echo(f"{len(found.candidates)} pair(s) to review: dvkg people --confirm ID (one person) or --split ID (two)")
        return
    for node, mentions in sorted(found.persons.items(), key=lambda kv: (kv[1][0].name, kv[0])):
        if name and mentions[0].name.casefold() != name.casefold():
            continue
        click.echo(f"{mentions[0].name}  <{node}>  {len(mentions)} article(s)")
        if node in found.reasons:
            click.echo(f"    why: {found.reasons[node]}")
        for m in mentions:
            click.echo(f"    {m.context()}")


@main.command()
@store_option
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"The HTML page [default: {DEFAULT_OUT / 'graph.html'}, unless only --png/--svg is given].")
@click.option("--title", default="dvkg network", show_default=True)
@click.option("--focus", metavar="NAME", help="Only what is within --depth links of NAME (diacritics ignored).")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True, help="Links around --focus.")
@click.option("--document", metavar="CODE", help="Only what is around one document, e.g. 25-NQ/TW.")
@click.option("--people-only", is_flag=True, help="People linked by shared events (weighted, communities coloured).")
@click.option("--png", "pngs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw a static PNG picture of the same view.")
@click.option("--svg", "svgs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw a static SVG picture of the same view.")
@click.option("--timeline", metavar="NAME", help="Make --png/--svg a timeline of NAME's posts and events.")
def viz(store_path, out, title, focus, depth, document, people_only, pngs, svgs, timeline):
    """Write the network of people, bodies, events and documents as one offline HTML page.

    \b
    Example:
      dvkg viz --out out/graph.html
      dvkg viz --focus "Lò Minh Hùng" --depth 2 --out out/hung.html
      dvkg viz --document 25-NQ/TW --png out/25-nq-tw.png
      dvkg viz --people-only --out out/people.html --svg out/people.svg
      dvkg viz --timeline "Lò Minh Hùng" --png out/hung-timeline.png
    """
    if timeline and not (pngs or svgs):
        raise click.UsageError("--timeline draws a picture: give --png FILE or --svg FILE")
    if out is None and not (pngs or svgs):
        out = DEFAULT_OUT / "graph.html"
    with api.open_store(store_path) as store:
        paths = api.viz(store, out, title=title, focus=focus, depth=depth, document=document,
                        people_only=people_only, pictures=[*pngs, *svgs], timeline=timeline)
    for path in paths:
        click.echo(f"wrote {path}")



@main.command()
@click.argument("question")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def ask(question, store_path, fmt):
    """Answer a question about who chaired, attended or holds what, in Vietnamese or English.

    Each answer comes with the sentence and article that prove it; --format
    json adds the SPARQL run. A question no form fits gets the list of forms
    understood (exit 2); a name that fits several people lists them (exit 1).

    \b
    Example:
      dvkg ask "Ai chủ trì hội nghị tổng kết Nghị quyết 25 ở Sơn La?"
      dvkg ask "What posts does Lo Minh Hung hold?" --format json
    """
    with api.open_store(store_path) as store:
        reply = api.ask(store, question)
    click.echo(reply.to_json() if fmt == "json" else reply.to_text(), nl=fmt == "json")
    sys.exit(EXIT_NOTHING if reply.candidates else EXIT_OK)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port to listen on (0: any free port).")
@click.option("--timeout", default=30.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-rows", default=10_000, show_default=True, type=int, help="Rows or triples a response holds at most.")
def serve(store_path, host, port, timeout, max_rows):
    """Serve the store read-only: SPARQL 1.1 endpoint at /query, a query page at /, the network at /network.

    The engine is Oxigraph's read-only server; updates and SERVICE are
    refused. Stop it with Ctrl-C, and stop it before ingesting into the store.

    \b
    Example:
      dvkg serve --store dvkg-store --port 7878
      curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from dvkg.serve import ServeSettings, serve as run

    if is_store_url(store_path):
        raise DvkgError(f"dvkg serve serves a store directory; {store_path} is a SPARQL server already: "
                        "send your queries there, or give --store DIR")
    settings = ServeSettings(store_path, host=host, port=port, timeout=timeout, max_rows=max_rows)
    run(settings, ready=lambda url: click.echo(f"dvkg serving {store_path} read-only at {url} (Ctrl-C to stop)"))

if __name__ == "__main__":  # pragma: no cover
    main()
