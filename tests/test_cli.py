"""The command line: query formats and inputs, validate, export, serve."""
import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kamergraaf.cli import main
from kamergraaf.graph.store import KnowledgeStore

from .serving import free_port, http, serving_process

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kamergraaf/def#Answer> }"
CONSTRUCT = ("CONSTRUCT { ?q <https://w3id.org/kamergraaf/def#askedBy> ?f } WHERE { "
             "?q <https://w3id.org/kamergraaf/def#askedBy> ?f } LIMIT 5")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    from .conftest import FORMATS, SEEDS

    path = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(main, ["build", "--store", str(path), str(SEEDS), str(FORMATS)])
    assert result.exit_code == 0, result.output
    return path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_select_in_every_result_format(store_path):
    out = run("query", "--store", store_path, COUNT)
    assert json.loads(out.output)["results"]["bindings"][0]["n"]["value"] == "158"
    out = run("query", "--store", store_path, COUNT, "--format", "xml")
    assert "<sparql" in out.output and ">158<" in out.output
    out = run("query", "--store", store_path, COUNT, "--format", "csv")
    assert list(csv.reader(io.StringIO(out.output)))[:2] == [["n"], ["158"]]
    out = run("query", "--store", store_path, COUNT, "--format", "tsv")
    assert out.output.splitlines()[:2] == ["?n", "158"]


def test_store_from_environment(store_path):
    result = CliRunner(env={"KAMERGRAAF_STORE": str(store_path)}).invoke(main, ["query", "ASK { ?s ?p ?o }"])
    assert json.loads(result.output)["boolean"] is True


def test_construct_formats(store_path):
    for fmt, parser in (("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")):
        out = run("query", "--store", store_path, CONSTRUCT, "--format", fmt)
        assert len(Graph().parse(data=out.output, format=parser)) == 5, fmt
    out = run("query", "--store", store_path, CONSTRUCT)
    assert len(Graph().parse(data=out.output, format="turtle")) == 5


def test_query_from_file_and_stdin(store_path, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text(COUNT)
    assert "158" in run("query", "--store", store_path, f"@{query_file}", "--format", "csv").output
    assert "158" in run("query", "--store", store_path, "-", "--format", "csv", input=COUNT).output


def test_query_errors_are_plain_messages(store_path):
    result = CliRunner().invoke(main, ["query", "--store", str(store_path), "SELEC nonsense"])
    assert result.exit_code == 1 and "SPARQL syntax error" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["query", "--store", str(store_path), COUNT, "--format", "turtle"])
    assert result.exit_code == 2 and "is for CONSTRUCT/DESCRIBE" in result.output
    result = CliRunner().invoke(main, ["query", "--store", "/nonexistent/store", COUNT])
    assert result.exit_code == 1 and "no store at /nonexistent/store" in result.output


def test_validate_passes_on_the_built_store(store_path):
    result = run("validate", "--store", store_path)
    assert result.exit_code == 0 and "Conforms" in result.output


def test_validate_reports_violations(tmp_path):
    from .conftest import FORMATS

    path = tmp_path / "store"
    run("build", "--store", path, FORMATS / "ah-tk-20202021-3235.xml")
    with KnowledgeStore(path) as store:
        # An answer that answers nothing, smuggled in behind kamergraaf's back (and published to readers).
        store.store.update("INSERT DATA { GRAPH <urn:x> { <urn:a> a <https://w3id.org/kamergraaf/def#Answer> } }")
        store.publish_snapshot()
    result = CliRunner().invoke(main, ["validate", "--store", str(path), "--full"])
    assert result.exit_code == 1
    assert "urn:a" in result.output and "Every answer answers exactly one question" in result.output
    result = CliRunner().invoke(main, ["validate", "--store", str(path), "--engine", "pyshacl"])
    assert result.exit_code == 1 and "urn:a" in result.output


