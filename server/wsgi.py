"""Serving the app with Granian (an HTTP server written in Rust): one worker process of request
threads in front of the query workers.

The HTTP layer is most of what a lookup through /sparql costs beyond the query itself: Flask's
development server spends about 2 ms on a request, gunicorn's threaded worker about 0.7, Granian
about 0.4 (BENCHMARKS.md). One worker process suffices: queries run in the app's own worker
processes, and the app (its query workers, its cached graph projection) is created inside it.

Two things Granian leaves to us: it binds with port reuse, so a second server on a busy port would
start and silently share the traffic (with its own settings: tokens, caps) — the port is checked
first; and its worker outlives a killed main process — the worker ends itself when that happens.
"""
from __future__ import annotations

import functools
import os
import socket
import threading
import time

from granian.constants import Interfaces
from granian.log import LogLevels
from granian.server import Server


def _make_app(location: str, settings: dict):
    from .app import create_app

    app = create_app(location, **settings)
    _end_with_parent(os.getppid(), app.extensions["kamergraaf"])
    return app


def _end_with_parent(parent: int, site) -> None:
    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        site.executor.close()
        os._exit(0)  # the main process is gone: nobody will stop this one

    threading.Thread(target=watch, name="kamergraaf-parent-watch", daemon=True).start()


def check_port(host: str, port: int) -> None:
    """Raise OSError if something already listens on host:port (Granian itself would share it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed server's TIME_WAIT is fine
        probe.bind((host, port))


def serve(location: str, host: str, port: int, threads: int, **settings) -> None:
    """Serve the store at `location` until interrupted; `settings` are create_app's. Call
    :func:`check_port` first."""
    server = Server("kamergraaf", address=host, port=port, interface=Interfaces.WSGI, workers=1,
                    blocking_threads=threads, log_level=LogLevels.warning, respawn_failed_workers=True,
                    # A worker that misses the interrupt (seen with Granian 2.8 under load) is killed, not waited for.
                    workers_kill_timeout=5)
    # The app is made in the worker process, from a picklable recipe.
    server.serve(target_loader=functools.partial(_make_app, location, settings), wrap_loader=False)
