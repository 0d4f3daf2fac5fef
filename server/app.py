"""The Flask application factory.

``create_app(location)`` serves the store at `location`: the SPARQL endpoint (``sparql.py``),
resource pages, ontology and shapes (``resources.py``), discovery — service description, VoID,
dumps — (``discovery.py``) and the landing page. Settings (all optional, as keyword arguments or
``KAMERGRAAF_*`` config keys) are listed in :data:`DEFAULTS`.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from ..graph.iris import Minter
from ..graph.store import KnowledgeStore, is_remote, snapshot_stamp
from .executor import QueryExecutor

DEFAULTS = {
    "QUERY_TIMEOUT": 10.0,  # seconds a query may run before its worker is stopped
    "ROW_CAP": 10_000,  # rows (or triples) a query may return; more are cut and the cut reported
    "MAX_RESULT_BYTES": 50_000_000,  # text a result may carry (a row cap alone lets 3 000 source texts be 300 MB)
    "WORKERS": 2,  # query worker processes
    "UPDATE_TOKEN": None,  # SPARQL Update needs "Authorization: Bearer <token>"; None: read-only
    "ALLOW_SERVICE": False,  # federated SERVICE calls
    "MAX_QUERY_BYTES": 100_000,  # longest query accepted
    "BASE": None,  # instance IRI base (default: $KAMERGRAAF_BASE or https://w3id.org/kamergraaf/id/)
    "NODE_BUDGET": 500,  # most nodes a graph view sends to the browser
}
RECHECK_SECONDS = 0.5  # how often requests look whether a build has changed the store on disk


class Site:
    """What the views share: the store (reopened when a build changes it), the query workers."""

    def __init__(self, location: str, settings: dict):
        self.location = str(location)
        self.settings = settings
        self.mint = Minter(settings["BASE"])
        self.writable = bool(settings["UPDATE_TOKEN"])
        self._lock = threading.Lock()
        self._stamp = self._disk_stamp()
        self._checked = time.monotonic()
        self.store = KnowledgeStore(self.location, mint=self.mint, read_only=not self.writable)
        # Workers read the published snapshot, or the store itself when this server writes it.
        self.executor = QueryExecutor(self.location, workers=settings["WORKERS"], timeout=settings["QUERY_TIMEOUT"],
                                      snapshot=not self.writable)
        self.version = 0  # bumped whenever the data changes: caches key on it
        # What is worth computing before anyone asks, again whenever the data changes (seconds at
        # 1 000 documents: the graph view's projection, the landing page's overview with the motion
        # and toezegging rows it shares). Each is a function of the site; they run one after the
        # other, in this order (run together they only slow each other down, in one interpreter).
        self.warmers: list = []

    def _disk_stamp(self) -> int:
        return 0 if is_remote(self.location) else snapshot_stamp(self.location)

    def current(self) -> KnowledgeStore:
        """The store, reopened if a build has changed it on disk since it was opened (looked at
        once per RECHECK_SECONDS: a file-system call on every request costs more than a lookup)."""
        now = time.monotonic()
        if not self.writable and now - self._checked >= RECHECK_SECONDS:
            self._checked = now
            stamp = self._disk_stamp()
            if stamp != self._stamp:
                with self._lock:
                    if stamp != self._stamp:
                        self.store = KnowledgeStore(self.location, mint=self.mint, read_only=True)
                        self._stamp = stamp
                        self.changed()
        return self.store

    def changed(self) -> None:
        self.version += 1
        self.executor.refresh()
        self.warm()

    def warm(self) -> None:
        """Fill the caches of the current data in the background; a request that comes first waits
        for the same computation (the caches key on the version) rather than starting its own."""
        def run():
            for warmer in self.warmers:
                warmer(self)

        threading.Thread(target=run, daemon=True).start()


CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(location: str | Path | KnowledgeStore, **settings) -> Flask:
    if isinstance(location, KnowledgeStore):
        location = location.location
    if not is_remote(str(location)) and not Path(location).exists():
        raise FileNotFoundError(f"no store at {location}: run 'kamergraaf build' first")
    app = Flask(__name__)
    config = {key: settings.get(key.lower(), settings.get(key, default)) for key, default in DEFAULTS.items()}
    app.config.update({f"KAMERGRAAF_{k}": v for k, v in config.items()})
    app.config["STORE_LOCATION"] = str(location)
    app.config["MAX_CONTENT_LENGTH"] = config["MAX_QUERY_BYTES"] * 2
    site = Site(str(location), config)
    app.extensions["kamergraaf"] = site
    from . import audit, discovery, feeds, graphview, moties, resources, search, sparql, toezeggingen

    for module in (sparql, resources, discovery, graphview, audit, moties, toezeggingen, search, feeds):
        app.register_blueprint(module.blueprint)
    from .projection import projection

    # The pages people open first before the graph view's projection (seconds more).
    site.warmers += [lambda s: discovery.overview(s, {}), lambda s: projection(s.current(), s.version)]
    site.warm()

    @app.after_request
    def content_security_policy(response):
        # Scripts only from this server, never inline (no handler attribute can run, whatever a
        # document's title holds); styles inline for the vendored editor and graph view.
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.get("/")
    def landing():
        return render_template("landing.html", **discovery.overview(site, request.args))

    def error_answer(code: int, name: str, message: str, headers: dict | None = None) -> Response:
        # Never a stack trace. A browser (its Accept names text/html) gets a page with the site's
        # navigation; programs and the SPARQL endpoint the plain message their protocols expect.
        if request.path != "/sparql" and any(m == "text/html" and q > 0 for m, q in request.accept_mimetypes):
            try:
                page = render_template("error.html", code=code, name=name, message=message)
                return Response(page, status=code, mimetype="text/html", headers=headers)
            except Exception:  # the page itself failed: the plain message still tells what happened
                app.logger.exception("error page failed")
        return Response(f"{code} {name}: {message}\n", status=code, mimetype="text/plain", headers=headers)

    @app.errorhandler(HTTPException)
    def http_error(error):
        allow = getattr(error, "valid_methods", None)
        return error_answer(error.code, error.name, error.description, {"Allow": ", ".join(allow)} if allow else None)

    @app.errorhandler(Exception)
    def internal_error(error):
        app.logger.exception("request failed")
        return error_answer(500, "Internal Server Error", "the request failed; see the server log.")

    return app
