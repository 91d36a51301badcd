/* Every chart drawn by the {% chart %} tag (tdc/core/templatetags/charts.py): counts on integer
   axes, titled axes, one palette. Data come from json_script blocks (no inline script, CSP). */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var palette = ["#0b4f8a", "#c0392b", "#2e8b57", "#e69500", "#6f42c1", "#3b6e8f", "#5c5c5c"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.chart);
    if (!node) { return; }
    var spec = JSON.parse(node.textContent);
    var round = spec.kind === "doughnut" || spec.kind === "pie";
    var datasets = spec.datasets.map(function (d, i) {
      var colour = palette[i % palette.length];
      return {
        label: d.label || "", data: d.data,
        backgroundColor: round ? palette : colour, borderColor: colour
      };
    });
    var axis = function (title, stacked, integer) {
      var scale = { stacked: !!stacked, beginAtZero: true, title: { display: !!title, text: title } };
      if (integer) { scale.ticks = { precision: 0 }; }
      return scale;
    };
    new Chart(canvas, {
      type: spec.kind || "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: round || datasets.length > 1 } },
        scales: round ? {} : {
          x: axis(spec.x_title, spec.stacked, false),
          y: axis(spec.y_title, spec.stacked, spec.integer !== false)
        }
      }
    });
  });
})();
