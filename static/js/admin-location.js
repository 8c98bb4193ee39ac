/*
 * The admin's location picker: a map below the latitude and longitude fields, drawn with the
 * self-hosted Leaflet and the region boundaries. A click on the map (or dragging the marker)
 * fills both fields; typing in them moves the marker. The fields stay the way to enter the
 * location by keyboard. Texts and image addresses come from the <meta name="elmo-…"> tags of
 * the admin's base template.
 */
function startLocationPicker() {
  "use strict";

  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!window.L || !latitude || !longitude) {
    return;
  }
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : "";
  }

  var row = longitude.closest(".form-row") || longitude.parentNode;
  var help = document.createElement("p");
  help.className = "help";
  help.textContent = meta("elmo-location-help");
  var element = document.createElement("div");
  element.className = "location-map";
  element.setAttribute("role", "application");
  element.setAttribute("aria-label", meta("elmo-location-label"));
  row.parentNode.insertBefore(help, row.nextSibling);
  row.parentNode.insertBefore(element, help.nextSibling);

  var map = L.map(element, { maxZoom: 16, scrollWheelZoom: false }).setView([65.5, 26.5], 4.5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("© Maanmittauslaitos / National Land Survey of Finland, CC BY 4.0");
  var icon = L.icon(Object.assign({}, L.Icon.Default.prototype.options, {
    iconUrl: meta("elmo-marker-icon"),
    iconRetinaUrl: meta("elmo-marker-icon-2x"),
    shadowUrl: meta("elmo-marker-shadow")
  }));
  var marker = null;

  function current() {
    var lat = parseFloat(latitude.value.replace(",", "."));
    var lon = parseFloat(longitude.value.replace(",", "."));
    return isNaN(lat) || isNaN(lon) ? null : L.latLng(lat, lon);
  }

  function place(position, pan) {
    if (!marker) {
      marker = L.marker(position, { icon: icon, draggable: true, keyboard: false }).addTo(map);
      marker.on("dragend", function () {
        fill(marker.getLatLng());
      });
    } else {
      marker.setLatLng(position);
    }
    if (pan) {
      map.setView(position, Math.max(map.getZoom(), 9));
    }
  }

  function fill(position) {
    latitude.value = position.lat.toFixed(5);
    longitude.value = position.lng.toFixed(5);
    [latitude, longitude].forEach(function (field) {
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  map.on("click", function (event) {
    place(event.latlng, false);
    fill(event.latlng);
  });
  [latitude, longitude].forEach(function (field) {
    field.addEventListener("input", function () {
      var position = current();
      if (position) {
        place(position, true);
      }
    });
  });

  fetch("/map/regions.geojson", { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (geojson) {
      if (geojson) {
        var regions = L.geoJSON(geojson, {
          interactive: false,
          style: { color: "#0b3d5c", weight: 1.5, fillColor: "#cfe3ee", fillOpacity: 0.55 }
        }).addTo(map);
        if (!current()) {
          map.fitBounds(regions.getBounds());
        }
      }
    })
    .catch(function () { /* the fields still work */ });

  var start = current();
  if (start) {
    place(start, false);
    map.setView(start, 9);
  }
}

// Loaded in the page's head with the admin's other media: start once the form is there.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startLocationPicker);
} else {
  startLocationPicker();
}
