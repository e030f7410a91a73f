/*
 * Sozialraumatlas: background map tiles only with the visitor's consent.
 *
 * Used by the map documents in karten/ when data/atlas.yaml configures `map.tiles`. The map works
 * without tiles (points, legend, and the same facts as text on the page). Until the visitor presses
 * "Karte laden" no request goes to the tile provider; after it the browser loads the tiles from the
 * configured provider, which then receives the visitor's IP address. The same button then withdraws
 * the consent and removes the tiles.
 *
 * Remembered only if the visitor ticks "Für diesen Besuch merken": then the consent is kept in
 * sessionStorage (key "atlas-tiles-consent:" + tile address, value "ja"), which the browser deletes when
 * the tab or window is closed, and the other maps of the atlas load their tiles in that tab without
 * asking again. Nothing goes to localStorage or into a cookie; withdrawing deletes the key.
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
  var keep = box.querySelector("input[type=checkbox]");
  if (!map || !button) {
    return;
  }
  var key = "atlas-tiles-consent:" + config.url;
  var layer = null;

  function store() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null; /* storage blocked: consent lasts for this page view only */
    }
  }

  function remembered() {
    var storage = store();
    return storage !== null && storage.getItem(key) === "ja";
  }

  function remember(yes) {
    var storage = store();
    if (storage === null) {
      return;
    }
    try {
      if (yes) {
        storage.setItem(key, "ja");
      } else {
        storage.removeItem(key);
      }
    } catch (e) {
      /* storage full or blocked: nothing is remembered */
    }
  }

  function show() {
    layer = L.tileLayer(config.url, { attribution: config.attribution, maxZoom: config.maxZoom });
    layer.addTo(map);
    layer.bringToBack();
    button.textContent = config.hide;
    box.classList.add("atlas-tiles--shown");
  }

  function hide() {
    if (layer) {
      map.removeLayer(layer);
      layer = null;
    }
    button.textContent = config.load;
    box.classList.remove("atlas-tiles--shown");
  }

  button.addEventListener("click", function () {
    if (layer) {
      remember(false);
      if (keep) {
        keep.checked = false;
      }
      hide();
    } else {
      remember(keep !== null && keep.checked);
      show();
    }
  });

  if (keep) {
    keep.addEventListener("change", function () {
      if (layer) {
        remember(keep.checked);
      }
    });
  }

  if (remembered()) {
    if (keep) {
      keep.checked = true;
    }
    show();
  }
})();
