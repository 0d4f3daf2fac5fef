"""A local HTTP server (127.0.0.1 only) that replays recorded payloads, with faults on request.

Routes map a path (and, optionally, a query parameter's value) to a body; the official hosts named
in a body are rewritten to this server, so that links in recordings lead back here. Faults are
consumed in order per route: ``429`` / ``503`` (with Retry-After 0), ``truncate`` (half the body
with the full Content-Length), ``reset`` (the connection closed unanswered), ``slow`` (a second's
wait). Every request is recorded (path, query, headers, time).
"""
from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOSTS = ("https://gegevensmagazijn.tweedekamer.nl", "https://repository.overheid.nl", "https://zoek.officielebekendmakingen.nl")


@dataclass
class Route:
    body: bytes
    content_type: str = "application/json"
    faults: list[str] = field(default_factory=list)
    etag: str | None = None


class Replay:
    def __init__(self):
        self.routes: dict[tuple[str, str | None], Route] = {}
        self.requests: list[dict] = []
        self.url = ""

    def add(self, path: str, body: bytes, content_type: str = "application/json", when: str | None = None,
            faults: list[str] | None = None, etag: str | None = None) -> None:
        """Serve `body` at `path`; `when` ("name=value") narrows the route to a query parameter."""
        self.routes[(path, when)] = Route(body, content_type, list(faults or []), etag)

    def route(self, path: str, query: dict) -> Route | None:
        for (route_path, when), route in self.routes.items():
            if route_path == path and when is not None:
                name, _, value = when.partition("=")
                if value in query.get(name, []):
                    return route
        return self.routes.get((path, None))


def _handler(replay: Replay):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            parts = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            replay.requests.append({"path": parts.path, "query": query, "headers": dict(self.headers), "time": time.monotonic()})
            route = replay.route(parts.path, query)
            if route is None:
                self._send(404, b"not recorded", "text/plain")
                return
            fault = route.faults.pop(0) if route.faults else None
            if fault in ("429", "503"):
                self._send(int(fault), b"try again", "text/plain", {"Retry-After": "0"})
                return
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
                return
            if fault == "slow":
                time.sleep(1.0)
            body = route.body
            for host in HOSTS:
                body = body.replace(host.encode(), replay.url.encode())
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._send(304, b"", route.content_type, {"ETag": route.etag})
                return
            extra = {"ETag": route.etag} if route.etag else {}
            if fault == "truncate":
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(200, body, route.content_type, extra)

        def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextlib.contextmanager
def replaying():
    replay = Replay()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    server.daemon_threads = True
    replay.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()
