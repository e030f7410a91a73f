/*
 * Sozialraumatlas: interactive maps only when the visitor asks for them („Interaktive Karte öffnen“).
 *
 * A page with a map carries a facade (generator/visuals/maps.py `embed`): <div class="atlas-map"
 * data-atlas-map="../karten/x.html" data-atlas-map-title="Karte: …"> with the static SVG image of the map
 * (img.atlas-map__static) and a link a.atlas-map__open to the map document. Without JavaScript the link opens
 * the map document as a page of its own. This script turns each link into a <button type="button"> with the
 * same text; pressed (click, Enter or Space), the button is replaced by <iframe src="…" title="Karte: …"> in
 * the same box, the box gets the class atlas-map--open (atlas.css hides the static image on screen; print
 * still shows the image and hides the iframe, atlas-print.css) and the keyboard focus moves into the map.
 * So a first visit loads neither Leaflet nor a map document. Nothing is stored: the consent to background
 * tiles stays inside the map document (atlas-map.js, „Karte laden“).
 */
(function () {
  "use strict";

  function open(box, button) {
    var frame = document.createElement("iframe");
    frame.src = box.getAttribute("data-atlas-map");
    frame.title = box.getAttribute("data-atlas-map-title") || "Karte";
    box.className += " atlas-map--open";
    box.replaceChild(frame, button);
    frame.focus(); // keyboard users continue in the map (Tab reaches its controls)
  }

  function facade(box) {
    var link = box.querySelector("a.atlas-map__open");
    if (!link || !box.getAttribute("data-atlas-map")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.addEventListener("click", function () {
      open(box, button);
    });
    box.replaceChild(button, link);
  }

  function start() {
    var boxes = document.querySelectorAll(".atlas-map[data-atlas-map]");
    for (var i = 0; i < boxes.length; i++) {
      facade(boxes[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
