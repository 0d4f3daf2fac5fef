"""The source view (/doc/<id>) and the trail's quotes (issue 16, deliverable 6): facts are links to
their resource page and trail, ?start&end marks exactly those characters, XML reads as text,
rejoined hyphens are hidden with every offset unchanged, quotes stop at the sentence and leave the
neighbouring footnotes out, and a document's own text cannot inject markup."""
import html
import json
import re
import shutil
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from kamergraaf.graph.ingest import ingest
from kamergraaf.graph.store import KnowledgeStore
from kamergraaf.server.passages import quote, segments, source_html

from .conftest import ROOT
from .serving import http, running_server

XML = ROOT / "tests/fixtures/corpus/handelingen-h-tk-20172018-70-3-vao-wlz-ggz.xml"
# A letter whose paragraph a page break cuts, with two footnotes printed in the cut, line-end
# hyphenation ("verant-\nwoordelijk") and a hyphen that belongs to the word ("EU-\nlidstaten").
LETTER = """Tweede Kamer der Staten-Generaal

36 600 Vreemdelingenbeleid

Nr. 9 BRIEF VAN DE MINISTER VAN ASIEL EN MIGRATIE

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 3 juni 2024

Met deze brief informeer ik uw Kamer over de opvang van asielzoekers.1 De gemeenten zijn
daarvoor verant-
woordelijk en het kabinet onder-
steunt hen.2 Dit betreft de motie van het lid Jansen (Kamerstuk 36 600, nr. 7), die ik met deze brief als uitgevoerd beschouw. Twintig dagen na deze

1 Onder andere Kamerstukken 2023/2024, 36 600, nr. 3
2 Zie ook Kamerstukken 2023/2024, 36 600, nr. 5

 publicatie treden de regels in werking, zoals de motie van het lid Jansen vraagt. De EU-
lidstaten volgen.

De Minister van Asiel en Migratie,
M.H.M. Faber-van de Klashorst
"""
PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> & "quotes"'
HOSTILE = f"""36 600 Vreemdelingenbeleid

Nr. 8 MOTIE VAN HET LID DE VRIES {PAYLOAD}

Voorgesteld 3 oktober 2024

De Kamer,

gehoord de beraadslaging,

constaterende dat {PAYLOAD} in de opvang;

verzoekt de regering {PAYLOAD} te onderzoeken,

en gaat over tot de orde van de dag.

De Vries
"""
BASE = "https://w3id.org/kamergraaf/id/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sourceview")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "brief-36600-9.txt").write_text(LETTER, encoding="utf-8")
    (docs / "kst-36600-8.txt").write_text(HOSTILE, encoding="utf-8")
    shutil.copy(XML, docs / XML.name)
    store = KnowledgeStore(folder / "store")
    assert all(r.ok for r in ingest(store, [docs], jobs=1))
    store.close()
    with running_server(folder / "store") as (url, _app):
        yield url


def get_json(server, path):
    status, ctype, _, body = http("GET", server + path, headers={"Accept": "application/json"})
    assert status == 200 and ctype == "application/json", body
    return json.loads(body)


def fetch(server, path) -> str:
    status, ctype, _, body = http("GET", server + path)
    assert status == 200 and ctype == "text/html", body
    return body.decode("utf-8")


def page(server, path) -> BeautifulSoup:
    return BeautifulSoup(fetch(server, path), "html.parser")


# The exact text of the page's HTML, as a browser's textContent gives it (BeautifulSoup drops
# whitespace between tags). Inside the source view every "<" is a tag: the text is escaped.
SOURCE = re.compile(r'<div class="source-text[^"]*" id="source">(.*?)</div>\n<script id="facts-data"', re.DOTALL)
TARGET = re.compile(r'<mark class="target" id="target">(.*?)</mark>', re.DOTALL)
HIDDEN = re.compile(r'<span class="src-hidden">[^<]*</span>')
ENTITY_SHOWN = re.compile(r'<span class="src-entity" data-char="([^"]*)">[^<]*</span>')


