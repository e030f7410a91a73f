/* Angebotsfinder and „In meiner Nähe“ (pages written by generator/render_finder.py).
 *
 * Loaded on every page (mkdocs.yml extra_javascript); does nothing where neither #atlas-finder nor
 * #atlas-naehe exists. No library, no request: everything it needs is in the page's HTML.
 *
 * Finder: the form's fields filter the server-rendered list in place (items get `hidden`), the filter is
 * written to the URL query (history.replaceState) and read back on load, and the count in the
 * aria-live region says how many offers are shown. The submit button names the number too („12 Angebote
 * anzeigen“); on a phone it stays at the bottom of the screen while the form is in view (CSS, sticky), and
 * a click on it scrolls to the results and moves the focus to their count.
 * Nearby: the chosen place's coordinates (data-lat/data-lon of the option) give every list item a
 * straight-line (haversine) distance; the list is re-ordered, nearest first, and shows the entries within
 * the chosen radius (#atlas-naehe-umkreis, default 15 km), at most 20 at first: „Mehr anzeigen“ adds 20
 * (and moves the focus to the first added entry), „Umkreis erweitern“ picks the next radius. `?ort=` and
 * `?umkreis=` keep the choice; the aria-live line says how many entries are in the radius.
 * Region choice (short pages of a big atlas, generator/render_finder_regions.py): the typed place is looked
 * up in the datalist (each option names the regions of that place) and the region's page is opened with
 * the query; a place in several regions gives links to choose. `?ort=` on load is forwarded the same way.
 * Place names are compared „folded“ exactly like render_finder.fold: lower case, ä→ae, ö→oe, ü→ue,
 * ß→ss, accents dropped, spaces collapsed.
 * Languages (issue 22): a finder page in another language than German carries its texts as JSON
 * (#atlas-texts, generator/pages/script_texts.py); counts and button then say them, numbers in the page's `lang`
 * with Latin digits; „In meiner Nähe“ the same (group "nearby", distances in the page's `lang`).
 * German pages carry none: the German texts below stay.
 */
