/* Charts of the legal-metrology statistics page (data from json_script blocks). */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var palette = ["#0b4f8a", "#c0392b", "#2e8b57", "#e69500", "#6f42c1"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.chart);
    if (!node) { return; }
    var spec = JSON.parse(JSON.parse(node.textContent));
    var datasets = spec.datasets.map(function (d, i) {
      return { label: d.label, data: d.data, backgroundColor: palette[i % palette.length] };
    });
    new Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true } }
      }
    });
  });
})();
