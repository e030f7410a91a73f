/* Contacts grouped and filterable (pages written by generator/pages/people.py and contact_groups.py).
 *
 * Loaded on every page (mkdocs.yml extra_javascript); does nothing where there are no contact groups.
 * No library, no request: everything it needs is in the page's HTML.
 *
 * Groups (<details class="atlas-kontakte__gruppe"> with an <h2 id> in the summary): when the page's target
 * (#anchor, also after a click on a link of the jump list) is in a closed group, the group opens.
 * Filter (#atlas-kontakte-filter, hidden until this script shows it): topic, place (a unit, or
 * "kreisweit"), network and a free text filter the entries (li[data-contact]) in place. Groups with hits
 * open, groups without hits and their jump-list links are hidden (on the list by topic a topic shows its own
 * group only, not the other topics of its contacts), the counts in the summaries and the jump
 * list follow the filter; the aria-live line says how many contacts (each counted once) are shown. The
 * filter is written to the URL query (history.replaceState) and read back on load. A place keeps the
 * district-wide contacts (responsible everywhere), as the list by unit does.
 * Texts are compared „folded“ like generator/core/names.fold: lower case, ä→ae, ö→oe, ü→ue, ß→ss, accents
 * dropped, spaces collapsed.
 */
(function () {
  "use strict";

  var FIELDS = ["suche", "thema", "ort", "netzwerk"];
  var DISTRICT_WIDE = "kreisweit";

  // folding and word lists exactly as in the finder (atlas-finder.js, loaded before this file)
  var shared = window.atlasText;
  if (!shared) return;  // without it the groups and anchors still work as plain <details>
  var fold = shared.fold;
  var words = shared.words;

  function persons(count) {
    return count === 1 ? "1 Ansprechperson" : count.toLocaleString("de-DE") + " Ansprechpersonen";  // 1.234 as on the page
  }

  // --------------------------------------------------------------------------------- anchors

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var group = target.closest("details");
    if (group && !group.open) {
      group.open = true;
      target.scrollIntoView();
    }
  }

  // --------------------------------------------------------------------------------- filter

  function readFilter(form) {
    return {
      suche: fold(form.elements.suche.value),
      thema: form.elements.thema.value,
      ort: form.elements.ort.value,
      netzwerk: form.elements.netzwerk.value
    };
  }

  function isFiltered(f) {
    return Boolean(f.suche || f.thema || f.ort || f.netzwerk);
  }

  function matches(item, f) {
    var d = item.dataset;
    if (f.thema && words(d.topics).indexOf(f.thema) === -1) return false;
    if (f.netzwerk && words(d.networks).indexOf(f.netzwerk) === -1) return false;
    if (f.ort === DISTRICT_WIDE && d.units) return false;
    if (f.ort && f.ort !== DISTRICT_WIDE && d.units && words(d.units).indexOf(f.ort) === -1) return false;
    if (f.suche && f.suche.split(" ").some(function (w) { return d.text.indexOf(w) === -1; })) return false;
    return true;
  }

  function setCount(element, count) {
    if (element) element.textContent = "(" + count + ")";
  }

  function apply(form, groups, jumps, status, empty, initial) {
    var f = readFilter(form);
    var container = document.getElementById("atlas-kontakte");
    var byTopic = Boolean(container && container.dataset.gruppen === "thema");  // a topic shows its own group only
    var filtered = isFiltered(f);
    var shown = {};
    var shownGroups = 0;
    groups.forEach(function (group) {
      var visible = 0;
      group.items.forEach(function (item) {
        var ok = matches(item, f) && !(byTopic && f.thema && group.id !== f.thema);
        item.hidden = !ok;
        if (ok) {
          visible += 1;
          shown[item.dataset.contact] = true;
        }
      });
      group.element.hidden = visible === 0;
      if (visible) shownGroups += 1;
      setCount(group.count, visible);
      var jump = jumps[group.id];
      if (jump) {
        jump.element.hidden = visible === 0;
        setCount(jump.count, visible);
      }
      if (filtered && visible && !group.element.open) {
        group.element.open = true;
        group.element.dataset.geoeffnet = "filter";  // opened by the filter: closed again when it is cleared
      } else if (!filtered && group.element.dataset.geoeffnet === "filter") {
        group.element.open = false;
        delete group.element.dataset.geoeffnet;
      }
    });
    var total = Object.keys(shown).length;
    var text;
    if (!filtered) text = initial;
    else if (total === 0) text = "Keine Ansprechperson gefunden";
    else text = persons(total) + " gefunden, " + shownGroups + " " +
      (shownGroups === 1 ? status.dataset.einzahl || "Gruppe" : status.dataset.mehrzahl || "Gruppen") + " geöffnet";
    if (status.textContent !== text) status.textContent = text;
    empty.hidden = !filtered || total !== 0;
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) params.set(name, value);
      else params.delete(name);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function initFilter(form) {
    var status = document.getElementById("atlas-kontakte-anzahl");
    var empty = document.getElementById("atlas-kontakte-leer");
    if (!status || !empty) return;
    var groups = Array.prototype.map.call(document.querySelectorAll("details.atlas-kontakte__gruppe"), function (element) {
      return {
        element: element,
        id: element.dataset.gruppe,
        count: element.querySelector("summary .atlas-kontakte__anzahl"),
        items: Array.prototype.slice.call(element.querySelectorAll("li[data-contact]"))
      };
    }).filter(function (group) { return group.items.length; });
    if (!groups.length) return;
    var jumps = {};
    document.querySelectorAll(".atlas-sprungliste li[data-gruppe]").forEach(function (element) {
      jumps[element.dataset.gruppe] = { element: element, count: element.querySelector(".atlas-sprungliste__anzahl") };
    });
    var notice = document.getElementById("atlas-kontakte-ohne-js");
    if (notice) notice.hidden = true;
    form.hidden = false;
    var initial = status.textContent;
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (!field || value === null) return;
      if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) return;
      field.value = value;
    });
    var update = function () { apply(form, groups, jumps, status, empty, initial); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    if (FIELDS.some(function (name) { return params.get(name); })) update();
  }

  function init() {
    if (!document.querySelector("details.atlas-kontakte__gruppe")) return;
    var form = document.getElementById("atlas-kontakte-filter");
    if (form) initFilter(form);
    window.addEventListener("hashchange", openTarget);
    document.querySelectorAll('.atlas-sprungliste a[href^="#"]').forEach(function (link) {
      link.addEventListener("click", function () {
        if (link.getAttribute("href") === window.location.hash) window.setTimeout(openTarget, 0);  // no hashchange
      });
    });
    openTarget();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