def text_content(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def shown(fragment: str) -> str:
    """The text a reader sees: hidden markup and hyphens left out, character references decoded."""
    return text_content(ENTITY_SHOWN.sub(lambda m: m.group(1), HIDDEN.sub("", fragment)))


def test_every_highlight_links_to_its_resource_and_motions_to_their_trail(server):
    data = get_json(server, "/doc/brief-36600-9.txt")
    soup = page(server, "/doc/brief-36600-9.txt")
    panel = json.loads(soup.select_one("#facts-data").string)
    links = soup.select("#source a.fact")
    assert links and {i for a in links for i in map(int, a["data-facts"].split())} == set(range(len(data["facts"])))
    for a in links:
        covering = [data["facts"][int(i)] for i in a["data-facts"].split()]
        assert a["href"] in {f["resource"] for f in covering}
    motion = next(a for a in links if a.get_text() == "motie van het lid Jansen")
    assert motion["href"] == "/id/motie/36600-7" and "f-motion" in motion["class"]
    claim = next(f for f in panel if f["kind_label"] == "fulfilment claim")
    mentions = [f for f in panel if f["kind_label"] == "motion"]
    assert claim["trail"] == "/motie/36600-7" and mentions and all(f["trail"] == "/motie/36600-7" for f in mentions)
    assert all(f["trail"] is None for f in panel if f["kind_label"] == "Kamerstuk")
    for href in {f["resource"] for f in panel} | {f["trail"] for f in panel if f["trail"]}:
        assert http("GET", server + href)[0] == 200, href
    legend = soup.select_one("#legend").get_text()
    assert "motion (2)" in legend and "fulfilment claim (1)" in legend


def test_start_and_end_mark_exactly_those_characters(server):
    text = get_json(server, "/doc/brief-36600-9.txt")["text"]
    start = text.index("verant-")
    end = text.index("Jansen", start) + len("Jansen")  # across a rejoined hyphen and into a fact
    body = fetch(server, f"/doc/brief-36600-9.txt?start={start}&end={end}")
    marks = TARGET.findall(body)
    assert len(marks) == 1 and text_content(marks[0]) == text[start:end]
    assert "verantwoordelijk" in shown(marks[0]) and "motie van het lid Jansen" in shown(marks[0])
    assert "verantwoordelijk" in BeautifulSoup(body, "html.parser").select_one("#target-note").get_text()
    assert get_json(server, f"/doc/brief-36600-9.txt?start={start}&end={end}")["target"] == {"start": start, "end": end}
    for bad in ("start=abc&end=4", "start=-1&end=4", "start=9&end=3", f"start=0&end={len(text) + 1}", "start=5", "end=1e3"):
        soup = page(server, "/doc/brief-36600-9.txt?" + bad)
        assert not soup.select("mark#target") and not soup.select("#target-note"), bad


def test_the_page_keeps_every_character_of_the_kept_text(server):
    for doc in ("brief-36600-9.txt", XML.name, "kst-36600-8.txt"):
        data = get_json(server, "/doc/" + urllib.parse.quote(doc))
        assert text_content(SOURCE.search(fetch(server, "/doc/" + urllib.parse.quote(doc))).group(1)) == data["text"]


def test_xml_is_shown_as_text_without_its_tags(server):
    data = get_json(server, "/doc/" + XML.name)
    assert data["document"]["format"] == "xml" and "<spreekbeurt" in data["text"]
    body = fetch(server, "/doc/" + XML.name)
    source = BeautifulSoup(body, "html.parser").select_one("#source")
    visible = shown(SOURCE.search(body).group(1))
    assert "<" not in visible and "spreekbeurt" not in visible and "officiele-publicatie" not in visible
    assert "Aan de orde is het VAO Toegang tot de Wlz voor ggz-cliënten." in " ".join(visible.split())
    assert "source-xml" in source["class"] and source.select(".src-break")
    entity = data["text"].index("&", data["text"].index("<handelingen"))
    assert source.select(".src-entity") and {e["data-char"] for e in source.select(".src-entity")} <= {"&", "<", ">", '"', "'"}
    assert data["text"][entity:entity + 5] == "&amp;"
    motion = next(f for f in data["facts"] if f["kind"] == "motion")  # the motion's own text in the Handelingen
    assert motion["trail"] == "/motie/" + motion["resource"][len("/id/motie/"):]
    assert source.select_one(f'a.fact[href="{motion["resource"]}"]') is not None
    # A fact in the XML is marked where its offsets point.
    fact = next(f for f in data["facts"] if f["kind"] != "meta")
    marked = TARGET.search(fetch(server, f"/doc/{XML.name}?start={fact['start']}&end={fact['end']}")).group(1)
    assert text_content(marked) == data["text"][fact["start"]:fact["end"]]


def test_rejoined_hyphens_are_hidden_and_real_ones_stay(server):
    source = SOURCE.search(fetch(server, "/doc/brief-36600-9.txt")).group(1)
    visible = shown(source)
    assert "verantwoordelijk en het kabinet ondersteunt hen" in visible
    assert "De EU-\nlidstaten" in visible and "verant-" not in visible
    assert [text_content(h) for h in HIDDEN.findall(source)] == ["-\n", "-\n"]


def test_a_trail_quote_is_its_sentence_without_the_footnotes_beside_it(server):
    trail = get_json(server, "/motie/36600-7")
    assert trail["verdict"] == "claimed fulfilled on 3 juni 2024 in " + trail["events"][0]["document"]
    mention = next(e for e in trail["events"] if e["kind"] == "mention")
    assert mention["quote"] == {"before": "Twintig dagen na deze publicatie treden de regels in werking, zoals de ",
                                "exact": "motie van het lid Jansen", "after": " vraagt."}
    assert mention["source_view"] == f"/doc/brief-36600-9.txt?start={mention['start']}&end={mention['end']}"
    claim = next(e for e in trail["events"] if e["kind"] == "fulfils")
    assert claim["quote"]["exact"] == ("Dit betreft de motie van het lid Jansen (Kamerstuk 36 600, nr. 7), "
                                       "die ik met deze brief als uitgevoerd beschouw.")
    text = get_json(server, "/doc/brief-36600-9.txt")["text"]
    assert text[mention["start"]:mention["end"]] == "motie van het lid Jansen"
    soup = page(server, "/motie/36600-7")
    quotes = soup.select("ol.timeline blockquote.quote")
    assert [q.select_one("mark").get_text() for q in quotes] == [e["quote"]["exact"] for e in trail["events"]]
    assert all("Onder andere" not in q.get_text() for q in quotes)
    assert [a["href"] for a in soup.select("ol.timeline blockquote a")] == [e["source_view"] for e in trail["events"]]


def test_a_motions_resource_page_links_to_its_trail(server):
    soup = page(server, "/id/motie/36600-7")
    assert soup.select_one("p.trail-link a")["href"] == "/motie/36600-7"
    assert not page(server, "/id/kamerstuk/36600-3").select("p.trail-link")


def test_the_documents_own_text_is_escaped(server):
    status, _, _, body = http("GET", server + "/doc/kst-36600-8.txt?start=10&end=40")
    markup = body.decode("utf-8")
    assert status == 200 and "<script>window.pwned" not in markup and "<img src=x" not in markup
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in markup
    soup = BeautifulSoup(markup, "html.parser")
    assert [s.get("src") for s in soup.select("script")] == [None, "/static/source.js"]  # the data block, the script
    assert soup.select_one("#facts-data")["type"] == "application/json"
    json.loads(soup.select_one("#facts-data").string)  # labels carrying the payload are JSON, not markup
    for a in soup.select("#source a.fact"):
        assert set(a.attrs) == {"class", "href", "data-facts", "title"}


# -- the pure functions ----------------------------------------------------------------------------

def test_quote_cuts_at_the_sentence_and_skips_what_the_reader_left_out():
    text = "Een zin. Het kabinet is verant-\nwoordelijk voor de opvang.1 Een derde zin.\n\n1 Kamerstukken 36 600, nr. 3\n"
    start = text.index("verant")
    found = quote(text, "text", start, text.index("voor"))
    assert (found.before, found.exact, found.after) == ("Het kabinet is ", "verantwoordelijk ", "voor de opvang.1")
    # A span running on into the footnote shows only what the paragraph keeps of it.
    assert quote(text, "text", text.index("Een derde"), len(text) - 5).exact == "Een derde zin."
    long = "Begin " + "woord " * 200 + "midden " + "woord " * 200 + "einde."
    middle = quote(long, "text", long.index("midden"), long.index("midden") + 6)
    assert middle.before.startswith("…") and middle.after.endswith("…") and len(middle.before) < 400


def test_source_html_nests_facts_and_the_target_and_keeps_the_text():
    text = "ab<c>&amp;d</c>ef"
    facts = [{"kind": "motion", "kind_label": "motion", "label": "M <x>", "start": 1, "end": 12, "resource": "/id/m"},
             {"kind": "eu", "kind_label": "EU", "label": "E", "start": 10, "end": 11, "resource": "/id/e"}]
    markup = str(source_html(text, "xml", facts, (7, 17)))  # the target starts inside "&amp;": moved to its end
    soup = BeautifulSoup(f"<div>{markup}</div>", "html.parser")
    assert text_content(markup) == text
    assert text_content(TARGET.search(markup).group(1)) == "d</c>ef"
    assert [a["href"] for a in soup.select("a.fact")] == ["/id/m", "/id/e", "/id/m"]
    assert soup.select_one("a.fact")["title"] == "motion: M <x>" and "M &lt;x&gt;" in markup
    assert [s.role for s in segments(text, "xml")] == ["text", "hidden", "entity", "text", "hidden", "text"]
