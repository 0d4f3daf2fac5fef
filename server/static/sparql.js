// The query editor: YASGUI (served by kamergraaf itself) pointed at this endpoint.
(function () {
  const endpoint = new URL("/sparql", window.location.href).toString();
  // Only the prefix and variable autocompleters: the class/property ones look terms up online.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null,
  });
  const params = new URLSearchParams(window.location.search);
  const first = document.querySelector("button.example");
  yasgui.getTab().setQuery(params.get("q") || (first ? first.dataset.query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10"));
  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => {
      const tab = yasgui.getTab();
      tab.setQuery(button.dataset.query);
      tab.query();
    });
  });
  window.kamergraafYasgui = yasgui;
})();
