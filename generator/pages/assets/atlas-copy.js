/* Sozialraumatlas: a „Kopieren“ button under each text meant to be copied as it is (the credit line of the open
 * data, generator/pages/opendata.py: <pre data-atlas-copy><code>…</code></pre>).
 *
 * Linked only on pages with such a block (mkdocs.yml extra.page_assets). The button copies the block's text
 * with the browser's clipboard; where the browser refuses, the text is selected instead, ready for Ctrl+C.
 * The line after the button (role="status") says which of the two happened. Without JavaScript there is no
 * button: the text can be selected and copied by hand.
 */
(function () {
  "use strict";

  function select(code) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function add(block) {
    var code = block.querySelector("code") || block;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button atlas-copy";
    button.textContent = "Kopieren";
    var status = document.createElement("span");
    status.className = "atlas-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = code.textContent;
      var copied = function () { status.textContent = "Kopiert."; };
      var selected = function () {
        select(code);
        status.textContent = "Text markiert: mit Strg+C (Mac: Cmd+C) kopieren.";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(copied, selected);
      } else {
        selected();
      }
    });
    var row = document.createElement("p");
    row.className = "atlas-copy__row";
    row.appendChild(button);
    row.appendChild(status);
    block.parentNode.insertBefore(row, block.nextSibling);
  }

  var blocks = document.querySelectorAll("[data-atlas-copy]");
  for (var i = 0; i < blocks.length; i += 1) {
    add(blocks[i]);
  }
})();
