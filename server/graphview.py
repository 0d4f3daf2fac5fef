"""The graph view (`/graph`), node panels (`/graph/node`) and shortest connections (`/path`).

A view starts from a focus — a motion, a document, a fractie or a dossier — and shows what is around
it; without one it is the overview: dossiers, documents on a time axis and the motions they name.
Leaves of one kind hanging off one node are drawn as one group node ("14 beleidsinzet"). Views are
cut from the cached projection (``projection.py``) with networkx, never larger than the node budget,
laid out on the server in tiers (documents by date) and drawn by vis-network through pyvis with
physics off, so the browser only paints.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import threading
from collections import defaultdict
from importlib import resources as package_files
from urllib.parse import urlencode

import networkx as nx
from flask import Blueprint, Response, abort, current_app, render_template, request, send_file
from pyvis.network import Network

from .passages import source_link
from .projection import CLASSES, P, dossier_node, projection

blueprint = Blueprint("graphview", __name__)
OVERVIEW_CLASSES = ["Dossier", "Document", "Motion", "Commitment"]
GROUP_MIN = 3  # this many leaves of one kind on one node become one group node
# Plural names of a group, by the kind of its members.
GROUP_NAMES = {"Document": "documenten", "Motion": "moties", "Kamerstuk": "Kamerstukken", "EUInstrument": "EU-instrumenten",
               "Person": "Kamerleden", "Fractie": "fracties", "Dossier": "dossiers", "toezegging": "toezeggingen",
               "beleidsinzet": "beleidsinzet", "Commitment": "toezeggingen en beleidsinzet"}
# Layout: a slot per node, wide enough for a label wrapped at LABEL_WIDTH; rows of a tier ROW_HEIGHT apart.
SLOT_WIDTH, ROW_HEIGHT, TIER_GAP, LABEL_WIDTH = 175, 120, 30, 150
# The canvas in pixels (kamergraaf.css: .network, .network.tall, at the usual width); views of more
# than TALL_FROM nodes get the tall canvas, so that forty nodes are still drawn near full size.
CANVAS, TALL_CANVAS, TALL_FROM = (860, 640), (860, 960), 24
RELATION_STYLES = {
    # relation: (colour, dashed) — the legend below the canvas says what they mean
    "claims fulfilled": ("#2f8a3a", False), "in line with": ("#7cbf6b", True), "mentions": ("#b8bcc8", False),
    "commits": ("#d4a017", False), "asked in": ("#f28e2b", True), "asked for": ("#f28e2b", True),
    "sponsor": ("#76b7b2", False), "member of": ("#76b7b2", True), "in dossier": ("#9c755f", True),
    "text of": ("#4e79a7", True), "is Kamerstuk": ("#b07aa1", True),
}

HTML_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def whole_number(args, name: str, default: int) -> int:
    """A whole-number parameter, or 400 saying what it must be."""
    try:
        return int(args.get(name, default))
    except ValueError:
        abort(400, f"{name} must be a whole number.")


def json_for_html(value) -> str:
    """JSON to stand inside an HTML <script> block: no character of it can close the block or start
    markup ("</script><img onerror=…>" in a document's title stays text)."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in HTML_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def _site():
    from .sparql import site

    return site()


def wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json" \
        or request.args.get("format") == "json"


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        abort(400, description=f"not a date (YYYY-MM-DD): {value}")


# -- which nodes a view holds -----------------------------------------------------------------------

def resolve(graph: nx.MultiDiGraph, base: str, kind: str, value: str) -> str:
    """The node a focus parameter names: ?motie=32317-813 (key or Kamerstuk number), ?doc=<id>,
    ?fractie=<slug>, ?dossier=32317 or ?focus=<IRI>; 404 when the graph has no such node."""
    candidates = {"focus": [value], "motie": [f"{base}motie/{value}"], "doc": [f"{base}doc/{value}"],
                  "fractie": [f"{base}fractie/{value}", value], "dossier": [dossier_node(value), value]}[kind]
    for node in candidates:
        if node in graph:
            return node
    if kind == "motie":  # a number whose motion is known under its sponsors' key
        for node, data in graph.nodes(data=True):
            if data["cls"] == "Motion" and data.get("number") == value:
                return node
    abort(404, description=f"{kind} {value} is not in the graph view")


def reach(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """What a view focused on `node` shows: its neighbours, and for each kind what tells its story —
    a motion's sponsors with their fracties; a fractie's members, their motions, the documents
    claiming them and its questions; a dossier's motions and documents, and the documents naming them."""
    undirected = graph.to_undirected(as_view=True)
    cls = graph.nodes[node]["cls"]
    around = {node, *undirected.neighbors(node)}

    def linked(nodes, relations, classes=None):
        found = set()
        for n in nodes:
            for a, b, data in undirected.edges(n, data=True):
                if data["relation"] in relations and (classes is None or graph.nodes[b]["cls"] in classes):
                    found.add(b)
        return found

    if cls == "Motion":
        persons = {n for n in around if graph.nodes[n]["cls"] == "Person"}
        around |= linked(persons, {"member of"})
    elif cls == "Fractie":
        members = {n for n in around if graph.nodes[n]["cls"] == "Person"}
        motions = linked(members, {"sponsor"})
        around |= motions | linked(motions, {"claims fulfilled", "in line with", "text of", "in dossier"})
    elif cls == "Dossier":
        motions = {n for n in around if graph.nodes[n]["cls"] == "Motion"}
        around |= linked(motions, {"claims fulfilled", "in line with", "mentions", "text of"}, {"Document"})
    return around


def select(graph: nx.MultiDiGraph, args, base: str) -> tuple[nx.MultiDiGraph, dict]:
    """The part of the projection a request asks for (before grouping and the node budget)."""
    focus_kind = next((k for k in ("focus", "motie", "doc") if args.get(k)), None)
    narrowing = {k: args[k] for k in ("fractie", "dossier") if args.get(k)}
    if focus_kind is None and narrowing:  # a fractie or dossier alone is the focus
        focus_kind = "fractie" if "fractie" in narrowing else "dossier"
        narrowing.pop(focus_kind)
    focus = resolve(graph, base, focus_kind, args[focus_kind]) if focus_kind else None
    classes = args.getlist("class") or (None if focus else OVERVIEW_CLASSES)
    if focus:
        keep = reach(graph, focus)
        undirected = graph.to_undirected(as_view=True)
        for _ in range(min(max(whole_number(args, "depth", 1), 1), 3) - 1):
            keep |= {m for n in keep for m in undirected.neighbors(n)}
    else:
        keep = set(graph)
    if classes:
        keep = {n for n in keep if graph.nodes[n]["cls"] in classes or n == focus}
    for kind, value in narrowing.items():  # the fractie's or dossier's reach, around the focus too
        keep &= reach(graph, resolve(graph, base, kind, value)) | {focus}
    start, end = _parse_date(args.get("from")), _parse_date(args.get("to"))
    if start or end:
        def in_range(node):
            date = graph.nodes[node]["date"]
            if graph.nodes[node]["cls"] not in ("Document", "Commitment") or node == focus:
                return True
            return bool(date) and (not start or date >= start.isoformat()) and (not end or date <= end.isoformat())
        keep = {n for n in keep if in_range(n)}
    search = (args.get("q") or "").strip().lower()
    if search:
        hits = {n for n in keep if search in graph.nodes[n]["name"].lower()}
        undirected = graph.to_undirected(as_view=True)
        keep &= hits | {m for n in hits for m in undirected.neighbors(n)} | {focus}
    keep.discard(None)
    view = graph.subgraph(keep).copy()
    view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0 and n != focus])
    return view, {"classes": classes or [], "focus": focus, "kind": graph.nodes[focus]["cls"] if focus else "",
                  "fractie": args.get("fractie", ""), "dossier": args.get("dossier", ""),
                  "from": args.get("from", ""), "to": args.get("to", ""), "q": args.get("q", ""),
                  "grouped": args.get("group") != "0", "expand": args.getlist("expand")}


