/* Map of instruments by due status (Leaflet; data from json_script). Works offline: the base
   layer is the province's approximate commune areas, shaded by the share of instruments
   overdue; tiles are added only when configured. */
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
  var areasNode = document.getElementById("due-map-areas");
  var areas = areasNode ? JSON.parse(areasNode.textContent) : null;
  var shade = function (rate) {
    if (rate === null || rate === undefined) { return "#f7f7f7"; }
    if (rate === 0) { return "#e3f1e4"; }
    if (rate < 20) { return "#fde2b8"; }
    if (rate < 50) { return "#f6a96b"; }
    return "#d6604d";
  };
  var areaLayer = null;
  if (areas && areas.features && areas.features.length) {
    areaLayer = L.geoJSON(areas, {
      style: function (f) {
        return { color: "#6c757d", weight: 1, fillColor: shade(f.properties.rate), fillOpacity: 0.7 };
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var text = p.name + (p.total ? " — " + p.overdue + "/" + p.total + " (" + p.rate + "%)" : "");
        layer.bindTooltip(text, { sticky: true });
      }
    });
    // Leaflet draws vectors only on a map that has a view: set it first.
    map.fitBounds(areaLayer.getBounds());
    areaLayer.addTo(map);
  }
  if (!areaLayer) {
    if (points.length) {
      map.fitBounds(L.latLngBounds(points.map(function (p) { return [p.lat, p.lng]; })).pad(0.2));
    } else {
      map.setView([16.0, 106.0], 5);
    }
  }
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
  });
})();
