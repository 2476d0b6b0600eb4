// The safety walk's map, a progressive enhancement: the page lists every finding with its
// coordinates and status; when Leaflet (served from our own origin) has loaded, this draws the
// route and a marker per finding from the list's data attributes. No tiles are fetched unless
// the map element names a tile server (the web's WEB_MAP_TILES setting, allowed by the CSP).
(function () {
  "use strict";
  var element = document.getElementById("walk-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var route = [];
  try {
    route = JSON.parse(element.getAttribute("data-route") || "[]");
  } catch (ignored) {
    route = [];
  }
  var findings = Array.prototype.slice.call(document.querySelectorAll("#walk-findings > li[data-lat][data-lon]"));
  var points = route.slice();
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  var tiles = element.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
    var attribution = document.querySelector(".walk-map-attribution");
    if (attribution) {
      attribution.hidden = false;
    }
  }
  if (route.length > 1) {
    L.polyline(route, { color: "#00407a", weight: 4 }).addTo(map);
  }
  findings.forEach(function (item) {
    var point = [parseFloat(item.getAttribute("data-lat")), parseFloat(item.getAttribute("data-lon"))];
    var label = item.getAttribute("data-label") || "";
    var marker = L.marker(point, { title: label, alt: label, keyboard: true }).addTo(map);
    var popup = document.createElement("a");
    popup.href = "#" + item.id;
    popup.textContent = label;
    marker.bindPopup(popup);
    points.push(point);
  });
  if (points.length > 0) {
    map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 17 });
  } else {
    element.hidden = true;
  }
}());
