"""The graph view (`/graph`), node panels (`/graph/node`) and shortest connections (`/path`).

Views are cut from the cached projection (``projection.py``) with networkx, never larger than the
node budget, laid out on the server (bounded spring layout) and drawn by vis-network through pyvis
with physics off, so the browser only paints.
"""
from __future__ import annotations

import datetime as dt
import json
from importlib import resources as package_files

import networkx as nx
from flask import Blueprint, Response, abort, current_app, render_template, request, send_file
from pyvis.network import Network

from .projection import CLASSES, OVERVIEW_CLASSES, projection

blueprint = Blueprint("graphview", __name__)
LAYOUT_ITERATIONS = 60


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


def select(graph: nx.MultiDiGraph, args) -> tuple[nx.MultiDiGraph, dict]:
    """The part of the projection a request asks for (before the node budget)."""
    undirected = graph.to_undirected(as_view=True)
    classes = args.getlist("class") or (None if args.get("focus") else OVERVIEW_CLASSES)
    keep = set(graph)
    if classes:
        keep = {n for n in keep if graph.nodes[n]["cls"] in classes}
    focus = args.get("focus")
    if focus:
        if focus not in graph:
            abort(404, description=f"<{focus}> is not in the graph view")
        depth = min(max(whole_number(args, "depth", 1), 1), 3)
        keep &= set(nx.ego_graph(undirected, focus, radius=depth)) | {focus}
        keep.add(focus)
    fractie = args.get("fractie")
    if fractie:
        around = set(nx.ego_graph(undirected, fractie, radius=2)) if fractie in graph else set()
        keep &= around
    document = args.get("document")
    if document:
        keep &= set(nx.ego_graph(undirected, document, radius=1)) if document in graph else set()
    start, end = _parse_date(args.get("from")), _parse_date(args.get("to"))
    if start or end:
        def in_range(node):
            date = graph.nodes[node]["date"]
            if graph.nodes[node]["cls"] not in ("Document", "Commitment"):
                return True
            return bool(date) and (not start or date >= start.isoformat()) and (not end or date <= end.isoformat())
        keep = {n for n in keep if in_range(n)}
    search = (args.get("q") or "").strip().lower()
    if search:
        hits = {n for n in keep if search in graph.nodes[n]["label"].lower()}
        keep &= hits | {m for n in hits for m in undirected.neighbors(n)}
    view = graph.subgraph(keep).copy()
    if not focus:
        view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0])
    return view, {"classes": classes or [], "focus": focus, "fractie": fractie, "document": document,
                  "from": args.get("from", ""), "to": args.get("to", ""), "q": args.get("q", "")}


def within_budget(view: nx.MultiDiGraph, budget: int, keep: str | None = None) -> tuple[nx.MultiDiGraph, int]:
    """At most `budget` nodes: the most connected ones (and the focus)."""
    total = view.number_of_nodes()
    if total <= budget:
        return view, total
    ranked = sorted(view, key=lambda n: (-view.degree(n, weight="weight"), view.nodes[n]["label"]))
    chosen = set(ranked[:budget])
    if keep and keep in view and keep not in chosen:
        chosen.discard(ranked[budget - 1])
        chosen.add(keep)
    return view.subgraph(chosen).copy(), total


def draw(view: nx.MultiDiGraph, base: str) -> dict:
    """Positions (bounded spring layout), sizes by degree centrality, vis-network data via pyvis."""
    simple = nx.Graph(view.to_undirected())
    positions = layout(simple)
    centrality = nx.degree_centrality(simple) if len(view) > 1 else {n: 1.0 for n in view}
    net = Network(directed=True, cdn_resources="local")
    for node, data in view.nodes(data=True):
        colour, shape, legend = CLASSES[data["cls"]]
        x, y = positions.get(node, (0, 0))
        net.add_node(node, label=data["label"], title=f"{legend}: {data['label']}", color=colour, shape=shape,
                     size=12 + 40 * centrality.get(node, 0), x=float(x), y=float(y), cls=data["cls"],
                     href=_local(node, base))
    for a, b, data in view.edges(data=True):
        net.add_edge(a, b, label=data["relation"], value=data["weight"], title=f"{data['relation']} ×{data['weight']}")
    nodes, edges, *_ = net.get_network_data()
    return {"nodes": nodes, "edges": edges}


def layout(graph: nx.Graph) -> dict:
    """Each connected component laid out on its own (bounded spring layout, sized by its node count)
    and the components packed in rows, largest first, so small ones do not fly off."""
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    row_width = 2 * 70 * max((len(c) for c in components), default=1) ** 0.5 + 600
    for component in components:
        radius = 70 * len(component) ** 0.5
        sub = graph.subgraph(component)
        local = nx.spring_layout(sub, seed=7, iterations=LAYOUT_ITERATIONS, scale=radius) if len(sub) > 1 else {next(iter(component)): (0.0, 0.0)}
        if x + 2 * radius > row_width and x > 0:
            x, y, row_height = 0.0, y + row_height + 80, 0.0
        for node, (px, py) in local.items():
            positions[node] = (x + radius + px, y + radius + py)
        x += 2 * radius + 80
        row_height = max(row_height, 2 * radius)
    return positions


def _budget() -> int:
    try:
        return max(1, whole_number(request.args, "budget", current_app.config["KAMERGRAAF_NODE_BUDGET"]))
    except ValueError:
        abort(400, description="budget must be a number")