def grouped(view: nx.MultiDiGraph, focus: str | None, expand: list[str]) -> nx.MultiDiGraph:
    """Nodes of one kind tied to the very same neighbours (leaves hanging off one node, or the
    commitments of one document asked for by one fractie), GROUP_MIN or more, drawn as one node
    "14 beleidsinzet" that lists its members; a group named in `expand` stays spread out."""
    undirected = view.to_undirected(as_view=True)
    siblings = defaultdict(list)
    for node, data in view.nodes(data=True):
        neighbours = frozenset(undirected.neighbors(node)) - {node}
        if node != focus and neighbours:
            siblings[(neighbours, data.get("kind") or data["cls"])].append(node)
    result = view.copy()
    for (neighbours, kind), members in siblings.items():
        group = "group:" + hashlib.sha1("|".join([kind, *sorted(neighbours)]).encode()).hexdigest()[:12]
        if len(members) < GROUP_MIN or group in expand:
            continue
        members.sort(key=lambda n: (view.nodes[n]["date"], view.nodes[n]["label"]))
        result.remove_nodes_from(members)
        result.add_node(group, cls=view.nodes[members[0]]["cls"], label=f"{len(members)} {GROUP_NAMES.get(kind, kind)}",
                        date=min((view.nodes[m]["date"] for m in members if view.nodes[m]["date"]), default=""),
                        members=[{"id": m, "label": view.nodes[m]["label"]} for m in members])
        for neighbour in neighbours:
            edges = [d for m in members for d in undirected.get_edge_data(neighbour, m).values()]
            relations = sorted({d["relation"] for d in edges})
            a, b = (group, neighbour) if view.has_edge(members[0], neighbour) else (neighbour, group)
            result.add_edge(a, b, relation=" / ".join(relations), weight=len(members))
    return result