def test_incremental_validation_checks_what_changed(tmp_path):
    from .conftest import FORMATS

    path = tmp_path / "store"
    run("build", "--store", path, FORMATS / "ah-tk-20202021-3235.xml", FORMATS / "kst-32545-143.xml")
    graph = "https://w3id.org/kamergraaf/id/graph/ah-tk-20202021-3235.xml"
    other = "https://w3id.org/kamergraaf/id/graph/kst-32545-143.xml"
    answer = "<https://w3id.org/kamergraaf/def#Answer>"
    store = KnowledgeStore(path)
    # A graph that was never validated with the current shapes, holding an answer to nothing …
    store.store.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ <{graph}> <https://w3id.org/kamergraaf/def#validatedWith> ?d }} }} ;"
                 f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:stale> a {answer} }} GRAPH <{other}> {{ <urn:validated> a {answer} }} }} ;"
                 # … and a motion (a cross-document entity) with neither sponsor nor number.
                 "INSERT DATA { GRAPH <https://w3id.org/kamergraaf/id/graph/entities> { <urn:motion> a <https://w3id.org/kamergraaf/def#Motion> } }")
    store.publish_snapshot()
    store.close()
    result = CliRunner().invoke(main, ["validate", "--store", str(path)])
    assert result.exit_code == 1 and "1 document graph(s) validated anew" in result.output
    assert "urn:stale" in result.output and "urn:motion" in result.output
    assert "urn:validated" not in result.output  # validated at build; --full checks it again
    result = CliRunner().invoke(main, ["validate", "--store", str(path), "--full"])
    assert "urn:validated" in result.output and "urn:stale" in result.output


def test_export_formats(store_path, tmp_path):
    out = tmp_path / "dump.nq"
    run("export", "--store", store_path, "--format", "nquads", "-o", out)
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    graphs = {str(g.identifier) for g in dataset.graphs()}
    assert "https://w3id.org/kamergraaf/id/graph/000_a18c50dab0394b4b.txt" in graphs
    trig = run("export", "--store", store_path, "--format", "trig").output
    assert len(Dataset().parse(data=trig, format="trig")) == len(dataset)
    turtle = run("export", "--store", store_path, "--format", "turtle").output
    assert len(Graph().parse(data=turtle, format="turtle")) > 5000
    jsonld = run("export", "--store", store_path, "--format", "jsonld").output
    assert len(Graph().parse(data=jsonld, format="json-ld")) > 5000


def test_evaluate_prints_scores_per_kind():
    from .conftest import GOLD, ROOT

    result = run("evaluate", GOLD, "--root", ROOT)
    kinds = {line.split()[0] for line in result.output.splitlines()[1:] if " ALL " in line}
    assert kinds == {"qa", "kamerstuk", "motion", "eu-celex", "toezegging", "beleidsinzet", "commitment", "claim"}


def test_serve_answers_sparql_from_its_own_process(store_path):
    """`kamergraaf serve` as users run it (Granian in front of the query workers)."""
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kamergraaf/def#Answer> }")
    with serving_process(store_path, "--threads", "2") as url:
        status, media_type, _headers, body = http("GET", f"{url}/sparql?query={query}",
                                                  headers={"Accept": "application/sparql-results+json"})
        assert (status, media_type) == (200, "application/sparql-results+json")
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 100
        assert http("GET", f"{url}/doc/no-such-document")[0] == 404


