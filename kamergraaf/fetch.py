"""Fetch documents and records from the official sources, politely, incrementally and resumably.

Sources (each with ``--base-url``, so that a mirror or a local test server can stand in):

- **odata**: the Tweede Kamer Gegevensmagazijn (OData v4). Pages of at most 250 records, followed by
  ``@odata.nextLink`` verbatim (the server pages on its own GUID order, not ours).
- **sru**: officielebekendmakingen / repository.overheid.nl SRU 2.0. A CQL query by dossier, type
  and date range; each record's XML (and PDF on request) and its metadata record. A ``diagnostics``
  answer (HTTP 200) is an error, not an empty result.
- **syncfeed**: the Tweede Kamer SyncFeed (Atom) per category, continuing from the *last entry's*
  ``<link rel="next">``.

Everything downloaded goes to a raw folder (default ``data/raw`` beside the store) under its
SHA-256, listed in ``manifest.jsonl`` (URL, time, SHA-256, content type, file); a body already held
is not written again, and a conditional GET (ETag / Last-Modified) does not fetch it again. The
position of each running fetch (the next link) is kept in ``state.json`` in the raw folder, written
atomically after each page: a fetch that is stopped — Ctrl-C, kill -9 — continues where it stopped.
Polite by default: at most 2 requests a second, retries with backoff on 429/5xx, connection resets
and truncated bodies, a User-Agent naming kamergraaf and its version.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import requests
from lxml import etree
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from . import __version__

ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
SRU = "https://repository.overheid.nl/sru"
SYNCFEED = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed"
USER_AGENT = f"kamergraaf/{__version__} (+https://w3id.org/kamergraaf)"
ATOM = "{http://www.w3.org/2005/Atom}"
SRU_NS = {"sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse", "gzd": "http://standaarden.overheid.nl/sru"}
# What an OData entity is fetched with: a motion with its decisions, votes and Kamerstuk number.
EXPANDS = {
    "Zaak": "Kamerstukdossier,Document,Besluit($expand=Stemming)",
    "Besluit": "Stemming,Zaak($expand=Kamerstukdossier,Document),Agendapunt($expand=Activiteit)",
    "Toezegging": "ToegezegdAanFractie,ToegezegdAanPersoon,Activiteit",
    "Document": "Kamerstukdossier",
}


class FetchError(Exception):
    """A source that answered with an error; the message says which and why."""


class Client:
    """One polite HTTP session: rate-limited, retrying, conditional, with our User-Agent."""

    def __init__(self, rate: float = 2.0, retries: int = 5, timeout: float = 30.0, backoff: float = 0.5):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.session = requests.Session()
        # urllib3 retries the statuses (with Retry-After); resets, timeouts and cut-off bodies are
        # retried once, in get() — not by both, which would multiply the attempts.
        retry = Retry(total=retries, connect=0, read=0, other=0, status=retries, backoff_factor=backoff,
                      status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET",), respect_retry_after_header=True)
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self.session.headers["User-Agent"] = USER_AGENT
        self.retries = retries
        self._next = 0.0
        self._lock = threading.Lock()

    def _wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            if now < self._next:
                time.sleep(self._next - now)
            self._next = max(now, self._next) + self.interval

    def get(self, url: str, headers: dict | None = None, check: Callable[[bytes], None] | None = None) -> requests.Response:
        """GET `url`; `check` raises ValueError on a body that is cut off (retried like a reset)."""
        for attempt in range(self.retries + 1):
            self._wait()
            try:
                response = self.session.get(url, headers=headers or {}, timeout=self.timeout)
                if response.status_code == 304:
                    return response
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")
                if check is not None:
                    check(response.content)
                return response
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError, ValueError) as error:
                if attempt == self.retries:
                    raise FetchError(f"{url}: {type(error).__name__}: {error}") from None
                time.sleep(min(8.0, 0.5 * 2 ** attempt))
            except requests.exceptions.RetryError as error:
                raise FetchError(f"{url}: gave up after {self.retries} retries ({error})") from None
        raise AssertionError("unreachable")


def _json_body(content: bytes) -> None:
    json.loads(content.decode("utf-8-sig"))  # a cut-off body fails here and is fetched again


def _xml(content: bytes):
    """A downloaded XML body, parsed safely (no entities, no network); ValueError if cut off."""
    try:
        return etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as error:
        raise ValueError(f"not well-formed XML ({error})") from None


def _xml_body(content: bytes) -> None:
    _xml(content)


@dataclass
class Saved:
    path: Path
    new: bool  # a body not held before


class RawFolder:
    """Downloads under their SHA-256, listed in manifest.jsonl; the fetches' positions in state.json."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest = self.folder / "manifest.jsonl"
        self.entries: dict[str, dict] = {}  # url → its latest manifest entry
        self.hashes: set[str] = set()
        if self.manifest.exists():
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut by a kill: the download is fetched again
                self.entries[entry["url"]] = entry
                self.hashes.add(entry["sha256"])

    def conditional(self, url: str) -> dict:
        entry = self.entries.get(url) or {}
        headers = {}
        if not entry or not (self.folder / entry["file"]).exists():
            return headers  # not held (or deleted since): ask for the whole body
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers

    def save(self, url: str, response: requests.Response, kind: str, suffix: str) -> Saved:
        if response.status_code == 304:
            return Saved(self.folder / self.entries[url]["file"], False)
        return self.keep(url, response.content, kind, suffix, response.headers.get("Content-Type", ""),
                         response.headers.get("ETag"), response.headers.get("Last-Modified"))

    def keep(self, url: str, body: bytes, kind: str, suffix: str, content_type: str, etag: str | None = None,
             last_modified: str | None = None) -> Saved:
        """Store `body` (fetched from `url`, or cut from it) under its SHA-256 and list it."""
        digest = hashlib.sha256(body).hexdigest()
        relative = Path(kind) / f"{digest[:24]}{suffix}"
        path = self.folder / relative
        new = digest not in self.hashes
        if new or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(path.suffix + ".part")
            temporary.write_bytes(body)
            os.replace(temporary, path)  # a file is whole or absent
        entry = {"url": url, "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "sha256": digest,
                 "content_type": content_type, "file": str(relative), "etag": etag, "last_modified": last_modified}
        if self.entries.get(url, {}).get("sha256") != digest:
            with self.manifest.open("a", encoding="utf-8") as manifest:
                manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.entries[url] = entry
        self.hashes.add(digest)
        return Saved(path, new)

    # -- positions -----------------------------------------------------------------------------
    @property
    def _state_file(self) -> Path:
        return self.folder / "state.json"

    def state(self) -> dict:
        try:
            return json.loads(self._state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def remember(self, key: str, value: dict) -> None:
        state = self.state()
        state[key] = value
        temporary = self._state_file.with_suffix(".json.part")
        temporary.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self._state_file)


