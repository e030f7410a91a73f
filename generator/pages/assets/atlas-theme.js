/* Sozialraumatlas: the behaviour of Material's page frame, without Material's script bundle (issue 18).
 *
 * overrides/main.html leaves out Material's bundle (114 kB, 35 kB gzip-compressed on every first visit, with
 * a search and instant loading the atlas does not use) and loads this file instead. Material's templates and
 * CSS stay; `<html class="no-js">` stays too, so Material's CSS keeps its rules for pages without its script
 * (sidebars as high as their content, atlas.css lets them scroll on their own; tabs marked by a border).
 * What the bundle did that a visitor of the atlas needs, this file does:
 *
 * - keyboard focus: `.focus-visible` on the element that has `:focus-visible` (Material's CSS draws and
 *   removes focus rings by that class, e.g. on the header buttons and the colour toggle's label);
 * - colour scheme toggle (the palette form in the header): on load the stored choice or, without one, the
 *   entry whose media query matches (the visitor's system setting); a change (click, Enter) sets the
 *   body's `data-md-color-*` attributes, shows the label of the other entry and stores the choice with
 *   Material's own `__md_set` (localStorage, key „__palette“, read again by the inline script in the head of
 *   every page) – only when the visitor chooses, never on load;
 * - Enter on a focused navigation label (sections of the phone's menu) opens it, as a click does;
 * - the menu (drawer) closes when a link in it leads to a place on the same page, and with Escape;
 * - the header shows the page title once the page's heading is scrolled out of view;
 * - the table of contents marks the section being read (and scrolls along with it, `toc.follow`);
 * - „Zurück zum Seitenanfang“ appears when the visitor scrolls back up on a long page.
 *
 * No library, no request, nothing stored unless the visitor changes the colour scheme.
 */
