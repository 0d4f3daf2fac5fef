"""Helpers for tests that need a real kamergraaf server on 127.0.0.1."""
import contextlib
import logging
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
import urllib.error
import urllib.request

from werkzeug.serving import make_server

from kamergraaf.server.app import create_app


@contextlib.contextmanager
def running_server(location, **settings):
    """Serve the store at `location` on an ephemeral loopback port; yields the base URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    app = create_app(location, **settings)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{http.server_port}", app
    finally:
        http.shutdown()
        app.extensions["kamergraaf"].executor.close()


def http(method, url, data=None, headers=None, timeout=30):
    """(status, content type, headers, body bytes) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get_content_type(), response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.headers, error.read()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving_process(location, *options: str):
    """`kamergraaf serve` in a process of its own (as users run it) on an ephemeral loopback port;
    yields the base URL. Benchmarks use this: a server thread in the client's process would share
    its interpreter lock."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("kamergraaf")), "serve", "--store", str(location),
               "--host", "127.0.0.1", "--port", str(port), *options]
    with _server_process(command, f"http://127.0.0.1:{port}", "/sparql?query=ASK%7B%7D") as url:
        yield url


@contextlib.contextmanager
def running_oxigraph(location):
    """A real `oxigraph serve` (PyPI package oxigraph) on an ephemeral loopback port; yields its URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    with _server_process(command, f"http://127.0.0.1:{port}", "/query?query=ASK%7B%7D") as url:
        yield url


@contextlib.contextmanager
def _server_process(command: list[str], url: str, probe: str):
    """Start a server process, wait until `probe` answers, stop it afterwards."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + probe, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"nothing answers at {url}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
