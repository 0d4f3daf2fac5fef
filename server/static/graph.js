// Draws the server-laid-out graph with vis-network (physics off) and fills the side panel.
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, {
    physics: false,
    interaction: { hover: true, tooltipDelay: 150 },
    nodes: { font: { size: 13 }, borderWidth: 1 },
    edges: { arrows: { to: { scaleFactor: 0.5 } }, font: { size: 9, align: "middle", color: "#666" },
             smooth: false, scaling: { min: 1, max: 8 }, color: { color: "#aab", highlight: "#333" } },
  });
  window.kamergraafNetwork = network;
  network.once("afterDrawing", () => {
    window.kamergraafReady = performance.now();
    document.body.dataset.ready = "1";
  });

  const panel = document.getElementById("panel");
  const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

  async function show(iri) {
    panel.innerHTML = '<p class="muted">Loading…</p>';
    const response = await fetch("/graph/node?iri=" + encodeURIComponent(iri), { headers: { Accept: "application/json" } });
    if (!response.ok) { panel.innerHTML = '<p class="muted">Nothing known.</p>'; return; }
    const node = await response.json();
    const links = [`<a href="${escape(node.links.focus)}">focus here</a>`, `<a href="${escape(node.links.resource)}">open resource page</a>`];
    if (node.links.trail) links.push(`<a href="${escape(node.links.trail)}">trail</a>`);
    panel.innerHTML = `<h2>${escape(node.label)}</h2><p class="type">${escape(node.class)}</p>
      <p class="links">${links.join(" · ")}</p>
      <dl>${node.properties.map((p) => `<dt>${escape(p.property)}</dt><dd>${escape(p.value).slice(0, 400)}</dd>`).join("")}</dl>
      ${node.evidence.length ? "<h3>Evidence</h3>" : ""}
      ${node.evidence.map((q) => `<blockquote class="quote">${escape(q.exact)}</blockquote>
        <p class="source">${escape(q.file)} ${q.start}–${q.end} · <a href="${escape(q.source_view)}">source view</a></p>`).join("")}`;
    panel.dataset.iri = node.iri;
  }
  network.on("click", (params) => { if (params.nodes.length) show(params.nodes[0]); });
})();
