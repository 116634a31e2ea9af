/* Copy-link buttons on case-study pages. Buttons are shown only when this script runs; if the clipboard
   cannot be written, the address is selected so the reader can copy it with the keyboard. No third-party code. */
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".hub-copy-status");
    if (status) { status.textContent = text; }
  }

  function selectAddress(button) {
    var address = button.closest(".hub-cite") && button.closest(".hub-cite").querySelector(".hub-cite__url");
    if (!address || !window.getSelection) { return false; }
    var range = document.createRange();
    range.selectNodeContents(address);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }

  function fallback(button) {
    var selected = selectAddress(button);
    var copied = false;
    try { copied = selected && document.execCommand("copy"); } catch (error) { copied = false; }
    say(button, copied ? "Link copied." :
      selected ? "Link selected: press Ctrl+C (or Command+C) to copy it." : "Copy the address shown above.");
  }

  function copy(button) {
    var url = button.getAttribute("data-hub-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say(button, "Link copied."); },
                                              function () { fallback(button); });
    } else {
      fallback(button);
    }
  }

  function reveal() {
    var buttons = document.querySelectorAll("[data-hub-copy]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].hidden = false; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-hub-copy]");
    if (button) { copy(button); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", reveal); } else { reveal(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(reveal); }
})();
