/* Charts of the inspection statistics page (data from json_script blocks). */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.chart);
    if (!node) { return; }
    var data = JSON.parse(JSON.parse(node.textContent));
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ data: data.data, backgroundColor: "#0b4f8a" }] },
      options: { plugins: { legend: { display: false } }, responsive: true, maintainAspectRatio: false,
                 scales: { y: { beginAtZero: true } } }
    });
  });
})();
