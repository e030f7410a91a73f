/* Sozialraumatlas: every <details> open while printing (issue 17: "Print keeps everything expanded").
   atlas-print.css does this with ::details-content; this script does it in browsers without that
   pseudo-element: it opens the closed details before printing and closes them again afterwards. */
(function () {
  "use strict";
  if (!window.addEventListener || (window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
    return;
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < all.length; i += 1) {
      all[i].open = true;
      opened.push(all[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) {
      opened.pop().open = false;
    }
  });
})();
