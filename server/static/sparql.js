// The query editor: YASGUI (served by kamergraaf itself) pointed at this endpoint, with
// - a table whose IRIs open this server's own pages and whose literals read as values,
// - a chart view (the vendored Chart.js) for results with a label column and numeric columns,
// - a banner when the endpoint cut the answer at its row or size cap (it says so in headers).
(function () {
  const root = document.getElementById("yasgui");
  const config = JSON.parse(document.getElementById("sparql-config").textContent);
  const BASE = config.base; // instance IRIs: https://…/id/motie/… → /id/motie/…
  const VOCABULARY = config.vocabulary; // ontology terms: https://…/def#Motion → /def#Motion
  const PREFIXES = config.prefixes; // the project's (kg:, dcterms: …), for IRIs the query names no prefix for
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMBERS = new Set(["integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
    "unsignedLong", "unsignedShort", "unsignedByte"].map((name) => XSD + name));
  const TIMES = new Set(["date", "dateTime", "gYear", "gYearMonth"].map((name) => XSD + name));
  // Datatypes whose values read plainly: the type adds nothing a reader needs.
  const PLAIN = new Set([...NUMBERS, ...TIMES, XSD + "string", XSD + "boolean", XSD + "time"]);
  const MOST_BARS = 100;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0"); // 10 000
  }

  function localPage(iri) {
    if (BASE && iri.startsWith(BASE)) return "/id/" + iri.slice(BASE.length);
    if (iri.startsWith(VOCABULARY)) return "/def#" + iri.slice(VOCABULARY.length);
    return null;
  }

  function shortIri(iri, prefixes) {
    for (const [prefix, namespace] of [...Object.entries(prefixes || {}), ...Object.entries(PREFIXES)]) {
      if (namespace && iri.startsWith(namespace) && iri.length > namespace.length) return prefix + ":" + iri.slice(namespace.length);
    }
    if (BASE && iri.startsWith(BASE)) return iri.slice(BASE.length);
    return iri;
  }

  function iriHtml(iri, prefixes) {
    const local = localPage(iri);
    const text = escapeHtml(shortIri(iri, prefixes));
    if (local) return `<a class="iri local" href="${escapeHtml(local)}" title="${escapeHtml(iri)}">${text}</a>`;
    return `<a class="iri external" href="${escapeHtml(iri)}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(iri)}">${text}</a>`;
  }

  function literalHtml(binding, prefixes) {
    const value = escapeHtml(binding.value);
    const lang = binding["xml:lang"];
    if (lang) return `${value} <span class="kg-lang">${escapeHtml(lang)}</span>`;
    const datatype = binding.datatype;
    if (!datatype || PLAIN.has(datatype)) return NUMBERS.has(datatype) ? `<span class="kg-number">${value}</span>` : value;
    return `${value} <span class="kg-datatype" title="${escapeHtml(datatype)}">${escapeHtml(shortIri(datatype, prefixes))}</span>`;
  }

  // The table: YASGUI's own, with cells written as above.
  const Table = Yasgui.Yasr.plugins.table;
  class ReadableTable extends Table {
    getCellContent(binding, prefixes) {
      let html;
      if (binding.type === "uri") html = iriHtml(binding.value, prefixes);
      else if (binding.type === "literal" || binding.type === "typed-literal") html = literalHtml(binding, prefixes);
      else if (binding.type === "bnode") html = escapeHtml("_:" + binding.value);
      else return super.getCellContent(binding, prefixes);
      return binding.type === "uri" ? `<div><span>${html}</span></div>` : `<div><span class="nonIri">${html}</span></div>`;
    }
  }
  Yasgui.Yasr.registerPlugin("table", ReadableTable);

  // -- chart ----------------------------------------------------------------------------------

  const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"];

  function isNumber(binding) {
    return binding && binding.type !== "uri" && NUMBERS.has(binding.datatype) && Number.isFinite(Number(binding.value));
  }

  // What a chart of `results` would show, or null: the label columns (every variable that is not
  // numeric) and the numeric columns (bound to a number in every row that binds them).
  function chartable(results, prefixes) {
    if (!results || !results.getVariables || !results.getBindings) return null;
    const variables = results.getVariables() || [];
    const bindings = results.getBindings();
    if (!bindings || bindings.length === 0 || variables.length < 2) return null;
    const numeric = variables.filter((v) => bindings.some((row) => row[v]) && bindings.every((row) => !row[v] || isNumber(row[v])));
    const labels = variables.filter((v) => !numeric.includes(v));
    if (numeric.length === 0 || labels.length === 0) return null;
    const rows = bindings.slice(0, MOST_BARS);
    // A bar is named by the row's literals (a document's label, not also its IRI); by IRIs only
    // when there is nothing else; each part of a long name is cut, so that every part shows and
    // the bars keep their room.
    const literal = labels.filter((v) => bindings.every((row) => !row[v] || row[v].type !== "uri"));
    const naming = literal.length ? literal : labels;
    const most = Math.max(16, Math.floor(56 / naming.length));
    const cut = (part) => (part.length > most ? part.slice(0, most - 1) + "…" : part);
    const text = (binding) => (!binding ? "" : binding.type === "uri" ? shortIri(binding.value, prefixes) : binding.value);
    const overTime = labels.length === 1 && rows.every((row) => row[labels[0]] && TIMES.has(row[labels[0]].datatype));
    return {
      labels: rows.map((row) => naming.map((v) => cut(text(row[v]))).filter(Boolean).join(" · ")),
      datasets: numeric.map((v, i) => ({ label: v, data: rows.map((row) => (row[v] ? Number(row[v].value) : null)),
        backgroundColor: PALETTE[i % PALETTE.length], borderColor: PALETTE[i % PALETTE.length] })),
      labelColumns: naming, total: bindings.length, overTime: overTime,
    };
  }

  function svgIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "15");
    svg.setAttribute("height", "15");
    [[1, 9, 3, 6], [6, 4, 3, 11], [11, 7, 3, 8]].forEach(([x, y, w, h]) => {
      const bar = document.createElementNS(ns, "rect");
      bar.setAttribute("x", x); bar.setAttribute("y", y); bar.setAttribute("width", w); bar.setAttribute("height", h);
      bar.setAttribute("fill", "currentColor");
      svg.appendChild(bar);
    });
    const wrapper = document.createElement("div");
    wrapper.appendChild(svg);
    return wrapper;
  }

  class ChartView {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Chart";
      this.priority = 5; // below the table: a chart is offered, the table stays the first view
      this.chart = this.box = null;
      this.kind = null; // "bar" or "line", as the reader chose; by default from the labels
    }

    canHandleResults() {
      return chartable(this.yasr.results, this.yasr.getPrefixes()) !== null;
    }

    getIcon() {
      return svgIcon();
    }

    draw() {
      this.destroy();
      const data = chartable(this.yasr.results, this.yasr.getPrefixes());
      const kind = this.kind || (data.overTime ? "line" : "bar");
      const box = document.createElement("div");
      box.className = "kg-chart";
      const controls = document.createElement("p");
      controls.className = "kg-chart-controls";
      const choice = document.createElement("select");
      choice.setAttribute("aria-label", "Chart type");
      [["bar", "Bars"], ["line", "Line"]].forEach(([value, text]) => choice.add(new Option(text, value, false, value === kind)));
      choice.addEventListener("change", () => { this.kind = choice.value; this.draw(); });
      const about = document.createElement("span");
      about.textContent = `${data.datasets.map((d) => d.label).join(", ")} by ${data.labelColumns.join(" · ")}` +
        (data.total > data.labels.length ? ` — the first ${data.labels.length} of ${grouped(data.total)} rows` : "");
      controls.append(choice, " ", about);
      // Many or long labels read better along the vertical axis, one bar a line.
      const horizontal = kind === "bar" && (data.labels.length > 12 || Math.max(...data.labels.map((l) => l.length)) > 24);
      const frame = document.createElement("div");
      frame.className = "kg-chart-frame";
      frame.style.height = (horizontal ? Math.max(320, 26 * data.labels.length + 90) : 420) + "px";
      const canvas = document.createElement("canvas");
      frame.appendChild(canvas);
      box.append(controls, frame);
      this.box = box;
      this.yasr.resultsEl.appendChild(box);
      const cut = (label) => (label.length > 48 ? label.slice(0, 47) + "…" : label);
      this.chart = new Chart(canvas, {
        type: kind,
        data: { labels: data.labels, datasets: data.datasets },
        options: {
          indexAxis: horizontal ? "y" : "x",
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: data.datasets.length > 1 }, tooltip: { intersect: false } },
          scales: {
            [horizontal ? "y" : "x"]: { ticks: { autoSkip: !horizontal, callback(value) { return cut(this.getLabelForValue(value)); } } },
            [horizontal ? "x" : "y"]: { beginAtZero: true },
          },
        },
      });
    }

    download() {
      if (!this.chart) return undefined;
      return { getData: () => this.chart.toBase64Image(), contentType: "image/png", title: "Download the chart (PNG)", filename: "chart.png" };
    }

    destroy() {
      // Yasr may start a second draw before the first ends: only the latest chart stays.
      if (this.chart) this.chart.destroy();
      if (this.box) this.box.remove();
      this.chart = this.box = null;
    }
  }
  Yasgui.Yasr.registerPlugin("chart", ChartView);

  // -- the editor -------------------------------------------------------------------------------

  const endpoint = new URL("/sparql", window.location.href).toString();
  // Only the prefix and variable autocompleters: the class/property ones look terms up online.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null,
    yasr: { pluginOrder: ["table", "chart", "response"], defaultPlugin: "table" },
  });

  // The endpoint reports a cut in headers (X-Kamergraaf-Truncated: the row cap;
  // X-Kamergraaf-Truncated-Bytes: the size cap; X-Kamergraaf-Rows: what was sent).
  function cutMessage(headers) {
    if (!headers) return null;
    const rows = Number(headers.get("X-Kamergraaf-Rows"));
    const type = headers.get("Content-Type") || "";
    const unit = /sparql-results|csv|tab-separated/.test(type) ? "rows" : "triples";
    if (headers.get("X-Kamergraaf-Truncated")) {
      return `Showing the first ${grouped(rows)} ${unit}; the answer was cut at the row cap — add LIMIT/OFFSET or narrow the query.`;
    }
    const bytes = headers.get("X-Kamergraaf-Truncated-Bytes");
    if (bytes) {
      const size = Number(bytes) >= 1e6 ? `${grouped(Math.round(Number(bytes) / 1e6))} MB` : `${grouped(Math.round(Number(bytes) / 1e3))} kB`;
      return `Showing the first ${grouped(rows)} ${unit}; the answer was cut when its text reached ${size} (the size cap) — ` +
        "select fewer or shorter values, or add LIMIT/OFFSET.";
    }
    return null;
  }

  function banner(tab) {
    const yasr = tab.getYasr();
    let element = yasr.rootEl.querySelector(".kg-cut");
    if (!element) {
      element = document.createElement("p");
      element.className = "kg-cut";
      element.setAttribute("role", "alert");
      element.hidden = true;
      yasr.rootEl.insertBefore(element, yasr.resultsEl);
    }
    return element;
  }

  const watched = new WeakSet();
  function watch(tab) {
    if (watched.has(tab)) return;
    watched.add(tab);
    tab.getYasqe().on("queryResponse", (_yasqe, response) => {
      const message = cutMessage(response && response.headers);
      const element = banner(tab);
      element.textContent = message || "";
      element.hidden = !message;
    });
  }
  yasgui.on("query", (_yasgui, tab) => {
    watch(tab);
    banner(tab).hidden = true;
  });

  const params = new URLSearchParams(window.location.search);
  const first = document.querySelector("button.example");
  const linked = params.get("q");
  const tab = yasgui.getTab();
  tab.setQuery(linked || (first ? first.dataset.query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10"));
  if (linked) tab.query(); // a link to a query (/sparql?q=…) shows its answer, as the example buttons do
  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => {
      const current = yasgui.getTab();
      current.setQuery(button.dataset.query);
      current.query();
    });
  });
  window.kamergraafYasgui = yasgui;
})();
