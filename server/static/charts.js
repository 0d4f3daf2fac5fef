// Bar charts of counts (Chart.js, vendored): every <canvas class="bar-chart"> names a JSON block
// (data-source) and one chart in it (data-key): {title, bars: [{label, count, href}]}. A bar with
// an href opens the list it counts; the canvas records data-drawn="yes" and its bar count.
(function () {
  if (typeof Chart === "undefined") return;
  const palette = ["#0b5cad", "#2e7d32", "#c62828", "#d68a00", "#6a3d9a", "#00838f", "#8d6e63", "#5d6675"];
  document.querySelectorAll("canvas.bar-chart").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.source);
    const chart = source && JSON.parse(source.textContent)[canvas.dataset.key];
    if (!chart || !chart.bars.length) { canvas.closest("figure")?.remove(); return; }
    const bars = chart.bars;
    canvas.parentElement.style.height = `${60 + 28 * bars.length}px`;  // one readable row per bar, however many
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: bars.map((b) => b.label),
        datasets: [{ label: chart.title, data: bars.map((b) => b.count),
                     backgroundColor: bars.map((_b, i) => palette[i % palette.length]) }],
      },
      options: {
        indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: false }, title: { display: true, text: chart.title } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        onHover: (event, elements) => {
          canvas.style.cursor = elements.length && bars[elements[0].index].href ? "pointer" : "default";
        },
        onClick: (_event, elements) => {
          const href = elements.length && bars[elements[0].index].href;
          if (href) window.location.href = href;
        },
      },
    });
    canvas.dataset.bars = String(bars.length);
    canvas.dataset.drawn = "yes";
  });
})();
