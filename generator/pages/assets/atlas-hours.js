/*
 * Sozialraumatlas: „Heute geöffnet / Heute geschlossen / Jetzt geöffnet bis …“ for the visitor's own day.
 *
 * Family centre and offer pages with opening hours carry an empty, hidden <p class="atlas-today"
 * role="status" data-atlas-hours="…"> (generator/hours.py). Its JSON holds the weekly hours
 * ({"mo": [["09:00", "12:00"], …], …}), the closures ([[start, end, note], …], ISO dates) and the
 * status sentence for entries that are not active. This script computes today's date and time in
 * Europe/Berlin with Intl (not the build date, which would be stale), writes one sentence into the
 * element and shows it. Without JavaScript the element stays hidden and the weekly table speaks alone.
 * Elements with data-atlas-after="YYYY-MM-DD" and data-atlas-past="…" (a network's next meeting) get the
 * text of data-atlas-past once the visitor's Berlin date is after that day.
 * Languages (issue 22): a page in another language than German carries the sentences as JSON (#atlas-texts, group
 * "hours", generator/pages/script_texts.py); times then join with Intl.ListFormat in the page's `lang`, and on a
 * right-to-left page each time span is isolated, so that it reads 9:00–12:00 and not 12:00–9:00.
 */
(function () {
  "use strict";
  var DAYS = ["so", "mo", "di", "mi", "do", "fr", "sa"];
  var LANG = document.documentElement.lang || "de";
  var RTL = document.documentElement.dir === "rtl";
  var TEXTS = pageTexts();  // null on a German page

  function pageTexts() {
    var element = document.getElementById("atlas-texts");
    try { return element ? JSON.parse(element.textContent).hours || null : null; } catch (e) { return null; }
  }

  // The page's sentence `key` with %(name)s filled in; the German sentence without page texts.
  function say(key, german, values) {
    var own = TEXTS && TEXTS[key];
    return !own ? german : own.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? values[name] : all;
    });
  }

  function berlinNow() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var date = parts.year + "-" + parts.month + "-" + parts.day;
    // weekday of the Berlin calendar date, independent of the browser's own time zone
    var weekday = new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day)).getUTCDay();
    return { date: date, day: DAYS[weekday], time: parts.hour + ":" + parts.minute };
  }

  function short(time) {
    return time.charAt(0) === "0" ? time.slice(1) : time;
  }

  function span(interval) {
    var text = short(interval[0]) + "\u2013" + short(interval[1]);
    return TEXTS && RTL ? "\u2066" + text + "\u2069" : text;  // left-to-right isolate inside right-to-left text
  }

  function list(items) {
    if (TEXTS && window.Intl && Intl.ListFormat) {
      return new Intl.ListFormat(LANG, { style: "long", type: "conjunction" }).format(items);
    }
    if (items.length < 2) {
      return items.join("");
    }
    return items.slice(0, -1).join(", ") + " und " + items[items.length - 1];
  }

  function sentence(data, now) {
    if (data.status !== "aktiv") {
      return data.statusText;
    }
    for (var i = 0; i < data.closures.length; i++) {
      var c = data.closures[i];
      if (c[0] <= now.date && now.date <= c[1]) {
        return c[2] ? say("closed_note", "Heute geschlossen (" + c[2] + ").", { note: c[2] }) : say("closed", "Heute geschlossen.");
      }
    }
    var today = data.hours[now.day] || [];
    if (!today.length) {
      return say("closed", "Heute geschlossen.");
    }
    for (var j = 0; j < today.length; j++) {
      if (today[j][0] <= now.time && now.time < today[j][1]) {
        var later = today.slice(j + 1).map(span);
        var until = TEXTS && RTL ? "\u2066" + short(today[j][1]) + "\u2069" : short(today[j][1]);
        var german = "Jetzt geöffnet bis " + until + " Uhr" + (later.length ? ", heute außerdem " + list(later) + " Uhr" : "") + ".";
        return say(later.length ? "open_now_more" : "open_now", german, { time: until, times: list(later) });
      }
    }
    var times = list(today.map(span));
    var over = now.time >= today[today.length - 1][1];
    return say(over ? "open_today_over" : "open_today", "Heute geöffnet, " + times + " Uhr" + (over ? " (jetzt geschlossen)." : "."), { times: times });
  }

  // Dates the build knew as upcoming (a network's next meeting, after the data date): once the visitor's
  // own Berlin date is past them, the label says so (e.g. „Letztes Treffen“ instead of „Nächstes Treffen“).
  var upcoming = document.querySelectorAll("[data-atlas-after][data-atlas-past]");
  for (var u = 0; u < upcoming.length; u++) {
    if (berlinNow().date > upcoming[u].getAttribute("data-atlas-after")) {
      upcoming[u].textContent = upcoming[u].getAttribute("data-atlas-past");
    }
  }

  var boxes = document.querySelectorAll("[data-atlas-hours]");
  for (var k = 0; k < boxes.length; k++) {
    try {
      var data = JSON.parse(boxes[k].getAttribute("data-atlas-hours"));
      boxes[k].textContent = sentence(data, berlinNow());
      boxes[k].hidden = false;
    } catch (e) {
      boxes[k].hidden = true; // nothing rather than something wrong
    }
  }
})();