# -- OData ----------------------------------------------------------------------------------------

DOSSIER = re.compile(r"^\d{4,6}(?:-[0-9A-Z]{1,5})?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_arguments(dossier: str | None, since: str | None, until: str | None) -> None:
    """Refuse what would make a malformed (or injected) filter: dossiers as 19637 or 36200-VI, ISO dates."""
    if dossier and not DOSSIER.match(dossier):
        raise FetchError(f"--dossier {dossier!r}: a dossier number such as 19637, 21501-20 or 36200-VI")
    for name, value in (("--from", since), ("--to", until)):
        if value:
            try:
                if not DATE.match(value):
                    raise ValueError
                dt.date.fromisoformat(value)
            except ValueError:
                raise FetchError(f"{name} {value!r}: a date as YYYY-MM-DD") from None


def odata_url(base: str, entity: str, dossier: str | None = None, since: str | None = None, until: str | None = None,
              changed_since: str | None = None) -> str:
    """The first page's URL: a filter on dossier, date range and last change; the entity's expansions."""
    conditions = ["Verwijderd eq false"]
    if dossier:
        number, _, toevoeging = dossier.partition("-")
        on_dossier = f"d:d/Nummer eq {int(number)}" + (f" and d/Toevoeging eq '{toevoeging}'" if toevoeging else "")
        if entity == "Besluit":
            conditions.append(f"Zaak/any(z:z/Kamerstukdossier/any({on_dossier}))")
        elif entity in ("Zaak", "Document"):
            conditions.append(f"Kamerstukdossier/any({on_dossier})")
    field = {"Zaak": "GestartOp", "Document": "Datum", "Toezegging": "Aanmaakdatum", "Besluit": "GewijzigdOp"}.get(entity, "GewijzigdOp")
    if since:
        conditions.append(f"{field} ge {since}T00:00:00Z")
    if until:
        conditions.append(f"{field} lt {until}T23:59:59Z")
    if changed_since:
        conditions.append(f"ApiGewijzigdOp gt {changed_since}")
    query = {"$filter": " and ".join(conditions)}
    if entity in EXPANDS:
        query["$expand"] = EXPANDS[entity]
    # percent-encoded: a bare "+" in a time offset would be read as a space
    return base.rstrip("/") + "/" + entity + "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)


def fetch_odata(client: Client, raw: RawFolder, first_url: str, key: str) -> Iterator[Saved]:
    """Every page from `first_url` on (or from where the last run of `key` stopped)."""
    position = raw.state().get(key, {})
    url = position.get("next") if position.get("first") == first_url and position.get("next") else first_url
    latest = position.get("latest", "")
    while url:
        response = client.get(url, raw.conditional(url), check=_json_body)
        saved = raw.save(url, response, "odata", ".json")
        page = json.loads(saved.path.read_bytes().decode("utf-8-sig"))
        records = page.get("value", []) if isinstance(page, dict) else page
        latest = max([latest, *(str(r.get("ApiGewijzigdOp") or "") for r in records if isinstance(r, dict))])
        following = page.get("@odata.nextLink") if isinstance(page, dict) else None
        raw.remember(key, {"first": first_url, "next": following, "latest": latest, "done": following is None})
        yield saved
        url = following


# -- SRU ------------------------------------------------------------------------------------------

def sru_query(dossier: str | None = None, kind: str | None = None, since: str | None = None, until: str | None = None) -> str:
    parts = []
    if dossier:
        parts.append(f"w.dossiernummer=={dossier}")
    if kind:
        parts.append(f'w.publicatienaam=="{kind}"')
    if since:
        parts.append(f"dt.date>={since}")
    if until:
        parts.append(f"dt.date<={until}")
    return " AND ".join(parts) or "c.product-area==officielepublicaties"


def fetch_sru(client: Client, raw: RawFolder, base: str, query: str, key: str, pdf: bool = False,
              page_size: int = 50) -> Iterator[Saved]:
    """Each record's XML document (and PDF) and its metadata record, page by page."""
    position = raw.state().get(key, {})
    # an interrupted run goes on; a finished one starts again (what is held is not stored again)
    start = position.get("next") or 1 if position.get("query") == query else 1
    while start:
        url = f"{base}?" + urllib.parse.urlencode({"operation": "searchRetrieve", "version": "2.0", "query": query,
                                                   "startRecord": start, "maximumRecords": page_size})
        response = client.get(url, raw.conditional(url), check=_xml_body)
        saved = raw.save(url, response, "sru", ".xml")
        tree = _xml(saved.path.read_bytes())
        diagnostic = tree.find(".//{*}diagnostics")
        if diagnostic is not None:
            message = " ".join(t.strip() for t in diagnostic.itertext() if t.strip())
            raise FetchError(f"{base}: the SRU service refused the query {query!r}: {message}")
        records = tree.findall(".//{*}recordData")
        for record in records:
            links = {e.get("manifestation"): e.text for e in record.iter("{*}itemUrl") if e.text}
            if links.get("xml"):  # the record's metadata, beside the document it describes
                raw.keep(links["xml"] + "#sru-record", etree.tostring(record, encoding="utf-8"), "metadata", ".xml",
                         "application/xml")
            for manifestation in ("xml", *(("pdf",) if pdf else ())):
                link = links.get(manifestation)
                if link:
                    document = client.get(link, raw.conditional(link), check=_xml_body if manifestation == "xml" else None)
                    yield raw.save(link, document, "documents", "." + manifestation)
        following = tree.findtext(".//{*}nextRecordPosition")
        start = int(following) if following and records else None
        raw.remember(key, {"query": query, "next": start, "done": start is None})


# -- SyncFeed ---------------------------------------------------------------------------------------

def syncfeed_url(base: str, category: str) -> str:
    return f"{base}?{urllib.parse.urlencode({'category': category})}"


def fetch_syncfeed(client: Client, raw: RawFolder, first_url: str, key: str, max_pages: int | None = None) -> Iterator[Saved]:
    """Feed pages from where the last run stopped: the last entry's next link (its skiptoken)."""
    position = raw.state().get(key, {})
    url = position.get("next") or first_url
    pages = 0
    while url and (max_pages is None or pages < max_pages):
        response = client.get(url, raw.conditional(url), check=_xml_body)
        saved = raw.save(url, response, "syncfeed", ".xml")
        feed = _xml(saved.path.read_bytes())
        entries = feed.findall(f"{ATOM}entry")
        following = None
        if entries:
            following = next((link.get("href") for link in entries[-1].findall(f"{ATOM}link") if link.get("rel") == "next"), None)
        # no entries: up to date; the next run asks the same link again
        raw.remember(key, {"next": following or url, "done": following is None})
        pages += 1
        yield saved
        if following == url:
            break
        url = following
