"""A remote SPARQL 1.1 store (a real `oxigraph serve` on 127.0.0.1) behind every command."""
import json
import urllib.request

import pytest
from click.testing import CliRunner

from kamergraaf.cli import main

from .conftest import FORMATS, SEEDS
from .serving import free_port, http, running_oxigraph, running_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kamergraaf/def#Answer> }"


@pytest.fixture
def oxigraph_server(tmp_path):
    with running_oxigraph(tmp_path / "remote") as url:
        yield url


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_build_query_validate_export_against_a_remote_store(oxigraph_server, tmp_path):
    result = run("build", "--store", oxigraph_server, SEEDS, FORMATS)
    assert result.exit_code == 0 and "9 added" in result.output and "1 skipped" in result.output, result.output  # FORMATS/SOURCES.md is no Kamerstuk
    answers = json.loads(run("query", "--store", oxigraph_server, COUNT).output)
    assert answers["results"]["bindings"][0]["n"]["value"] == "158"
    assert "Conforms" in run("validate", "--store", oxigraph_server).output
    # The same documents give the same dataset as in the embedded store.
    local = tmp_path / "local"
    run("build", "--store", local, SEEDS, FORMATS)
    remote_dump = run("export", "--store", oxigraph_server, "--format", "nquads").output
    local_dump = run("export", "--store", local, "--format", "nquads").output
    strip_time = lambda dump: sorted(line for line in dump.splitlines() if "startedAtTime" not in line)  # noqa: E731
    assert strip_time(remote_dump) == strip_time(local_dump)
    # Unchanged documents are not sent again; the store stays as it was.
    again = run("build", "--store", oxigraph_server, SEEDS)
    assert "5 unchanged" in again.output
    assert run("export", "--store", oxigraph_server, "--format", "nquads").output == remote_dump


def test_environment_variable_and_server_over_a_remote_store(oxigraph_server, monkeypatch):
    monkeypatch.setenv("KAMERGRAAF_STORE", oxigraph_server)
    assert CliRunner().invoke(main, ["build", str(FORMATS / "ah-tk-20202021-3235.xml")]).exit_code == 0
    with running_server(oxigraph_server) as (url, _app):
        status, _, _, body = http("GET", url + "/sparql?query=" + urllib.request.quote(COUNT))
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "9"
        status, _, _, body = http("GET", url + "/id/doc/ah-tk-20202021-3235.xml/answer/1", headers={"Accept": "text/turtle"})
        assert status == 200 and b"answers" in body


def test_unreachable_remote_store_is_a_clear_error():
    port = free_port()
    result = CliRunner().invoke(main, ["query", "--store", f"http://127.0.0.1:{port}", COUNT])
    assert result.exit_code == 1 and f"cannot reach http://127.0.0.1:{port}/query" in result.output
    assert "Traceback" not in result.output
