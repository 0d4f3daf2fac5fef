"""The `kamergraaf` command line: build, query, validate, export, serve, evaluate."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from . import __version__

STORE_HELP = "Store location (default ./data/store, or $KAMERGRAAF_STORE)."
SELECT_FORMATS = ["json", "xml", "csv", "tsv"]
GRAPH_FORMATS = ["turtle", "ntriples", "jsonld"]


def _open(location, read_only=False):
    from .graph.store import KnowledgeStore, StoreError

    try:
        return KnowledgeStore(location, read_only=read_only)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


store_option = click.option("--store", "location", envvar="KAMERGRAAF_STORE", default=None, help=STORE_HELP)


class Commands(click.Group):
    """Errors of a remote store become plain messages, not tracebacks."""

    def invoke(self, ctx):
        from .graph.remote import RemoteError

        try:
            return super().invoke(ctx)
        except RemoteError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=Commands)
@click.version_option(__version__, prog_name="kamergraaf")
def main():
    """kamergraaf: a knowledge graph of Dutch migration-policy commitments."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@store_option
@click.option("--force", is_flag=True, help="Re-extract documents even when unchanged.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes for extraction (default: all cores).")
@click.option("--prune", is_flag=True, help="Remove the documents built before from the folders named whose files are gone.")
def build(paths, location, force, jobs, prune):
    """Ingest files and folders (default: seeds/) into the store.

    In a folder, its notes (README, SOURCES.md, LICENSE, CHANGELOG, NOTICE) are skipped unread."""
    from tqdm import tqdm

    from .extract.readers import iter_paths
    from .graph.ingest import ingest

    paths = list(paths) or ["seeds"]
    started = time.perf_counter()
    total = len(iter_paths(paths))
    failures = []
    with _open(location) as store, tqdm(total=total, unit="doc", disable=None, file=sys.stderr, dynamic_ncols=True) as bar:
        def report(result):
            bar.update(1)
            bar.set_postfix_str(Path(result.path).name[:30])
            shown = printable(result.path)  # a name with a line break must not forge a line of its own
            for warning in result.warnings:
                tqdm.write(f"warning: {shown}: {warning}", file=sys.stderr)
            if result.status == "skipped":
                tqdm.write(f"skipped: {shown}: {printable(result.reason)}", file=sys.stderr)
            elif result.status == "removed":
                tqdm.write(f"removed: {shown} ({printable(result.label)}): its file is gone", file=sys.stderr)
            elif not result.ok:
                failures.append(result)
                tqdm.write(f"error: {shown}: {printable(result.reason)}", file=sys.stderr)
        try:
            results = ingest(store, paths, force=force, on_result=report, jobs=jobs, prune=prune)
        except OSError as error:  # a full disk, a store gone read-only: say so, no traceback
            raise click.ClickException(f"cannot write to the store {store.location}: {error.strerror or error}; "
                                       "what was committed before stays, the rest is built again next time") from None
        quads = len(store)
    elapsed = time.perf_counter() - started
    counts = {status: sum(r.status == status for r in results)
              for status in ("added", "replaced", "unchanged", "skipped", "removed")}
    skipped = f"{counts['skipped']} skipped, " if counts["skipped"] else ""
    removed = f"{counts['removed']} removed, " if prune else ""
    click.echo(
        f"{counts['added']} added, {counts['replaced']} replaced, {counts['unchanged']} unchanged, {skipped}{removed}"
        f"{len(failures)} failed — {quads} quads in {store.location} ({elapsed:.1f} s)"
    )
    if failures:
        sys.exit(1)