def within_budget(view: nx.MultiDiGraph, budget: int, keep: str | None = None) -> tuple[nx.MultiDiGraph, int]:
    """At most `budget` nodes: the most connected ones (and the focus)."""
    total = view.number_of_nodes()
    if total <= budget:
        return view, total
    ranked = sorted(view, key=lambda n: (n != keep, -view.degree(n, weight="weight"), view.nodes[n]["label"]))
    return view.subgraph(ranked[:budget]).copy(), total


# -- where the nodes go -----------------------------------------------------------------------------

def layout(view: nx.MultiDiGraph, canvas: tuple[int, int] = CANVAS) -> dict:
    """Tiers from top to bottom by kind (dossiers, documents, motions, …, fracties). Documents go
    along a time axis; every other node under the mean position of its neighbours in the tiers
    placed before it. A tier too long for the canvas wraps into rows; the number of columns is the
    one that lets the drawing, fitted to the canvas, be drawn largest (labels readable). Slots are a
    label's width apart and rows a wrapped label's height, so no two nodes overlap."""
    tiers = defaultdict(list)
    for node, data in view.nodes(data=True):
        tiers[CLASSES[data["cls"]][3]].append(node)
    order = sorted(tiers, key=lambda t: (abs(t - CLASSES["Document"][3]), t))
    longest = max((len(nodes) for nodes in tiers.values()), default=1)

    def fitted_scale(columns):
        rows = sum(math.ceil(len(nodes) / columns) for nodes in tiers.values())
        width = (columns - 1) * SLOT_WIDTH + LABEL_WIDTH
        height = rows * ROW_HEIGHT + (len(tiers) - 1) * TIER_GAP
        return min(canvas[0] / width, canvas[1] / height)

    columns = max(range(1, longest + 1), key=lambda c: (fitted_scale(c), -c))
    undirected = view.to_undirected(as_view=True)
    slot_x: dict[str, float] = {}  # in slot units, 0 … columns - 1
    rows_of: dict[int, list[list[str]]] = {}
    for tier in order:
        nodes = tiers[tier]
        if tier == CLASSES["Document"][3]:
            wanted = _on_time_axis(view, nodes, columns)
        else:
            wanted = {}
            for node in nodes:
                placed = [slot_x[m] for m in undirected.neighbors(node) if m in slot_x]
                wanted[node] = sum(placed) / len(placed) if placed else columns + len(wanted)
        nodes.sort(key=lambda n: (wanted[n], view.nodes[n]["date"], view.nodes[n]["label"]))
        if len(nodes) <= columns:
            xs = _spread([wanted[n] for n in nodes], columns)
            rows_of[tier] = [nodes]
        else:
            rows_of[tier] = [nodes[i : i + columns] for i in range(0, len(nodes), columns)]
            xs = []
            for row in rows_of[tier]:
                offset = (columns - len(row)) / 2
                xs += [offset + i for i in range(len(row))]
        slot_x.update(zip(nodes, xs))
    positions, y = {}, 0.0
    for tier in sorted(rows_of):
        for row in rows_of[tier]:
            for node in row:
                positions[node] = ((slot_x[node] - (columns - 1) / 2) * SLOT_WIDTH, y)
            y += ROW_HEIGHT
        y += TIER_GAP
    return positions


