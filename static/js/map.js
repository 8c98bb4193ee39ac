/*
 * Maps of the public site, drawn with the self-hosted Leaflet: the region boundaries from
 * /map/regions.geojson and one marker per platform. No tiles are loaded from other sites.
 *
 * A map element looks like <div data-map="ID" data-map-label="…">; the element with id ID
 * is a JSON script holding [{name, url, lat, lon, place}, …]. Every map is usable by keyboard:
 * the map takes focus (arrows move, + and − zoom), Tab reaches each marker, Enter opens it.
 *
 * Where the page loads Leaflet.markercluster, crowded markers are drawn as one numbered
 * cluster marker (reached by Tab too; Enter zooms in to its places). A map of one place
 * (data-map-region="<code>") is fitted to that region, so that one sees where in it the place is.
 *
 * The marker images come from the element's data-marker-icon, data-marker-icon-2x and
 * data-marker-shadow ({% static %} addresses): Leaflet's own default guesses its image folder
 * from the address of leaflet.css, which fails with the hashed names of production.
 */
(function () {
  "use strict";

  if (!window.L) {
    return;
  }
  var maps = document.querySelectorAll("[data-map]");
  if (!maps.length) {
    return;
  }
  var boundaries = fetch("/map/regions.geojson", { credentials: "same-origin" }).then(function (response) {
    return response.ok ? response.json() : null;
  });

  function popupContent(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    box.appendChild(link);
    if (marker.place) {
      var place = document.createElement("p");
      place.textContent = marker.place;
      box.appendChild(place);
    }
    return box;
  }

  maps.forEach(function (element) {
    // Control labels come translated from the page: data-zoom-in, data-zoom-out, data-close.
    var labels = {
      zoomIn: element.dataset.zoomIn || "+",
      zoomOut: element.dataset.zoomOut || "−",
      close: element.dataset.close || "×"
    };
    var data = document.getElementById(element.dataset.map);
    var markers = data ? JSON.parse(data.textContent) : [];
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", element.dataset.mapLabel || "");
    var map = L.map(element, {
      keyboard: true,
      scrollWheelZoom: false,
      zoomControl: false,
      zoomSnap: 0.5,
      // No tile layer sets it; the groups of crowded places need to know where zooming ends.
      maxZoom: 14
    }).setView([65.5, 26.5], 4.5);
    L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© Maanmittauslaitos / National Land Survey of Finland, CC BY 4.0");
    map.on("popupopen", function (event) {
      var button = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (button) {
        button.setAttribute("aria-label", labels.close);
        button.setAttribute("title", labels.close);
      }
      var link = event.popup.getElement().querySelector(".leaflet-popup-content a");
      if (link) {
        link.focus();
      }
    });

    var icon = L.icon(Object.assign({}, L.Icon.Default.prototype.options, {
      iconUrl: element.dataset.markerIcon,
      iconRetinaUrl: element.dataset.markerIcon2x,
      shadowUrl: element.dataset.markerShadow
    }));
    var group = (L.markerClusterGroup ? L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var html = document.createElement("span");
        var number = document.createElement("span");
        number.setAttribute("aria-hidden", "true");
        number.textContent = count;
        var label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = (element.dataset.clusterLabel || "{count}").replace("{count}", count);
        html.appendChild(number);
        html.appendChild(label);
        return L.divIcon({ html: html.outerHTML, className: "map-cluster", iconSize: L.point(36, 36) });
      }
    }) : L.featureGroup()).addTo(map);
    markers.forEach(function (marker) {
      L.marker([marker.lat, marker.lon], { icon: icon, title: marker.name, alt: marker.name, keyboard: true })
        .bindPopup(popupContent(marker))
        .addTo(group);
    });

    boundaries.then(function (geojson) {
      if (!geojson) {
        return;
      }
      var regions = L.geoJSON(geojson, {
        interactive: false,
        style: { color: "#0b3d5c", weight: 1.5, fillColor: "#cfe3ee", fillOpacity: 0.55 }
      }).addTo(map);
      regions.bringToBack();
      var home = null;
      regions.eachLayer(function (layer) {
        if (element.dataset.mapRegion && layer.feature.properties.code === element.dataset.mapRegion) {
          home = layer;
        }
      });
      if (home) {
        map.fitBounds(home.getBounds(), { padding: [8, 8] });
      } else if (markers.length) {
        map.fitBounds(group.getBounds().pad(0.4), { maxZoom: 8 });
      } else {
        map.fitBounds(regions.getBounds());
      }
    });
  });
})();
