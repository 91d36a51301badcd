// Complaints: hide the contact fields when the reporter chooses to stay anonymous; draw the
// statistics charts (data from json_script elements; no inline scripts under the CSP).
(function () {
  var anonymous = document.getElementById("id_anonymous");
  var fields = document.getElementById("reporter-fields");
  if (anonymous && fields) {
    var sync = function () { fields.hidden = anonymous.checked; };
    anonymous.addEventListener("change", sync);
    sync();
  }
  if (!window.Chart) { return; }
  document.querySelectorAll("canvas.complaints-chart").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.source);
    if (!node) { return; }
    var data = JSON.parse(JSON.parse(node.textContent));
    var kind = canvas.dataset.kind || "bar";
    var palette = ["#0b4f8a", "#2a7f62", "#b35c00", "#7a3e9d", "#a4262c", "#3b6e8f", "#5c5c5c"];
    new Chart(canvas, {
      type: kind,
      data: {
        labels: data.labels,
        datasets: [{
          data: data.data,
          backgroundColor: kind === "doughnut" ? palette : "#0b4f8a",
          borderColor: "#0b4f8a"
        }]
      },
      options: {
        plugins: { legend: { display: kind === "doughnut" } },
        responsive: true,
        maintainAspectRatio: false,
        scales: kind === "doughnut" ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();