def _on_time_axis(view, documents, columns) -> dict:
    """Where dated documents want to be: their date scaled to the columns; undated ones after them
    (in the middle when none has a date, as one of a single date is)."""
    days = {d: _day(view.nodes[d]["date"]) for d in documents}
    known = [day for day in days.values() if day is not None]
    first, last = min(known, default=0), max(known, default=0)
    wanted = {}
    for index, node in enumerate(sorted(documents, key=lambda d: view.nodes[d]["label"])):
        day = days[node]
        if day is None:
            wanted[node] = columns + index if known else (columns - len(documents)) / 2 + index
        else:
            wanted[node] = (day - first) / (last - first) * (columns - 1) if last > first else (columns - 1) / 2
    return wanted


def _day(date: str) -> int | None:
    """A date's day number; None for no date or one that is not YYYY-MM-DD (a year alone …)."""
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _spread(wanted: list[float], columns: int) -> list[float]:
    """Positions as near `wanted` (sorted) as they can be, at least one slot apart, within 0 … columns - 1."""
    xs = []
    for x in wanted:
        xs.append(max(min(x, columns - 1), xs[-1] + 1 if xs else 0.0))
    for i in range(len(xs) - 1, -1, -1):
        xs[i] = min(xs[i], columns - 1 if i == len(xs) - 1 else xs[i + 1] - 1)
    return xs


def draw(view: nx.MultiDiGraph, base: str, focus: str | None) -> dict:
    """vis-network data via pyvis: positions fixed by the layout, labels wrapped at LABEL_WIDTH."""
    tall = len(view) > TALL_FROM
    positions = layout(view, TALL_CANVAS if tall else CANVAS)
    net = Network(directed=True, cdn_resources="local")
    for node, data in view.nodes(data=True):
        colour, shape, legend, _tier = CLASSES[data["cls"]]
        x, y = positions[node]
        members = data.get("members")
        net.add_node(node, label=data["label"], title=f"{legend}: {data.get('name', data['label'])}" + (f" ({data['date']})" if data["date"] else ""),
                     color=colour, shape=shape, size=22 if node == focus else 16 if members else 12,
                     borderWidth=4 if node == focus else 1, x=float(x), y=float(y), cls=data["cls"],
                     href=_local(node, base), date=data["date"], **({"members": members} if members else {}))
    for a, b, data in view.edges(data=True):
        colour, dashed = RELATION_STYLES.get(data["relation"].split(" / ")[0], ("#aab", False))
        net.add_edge(a, b, title=f"{data['relation']} ×{data['weight']}", relation=data["relation"], color=colour,
                     dashes=dashed, width=1 + min(4, math.log2(data["weight"])) if data["weight"] > 1 else 1)
    nodes, edges, *_ = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "tall": tall, "view": _extent(positions)}


