/* On-screen signature pads: draw with a finger, mouse or pen; saved as a PNG image. */
(function () {
  "use strict";
  var root = document.getElementById("field");
  if (!root) { return; }
  document.querySelectorAll(".signature-block").forEach(function (block) {
    var canvas = block.querySelector("canvas[data-signature-pad]");
    var status = block.querySelector("[data-signature-status]");
    var ctx = canvas.getContext("2d");
    var drawing = false, drawn = false;
    ctx.lineWidth = 2.2; ctx.lineCap = "round"; ctx.strokeStyle = "#000";
    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: (event.clientX - rect.left) * canvas.width / rect.width,
               y: (event.clientY - rect.top) * canvas.height / rect.height };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true; canvas.setPointerCapture(event.pointerId);
      var p = point(event); ctx.beginPath(); ctx.moveTo(p.x, p.y); event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var p = point(event); ctx.lineTo(p.x, p.y); ctx.stroke(); drawn = true; event.preventDefault();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    canvas.style.touchAction = "none";
    block.querySelector("[data-signature-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; status.textContent = "";
    });
    block.querySelector("[data-signature-save]").addEventListener("click", function () {
      if (!drawn) { status.textContent = "✗"; return; }
      var body = new URLSearchParams({ role: block.dataset.role, signature: canvas.toDataURL("image/png") });
      fetch(root.dataset.signatureUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": window.tdcCsrf || "", "Accept": "application/json" }
      }).then(function (response) { return response.json(); }).then(function (data) {
        if (data.ok) { status.textContent = "✓"; if (data.signed) { window.location.reload(); } }
        else { status.textContent = data.error.message; }
      }).catch(function () { status.textContent = "✗"; });
    });
  });
})();
