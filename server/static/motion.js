// The trail's vote chart: seats for and against per fractie in the latest vote (Chart.js, vendored).
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const canvas = document.getElementById("vote-chart");
  const latest = data.filter((v) => v.votes.length).pop();
  if (!latest || typeof Chart === "undefined") { canvas.remove(); return; }
  const noSeats = latest.votes.every((v) => !v.seats);  // the Handelingen name fracties, not seats
  const seats = (position) => latest.votes.map((v) => (v.position === position ? (noSeats ? 1 : v.seats) : 0));
  canvas.dataset.fracties = String(latest.votes.length);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: latest.votes.map((v) => v.name),
      datasets: [
        { label: "voor", data: seats("Voor"), backgroundColor: "#2e7d32" },
        { label: "tegen", data: seats("Tegen"), backgroundColor: "#c62828" },
      ],
    },
    options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: noSeats ? "fracties (the source gives no seats)" : "seats" } } } },
  });
  canvas.dataset.drawn = "yes";
})();
