// The two charts of /toezeggingen (Chart.js, vendored), drawn from the JSON block
// #commitment-chart-data: commitments by status per quarter (stacked bars) and the deadline
// intervals of the rows on the page (floating bars on a day axis). Each canvas records
// data-drawn="yes" and how many bars it drew.
(function () {
  if (typeof Chart === "undefined") return;
  const source = document.getElementById("commitment-chart-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const colours = { Openstaand: "#0b5cad", Voldaan: "#2e7d32", "Over tijd": "#c62828", "Deels voldaan": "#d68a00", Vervallen: "#5d6675" };
  const DAY = 86400000;
  const dayNumber = (iso) => Math.round(Date.parse(iso + "T00:00:00Z") / DAY);
  const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);

  function done(canvas, bars) {
    canvas.dataset.bars = String(bars);
    canvas.dataset.drawn = "yes";
  }

  const status = document.getElementById("status-chart");
  if (status && data.status.periods.length) {
    status.parentElement.style.height = "280px";
    new Chart(status, {
      type: "bar",
      data: {
        labels: data.status.periods,
        datasets: data.status.series.map((s) => ({ label: s.label, data: s.counts, backgroundColor: colours[s.label] || "#6a3d9a" })),
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { title: { display: true, text: data.status.title } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    done(status, data.status.periods.length);
  } else if (status) {
    status.closest("figure").remove();
  }

  const timeline = document.getElementById("deadline-timeline");
  const bars = data.timeline.bars;
  const spans = bars.map((b) => [dayNumber(b.start), dayNumber(b.end) + 1]);  // the end day included
  if (timeline && bars.length) {
    timeline.parentElement.style.height = `${70 + 22 * bars.length}px`;
    new Chart(timeline, {
      type: "bar",
      data: {
        labels: bars.map((b) => b.label),
        datasets: [{
          label: data.timeline.title,
          data: spans,
          backgroundColor: bars.map((b) => (b.overdue ? colours["Over tijd"] : colours[b.status] || "#0b5cad")),
        }],
      },
      options: {
        indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
        plugins: {
          legend: { display: false }, title: { display: true, text: data.timeline.title },
          tooltip: { callbacks: { label: (item) => {
            const b = bars[item.dataIndex];
            return `${b.start} – ${b.end}${b.overdue ? " (overdue)" : ""}: ${b.text}`;
          } } },
        },
        // The axis spans the intervals drawn (a linear axis would otherwise start at 1970), a fortnight either side.
        scales: { x: { min: Math.min(...spans.map((s) => s[0])) - 14, max: Math.max(...spans.map((s) => s[1])) + 14,
                       ticks: { callback: (value) => isoOf(value) } } },
      },
    });
    done(timeline, bars.length);
  } else if (timeline) {
    timeline.closest("figure").remove();
  }
})();
