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

EXIT_OK, EXIT_NOTHING, EXIT_ERROR = 0, 1, 2

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    help="The store directory (created if missing).",
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
def ingest(paths, store_path, progress):
    """Ingest articles (.txt, .html, .jsonl files or folders) into the store.

    Each article replaces its own named graph in one transaction; ingesting
    the same article again changes nothing. A bad file is reported in one
    line and the others are still ingested.

    \b
    Example:
      dvkg ingest ../shared/corpus examples/page.html --store dvkg-store
    """
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    with api.open_store(store_path) as store, tqdm(unit=" articles", disable=not show, file=sys.stderr) as bar:

        def progressed(error: str | None) -> None:
            if error:
                bar.write(f"skipped: {error}", file=sys.stderr)
            bar.update()

        report = api.ingest(paths, store, on_article=progressed)
        bar.close()
        click.echo(f"{report.summary()}; store {store_path} holds {len(store)} quads")
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
      dvkg extract examples/son-la.txt --explain --format json
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
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "json-ld"]), default=None,
              help="Default: from the file name (.ttl, .trig, .nq, .jsonld).")
def export(path, store_path, fmt):
    """Write the whole store to one RDF file.

    \b
    Example:
      dvkg export out/graph.ttl
      dvkg export out/graph.trig --format trig
    """
    fmt = fmt or {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}.get(path.suffix, "turtle")
    path.parent.mkdir(parents=True, exist_ok=True)
    with api.open_store(store_path) as store:
        count = api.export(store, path, fmt)
    click.echo(f"wrote {count} {'triples' if fmt == 'turtle' else 'quads'} to {path}")


@main.command()
@store_option
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT / "graph.html",
              show_default=True)
@click.option("--title", default="dvkg network", show_default=True)
def viz(store_path, out, title):
    """Write the network of people, bodies, events and documents as one offline HTML page.

    \b
    Example:
      dvkg viz --out out/graph.html
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with api.open_store(store_path) as store:
        path = api.viz(store, out, title=title)
    click.echo(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