@main.command()
@click.argument("names", nargs=-1, required=True)
@store_option
@click.option("--missing-ok", is_flag=True, help="Names not in the store are reported, not an error.")
def remove(names, location, missing_ok):
    """Remove documents, each named by its file (path or name) or IRI, with what only they said.

    The derived graph (motion links, statuses, outcomes) is recomputed, as after a build. A name
    that is no document in the store is an error, and nothing is removed."""
    from .graph.ingest import UnknownDocument
    from .graph.ingest import remove as remove_documents

    started = time.perf_counter()
    with _open(location) as store:
        try:
            results = remove_documents(store, list(names), missing_ok=missing_ok)
        except UnknownDocument as error:
            raise click.ClickException(f"{printable(error)} (in {store.location}); nothing was removed") from None
        except OSError as error:
            raise click.ClickException(f"cannot write to the store {store.location}: {error.strerror or error}") from None
        quads = len(store)
    for result in results:
        if result.status == "removed":
            click.echo(f"removed: {printable(result.path)} ({printable(result.label)})", err=True)
        else:
            click.echo(f"skipped: {printable(result.path)}: {result.reason}", err=True)
    removed = sum(r.status == "removed" for r in results)
    click.echo(f"{removed} removed — {quads} quads in {store.location} ({time.perf_counter() - started:.1f} s)")


def _fetch_options(command):
    options = [
        click.argument("source", type=click.Choice(["odata", "sru", "syncfeed"])),
        click.option("--dossier", help="A dossier number (\"19637\", \"36200-VI\")."),
        click.option("--from", "since", help="From this date (YYYY-MM-DD)."),
        click.option("--to", "until", help="Up to this date (YYYY-MM-DD)."),
        click.option("--entity", default="Zaak", show_default=True, help="OData: Zaak, Besluit, Document, Toezegging, …"),
        click.option("--category", default="Zaak", show_default=True, help="SyncFeed: the category (Zaak, Besluit, …)."),
        click.option("--type", "kind", help="SRU: the publication (\"Kamerstuk\", \"Handelingen\")."),
        click.option("--pdf", is_flag=True, help="SRU: the PDF of each document too."),
        click.option("--base-url", help="Another server for the source (a mirror, a test server)."),
        click.option("--raw", "raw_folder", type=click.Path(file_okay=False), default=None,
                     help="Where downloads go (default: raw/ beside the store)."),
        click.option("--rate", default=2.0, show_default=True, type=float, help="Most requests a second."),
        click.option("--max-pages", type=int, default=None, help="Stop after this many pages (resume later)."),
        store_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def run_fetch(source, dossier, since, until, entity, category, kind, pdf, base_url, raw_folder, rate, max_pages, location):
    """Fetch; the downloaded files that are new. One line per page on a terminal's progress bar."""
    from tqdm import tqdm

    from . import fetch
    from .graph.store import default_location

    try:
        fetch.check_arguments(dossier, since, until)
    except fetch.FetchError as error:
        raise click.BadParameter(str(error)) from None
    raw = fetch.RawFolder(raw_folder or Path(location or default_location()).parent / "raw")
    client = fetch.Client(rate=rate)
    if source == "odata":
        key = f"odata:{entity}:{dossier}:{since}:{until}"
        base = base_url or fetch.ODATA
        previous = raw.state().get(key, {})
        changed = previous.get("latest") if previous.get("done") else None  # incremental after a finished run
        first = fetch.odata_url(base, entity, dossier, since, until, changed)
        if previous.get("done") is False:
            first = previous["first"]  # an interrupted run: continue it
        pages = fetch.fetch_odata(client, raw, first, key)
    elif source == "sru":
        query = fetch.sru_query(dossier, kind, since, until)
        pages = fetch.fetch_sru(client, raw, base_url or fetch.SRU, query, f"sru:{query}", pdf=pdf)
    else:
        first = fetch.syncfeed_url(base_url or fetch.SYNCFEED, category)
        pages = fetch.fetch_syncfeed(client, raw, first, f"syncfeed:{category}", max_pages=max_pages)
    new = []
    with tqdm(unit="file", disable=None, file=sys.stderr, dynamic_ncols=True) as bar:
        try:
            for count, saved in enumerate(pages, 1):
                bar.update(1)
                if saved.new:
                    new.append(saved.path)
                if max_pages and count >= max_pages and source != "syncfeed":
                    break
        except fetch.FetchError as error:
            raise click.ClickException(f"{error} — what was fetched is kept; run the same command again to continue")
    click.echo(f"{len(new)} new file(s) in {raw.folder}")
    return new


@main.command()
@_fetch_options
def fetch(**options):
    """Download documents and records from an official source (resumable, incremental)."""
    run_fetch(**options)


@main.command()
@_fetch_options
@click.pass_context
def sync(context, **options):
    """Fetch, then build what is new (documents and open-data records)."""
    new = run_fetch(**options)
    buildable = [p for p in new if p.suffix in (".json", ".xml", ".pdf") and p.parent.name in ("odata", "documents", "syncfeed")]
    if buildable:
        context.invoke(build, paths=[str(p) for p in buildable], location=options["location"], force=False, jobs=None)
    else:
        click.echo("nothing new to build")


def printable(text: str) -> str:
    """`text` with control characters (line breaks, escapes) written as \\n, \\x1b …"""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in str(text))


