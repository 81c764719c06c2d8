/* Briefing site: timeline filter, fact search and Leaflet map. No dependencies; works without any. */
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

  // Fact search: data/facts.json is fetched on the first search only (it grows with the briefing).
  // Article text is untrusted: it only ever goes in as text nodes, never as HTML.
  var SHOWN = 100;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function factItem(row, pages, root, words) {
    var li = document.createElement("li");
    if (row[1]) {
      var when = document.createElement("span");
      when.className = "fact-date";
      when.textContent = row[1];
      li.appendChild(when);
      li.appendChild(document.createTextNode(" "));
    }
    var text = document.createElement("span");
    text.className = "fact-text";
    // words found are marked where the text spells them alike (same length when folded)
    var plain = row[0], folded = fold(plain), marks = [];
    if (folded.length === plain.length) {
      words.forEach(function (w) {
        for (var at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) marks.push([at, at + w.length]);
      });
      marks.sort(function (a, b) { return a[0] - b[0]; });
    }
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      text.appendChild(document.createTextNode(plain.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = plain.slice(m[0], m[1]);
      text.appendChild(mark);
      pos = m[1];
    });
    text.appendChild(document.createTextNode(plain.slice(pos)));
    li.appendChild(text);
    var where = document.createElement("span");
    where.className = "fact-where";
    [row[2], row[3]].forEach(function (i, n) {
      if (i < 0 || !pages[i]) return;
      where.appendChild(document.createTextNode(n ? " · " : " — "));
      var a = document.createElement("a");
      a.href = root + pages[i][1];
      a.textContent = pages[i][0];
      where.appendChild(a);
    });
    li.appendChild(where);
    return li;
  }

  function setupFactSearch() {
    var box = document.querySelector(".briefing-fact-search[data-facts]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    // the form is made here: without JavaScript the page says where the facts are instead
    var form = document.createElement("form");
    form.setAttribute("role", "search");
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "Words of a fact";
    input.setAttribute("aria-label", "Words of a fact");
    input.autocomplete = "off";
    var output = document.createElement("output");
    output.name = "count";
    output.setAttribute("aria-live", "polite");
    form.appendChild(input);
    form.appendChild(output);
    box.insertBefore(form, box.firstChild);
    var list = box.querySelector("ol"), data = null, folded = null, loading = null;
    var root = box.getAttribute("data-root") || "./", timer = null;

    function load() {
      if (!loading) {
        form.elements.count.value = "Loading the facts…";
        loading = fetch(box.getAttribute("data-facts")).then(function (r) { return r.json(); }).then(function (d) {
          data = d;
          folded = d.facts.map(function (row) { return fold(row[0]); });
        });
      }
      return loading;
    }

    function search() {
      var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
      list.replaceChildren();
      if (!words.length) { form.elements.count.value = ""; return; }
      var found = 0;
      for (var i = 0; i < folded.length; i += 1) {
        if (words.every(function (w) { return folded[i].indexOf(w) >= 0; })) {
          found += 1;
          if (found <= SHOWN) list.appendChild(factItem(data.facts[i], data.pages, root, words));
        }
      }
      form.elements.count.value = !found ? "No fact has all these words." :
        found + (found === 1 ? " fact" : " facts") + (found > SHOWN ? ", the newest " + SHOWN + " shown" : "");
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        load().then(search).catch(function () { form.elements.count.value = "The facts could not be loaded."; });
      }, 150);
    }

    form.elements.q.addEventListener("input", later);
    form.addEventListener("submit", function (event) { event.preventDefault(); later(); });
    var asked = new URLSearchParams(window.location.search).get("find");   // (Material's own search reads ?q=)
    if (asked) { form.elements.q.value = asked; later(); }
  }

  function setup() { setupTimeline(); setupFactSearch(); setupMap(); }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);  // Material's instant loading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
