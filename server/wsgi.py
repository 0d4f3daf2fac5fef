"""Serving the app with gunicorn: one process of request threads in front of the query workers.

Flask's development server spends about 2 ms on every request; gunicorn's threaded worker well
under 1 — the difference between a lookup through /sparql and one on the store directly. One
gunicorn process suffices: queries run in the app's own worker processes, and the app (its query
workers, its cached graph projection) is created inside the gunicorn worker, after the fork.
"""
from __future__ import annotations

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    def __init__(self, make_app, bind: str, threads: int, query_timeout: float):
        self.make_app = make_app
        self.settings = {
            "bind": bind, "workers": 1, "worker_class": "gthread", "threads": threads,
            # gunicorn restarts a worker silent for this long; a query may run for query_timeout.
            "timeout": int(query_timeout) + 30, "graceful_timeout": 5,
            "accesslog": None, "errorlog": "-", "loglevel": "warning",
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self):
        return self.make_app()
