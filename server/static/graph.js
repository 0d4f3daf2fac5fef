// Draws the server-laid-out graph with vis-network (physics off, fitted to the canvas once drawn)
// and fills the side panel: a node's key facts from /graph/node, a group's members from its data.
(function () {
  performance.mark("graph-script");  // bench/graph_tti.py reports where the time goes
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const container = document.getElementById("network");
  const nodes = new vis.DataSet(data.nodes);
  const network = new vis.Network(container, { nodes: nodes, edges: new vis.DataSet(data.edges) }, {
    physics: false,
    layout: { improvedLayout: false },  // positions come from the server
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 200 },
    nodes: { font: { size: 15, face: "system-ui, sans-serif" }, widthConstraint: { maximum: 150 } },
    edges: { arrows: { to: { scaleFactor: 0.4 } }, smooth: false },
  });
  window.kamergraafNetwork = network;
  performance.mark("graph-built");
  // The server sends the drawing's box, labels included: fitted to the canvas before the first paint,
  // so hundreds of nodes are drawn once (vis-network's own fit measures labels by drawing them).
  const box = data.view;
  const scale = Math.min(container.clientWidth / (box.right - box.left), container.clientHeight / (box.bottom - box.top), 1.2);
  network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale, animation: false });
  network.once("afterDrawing", () => {
    window.kamergraafReady = performance.now();
    document.body.dataset.ready = "1";
  });

  const panel = document.getElementById("panel");
  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const link = (href, text, cls) => `<a href="${escape(href)}"${cls ? ` class="${cls}"` : ""}>${escape(text)}</a>`;
  let connectFrom = null;  // {iri, label}: the start of a shortest-connection question

  function pathLinks(iri, label) {
    if (connectFrom && connectFrom.iri !== iri) {
      const href = "/path?" + new URLSearchParams({ from: connectFrom.iri, to: iri });
      return `<p class="connect">${link(href, `shortest connection from ${connectFrom.label}`, "path-link")}</p>`;
    }
    return `<p class="connect"><button type="button" id="connect-from">connect from here</button></p>`;
  }

  function wireConnect(iri, label) {
    const button = document.getElementById("connect-from");
    if (button) button.addEventListener("click", () => { connectFrom = { iri, label }; button.replaceWith("Now open another node."); });
  }

  function showGroup(node) {
    const params = new URLSearchParams(window.location.search);
    params.append("expand", node.id);
    panel.innerHTML = `<h2>${escape(node.label)}</h2><p class="type">a group of leaves — ${link("?" + params, "spread them out in the graph", "expand")}</p>
      <ul class="members">${node.members.map((m) => `<li>${escape(m.label)} — ${link("/graph/node?iri=" + encodeURIComponent(m.id), "facts", "member-facts")}
        · ${link("/graph?focus=" + encodeURIComponent(m.id), "focus")}</li>`).join("")}</ul>`;
    panel.dataset.iri = node.id;
    panel.querySelectorAll("a.member-facts").forEach((a) => a.addEventListener("click", (event) => {
      event.preventDefault();
      show(decodeURIComponent(a.getAttribute("href").split("iri=")[1]));
    }));
  }

  function facts(node) {
    const rows = (node.facts || []).map((f) => `<dt>${escape(f.name)}</dt><dd>${escape(f.value)}</dd>`);
    if (node.sponsors && node.sponsors.length) {
      rows.push(`<dt>sponsors</dt><dd class="sponsors">${node.sponsors.map((s) => escape(s.name) + (s.fractie ? ` (${escape(s.fractie)})` : "")).join(", ")}</dd>`);
    }
    if (node.dictum) rows.push(`<dt>dictum</dt><dd>${escape(node.dictum)}</dd>`);
    return rows.length ? `<dl>${rows.join("")}</dl>` : "";
  }

  function claims(node) {
    if (!node.claims || !node.claims.length) return "";
    const title = node.class === "Motion" ? "Claims" : "Quote";
    return `<h3>${title}</h3>` + node.claims.map((c) => `<div class="claim">
      ${c.kind ? `<p class="claim-kind">${escape(c.kind)}${c.date ? " · " + escape(c.date) : ""}${c.document ? " · " + escape(c.document) : ""}</p>` : ""}
      <blockquote class="quote">${escape(c.before || "")}<mark>${escape(c.quote)}</mark>${escape(c.after || "")}</blockquote>
      <p class="source">${link(c.source, "source view", "source-link")}${!c.kind && c.document ? " · " + escape(c.document) : ""}</p></div>`).join("");
  }

  function counts(node) {
    if (!node.counts.length) return "";
    return `<h3>Connections</h3><ul class="counts">${node.counts.map((c) => `<li>${c.count} × ${escape(c.relation)} (${escape(c.kind)})</li>`).join("")}</ul>`;
  }

  async function show(iri) {
    const local = nodes.get(iri);
    if (local && local.members) { showGroup(local); return; }
    panel.innerHTML = '<p class="muted">Loading…</p>';
    const response = await fetch("/graph/node?iri=" + encodeURIComponent(iri), { headers: { Accept: "application/json" } });
    if (!response.ok) { panel.innerHTML = '<p class="muted">Nothing known about this node.</p>'; return; }
    const node = await response.json();
    const names = { focus: "focus here", resource: "resource page", trail: "trail", source: "source view", fractie: "fractie page", moties: "its motions" };
    const links = Object.entries(node.links).map(([key, href]) => link(href, names[key] || key, "link-" + key));
    panel.innerHTML = `<h2>${escape(node.label)}</h2><p class="type">${escape(node.legend)}</p>
      <p class="links">${links.join(" · ")}</p>${facts(node)}${claims(node)}${counts(node)}${pathLinks(node.iri, node.label)}`;
    panel.dataset.iri = node.iri;
    wireConnect(node.iri, node.label);
  }

  network.on("click", (params) => { if (params.nodes.length) show(params.nodes[0]); });
  network.on("doubleClick", (params) => {
    if (!params.nodes.length) return;
    const node = nodes.get(params.nodes[0]);
    if (!node.members) window.location.href = "/graph?focus=" + encodeURIComponent(node.id);
  });
})();
