/*
 * Sozialraumatlas: Termine. Dates past since the data date are hidden; termine/ can be filtered.
 *
 * The build never reads the clock: it lists the dates from the data date on, and every date carries its end
 * (data-atlas-end="2026-11-10T12:00:00+01:00", generator/pages/termine_filter.py). Here, in the visitor's
 * browser, each date whose end is before now is hidden, a week heading (h2.atlas-woche) whose dates are all
 * hidden goes with its list and its entry in the table of contents, and the notice of the list
 * ([data-atlas-vorbei], before a list, after the dates of a profile's paragraph) says how many were hidden.
 * A date marked data-atlas-uncounted (a network's „Nächstes Treffen“, also in its list) is hidden, not counted.
 * In a paragraph the „; “ between dates ([data-atlas-sep]) follows the dates shown.
 *
 * Filter (form#atlas-termine-filter on termine/, hidden until this script shows it): place (data-places, a
 * unit id; "ohne": dates without one), topic (data-topics) and audience (data-audience). The status line
 * (aria-live) says how many dates are shown. The choice is kept in the address's fragment
 * (#ort=…&thema=…&fuer=…), so a filtered list can be linked; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var FIELDS = ["ort", "thema", "fuer"];
  var NO_UNIT = "ohne";

  function dates(count) {
    return count === 1 ? "1 Termin" : count.toLocaleString("de-DE") + " Termine";
  }

  function words(text) {
    return (text || "").split(" ").filter(Boolean);
  }

  // ------------------------------------------------------------------------ past since the data date

  function isPast(item, now) {
    var end = Date.parse(item.getAttribute("data-atlas-end"));
    return !isNaN(end) && end < now;
  }

  function notices(now) {
    // every date goes to the notice before it in the page; dates before the first notice to the first one
    var nodes = document.querySelectorAll("[data-atlas-end], [data-atlas-vorbei]");
    var groups = [];
    var current = null;
    var waiting = [];
    Array.prototype.forEach.call(nodes, function (node) {
      if (node.hasAttribute("data-atlas-vorbei")) {
        current = { notice: node, items: waiting };
        waiting = [];
        groups.push(current);
      } else if (current) {
        current.items.push(node);
      } else {
        waiting.push(node);
      }
    });
    groups.forEach(function (group) {
      var hidden = 0;
      group.items.forEach(function (item) {
        if (!isPast(item, now)) return;
        item.hidden = true;
        item.setAttribute("data-atlas-vorbei-ausgeblendet", "");
        if (!item.hasAttribute("data-atlas-uncounted")) hidden += 1;
      });
      if (!hidden) return;
      var text = dates(hidden) + " seit dem Stand der Daten " + (hidden === 1 ? "ist" : "sind") + " vorbei und ausgeblendet.";
      // in a paragraph (a profile) after the dates still shown: „…; 2 Termine seit dem Stand der Daten …“
      var inline = group.notice.tagName === "SPAN" && group.items.some(function (item) { return !item.hidden; });
      group.notice.textContent = (inline ? "; " : "") + text;
      group.notice.hidden = false;
    });
    waiting.forEach(function (item) {  // no notice on the page: hidden all the same
      if (isPast(item, now)) item.hidden = true;
    });
  }

  function separators() {
    document.querySelectorAll("[data-atlas-sep]").forEach(function (sep) {
      var before = false;
      var node = sep.previousElementSibling;
      for (; node; node = node.previousElementSibling) {
        if (node.hasAttribute("data-atlas-end") && !node.hidden) before = true;
      }
      var next = sep.nextElementSibling;
      sep.hidden = !(before && next && next.hasAttribute("data-atlas-end") && !next.hidden);
    });
  }

  // ------------------------------------------------------------------------ week headings

  function weeks() {
    document.querySelectorAll("h2.atlas-woche").forEach(function (heading) {
      var list = heading.nextElementSibling;
      if (!list || list.tagName !== "UL") return;
      var shown = Array.prototype.some.call(list.children, function (li) { return !li.hidden; });
      heading.hidden = !shown;
      list.hidden = !shown;
      if (heading.id) {
        document.querySelectorAll('nav a[href="#' + heading.id + '"]').forEach(function (link) {
          var entry = link.closest("li") || link;
          entry.hidden = !shown;
        });
      }
    });
  }

  // ------------------------------------------------------------------------ filter

  function readHash() {
    var hash = window.location.hash.slice(1);
    if (!/^(ort|thema|fuer)=/.test(hash)) return null;
    var params = new URLSearchParams(hash);
    var found = {};
    FIELDS.forEach(function (name) { found[name] = params.get(name) || ""; });
    return found;
  }

  function matches(item, f) {
    var d = item.dataset;
    if (f.ort === NO_UNIT && words(d.places).length) return false;
    if (f.ort && f.ort !== NO_UNIT && words(d.places).indexOf(f.ort) === -1) return false;
    if (f.thema && words(d.topics).indexOf(f.thema) === -1) return false;
    if (f.fuer && d.audience !== f.fuer) return false;
    return true;
  }

  function initFilter(form, status) {
    var items = Array.prototype.filter.call(document.querySelectorAll("li[data-atlas-end][data-places]"), function (li) {
      return !li.hasAttribute("data-atlas-vorbei-ausgeblendet");
    });

    function choice() {
      var f = {};
      FIELDS.forEach(function (name) { f[name] = form.elements[name].value; });
      return f;
    }

    function apply(writeHash) {
      var f = choice();
      var shown = 0;
      items.forEach(function (item) {
        item.hidden = !matches(item, f);
        if (!item.hidden) shown += 1;
      });
      weeks();
      var text = shown ? dates(shown) : "Keine Termine zu diesem Filter. Wählen Sie weniger aus oder setzen Sie den Filter zurück.";
      if (status.textContent !== text) status.textContent = text;
      if (!writeHash) return;
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (f[name]) params.set(name, f[name]); });
      var fragment = params.toString();
      var plain = window.location.pathname + window.location.search;
      window.history.replaceState(null, "", fragment ? plain + "#" + fragment : plain);
    }

    function fromHash() {
      var wanted = readHash();
      if (!wanted) return false;
      FIELDS.forEach(function (name) {
        var field = form.elements[name];
        var ok = Array.prototype.some.call(field.options, function (o) { return o.value === wanted[name]; });
        field.value = ok ? wanted[name] : "";
      });
      return true;
    }

    fromHash();
    apply(false);  // the count is written before the status line shows, so it is not announced on arrival
    form.hidden = false;
    status.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
    });
    window.addEventListener("hashchange", function () {
      if (fromHash()) apply(false);
    });
  }

  function init() {
    notices(Date.now());
    separators();
    weeks();
    var form = document.getElementById("atlas-termine-filter");
    var status = document.getElementById("atlas-termine-anzahl");
    if (form && status) initFilter(form, status);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
