// The source view: the marked span (?start=S&end=E, drawn by the server as mark#target) scrolled into
// view, and a click on a highlighted fact opening a panel with its links (resource page; for a
// motion or a claim about one, the motion's trail). The links work without this script too.
(function () {
  const facts = JSON.parse(document.getElementById("facts-data").textContent);
  const panel = document.getElementById("fact-panel");
  const source = document.getElementById("source");

  // An older link form, "#char=S,E", is the same span.
  const legacy = /^#char=(\d+),(\d+)$/.exec(window.location.hash);
  if (legacy) {
    window.location.replace(window.location.pathname + "?start=" + legacy[1] + "&end=" + legacy[2]);
    return;
  }
  const target = document.getElementById("target");
  if (target) target.scrollIntoView({ block: "center" });

  function link(text, href) {
    const a = document.createElement("a");
    a.textContent = text;
    a.href = href;
    return a;
  }

  function show(anchor) {
    panel.replaceChildren();
    const close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.textContent = "×";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", () => { panel.hidden = true; });
    panel.append(close);
    anchor.dataset.facts.split(" ").map(Number).forEach((index) => {
      const fact = facts[index];
      const entry = document.createElement("div");
      entry.className = "fact-entry";
      const title = document.createElement("p");
      const kind = document.createElement("strong");
      kind.textContent = fact.kind_label;
      title.append(kind, ": " + fact.label);
      const links = document.createElement("p");
      links.className = "links";
      links.append(link("resource page", fact.resource));
      if (fact.trail) links.append(" · ", link("trail", fact.trail));
      links.append(" · ", link("characters " + fact.start + "–" + fact.end,
        window.location.pathname + "?start=" + fact.start + "&end=" + fact.end));
      entry.append(title, links);
      panel.append(entry);
    });
    panel.hidden = false;
  }

  source.addEventListener("click", (event) => {
    const anchor = event.target.closest("a.fact");
    if (!anchor || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    show(anchor);
  });
})();