def _extent(positions) -> dict:
    """The drawing's box in canvas units, labels included (at most LABEL_WIDTH wide; under a shape,
    up to four lines): the browser fits it to the canvas before the first paint, not after it."""
    xs, ys = [x for x, _ in positions.values()] or [0], [y for _, y in positions.values()] or [0]
    return {"left": min(xs) - LABEL_WIDTH / 2 - 10, "right": max(xs) + LABEL_WIDTH / 2 + 10,
            "top": min(ys) - 45, "bottom": max(ys) + 100}


def _budget() -> int:
    return max(1, whole_number(request.args, "budget", current_app.config["KAMERGRAAF_NODE_BUDGET"]))


_answers: dict = {}
_answers_lock = threading.Lock()


def _answer(compute) -> Response:
    """A view's answer, kept per store version, request and format: cutting, grouping and laying out
    a view of hundreds of nodes costs more than serving it again."""
    site = _site()
    key = (id(site.current()), site.version, request.path, tuple(sorted(request.args.items(multi=True))), wants_json())
    with _answers_lock:  # requests come on several threads; one computes a view, the others wait for it
        if key not in _answers:
            if len(_answers) >= 64:
                _answers.pop(next(iter(_answers)))
            view, total, filters, title = compute(projection(site.current(), site.version))
            _answers[key] = _rendered(view, total, filters, title)
        body, mimetype = _answers[key]
    return Response(body, mimetype=mimetype)


def _rendered(view, total, filters, title) -> tuple[str, str]:
    site, budget = _site(), _budget()
    data = draw(view, site.mint.base, filters.get("focus"))
    shown = view.number_of_nodes()
    message = f"showing {shown} of {total} — narrow the filter" if total > shown else ""
    payload = {"title": title, "nodes": data["nodes"], "edges": data["edges"], "shown": shown, "total": total,
               "budget": budget, "message": message, "filters": filters, "tall": data["tall"], "view": data["view"]}
    if wants_json():
        return json.dumps(payload, ensure_ascii=False), "application/json"
    graph = projection(site.current(), site.version)
    choices = {cls: sorted((graph.nodes[n]["label"], graph.nodes[n].get("number") or n.rsplit("/", 1)[-1])
                           for n in graph if graph.nodes[n]["cls"] == cls) for cls in ("Fractie", "Dossier")}
    html = render_template("graph.html", classes=CLASSES, relations=RELATION_STYLES, choices=choices,
                           graph_data=json_for_html({"nodes": data["nodes"], "edges": data["edges"], "view": data["view"]}),
                           **payload)
    return html, "text/html"


@blueprint.get("/graph")
def graph_view():
    def compute(graph):
        view, filters = select(graph, request.args, _site().mint.base)
        if filters["grouped"]:
            view = grouped(view, filters["focus"], filters["expand"])
        view, total = within_budget(view, _budget(), keep=filters["focus"])
        title = f"Around {graph.nodes[filters['focus']]['name']}" if filters["focus"] else "Overview: dossiers, documents by date, motions"
        return view, total, filters, title

    return _answer(compute)


