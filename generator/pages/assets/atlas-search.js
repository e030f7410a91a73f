/* The site search box in the header (overrides/partials/atlas-search.html; issue 18).
 *
 * Pagefind (https://pagefind.app) indexed the built site (generator/build/search_index.py) into pagefind/ on
 * this site. Nothing of it is loaded with the page: the first focus of, or key press in, the search box loads
 * pagefind/pagefind.js, its WebAssembly and the index entry; each query then loads only the index chunks of its
 * words and the fragments of the results shown (ten at a time).
 *
 * Results: a live line says how many pages were found; the list holds one link per page with its type and place
 * and an excerpt (Pagefind marks the matched words with <mark>; the excerpt is built as text nodes and <mark>
 * elements, never as HTML). Filters (Seitentyp, Gemeinde, Zielgruppe): the button „Treffer filtern“ loads the
 * filter data (only then: for a big atlas they are the largest part) and shows select boxes with the values of
 * the current hits and their counts. Keyboard: "/" focuses the box, arrow down moves into the results, arrow up/down between them,
 * Escape closes the results and returns to the box. On narrow screens the magnifier opens the box.
 * Without JavaScript the form leads to the page „Suche“ (suche/) with the lists of all records; with JavaScript
 * that page runs its `?q=` query in the box.
 *
 * Search areas (a large atlas, data-areas on the box; generator/build/search_index.py): the index is split into one
 * bundle per planning region (pagefind/areas/<id>/) and one of the pages without a region (pagefind/common/). A
 * page of a region (its marks say data-atlas-area) searches that region's bundle with the common one merged; the
 * button „Im ganzen Atlas suchen (lädt mehr Daten)“ merges all other regions (pagefind/areas.json lists them) and
 * then reads „Nur in <Region> suchen“, which narrows the search again (a filter on the merged bundles). Each
 * result names its region (metadata `gebiet`). Without data-areas: one bundle pagefind/, as before.
 *
 * Languages (issue 22): a page in another language than German carries the messages as JSON (#atlas-texts, group
 * "search", generator/pages/script_texts.py); numbers and the order of filter values follow the page's `lang`.
 * German pages carry none: the German texts below stay.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-atlas-search]");
  if (!root || !window.fetch || !window.Promise) return;  // the plain form still leads to suche/

  var form = root.querySelector(".atlas-search__form");
  var input = root.querySelector(".atlas-search__input");
  var opener = root.querySelector(".atlas-search__open");
  var closer = root.querySelector(".atlas-search__close");
  var panel = root.querySelector(".atlas-search__panel");
  var status = root.querySelector(".atlas-search__status");
  var filterBox = root.querySelector(".atlas-search__filters");
  var list = root.querySelector(".atlas-search__results");
  var more = root.querySelector(".atlas-search__more");
  var refine = root.querySelector(".atlas-search__refine");
  var hint = root.querySelector(".atlas-search__hint");
  var scope = root.querySelector(".atlas-search__scope");

  var PAGE = 10;  // results rendered (and fragments loaded) at a time
  var LANG = document.documentElement.lang || "de";
  var TEXTS = pageTexts();  // null on a German page
  var FILTERS = [["Seitentyp", msg("Seitentyp", "Seitentyp")], ["Gemeinde", msg("Gemeinde", "Gemeinde")],
    ["Zielgruppe", msg("Zielgruppe", "Zielgruppe")]];
  var bundle = new URL(root.getAttribute("data-bundle") || "pagefind/", document.baseURI);
  var base = bundle.pathname.replace(/pagefind\/$/, "");  // the site's root path, also below a sub-folder
  var ranking = {};  // Pagefind's ranking options (generator/pages/search_marks.py RANKING)
  try { ranking = JSON.parse(root.getAttribute("data-ranking") || "{}"); } catch (e) { ranking = {}; }

  // Search areas: the page's own region (from its search marks) and whether the other regions are merged in.
  var areas = root.getAttribute("data-areas");
  var marker = areas ? document.querySelector("[data-atlas-area]") : null;
  var own = marker ? { id: marker.getAttribute("data-atlas-area"), name: marker.getAttribute("data-atlas-area-name") } : null;
  var commonName = root.getAttribute("data-text-common") || "allgemeine Seiten";
  var wide = false;  // all regions merged
  var narrow = true;  // the search is limited to the page's region (and the common pages)
  var widening = null;  // Promise of the merge of all regions
  if (areas) ranking.metaWeights = Object.assign({}, ranking.metaWeights || {}, { gebiet: 0 });  // the region's name: shown, not searched

  var engine = null;  // Promise of the Pagefind module, made on first use
  var filtersLoaded = false;  // the filter data are loaded only when asked for („Treffer filtern“)
  var current = { query: "", results: [], shown: 0, filters: {} };
  var chosen = {};  // filter key → chosen value ("" = all)
  var serial = 0;  // the newest query wins: older answers are dropped
  var timer = null;

  input.setAttribute("aria-describedby", hint.id);  // how the results work: only true with this script

  function settings(area) {
    var options = { baseUrl: base, excerptLength: 24, ranking: ranking };
    if (areas) options.mergeFilter = { Gebiet: area };
    return options;
  }

  function load() {
    if (!engine) {
      var primary = !areas ? bundle : new URL(own ? "areas/" + own.id + "/" : "common/", bundle);
      engine = import(new URL("pagefind.js", primary).href).then(function (pagefind) {
        return pagefind.options(settings(own ? own.name : commonName))
          .then(function () { return pagefind.init(); })
          .then(function () { return own ? pagefind.mergeIndex(new URL("common/", bundle).href, settings(commonName)) : null; })
          .then(function () { return pagefind; });
      });
      engine.catch(function () {
        engine = null;
        say(msg("failed", "Die Suche konnte nicht geladen werden. Alle Einträge finden Sie auf der Seite „Suche“."));
      });
    }
    return engine;
  }

  function say(text) {
    status.textContent = text;
  }

  function pageTexts() {
    var element = document.getElementById("atlas-texts");
    try { return element ? JSON.parse(element.textContent).search || null : null; } catch (e) { return null; }
  }

  // The page's text for `key` with %(name)s filled in from `values`; German (`german`) without page texts.
  function msg(key, german, values) {
    var own = TEXTS && TEXTS[key];
    return !own ? german : own.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function hits(count) {
    return count === 1 ? "1 Treffer" : count.toLocaleString("de-DE") + " Treffer";
  }

  // „12 Treffer für „Kita“ in Beelitz (gefiltert)“ in the page's language (German: as always)
  function answerText(count, query) {
    var filters = Object.keys(activeFilters()).length;
    var region = areas && own && !(wide && !narrow);  // only the page's region
    if (!TEXTS) {
      var filtered = (region ? " in " + own.name : "") + (filters ? " (gefiltert)" : "");
      return count ? hits(count) + " für „" + query + "“" + filtered
        : "Keine Treffer für „" + query + "“" + filtered + ". Versuchen Sie ein anderes Wort oder weniger Wörter.";
    }
    var notes = (region ? [msg("in_area", "", { area: own.name })] : []).concat(filters ? [msg("filtered", "")] : []);
    var values = { query: query, more: notes.length ? " (" + notes.join(", ") + ")" : "",
      count: new Intl.NumberFormat(LANG + "-u-nu-latn").format(count) };
    return msg(count === 0 ? "hits_none" : count === 1 ? "hits_one" : "hits_many", "", values);
  }

  function open() {
    panel.hidden = false;
    root.classList.add("atlas-search--results");
  }

  function close(focus) {
    panel.hidden = true;
    root.classList.remove("atlas-search--results");
    if (root.classList.contains("atlas-search--open")) {
      root.classList.remove("atlas-search--open");
      closer.hidden = true;
      if (focus) opener.focus();
    } else if (focus) {
      input.focus();
    }
  }

  // ------------------------------------------------------------------------------- searching

  function activeFilters() {
    var filters = {};
    Object.keys(chosen).forEach(function (key) {
      if (chosen[key]) filters[key] = chosen[key];
    });
    return filters;
  }

  function searchFilters() {
    var filters = activeFilters();
    if (wide && narrow && own) filters.Gebiet = { any: [own.name, commonName] };  // all merged, the own region asked
    return filters;
  }

  // The other regions, merged on request (the button in the results); loaded once.
  function widen() {
    if (!widening) {
      widening = Promise.all([load(), fetch(areas).then(function (r) { return r.json(); })]).then(function (both) {
        var pagefind = both[0];
        var others = both[1].areas.filter(function (area) { return !own || area.id !== own.id; });
        return Promise.all(others.map(function (area) {
          return pagefind.mergeIndex(new URL(area.bundle, bundle).href, settings(area.name));
        }));
      }).then(function () { wide = true; });
      widening.catch(function () { widening = null; });
    }
    return widening;
  }

  function showScope() {
    if (!scope) return;
    var whole = wide && !narrow;
    scope.hidden = !current.query || (whole && !own);
    scope.textContent = whole ? (root.getAttribute("data-text-area") || "").replace("{area}", own ? own.name : "")
      : root.getAttribute("data-text-wide");
    scope.setAttribute("aria-pressed", String(whole));
  }

  function search() {
    var query = input.value.trim();
    var mine = ++serial;
    if (!query) {
      current = { query: "", results: [], shown: 0, filters: {} };
      list.textContent = "";
      filterBox.hidden = true;
      refine.hidden = true;
      more.hidden = true;
      if (scope) scope.hidden = true;
      say("");
      panel.hidden = true;
      return Promise.resolve();
    }
    open();
    if (!list.children.length) say(msg("running", "Suche läuft …"));
    return load().then(function (pagefind) {
      return pagefind.search(query, { filters: searchFilters() });
    }).then(function (answer) {
      if (mine !== serial || !answer) return;
      current = { query: query, results: answer.results, shown: 0, filters: answer.filters || {} };
      list.textContent = "";
      showFilters();
      showScope();
      return showMore(false).then(function () {
        if (mine !== serial) return;
        say(answerText(answer.results.length, query));
      });
    }).catch(function () { /* reported by load() */ });
  }

  // Compared „folded“: lower case, ä→ae, ö→oe, ü→ue, ß→ss, accents and punctuation dropped, spaces collapsed.
  function fold(text) {
    return String(text || "").toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  // The page whose title is exactly what the visitor typed („Kleinmachnow“: the place's profile) comes first among
  // the first results, before pages that only name it often (the short page of a centre named after the place).
  // A title's closing addition in brackets may be left out: „Werder“ is the title „Werder (Havel)“.
  function titleFirst(pages, query) {
    var wanted = fold(query);
    var exact = pages.filter(function (page) {
      var title = String((page.meta || {}).title || "");
      return fold(title) === wanted || fold(title.replace(/\s*\([^()]*\)\s*$/, "")) === wanted;
    });
    return exact.concat(pages.filter(function (page) { return exact.indexOf(page) < 0; }));
  }

  function showMore(focusFirst) {
    var mine = serial;
    var slice = current.results.slice(current.shown, current.shown + PAGE);
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== serial) return;
      if (current.shown === 0) pages = titleFirst(pages, current.query);
      var first = null;
      pages.forEach(function (page) {
        var item = entry(page);
        list.appendChild(item);
        if (!first) first = item.querySelector("a");
      });
      current.shown += slice.length;
      more.hidden = current.shown >= current.results.length;
      if (focusFirst && first) first.focus();
    });
  }

  // ------------------------------------------------------------------------------- rendering (text only)

  function excerpt(html, into) {
    // Pagefind's excerpt is text with <mark>…</mark> around matched words: rebuilt as nodes, never parsed as HTML.
    var parts = String(html || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var text = document.createTextNode(unescape(part));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        into.appendChild(mark);
      } else {
        into.appendChild(text);
      }
    });
  }

  function unescape(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#0?39;/g, "'").replace(/&amp;/g, "&");
  }

  function entry(page) {
    var meta = page.meta || {};
    var item = document.createElement("li");
    item.className = "atlas-search__hit";
    var link = document.createElement("a");
    link.className = "atlas-search__link";
    link.href = page.url;
    link.textContent = meta.title || page.url;
    item.appendChild(link);
    var facts = [];
    if (meta.typ) facts.push(meta.typ);
    var places = (page.filters && page.filters.Gemeinde) || [];
    if (places.length) facts.push(places.length > 3 ? places.slice(0, 3).join(", ") + " …" : places.join(", "));
    if (areas && meta.gebiet) facts.push(meta.gebiet);  // the region the result comes from
    if (facts.length) {
      var line = document.createElement("span");
      line.className = "atlas-search__facts";
      line.textContent = facts.join(" · ");
      item.appendChild(line);
    }
    if (page.excerpt) {
      var text = document.createElement("p");
      text.className = "atlas-search__excerpt";
      excerpt(page.excerpt, text);
      item.appendChild(text);
    }
    return item;
  }

  function showFilters() {
    filterBox.textContent = "";
    refine.hidden = filtersLoaded || !current.results.length;
    if (!filtersLoaded) {
      filterBox.hidden = true;
      return;
    }
    var any = false;
    FILTERS.forEach(function (pair) {
      var key = pair[0];
      var counts = current.filters[key] || {};
      var values = Object.keys(counts).filter(function (v) { return counts[v] > 0 || v === chosen[key]; });
      if (!values.length && !chosen[key]) return;
      if (values.length < 2 && !chosen[key]) return;  // nothing to choose
      values.sort(function (a, b) { return a.localeCompare(b, LANG); });
      var id = "atlas-search-filter-" + key.toLowerCase();
      var label = document.createElement("label");
      label.className = "atlas-search__filter";
      label.setAttribute("for", id);
      label.textContent = pair[1];
      var select = document.createElement("select");
      select.id = id;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = msg("all", "alle");
      select.appendChild(all);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + (counts[value] || 0) + ")";
        option.selected = value === chosen[key];
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        chosen[key] = select.value;
        search().then(function () {
          var again = document.getElementById(id);
          if (again) again.focus();
        });
      });
      var cell = document.createElement("span");
      cell.className = "atlas-search__filter-cell";
      cell.appendChild(label);
      cell.appendChild(select);
      filterBox.appendChild(cell);
      any = true;
    });
    filterBox.hidden = !any;
  }

  // ------------------------------------------------------------------------------- events

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 200);
  }

  ["focus", "pointerdown", "keydown"].forEach(function (type) {
    input.addEventListener(type, function () { load(); }, { once: true });
  });
  input.addEventListener("input", function () {
    chosen = {};
    soon();
  });
  input.addEventListener("focus", function () {
    if (input.value.trim() && list.children.length) open();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search().then(function () {
      var first = list.querySelector("a");
      if (first && !panel.hidden) first.focus();
    });
  });
  refine.addEventListener("click", function () {
    refine.disabled = true;
    load().then(function (pagefind) { return pagefind.filters(); }).then(function () {
      filtersLoaded = true;
      refine.disabled = false;
      return search();
    }).then(function () {
      var first = filterBox.querySelector("select");
      if (first) first.focus();
    }).catch(function () { refine.disabled = false; });
  });
  if (scope) scope.addEventListener("click", function () {
    scope.disabled = true;
    var whole = !(wide && !narrow);
    (whole ? widen() : Promise.resolve()).then(function () {
      narrow = !whole;
      return search();
    }).then(function () {
      scope.disabled = false;
      if (!scope.hidden) scope.focus();
      else { var first = list.querySelector("a"); if (first) first.focus(); }
    }).catch(function () { scope.disabled = false; });
  });
  more.addEventListener("click", function () {
    var before = current.shown;
    showMore(false).then(function () {
      var next = list.children[before] && list.children[before].querySelector("a");
      if (next) next.focus();
    });
  });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (!panel.hidden || root.classList.contains("atlas-search--open"))) {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.target === input && event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      open();  // also after Escape: the results come back
      all[0].focus();
    } else if (at >= 0) {
      event.preventDefault();
      if (event.key === "ArrowDown" && at + 1 < all.length) all[at + 1].focus();
      else if (event.key === "ArrowUp") (at > 0 ? all[at - 1] : input).focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!panel.hidden && !root.contains(event.target)) close(false);
  });

  opener.addEventListener("click", function (event) {
    event.preventDefault();
    root.classList.add("atlas-search--open");
    closer.hidden = false;
    input.focus();
    if (input.value.trim() && list.children.length) open();
  });
  closer.addEventListener("click", function () { close(true); });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    if (opener.offsetParent !== null) opener.click();
    else input.focus();
  });

  // The page „Suche“ (and any page opened with ?q=… from the plain form): run that query.
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked && window.location.pathname === base + "suche/") {
    input.value = asked;
    if (opener.offsetParent !== null) {
      root.classList.add("atlas-search--open");
      closer.hidden = false;
    }
    search();
  }
})();
