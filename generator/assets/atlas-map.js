/*
 * Sozialraumatlas: background map tiles only with the visitor's consent.
 *
 * Used by the map documents in karten/ when data/atlas.yaml configures `map.tiles`. The map works
 * without tiles (points, legend, and the same facts as text on the page). A click on the button
 * loads the tiles from the configured provider, which then receives the visitor's IP address; the
 * choice is remembered in localStorage (per tile address) and can be withdrawn with the same button.
 * No request to the provider happens before that click.
 */
(function () {
  "use strict";
  var box = document.getElementById("atlas-tiles");
  if (!box || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(box.getAttribute("data-tiles"));
  var map = window[box.getAttribute("data-map")];
  var button = box.querySelector("button");
  if (!map || !button) {
    return;
  }
  var key = "atlas-tiles-consent:" + config.url;
  var layer = null;

  function remembered() {
    try {
      return window.localStorage.getItem(key) === "ja";
    } catch (e) {
      return false;
    }
  }

  function remember(yes) {
    try {
      if (yes) {
        window.localStorage.setItem(key, "ja");
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (e) {
      /* storage blocked: consent lasts for this page view only */
    }
  }

  function show() {
    layer = L.tileLayer(config.url, { attribution: config.attribution, maxZoom: config.maxZoom });
    layer.addTo(map);
    layer.bringToBack();
    button.textContent = config.hide;
  }

  function hide() {
    if (layer) {
      map.removeLayer(layer);
      layer = null;
    }
    button.textContent = config.load;
  }

  button.addEventListener("click", function () {
    if (layer) {
      remember(false);
      hide();
    } else {
      remember(true);
      show();
    }
  });

  if (remembered()) {
    show();
  }
})();
