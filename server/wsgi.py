"""Serving the app with Granian (an HTTP server written in Rust): one worker process of request
threads in front of the query workers.

The HTTP layer is most of what a lookup through /sparql costs beyond the query itself: Flask's
development server spends about 2 ms on a request, gunicorn's threaded worker about 0.7, Granian
about 0.4 (bench/README.md). One worker process suffices: queries run in the app's own worker
processes, and the app (its query workers, its cached graph projection) is created inside it.
"""
from __future__ import annotations

import functools

from granian.constants import Interfaces
from granian.log import LogLevels
from granian.server import Server


def _make_app(location: str, settings: dict):
    from .app import create_app

    return create_app(location, **settings)


def serve(location: str, host: str, port: int, threads: int, **settings) -> None:
    """Serve the store at `location` until interrupted; `settings` are create_app's."""
    server = Server("kamergraaf", address=host, port=port, interface=Interfaces.WSGI, workers=1,
                    blocking_threads=threads, log_level=LogLevels.warning, respawn_failed_workers=True)
    # The app is made in the worker process, from a picklable recipe.
    server.serve(target_loader=functools.partial(_make_app, location, settings), wrap_loader=False)