_drawn: dict = {}


def _drawing(view, key) -> dict:
    """Layouts are the costly part of a view: keep the last ones, per store version and request."""
    if key not in _drawn:
        if len(_drawn) >= 64:
            _drawn.pop(next(iter(_drawn)))
        _drawn[key] = draw(view, _site().mint.base)
    return _drawn[key]


def _render(view, total, budget, filters, title, status=200):
    site = _site()
    data = _drawing(view, (id(site.current()), site.version, request.path,
                           tuple(sorted(request.args.items(multi=True))), budget))
    shown = view.number_of_nodes()
    message = f"showing {shown} of {total} — narrow the filter" if total > shown else ""
    payload = {"title": title, "nodes": data["nodes"], "edges": data["edges"], "shown": shown, "total": total,
               "budget": budget, "message": message, "filters": filters}
    if wants_json():
        return Response(json.dumps(payload, ensure_ascii=False), mimetype="application/json")
    graph = projection(_site().current(), _site().version)
    fracties = sorted((graph.nodes[n]["label"], n) for n in graph if graph.nodes[n]["cls"] == "Fractie")
    documents = sorted((graph.nodes[n]["label"], n) for n in graph if graph.nodes[n]["cls"] == "Document")
    return Response(render_template("graph.html", classes=CLASSES, fracties=fracties, documents=documents,
                                    graph_data=json_for_html({"nodes": data["nodes"], "edges": data["edges"]}),
                                    **payload), status=status, mimetype="text/html")


@blueprint.get("/graph")
def graph_view():
    site = _site()
    graph = projection(site.current(), site.version)
    view, filters = select(graph, request.args)
    budget = _budget()
    view, total = within_budget(view, budget, keep=filters["focus"])
    title = f"Around {graph.nodes[filters['focus']]['label']}" if filters["focus"] else "Overview"
    return _render(view, total, budget, filters, title)


@blueprint.get("/path")
def path_view():
    site = _site()
    graph = projection(site.current(), site.version)
    start, end = request.args.get("from"), request.args.get("to")
    if not start or not end:
        abort(400, description="give both ?from=<IRI> and ?to=<IRI>")
    for node in (start, end):
        if node not in graph:
            abort(404, description=f"<{node}> is not in the graph view")
    undirected = nx.Graph(graph.to_undirected())
    try:
        paths = list(_limited(nx.all_shortest_paths(undirected, start, end), 20))
    except nx.NetworkXNoPath:
        paths = []
    nodes = {n for p in paths for n in p} or {start, end}
    view = graph.subgraph(nodes).copy()
    on_path = {frozenset((p[i], p[i + 1])) for p in paths for i in range(len(p) - 1)}
    view.remove_edges_from([(a, b, k) for a, b, k in list(view.edges(keys=True)) if frozenset((a, b)) not in on_path])
    title = (f"{len(paths)} shortest connection(s) of length {len(paths[0]) - 1} between "
             f"{graph.nodes[start]['label']} and {graph.nodes[end]['label']}") if paths else \
        f"No connection between {graph.nodes[start]['label']} and {graph.nodes[end]['label']}"
    return _render(view, view.number_of_nodes(), _budget(), {"from": start, "to": end}, title)


def _limited(iterator, limit):
    for index, item in enumerate(iterator):
        if index >= limit:
            return
        yield item


@blueprint.get("/graph/node")
def node_panel():
    """What the side panel shows for one node (JSON)."""
    from .resources import describe

    site = _site()
    iri = request.args.get("iri", "")
    graph = projection(site.current(), site.version)
    if iri not in graph:  # only IRIs of the projection reach the queries below
        abort(404, description=f"<{iri}> is not in the graph view")
    data = graph.nodes[iri]
    details = describe(site.current(), site.mint.base, iri)
    keep = ("label", "title", "date", "identifier", "celex", "dictum", "deadlineText", "deadline", "actor",
            "text", "sourceFile", "familyName", "prefLabel")
    properties = [{"property": row["property"]["text"], "value": row["value"].get("text") or row["value"]["value"]}
                  for row in details["outgoing"] if row["property"]["text"].split(":")[-1] in keep][:12]
    links = {"focus": f"/graph?focus={_quote(iri)}", "resource": _local(iri, site.mint.base)}
    trail = trail_link(iri, data["cls"], site.mint.base)
    if trail:
        links["trail"] = trail
    return Response(json.dumps({"iri": iri, "label": data["label"], "class": data["cls"], "properties": properties,
                                "evidence": details["evidence"][:8], "links": links}, ensure_ascii=False),
                    mimetype="application/json")


def trail_link(iri: str, cls: str, base: str) -> str | None:
    if cls == "Motion":
        return "/motie/" + iri.rsplit("/", 1)[-1]
    if cls == "Commitment":
        return "/toezeggingen?iri=" + _quote(iri)
    if cls == "Document":
        return "/doc/" + iri[len(base) + len("doc/"):]
    return None


def _local(iri: str, base: str) -> str:
    return "/id/" + iri[len(base):] if iri.startswith(base) else iri


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


@blueprint.get("/vendor/vis-network/<name>")
def vis_asset(name: str):
    """vis-network, from the pyvis package: served by us, never from a CDN."""
    if name not in ("vis-network.min.js", "vis-network.css"):
        abort(404)
    path = package_files.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name)
    return send_file(str(path), mimetype="text/css" if name.endswith(".css") else "text/javascript", max_age=86400)
