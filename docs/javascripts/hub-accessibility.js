// Accessibility fixes for what Material's own script leaves open (checked by tests/test_accessibility.py).
//
// The colour-scheme switch: when the scheme follows the system setting, Material shows the right button but checks
// none of its radio inputs, so Tab lands on the first one, whose name is for the light scheme's button and whose
// focus ring is drawn on a hidden label. Checking the input whose button is shown makes focus and name match.
// Material switches on Enter; Space on a checked radio input does nothing, so Space is made to do what Enter does.
//
// Wide tables scroll inside themselves (hub.css): one that overflows is made focusable, so the keyboard can scroll it.
//
// Material wraps each code block's copy button in an unnamed <nav>: on a page with several code blocks, screen-reader
// users meet a list of identical "navigation" landmarks. Each is named for the code block it belongs to.

function checkShownSchemeSwitch() {
  const shown = document.querySelector(".md-option + label:not([hidden])");
  if (shown) shown.previousElementSibling.checked = true;
}

function switchSchemeOnSpace(event) {
  const input = event.target;
  if (event.key !== " " || !input.matches || !input.matches("input.md-option:checked")) return;
  event.preventDefault();
  const button = input.nextElementSibling;
  if (button) button.click();
}

function nameCodeButtonLandmarks() {
  document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `Code block ${index + 1}`);
  });
}

function markScrollingTables() {
  for (const table of document.querySelectorAll("table.hub-table")) {
    if (table.scrollWidth > table.clientWidth) table.tabIndex = 0;
    else table.removeAttribute("tabindex");
  }
}

document$.subscribe(() => {
  checkShownSchemeSwitch();
  markScrollingTables();
  nameCodeButtonLandmarks();
});
// Material adds the copy buttons after the page is shown, so they are named as they appear.
new MutationObserver(() => {
  if (document.querySelector("nav.md-code__nav:not([aria-label])")) nameCodeButtonLandmarks();
}).observe(document.body, { childList: true, subtree: true });
window.addEventListener("resize", markScrollingTables);
document.addEventListener("keydown", switchSchemeOnSpace);
