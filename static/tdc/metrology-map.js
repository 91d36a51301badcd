/* Map of instruments by due status (Leaflet; data from json_script; no tiles unless configured). */
(function () {
  "use strict";
  var node = document.getElementById("due-map");
  if (!node || !window.L) { return; }
  var points = JSON.parse(document.getElementById("due-map-points").textContent);
  var config = JSON.parse(document.getElementById("due-map-config").textContent);
  var colours = { overdue: "#c0392b", due: "#e69500", valid: "#2e8b57", reverify: "#6f42c1", unknown: "#7f8c8d" };
  var map = L.map(node, { preferCanvas: false });
  if (config.tiles) {
    L.tileLayer(config.tiles, { attribution: config.attribution || "", maxZoom: 19 }).addTo(map);
  }
  var markers = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lng], {
      radius: 7, weight: 1, color: "#222", fillColor: colours[p.status] || colours.unknown, fillOpacity: 0.9
    });
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url; link.textContent = p.label;
    popup.appendChild(link);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(document.createTextNode(p.owner + (p.due ? " — " + p.due : "")));
    marker.bindPopup(popup);
    marker.addTo(map);
    markers.push(marker);
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2));
  } else {
    map.setView([16.0, 106.0], 5);
  }
})();
