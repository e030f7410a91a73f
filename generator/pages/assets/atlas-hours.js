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
 */
(function () {
  "use strict";
  var DAYS = ["so", "mo", "di", "mi", "do", "fr", "sa"];

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
    return short(interval[0]) + "\u2013" + short(interval[1]);
  }

  function list(items) {
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
        return "Heute geschlossen" + (c[2] ? " (" + c[2] + ")" : "") + ".";
      }
    }
    var today = data.hours[now.day] || [];
    if (!today.length) {
      return "Heute geschlossen.";
    }
    for (var j = 0; j < today.length; j++) {
      if (today[j][0] <= now.time && now.time < today[j][1]) {
        var later = today.slice(j + 1).map(span);
        return "Jetzt geöffnet bis " + short(today[j][1]) + " Uhr" + (later.length ? ", heute außerdem " + list(later) + " Uhr" : "") + ".";
      }
    }
    var text = "Heute geöffnet, " + list(today.map(span)) + " Uhr";
    return text + (now.time >= today[today.length - 1][1] ? " (jetzt geschlossen)." : ".");
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