@blueprint.get("/path")
def path_view():
    start, end = request.args.get("from"), request.args.get("to")
    if not start or not end:
        abort(400, description="give both ?from=<IRI> and ?to=<IRI>")

    def compute(graph):
        for node in (start, end):
            if node not in graph:
                abort(404, description=f"<{node}> is not in the graph view")
        undirected = nx.Graph(graph.to_undirected(as_view=True))
        try:
            paths = list(_limited(nx.all_shortest_paths(undirected, start, end), 20))
        except nx.NetworkXNoPath:
            paths = []
        nodes = {n for p in paths for n in p} or {start, end}
        view = graph.subgraph(nodes).copy()
        on_path = {frozenset((p[i], p[i + 1])) for p in paths for i in range(len(p) - 1)}
        view.remove_edges_from([(a, b, k) for a, b, k in list(view.edges(keys=True)) if frozenset((a, b)) not in on_path])
        names = f"{graph.nodes[start]['name']} and {graph.nodes[end]['name']}"
        title = (f"{len(paths)} shortest connection(s) of length {len(paths[0]) - 1} between {names}" if paths
                 else f"No connection between {names}")
        return view, view.number_of_nodes(), {"from": start, "to": end}, title

    return _answer(compute)


def _limited(iterator, limit):
    for index, item in enumerate(iterator):
        if index >= limit:
            return
        yield item


# -- the side panel ---------------------------------------------------------------------------------

@blueprint.get("/graph/node")
def node_panel():
    """The key facts of one node, for the side panel (JSON)."""
    site = _site()
    iri = request.args.get("iri", "")
    graph = projection(site.current(), site.version)
    if iri not in graph:  # only nodes of the projection reach the queries below
        abort(404, description=f"<{iri}> is not in the graph view")
    data = graph.nodes[iri]
    base = site.mint.base
    links = {"focus": "/graph?" + urlencode({"focus": iri})}
    if data["cls"] == "Dossier":
        links["moties"] = "/moties?" + urlencode({"dossier": data["number"]})
    else:
        links["resource"] = _local(iri, base)
    if data["cls"] == "Motion":
        links["trail"] = "/motie/" + iri[len(base) + len("motie/"):]
    elif data["cls"] == "Document":
        links["source"] = source_link(iri, base)
    elif data["cls"] == "Fractie":
        links["fractie"] = "/fractie/" + iri.rsplit("/", 1)[-1]
    facts = FACTS.get(data["cls"], _projected_facts)(site.current(), base, iri, graph)
    return Response(json.dumps({"iri": iri, "label": data["name"], "class": data["cls"], "legend": CLASSES[data["cls"]][2],
                                "counts": _counts(graph, iri), **facts, "links": links}, ensure_ascii=False),
                    mimetype="application/json")


def _counts(graph, iri) -> list[dict]:
    """How many neighbours of each kind the node has, by relation (`9 vragen` are the weight of "asked in")."""
    counts = defaultdict(int)
    for a, b, data in graph.to_undirected(as_view=True).edges(iri, data=True):
        counts[(data["relation"], CLASSES[graph.nodes[b]["cls"]][2])] += data["weight"] if data["relation"] == "asked in" else 1
    return [{"relation": r, "kind": k, "count": n} for (r, k), n in sorted(counts.items())]


def _value(row, name):
    return " ".join(row[name].value.split()) if row[name] is not None else ""


def _motion_facts(store, base, iri, graph) -> dict:
    """Number, sponsors with their fractie, outcome, execution status and every claim with its quote:
    the motion's trail (audit.motion_trail) is the one home of these facts."""
    from .audit import motion_trail

    trail = motion_trail(store, base, iri[len(base) + len("motie/"):])
    fate = trail["fate"]
    claims = [{"kind": e["kind"], "date": e["date"], **_quote_parts(e["quote"]),
               "document": graph.nodes[e["doc"]]["name"] if e["doc"] in graph else e["document"],
               "source": source_link(e["doc"], base, e["start"], e["end"])}
              for e in trail["events"] if e["kind"] != "mention"]
    return {"facts": [{"name": n, "value": v} for n, v in (
                ("number", trail["identifier"] or ""), ("outcome", fate["outcome"]), ("execution status", fate["status"]),
                ("adopted on", fate["adopted"]), ("cabinet's appraisal", fate["appraisal"])) if v],
            "sponsors": [{"name": s["name"], "fractie": s["fractie"] or "", "iri": s["iri"]} for s in trail["sponsors"]],
            "claims": claims, "dictum": trail["dictum"] or ""}