(function () {
  "use strict";

  var doc = document;

  /* ------------------------------------------------------------------ keyboard focus */
  doc.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches(":focus-visible")) {
      el.classList.add("focus-visible");
    }
  });
  doc.addEventListener("focusout", function (event) {
    if (event.target && event.target.classList) {
      event.target.classList.remove("focus-visible");
    }
  });

  /* ------------------------------------------------------------------ colour scheme */
  var palette = doc.querySelector('[data-md-component="palette"]');
  if (palette) {
    var inputs = Array.prototype.slice.call(palette.querySelectorAll("input.md-option"));
    var read = function (input) {
      return {
        media: input.getAttribute("data-md-color-media"),
        scheme: input.getAttribute("data-md-color-scheme"),
        primary: input.getAttribute("data-md-color-primary"),
        accent: input.getAttribute("data-md-color-accent")
      };
    };
    var apply = function (index, store) {
      var color = read(inputs[index]);
      Object.keys(color).forEach(function (key) {
        if (color[key] !== null) {
          doc.body.setAttribute("data-md-color-" + key, color[key]);
        }
      });
      inputs.forEach(function (input, i) {
        input.checked = i === index;
        var label = input.nextElementSibling;
        if (label && label.tagName === "LABEL") {
          label.hidden = i !== index;
        }
      });
      if (store && typeof window.__md_set === "function") {
        window.__md_set("__palette", { index: index, color: color });
      }
    };
    var stored = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
    var start = -1;
    if (stored && typeof stored.index === "number") {
      start = stored.index;
    } else {
      start = inputs.findIndex(function (input) {
        var media = input.getAttribute("data-md-color-media");
        return media && window.matchMedia && window.matchMedia(media).matches;
      });
    }
    if (inputs.length) {
      apply(Math.max(0, Math.min(start, inputs.length - 1)), false);
      inputs.forEach(function (input, i) {
        input.addEventListener("change", function () {
          if (input.checked) {
            apply(i, true);
          }
        });
      });
      palette.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") {
          return;
        }
        var current = inputs.findIndex(function (input) { return input.checked; });
        var next = inputs[(current + 1) % inputs.length];
        event.preventDefault();
        next.click();
        next.focus();
      });
    }
  }

  /* ------------------------------------------------------------------ navigation labels and the menu */
  var drawer = doc.getElementById("__drawer");
  doc.addEventListener("keydown", function (event) {
    var active = doc.activeElement;
    if (event.key === "Enter" && active && active.tagName === "LABEL" && active.closest(".md-nav")) {
      event.preventDefault();
      active.click();
    } else if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
    }
  });

  /* The menu and search toggles are checkboxes: a browser may restore them checked (form state on reload, the
     back/forward cache), which would open the menu on arrival. They carry no `autocomplete="off"` (not allowed on
     a checkbox, overrides/base.html), so they are reset here whenever a page is shown. */
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = doc.getElementById(id);
      if (toggle) {
        toggle.checked = false;
      }
    });
  });

  window.addEventListener("hashchange", function () {
    if (drawer && drawer.checked) {
      drawer.checked = false;
    }
  });

  /* The current page's entry in the navigation, in view in its sidebar (a long menu scrolls on its own). */
  Array.prototype.forEach.call(doc.querySelectorAll(".md-sidebar .md-nav__link--active[href]"), function (item) {
    var wrap = item.closest(".md-sidebar__scrollwrap");
    if (item.clientHeight && wrap && wrap.scrollHeight > wrap.clientHeight) {
      wrap.scrollTop = item.offsetTop - wrap.offsetTop - wrap.clientHeight / 2;
    }
  });

  /* ------------------------------------------------------------------ header title, contents, back to top */
  var header = doc.querySelector('[data-md-component="header"]');
  var title = doc.querySelector('[data-md-component="header-title"]');
  var heading = doc.querySelector(".md-content h1");
  if (title && heading && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      var gone = !entries[0].isIntersecting && entries[0].boundingClientRect.top < 0;
      title.classList.toggle("md-header__title--active", gone);
    }).observe(heading);
  }

  var toc = doc.querySelector('.md-sidebar--secondary [data-md-component="toc"]');
  var links = toc ? Array.prototype.slice.call(toc.querySelectorAll("a.md-nav__link[href^='#']")) : [];
  var anchors = links.map(function (link) {
    return doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  var top = doc.querySelector('[data-md-component="top"]');
  var lastY = window.pageYOffset;
  var pending = false;

  var update = function () {
    pending = false;
    var y = window.pageYOffset;
    /* A section counts as being read once its heading is in the upper quarter of the screen under the header;
       at the end of the page the last section that is on screen. */
    var offset = (header ? header.offsetHeight : 0) + Math.min(160, window.innerHeight / 4);
    var bottom = y + window.innerHeight >= doc.documentElement.scrollHeight - 2;
    if (links.length) {
      var current = -1;
      anchors.forEach(function (anchor, i) {
        var at = anchor ? anchor.getBoundingClientRect().top : Infinity;
        if (at <= offset || (bottom && at < window.innerHeight)) {
          current = i;
        }
      });
      links.forEach(function (link, i) {
        link.classList.toggle("md-nav__link--passed", i < current);
        link.classList.toggle("md-nav__link--active", i === current);
      });
      var wrap = toc.closest(".md-sidebar__scrollwrap");
      if (current >= 0 && wrap && wrap.scrollHeight > wrap.clientHeight) {
        var link = links[current];
        var box = link.getBoundingClientRect();
        var frame = wrap.getBoundingClientRect();
        if (box.top < frame.top || box.bottom > frame.bottom) {
          wrap.scrollTop += box.top - frame.top - frame.height / 2;
        }
      }
    }
    if (top) {
      var shown = y < lastY && y > window.innerHeight;
      top.hidden = !shown;
    }
    lastY = y;
  };
  if (links.length || top) {
    window.addEventListener("scroll", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    update();
  }
  if (top) {
    top.addEventListener("click", function () {
      top.hidden = true;
      top.blur();
      window.scrollTo({ top: 0 });
    });
  }
})();