def _stat_fields(pid: int | str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name: [0] state, [1] parent, [2] group."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _live_processes(where) -> list[int]:
    """Live (not zombie) processes whose stat fields satisfy `where`."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat_fields(entry.name)
        if fields and fields[0] != "Z" and where(fields):
            found.append(int(entry.name))
    return found


def _processes_in_group(group: int) -> list[int]:
    return _live_processes(lambda fields: int(fields[2]) == group)


def _serve_command(store_path, port: int) -> list[str]:
    return [str(Path(sys.executable).with_name("kamergraaf")), "serve", "--store", str(store_path),
            "--host", "127.0.0.1", "--port", str(port)]


@contextlib.contextmanager
def _serving_in_own_group(store_path):
    """`kamergraaf serve` in a process group of its own (as a terminal starts it), once it answers;
    yields the process (its pid is the group's id). Whatever is left of the group is killed after."""
    port = free_port()
    process = subprocess.Popen(_serve_command(store_path, port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        for _ in range(300):
            try:
                if http("GET", f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=1)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _group_ends(group: int, seconds: float = 10) -> bool:
    for _ in range(int(seconds * 10)):
        if not _processes_in_group(group):
            return True
        time.sleep(0.1)
    return False


def test_ctrl_c_stops_the_server_and_its_workers(store_path):
    """Ctrl-C signals the whole process group: server, request worker and query workers all end,
    without tracebacks."""
    with _serving_in_own_group(store_path) as process:
        assert len(_processes_in_group(process.pid)) >= 4  # server, its worker, two query workers
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=30)
        assert _group_ends(process.pid)
        assert "Traceback" not in errors


def test_serve_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code != 0 and "run 'kamergraaf build' first" in result.output


def test_serve_refuses_a_port_in_use(store_path):
    """Granian binds with port reuse: without the check a second server would share the port."""
    with serving_process(store_path) as url:
        second = subprocess.run(_serve_command(store_path, urllib.parse.urlsplit(url).port),
                                capture_output=True, text=True, timeout=60)  # would serve on, and time out
        assert second.returncode != 0 and "another server" in second.stderr


def test_serve_ends_when_its_main_process_is_killed(store_path):
    """Granian's worker (and the query workers) must not go on serving after the main process dies."""
    with _serving_in_own_group(store_path) as process:
        process.kill()  # SIGKILL to the main process only, as the OOM killer would
        process.wait(timeout=10)
        assert _group_ends(process.pid)


SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # minutes of work


@pytest.mark.parametrize("victim", ["main", "granian worker"])
def test_a_busy_query_worker_ends_when_the_server_is_killed(store_path, victim):
    """kill -9 of serve's main process or of its Granian worker while a query runs: the query
    worker, deep in native evaluation and deaf to its connection, is ended by the kernel."""
    port = free_port()
    command = _serve_command(store_path, port) + ["--timeout", "120"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                if http("GET", f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=1)[0] == 200:
                    break
            time.sleep(0.1)
        url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote(SLOW_QUERY)
        client = subprocess.Popen([sys.executable, "-c", f"import urllib.request; urllib.request.urlopen({url!r}, timeout=120)"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        busy = []
        for _ in range(100):  # the query worker that took the query: the one using CPU
            busy = [pid for pid in _processes_in_group(process.pid) if _state(pid) == "R" and b"spawn_main" in _cmdline(pid)]
            if busy:
                break
            time.sleep(0.1)
        assert busy, "no query worker became busy"
        if victim == "main":
            process.kill()
        else:
            [worker] = [pid for pid in _children_of(process.pid) if b"spawn_main" not in _cmdline(pid)]
            os.kill(worker, signal.SIGKILL)
        for _ in range(100):
            if all(_state(pid) == "Z" for pid in busy):
                break
            time.sleep(0.1)
        assert all(_state(pid) == "Z" for pid in busy)
        client.kill()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def test_build_workers_die_with_a_killed_build(tmp_path):
    """kill -9 of the build's main process: its worker processes end too (the kernel kills them)."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "bench" / "corpus.py"), "120", str(corpus)],
                   check=True, capture_output=True)
    build = subprocess.Popen([str(Path(sys.executable).with_name("kamergraaf")), "build", "--jobs", "2",
                              "--store", str(tmp_path / "store"), str(corpus)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    for _ in range(300):
        workers = [pid for pid in _children_of(build.pid) if b"spawn_main" in _cmdline(pid)]
        if len(workers) >= 2 or build.poll() is not None:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the build ended before its workers could be seen"
    build.kill()
    build.wait()
    for _ in range(100):
        if all(_state(pid) == "Z" for pid in workers):
            break
        time.sleep(0.1)
    assert all(_state(pid) == "Z" for pid in workers)


def _children_of(pid: int) -> list[int]:
    return _live_processes(lambda fields: int(fields[1]) == pid)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _state(pid: int) -> str:
    fields = _stat_fields(pid)
    return fields[0] if fields else "Z"