(function () {
  "use strict";

  var FINDER_FIELDS = ["ort", "thema", "zielgruppe", "alter", "sprache", "zugang", "kostenfrei"];
  var TEXTS = pageTexts("finder");  // null on a German page
  var NUMBERS = TEXTS && window.Intl ? new Intl.NumberFormat((document.documentElement.lang || "de") + "-u-nu-latn") : null;

  function pageTexts(group) {
    var element = document.getElementById("atlas-texts");
    try { return element ? JSON.parse(element.textContent)[group] || null : null; } catch (e) { return null; }
  }

  // TEXTS[key + "_none" | "_one" | "_many"] for n, with %(count)s filled in
  function counted(key, n) {
    var text = TEXTS[key + (n === 0 ? "_none" : n === 1 ? "_one" : "_many")] || "";
    return text.replace("%(count)s", num(n));
  }

  function fold(text) {
    return String(text || "").toLowerCase()
      .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, " ").trim();
  }

  function words(value) {
    return value ? value.split(" ") : [];
  }

  // shared with atlas-contacts.js, which mkdocs.yml loads after this file
  window.atlasText = {fold: fold, words: words};

  function writeQuery(params) {
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  // --------------------------------------------------------------------------------- finder

  function readFilter(form) {
    var age = form.elements.alter.value.trim();
    var parsed = age === "" ? null : parseInt(age, 10);
    return {
      ort: fold(form.elements.ort.value),
      thema: form.elements.thema.value,
      zielgruppe: form.elements.zielgruppe.value,
      alter: parsed === null || isNaN(parsed) ? null : parsed,
      sprache: form.elements.sprache.value,
      zugang: form.elements.zugang.value,
      kostenfrei: form.elements.kostenfrei.checked
    };
  }

  function matches(item, f) {
    var d = item.dataset;
    if (f.ort && !d.places.split("|").some(function (p) { return p.indexOf(f.ort) !== -1; })) return false;
    if (f.thema && words(d.topics).indexOf(f.thema) === -1) return false;
    if (f.zielgruppe && words(d.groups).indexOf(f.zielgruppe) === -1) return false;
    if (f.sprache && words(d.languages).indexOf(f.sprache) === -1) return false;
    if (f.zugang && words(d.access).indexOf(f.zugang) === -1) return false;
    if (f.kostenfrei && d.free !== "1") return false;
    if (f.alter !== null && d.min !== "") {
      if (f.alter < parseInt(d.min, 10)) return false;
      if (d.max !== "" && f.alter > parseInt(d.max, 10)) return false;
    }
    return true;
  }

  function isFiltered(f) {
    return Boolean(f.ort || f.thema || f.zielgruppe || f.sprache || f.zugang || f.kostenfrei || f.alter !== null);
  }

  function num(n) {
    if (NUMBERS) return NUMBERS.format(n);  // the page's language (generator/core/i18n.py)
    return n.toLocaleString("de-DE");  // 1.234, as the page's own numbers (generator/core/formatting.py)
  }

  function countText(shown, total, filtered) {
    if (TEXTS) return filtered ? counted("found", shown) : counted("count", total);
    if (!filtered) return total === 0 ? "Keine Angebote" : num(total) + (total === 1 ? " Angebot" : " Angebote");
    if (shown === 0) return "Kein Angebot gefunden";
    return num(shown) + (shown === 1 ? " Angebot gefunden" : " Angebote gefunden");
  }

  function applyFinder(form, items, count, empty) {
    var f = readFilter(form);
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, f);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    var text = countText(shown, items.length, isFiltered(f));
    if (count.textContent !== text) count.textContent = text;
    var button = form.querySelector("button[type=submit]");
    var label = TEXTS ? counted("show", shown)
      : shown === 0 ? "Kein Angebot passt" : num(shown) + (shown === 1 ? " Angebot anzeigen" : " Angebote anzeigen");
    if (button && button.textContent !== label) button.textContent = label;
    empty.hidden = shown !== 0;
    var params = new URLSearchParams();
    FINDER_FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (field.type === "checkbox") {
        if (field.checked) params.set(name, "1");
      } else if (field.value.trim() !== "") {
        params.set(name, field.value.trim());
      }
    });
    writeQuery(params);
  }

  function initFinder(form) {
    var list = document.getElementById("atlas-finder-liste");
    var count = document.getElementById("atlas-finder-anzahl");
    var empty = document.getElementById("atlas-finder-leer");
    if (!list || !count || !empty) return;
    hideNotice("atlas-finder-ohne-js");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-places]"));
    var params = new URLSearchParams(window.location.search);
    FINDER_FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (!field || value === null) return;
      if (field.type === "checkbox") field.checked = value === "1";
      else field.value = value;
    });
    var update = function () { applyFinder(form, items, count, empty); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
      count.setAttribute("tabindex", "-1");  // the results begin here: bring them into view, for the keyboard too
      count.scrollIntoView({block: "start"});
      count.focus({preventScroll: true});
    });
    if (params.toString()) update();
  }

  // --------------------------------------------------------------------------------- nearby

  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  // „In meiner Nähe“ in another language (issue 22): the page's texts (group "nearby"), km with one decimal in its `lang`
  var NEARBY_TEXTS = pageTexts("nearby");  // null on a German page
  var KM = NEARBY_TEXTS && window.Intl ? new Intl.NumberFormat((document.documentElement.lang || "de") + "-u-nu-latn",
    {minimumFractionDigits: 1, maximumFractionDigits: 1}) : null;
  var WHOLE = NEARBY_TEXTS && window.Intl ? new Intl.NumberFormat((document.documentElement.lang || "de") + "-u-nu-latn") : null;
  var RTL = document.documentElement.dir === "rtl";

  // a distance reads left to right inside right-to-left text (as the times of atlas-hours.js)
  function ltr(text) {
    return RTL ? "\u2066" + text + "\u2069" : text;
  }

  // the page's text `key` with %(name)s filled in from `values`; `german` without page texts
  function nearbyText(key, values, german) {
    var text = NEARBY_TEXTS && NEARBY_TEXTS[key];
    if (!text) return german;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return name in values ? (typeof values[name] === "number" && WHOLE ? WHOLE.format(values[name]) : String(values[name])) : all;
    });
  }

  function formatKm(km) {
    if (KM) return ltr(KM.format(Math.round(km * 10) / 10) + "\u00a0km");
    var tenths = Math.round(km * 10);
    var whole = String(Math.floor(tenths / 10)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return whole + "," + (tenths % 10) + "\u00a0km";
  }

  var NEARBY_STEP = 20;        // entries shown at first and added by „Mehr anzeigen“
  var NEARBY_RADIUS = "15";    // default radius in km (the first option of #atlas-naehe-umkreis)

  function radiusKm(select) {
    var value = select ? select.value : NEARBY_RADIUS;
    return value === "alle" ? Infinity : parseFloat(value);
  }

  function kmText(km) {
    if (WHOLE) return ltr(WHOLE.format(km) + "\u00a0km");
    return String(km).replace(".", ",") + "\u00a0km";
  }

  function applyNearby(nearby, keepLimit) {
    var select = nearby.select, list = nearby.list, status = nearby.status;
    var option = select.options[select.selectedIndex];
    var params = new URLSearchParams(window.location.search);
    if (!keepLimit) nearby.limit = NEARBY_STEP;
    nearby.more.hidden = true;
    nearby.widen.hidden = true;
    if (!option || !option.value) {
      list.hidden = true;
      status.textContent = nearbyText("none_chosen", {}, "Noch kein Ort gewählt.");
      params.delete("ort");
      params.delete("umkreis");
      writeQuery(params);
      return;
    }
    var lat = parseFloat(option.dataset.lat);
    var lon = parseFloat(option.dataset.lon);
    var rows = nearby.items.map(function (item, index) {
      var d = distanceKm(lat, lon, parseFloat(item.dataset.lat), parseFloat(item.dataset.lon));
      return { item: item, km: d, tenths: Math.round(d * 10), index: index };
    });
    rows.sort(function (x, y) { return (x.km - y.km) || (x.index - y.index); });
    var radius = radiusKm(nearby.radius);
    var inside = rows.filter(function (row) { return row.tenths <= radius * 10; }).length;  // as the distance reads
    var shown = Math.min(inside, nearby.limit);
    rows.forEach(function (row, position) {
      row.item.querySelector(".atlas-naehe__distance").textContent = formatKm(row.km);
      row.item.hidden = position >= shown;
      list.appendChild(row.item);
    });
    list.hidden = shown === 0;
    var place = option.textContent.split(" \u2013 ")[0];
    var note = option.dataset.note ? " (" + option.dataset.note + ")" : "";
    var area = radius === Infinity ? "" : " im Umkreis von " + kmText(radius);
    var text;
    if (inside === 0) {
      text = "Kein Eintrag" + area + ", sortiert nach Entfernung von " + place + note + ".";
    } else {
      text = (inside === 1 ? "1 Eintrag" : num(inside) + " Einträge") + area + ", sortiert nach Entfernung von " + place + note + ".";
    }
    var key = (radius === Infinity ? "all_" : "area_") + (inside === 0 ? "none" : inside === 1 ? "one" : "many");
    // the place's German name isolated from the text around it (its direction of its own)
    var named = NEARBY_TEXTS ? "\u2068" + place + "\u2069" + note : place + note;
    text = nearbyText(key, {km: radius === Infinity ? "" : kmText(radius), count: inside, place: named}, text);
    if (shown < inside) text += " " + nearbyText("shown", {count: shown}, "Die nächsten " + shown + " werden gezeigt.");
    status.textContent = text;
    if (shown < inside) {
      var next = Math.min(NEARBY_STEP, inside - shown);
      nearby.more.textContent = nearbyText("more", {count: next, rest: inside - shown},
        "Mehr anzeigen (" + next + " weitere von " + (inside - shown) + ")");
      nearby.more.hidden = false;
    }
    var wider = null;
    if (nearby.radius && radius !== Infinity && rows.length > inside) {
      var options = Array.prototype.slice.call(nearby.radius.options);
      wider = options[nearby.radius.selectedIndex + 1] || null;
    }
    if (wider) {
      nearby.widen.textContent = nearbyText("widen", {radius: wider.textContent}, "Umkreis erweitern auf " + wider.textContent);
      nearby.widen.dataset.value = wider.value;
      nearby.widen.hidden = false;
    }
    params.set("ort", option.value);
    if (nearby.radius && nearby.radius.value !== NEARBY_RADIUS) params.set("umkreis", nearby.radius.value);
    else params.delete("umkreis");
    writeQuery(params);
  }

  function initNearby(box) {
    var nearby = {
      select: document.getElementById("atlas-naehe-ort"),
      radius: document.getElementById("atlas-naehe-umkreis"),
      list: document.getElementById("atlas-naehe-liste"),
      status: document.getElementById("atlas-naehe-status"),
      more: document.getElementById("atlas-naehe-mehr") || document.createElement("button"),
      widen: document.getElementById("atlas-naehe-weiter") || document.createElement("button"),
      limit: NEARBY_STEP
    };
    var select = nearby.select;
    if (!select || !nearby.list || !nearby.status) return;
    hideNotice("atlas-naehe-ohne-js");
    nearby.items = Array.prototype.slice.call(nearby.list.querySelectorAll("li[data-lat]"));
    box.hidden = false;
    nearby.list.hidden = true;
    var params = new URLSearchParams(window.location.search);
    var wanted = params.get("ort");
    if (wanted && !Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
      wanted = optionByName(select, wanted);  // a place name, e.g. from the region choice
    }
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
      select.value = wanted;
    }
    var radius = params.get("umkreis");
    if (nearby.radius && radius && Array.prototype.some.call(nearby.radius.options, function (o) { return o.value === radius; })) {
      nearby.radius.value = radius;
    }
    var update = function () { applyNearby(nearby, false); };
    select.addEventListener("change", update);
    if (nearby.radius) nearby.radius.addEventListener("change", update);
    select.form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    nearby.more.addEventListener("click", function () {
      var first = nearby.limit;  // the first entry the click adds gets the focus
      nearby.limit += NEARBY_STEP;
      applyNearby(nearby, true);
      var added = nearby.list.querySelectorAll("li[data-lat]")[first];
      var link = added && added.querySelector("a");
      if (link) link.focus();
    });
    nearby.widen.addEventListener("click", function () {
      if (!nearby.radius || !nearby.widen.dataset.value) return;
      nearby.radius.value = nearby.widen.dataset.value;
      update();
    });
    if (select.value) update();
  }

  function optionByName(select, name) {
    var key = fold(name);
    var found = Array.prototype.filter.call(select.options, function (o) {
      var text = o.textContent;
      return o.value && (fold(text.split(" – ")[0]) === key || fold(text.split(" (")[0]) === key);
    });
    return found.length ? found[0].value : null;
  }

  // --------------------------------------------------------------------------------- region choice

  function regionsOf(options, text) {
    var key = fold(text);
    if (!key) return [];
    var exact = options.filter(function (o) { return o.key === key; });
    var found = exact.length ? exact : options.filter(function (o) { return o.key.indexOf(key) !== -1; });
    var regions = [];
    found.forEach(function (o) {
      o.regions.forEach(function (r) { if (regions.indexOf(r) === -1) regions.push(r); });
    });
    return regions.sort();
  }

  // the page's message `key` of the place field (group "region") with the typed place; `german` without page texts
  var REGION_TEXTS = pageTexts("region");

  function regionText(key, place, german) {
    var text = REGION_TEXTS && REGION_TEXTS[key];
    return text ? text.replace("%(place)s", "\u2068" + place + "\u2069") : german;  // the typed name isolated
  }

  function initRegionChoice(form) {
    var field = form.elements.ort;
    var list = document.getElementById("atlas-region-orte");
    var status = document.getElementById("atlas-region-status");
    var pattern = form.dataset.regionUrl;
    if (!field || !list || !status || !pattern) return;
    var options = Array.prototype.map.call(list.options, function (o) {
      return { key: fold(o.value), regions: words(o.dataset.regions || "") };
    });
    var urlOf = function (region) { return pattern.replace("{region}", region); };
    var nameOf = function (region) {
      var link = document.querySelector('a[href="' + urlOf(region) + '"]');  // the region table
      return link ? link.textContent : region;
    };
    var go = function (text, replace) {
      var regions = regionsOf(options, text);
      status.textContent = "";
      if (regions.length === 1) {
        var params = new URLSearchParams(window.location.search);
        params.set("ort", text.trim());
        var target = urlOf(regions[0]) + "?" + params.toString();
        if (replace) window.location.replace(target);
        else window.location.assign(target);
        return;
      }
      if (!regions.length) {
        status.textContent = regionText("not_found", text.trim(),
          "Kein Ort „" + text.trim() + "“ gefunden. Prüfen Sie die Schreibweise oder wählen Sie die Planungsregion in der Tabelle.");
        return;
      }
      status.appendChild(document.createTextNode(regionText("several", text.trim(), "„" + text.trim() + "“ gibt es in mehreren Planungsregionen:") + " "));
      regions.forEach(function (region, index) {
        if (index) status.appendChild(document.createTextNode(", "));
        var link = document.createElement("a");
        var params = new URLSearchParams(window.location.search);
        params.set("ort", text.trim());
        link.href = urlOf(region) + "?" + params.toString();
        link.textContent = nameOf(region);
        status.appendChild(link);
      });
      status.appendChild(document.createTextNode("."));
    };
    hideNotice("atlas-region-ohne-js");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (field.value.trim()) go(field.value, false);
    });
    var wanted = new URLSearchParams(window.location.search).get("ort");
    if (wanted) {
      field.value = wanted;
      go(wanted, true);  // a bookmark of the whole page: on to the region's page
    }
  }

  function hideNotice(id) {
    var notice = document.getElementById(id);  // says what works without JavaScript; shown until the script runs
    if (notice) notice.hidden = true;
  }

  function init() {
    var form = document.getElementById("atlas-finder");
    if (form && form.elements.ort) initFinder(form);
    var box = document.getElementById("atlas-naehe");
    if (box) initNearby(box);
    var choice = document.getElementById("atlas-region-wahl");
    if (choice) initRegionChoice(choice);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
