/* Records the team's position with the browser's geolocation (latitude, longitude, accuracy). */
(function () {
  "use strict";
  var root = document.getElementById("field");
  var button = document.getElementById("position-button");
  var status = document.getElementById("position-status");
  if (!root || !button) { return; }
  button.addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = button.dataset.failed; return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      var c = position.coords;
      var body = new URLSearchParams({
        latitude: c.latitude.toFixed(6), longitude: c.longitude.toFixed(6),
        accuracy: (c.accuracy || 0).toFixed(1)
      });
      fetch(root.dataset.positionUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": window.tdcCsrf || "", "Accept": "application/json" }
      }).then(function (response) {
        status.textContent = response.ok
          ? button.dataset.done + " " + c.latitude.toFixed(6) + ", " + c.longitude.toFixed(6) + " (± " + Math.round(c.accuracy) + " m)"
          : button.dataset.failed;
      }).catch(function () { status.textContent = button.dataset.failed; });
    }, function () { status.textContent = button.dataset.failed; },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