def _quote_parts(quote) -> dict:
    """A trail's quote: the quoted words, with the rest of their sentence when the trail gives it."""
    if isinstance(quote, dict):
        return {"quote": quote.get("exact", ""), "before": quote.get("before", ""), "after": quote.get("after", "")}
    return {"quote": quote, "before": "", "after": ""}


def _commitment_facts(store, base, iri, graph) -> dict:
    rows = list(store.query(P + f"""PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?type ?actor ?deadline ?deadlineText ?status ?text ?doc ?start ?end ?exact WHERE {{
        OPTIONAL {{ <{iri}> kg:commitmentType/skos:prefLabel ?type FILTER(LANG(?type) = "nl") }}
        OPTIONAL {{ <{iri}> kg:actor ?actor }} OPTIONAL {{ <{iri}> kg:deadline ?deadline }}
        OPTIONAL {{ <{iri}> kg:deadlineText ?deadlineText }} OPTIONAL {{ <{iri}> kg:text ?text }}
        OPTIONAL {{ <{iri}> kg:status/skos:prefLabel ?status FILTER(LANG(?status) = "nl") }}
        OPTIONAL {{ <{iri}> kg:evidence [ dcterms:source ?doc ; oa:start ?start ; oa:end ?end ; oa:exact ?exact ] }}
        }} LIMIT 1"""))
    row = rows[0]
    quotes = []
    if row["doc"] is not None:
        quotes.append({"quote": _value(row, "exact"), "document": graph.nodes.get(row["doc"].value, {}).get("label", ""),
                       "source": source_link(row["doc"].value, base, row["start"].value, row["end"].value)})
    deadline = " — ".join(filter(None, (_value(row, "deadline"), _value(row, "deadlineText"))))
    return {"facts": [{"name": n, "value": v} for n, v in (
                ("type", _value(row, "type")), ("actor", _value(row, "actor")), ("deadline", deadline),
                ("status", _value(row, "status")), ("text", _value(row, "text"))) if v], "claims": quotes}


def _document_facts(store, base, iri, graph) -> dict:
    rows = list(store.query(P + f"""SELECT ?title ?type ?file WHERE {{
        OPTIONAL {{ <{iri}> dcterms:title ?title }} OPTIONAL {{ <{iri}> kg:documentType/rdfs:label ?type }}
        OPTIONAL {{ <{iri}> kg:sourceFile ?file }} }} LIMIT 1"""))
    row, data = rows[0], graph.nodes[iri]
    return {"facts": [{"name": n, "value": v} for n, v in (
        ("title", _value(row, "title") or data["name"]), ("date", data["date"]), ("Kamerstuk", data.get("number", "")),
        ("kind", _value(row, "type")), ("file", _value(row, "file"))) if v]}


def _projected_facts(store, base, iri, graph) -> dict:
    """What the projection knows of a node of another kind (a Kamerstuk's number and dossier …)."""
    data = graph.nodes[iri]
    return {"facts": [{"name": name, "value": data[name]} for name in ("number", "dossier", "date") if data.get(name)]}


FACTS = {"Motion": _motion_facts, "Commitment": _commitment_facts, "Document": _document_facts}


def _local(iri: str, base: str) -> str:
    return "/id/" + iri[len(base):] if iri.startswith(base) else iri


@blueprint.get("/vendor/vis-network/<name>")
def vis_asset(name: str):
    """vis-network, from the pyvis package: served by us, never from a CDN."""
    if name not in ("vis-network.min.js", "vis-network.css"):
        abort(404)
    path = package_files.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name)
    return send_file(str(path), mimetype="text/css" if name.endswith(".css") else "text/javascript", max_age=86400)