def _read_query(query: str) -> str:
    if query == "-":
        return sys.stdin.read()
    if query.startswith("@"):
        try:
            return Path(query[1:]).read_text(encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"cannot read query file {query[1:]}: {error.strerror}") from None
    return query


@main.command()
@click.argument("query")
@store_option
@click.option("--format", "fmt", type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS), default=None,
              help="json|xml|csv|tsv for SELECT/ASK (default json); turtle|ntriples|jsonld for CONSTRUCT/DESCRIBE (default turtle).")
def query(query, location, fmt):
    """Run a SPARQL query (text, @file, or - for stdin) over the union of all graphs."""
    text = _read_query(query)
    with _open(location, read_only=True) as store:
        try:
            result = store.query(text)
        except SyntaxError as error:
            raise click.ClickException(f"SPARQL syntax error: {error}") from None
        _write_result(result, fmt)


def _write_result(result, fmt):
    import pyoxigraph as ox

    from .graph.formats import RDF_FORMATS, RESULT_FORMATS

    if isinstance(result, ox.QueryTriples):
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise click.UsageError(f"--format {fmt} is for SELECT/ASK; use one of {', '.join(GRAPH_FORMATS)}")
        sys.stdout.buffer.write(ox.serialize(result, format=RDF_FORMATS[fmt].oxigraph))
    else:
        fmt = fmt or "json"
        if fmt not in SELECT_FORMATS:
            raise click.UsageError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use one of {', '.join(SELECT_FORMATS)}")
        sys.stdout.buffer.write(result.serialize(format=RESULT_FORMATS[fmt].oxigraph))
    sys.stdout.buffer.write(b"\n")


@main.command()
@click.argument("words")
@store_option
@click.option("--kind", default="", help="Document kind (kg:documentType), e.g. Kamerbrief, Motie.")
@click.option("--from", "start", default="", help="Documents dated on or after this day (2024-01-31).")
@click.option("--to", "end", default="", help="Documents dated on or before this day.")
@click.option("--fractie", default="", help="A fractie, by name or slug (VVD, groenlinks-pvda).")
@click.option("--dossier", default="", help="A Kamerstuk dossier number (32317).")
@click.option("--page", default=1, show_default=True, type=int)
@click.option("--per-page", default=20, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="The hits as JSON, as /search?format=json gives them.")
def search(words, location, kind, start, end, fractie, dossier, page, per_page, as_json):
    """Search the documents' text and facts: words in any form, "a phrase", migra*, OR, NOT."""
    import json

    from .graph import search as engine
    from .graph.store import default_location

    location = location or default_location()
    filters = engine.Filters(kind, start, end, fractie, dossier)
    try:
        connection = engine.open_index(location)
    except engine.NoIndex as error:
        raise click.ClickException(str(error)) from None
    results = engine.search(connection, words, filters, page, max(1, per_page))
    connection.close()
    if as_json:
        click.echo(json.dumps(engine.as_json(results, filters), ensure_ascii=False, indent=2))
        return
    if results.error:
        raise click.ClickException(results.error)
    for note in results.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{results.total} hits, page {results.page} of {results.pages}")
    for number, hit in enumerate(results.hits, (results.page - 1) * results.per_page + 1):
        date = f" ({hit['date']})" if hit["date"] else ""
        title = "" if hit["what"] == "text" else f"{printable(hit['title'])} — "  # a text hit's title is its document's
        click.echo(f"\n{number}. [{hit['what_label']}] {title}{printable(hit['document'])}{date}")
        click.echo(f"   {printable(engine.plain(hit['snippet'], ('[', ']')))}")
        click.echo(f"   {hit['source_view']}" + (f"  {hit['resource']}" if "resource" in hit else ""))


