/* Briefing site: timeline filter and Leaflet map. No dependencies; works without either. */
(function () {
  "use strict";

  function filterTimeline(form) {
    var table = document.querySelector("table.briefing-timeline");
    if (!table) return;
    var entity = form.elements.entity.value;
    var type = form.elements.type.value;
    var shown = 0;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var ids = (row.getAttribute("data-entities") || "").split(" ");
      var ok = (!entity || ids.indexOf(entity) >= 0) && (!type || row.getAttribute("data-type") === type);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    if (form.elements.count) form.elements.count.value = shown + " shown";
  }

  function setupTimeline() {
    document.querySelectorAll("form[data-timeline-filter]").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      var params = new URLSearchParams(window.location.search);
      ["entity", "type"].forEach(function (name) {
        if (params.get(name) && form.elements[name]) form.elements[name].value = params.get(name);
      });
      form.addEventListener("change", function () { filterTimeline(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      filterTimeline(form);
    });
  }

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (key) { el.setAttribute(key, attrs[key]); });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function setupMap() {
    var box = document.querySelector(".briefing-map[data-leaflet]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var base = box.getAttribute("data-leaflet");
    var ready = window.L ? Promise.resolve() : Promise.all([
      load("link", { rel: "stylesheet", href: base + "leaflet.css" }),
      load("script", { src: base + "leaflet.js" })
    ]);
    ready.then(function () {
      return fetch(box.getAttribute("data-geojson")).then(function (r) { return r.json(); });
    }).then(function (data) {
      if (!data.features || !data.features.length) return;
      var root = box.getAttribute("data-root") || "./";
      var div = document.createElement("div");
      div.className = "briefing-leaflet";
      box.insertBefore(div, box.firstChild);
      // No tile layer: nothing remote is fetched; markers and labels carry the map.
      var map = window.L.map(div, { attributionControl: false, zoomSnap: 0.25 });
      var layer = window.L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return window.L.circleMarker(latlng, { radius: 6, weight: 1.5, color: "#fff", fillColor: "#1f6fb2", fillOpacity: 0.9 });
        },
        onEachFeature: function (feature, marker) {
          var p = feature.properties;
          marker.bindTooltip(p.name, { permanent: true, direction: "right", className: "place-label" });
          var link = document.createElement("a");
          link.href = root + p.url;
          link.textContent = p.name + " (" + p.kind + ")";
          marker.bindPopup(link);
        }
      }).addTo(map);
      // frame the same places as the static map (a capital abroad would shrink the theatre)
      var b = (box.getAttribute("data-bounds") || "").split(",").map(Number);
      var bounds = b.length === 4 && b.every(isFinite) ? window.L.latLngBounds([b[0], b[1]], [b[2], b[3]]) : layer.getBounds();
      map.fitBounds(bounds, { paddingTopLeft: [30, 30], paddingBottomRight: [160, 30], maxZoom: 11 });
      // Leaflet does not place labels: hide those that would cover a more-mentioned place's
      var labelled = [];
      layer.eachLayer(function (marker) { labelled.push(marker); });
      labelled.sort(function (a, b) {
        return (b.feature.properties.mentions || 0) - (a.feature.properties.mentions || 0);
      });
      function declutter() {
        var kept = [];
        labelled.forEach(function (marker) {
          var tip = marker.getTooltip() && marker.getTooltip().getElement();
          if (!tip) return;
          tip.style.visibility = "";
          var r = tip.getBoundingClientRect();
          var clash = kept.some(function (k) {
            return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom;
          });
          if (clash) tip.style.visibility = "hidden"; else kept.push(r);
        });
      }
      map.on("zoomend moveend", declutter);
      declutter();
      var svg = box.querySelector("figure");
      if (svg) svg.style.display = "none";
    }).catch(function () { /* keep the static map */ });
  }

  function setup() { setupTimeline(); setupMap(); }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);  // Material's instant loading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
