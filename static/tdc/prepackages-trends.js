// Trends of quantity inspections: lots checked (bars) with the rejection rate and the mean
// shortfall (lines), from the data the page embeds with json_script.
(function () {
  var node = document.getElementById("trend-data");
  var canvas = document.getElementById("trend-chart");
  if (!node || !canvas || !window.Chart) { return; }
  var data = JSON.parse(node.textContent);
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: data.label_lots, data: data.lots, backgroundColor: "#0b4f8a", yAxisID: "y" },
        { type: "line", label: data.label_rate, data: data.rejection_rate, borderColor: "#b02a37", backgroundColor: "#b02a37", yAxisID: "y1" },
        { type: "line", label: data.label_shortfall, data: data.mean_shortfall, borderColor: "#8a5a00", backgroundColor: "#8a5a00", borderDash: [6, 4], yAxisID: "y1" }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, position: "left" },
        y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } }
      }
    }
  });
})();