@main.command()
@store_option
@click.option("--full", is_flag=True, help="Check every shape over the whole store, not only what changed.")
@click.option("--engine", type=click.Choice(["compiled", "pyshacl"]), default="compiled", show_default=True,
              help="compiled: the shapes as SPARQL queries on Oxigraph (fast); pyshacl: the reference engine (always full).")
def validate(location, full, engine):
    """SHACL-validate the store; exit 1 on violations.

    By default only what changed: document graphs not yet validated with the current shapes, and
    the shapes about things several documents describe (entities, statuses) over the whole store.
    """
    from .graph.shacl import validate_incremental, validate_store
    from .graph.validate import Report, validate_graph

    with _open(location, read_only=True) as store:
        if engine == "pyshacl":
            report = validate_graph(store.union_graph())
        elif full:
            report = Report(validate_store(store))
        else:
            violations, checked = validate_incremental(store)
            report = Report(violations)
            click.echo(f"{checked} document graph(s) validated anew; cross-document shapes over the whole store.")
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig", "turtle", "jsonld"]), default="nquads")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def export(location, fmt, output):
    """Dump the store: nquads/trig keep the named graphs; turtle/jsonld give their union."""
    with _open(location, read_only=True) as store:
        data = store.dump(fmt)
    if output:
        Path(output).write_bytes(data)
        click.echo(f"wrote {len(data)} bytes to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--row-cap", default=10_000, show_default=True, type=int, help="Most rows a query returns.")
@click.option("--max-result-bytes", default=50_000_000, show_default=True, type=int,
              help="Most text a query's result carries; rows past it are cut and the cut reported.")
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
# Request threads mostly wait for the query workers; Granian warns above 2 per core + 1.
@click.option("--threads", default=min(8, 2 * (os.cpu_count() or 1) + 1), show_default=True, type=int,
              help="Request threads.")
@click.option("--update-token", envvar="KAMERGRAAF_UPDATE_TOKEN", default=None,
              help="Enable SPARQL Update for requests with 'Authorization: Bearer TOKEN'.")
@click.option("--allow-service", is_flag=True, help="Allow federated SERVICE calls.")
def serve(location, host, port, timeout, row_cap, max_result_bytes, workers, threads, update_token, allow_service):
    """Serve the SPARQL endpoint and pages over the store (Granian, threaded)."""
    from .graph.store import default_location, is_remote
    from .server.wsgi import check_port
    from .server.wsgi import serve as run_server

    location = location or default_location()
    if not is_remote(location) and not Path(location).exists():
        raise click.ClickException(f"no store at {location}: run 'kamergraaf build' first")

    try:
        check_port(host, port)
    except OSError as error:
        raise click.ClickException(f"cannot serve on {host}:{port}: {error.strerror or error} "
                                   "(is another server running there?)") from None
    click.echo(f"kamergraaf serving {location} on http://{host}:{port}/", err=True)
    run_server(location, host, port, threads, query_timeout=timeout, row_cap=row_cap, max_result_bytes=max_result_bytes,
               workers=workers,
               update_token=update_token, allow_service=allow_service)


@main.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False), default="tests/gold")
@click.option("--root", type=click.Path(exists=True, file_okay=False), default=".",
              help="Folder the gold files' source paths are relative to.")
@click.option("--corpus", is_flag=True, help="Score the real documents of GOLD_DIR/corpus/ per kind and layout.")
@click.option("--check", is_flag=True, help="With --corpus: exit 1 when a target is not met or a file cannot be read.")
def evaluate(gold_dir, root, corpus, check):
    """Precision, recall and F1 per kind against hand-annotated gold."""
    from .evaluate import corpus_report, evaluate_corpus, report, evaluate as run

    if not corpus:
        click.echo(report(run(gold_dir, root)))
        return
    result = evaluate_corpus(gold_dir, root)
    click.echo(corpus_report(result))
    missed = result.failures()
    for line in missed:
        click.echo(f"below target: {line}", err=True)
    if check and missed:
        sys.exit(1)
