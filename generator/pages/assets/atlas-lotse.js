/*
 * Sozialraumatlas, Lebenslagen-Lotse (generator/pages/lebenslagen.py): on a life situation's page opened with
 * `#ort-<unit>` (the last link of the question path, a Sozialraum profile), only that place's block of
 * „Hilfe in der Nähe“ is shown, open, with the button „Alle Orte zeigen“. The place is read from the address'
 * fragment, which the browser never sends to a server; this script sends and stores nothing either.
 * Without JavaScript every place's block stays in the page, collapsed; Chromium opens the one whose content holds the
 * fragment's target (`<div id="ort-…">` at its start), other browsers show it closed at the top of the screen.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-atlas-lotse]");
  if (!box) return;
  var places = Array.prototype.slice.call(box.querySelectorAll("details.atlas-lotse__ort"));
  var bar = box.querySelector(".atlas-lotse__alle");
  var button = bar && bar.querySelector("button");
  if (!places.length || !button) return;

  function showAll() {
    places.forEach(function (place) { place.hidden = false; });
    bar.hidden = true;
  }

  function chosen() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
    var anchor = id ? document.getElementById(id) : null;  // the empty block at the start of a place's content
    var place = anchor && anchor.closest("details.atlas-lotse__ort");
    return place && box.contains(place) ? place : null;
  }

  function choose() {
    var place = chosen();
    if (!place) { showAll(); return; }
    places.forEach(function (other) { other.hidden = other !== place; });
    place.open = true;
    bar.hidden = false;
    // the button above the place, both in view – after the browser's own scroll to the fragment's target
    if (document.readyState === "complete") bar.scrollIntoView({ block: "start" });
    else window.addEventListener("load", function () {
      window.requestAnimationFrame(function () { if (!bar.hidden) bar.scrollIntoView({ block: "start" }); });
    }, { once: true });
  }

  button.addEventListener("click", function () {
    var place = chosen();
    showAll();
    (place || places[0]).querySelector("summary").focus();
  });
  window.addEventListener("hashchange", choose);
  choose();
})();
