// Accessibility fixes for what Material's own script leaves open (checked by tests/browser/test_accessibility.py).
//
// The colour-scheme switch: when the scheme follows the system setting, Material shows the right button but checks
// none of its radio inputs, so Tab lands on the first one, whose name is for the light scheme's button and whose
// focus ring is drawn on a hidden label. Checking the input whose button is shown makes focus and name match.
// Material switches on Enter; Space on a checked radio input does nothing, so Space is made to do what Enter does.
//
// Wide tables scroll sideways inside a region of their own (hub.css), so the page never does and no cell breaks a word:
// while a table is wider than its region, the region is a landmark named by the table's caption and takes focus, so
// the keyboard can scroll it; when it fits, it is neither, and adds no tab stop.
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

function wrapTables() {
  document.querySelectorAll(".md-typeset table.hub-table").forEach((table, index) => {
    if (table.closest(".hub-table-scroll")) return;  // Material wraps its own (unclassed) tables in .md-typeset__scrollwrap
    const region = document.createElement("div");
    region.className = "hub-table-scroll";
    table.before(region);
    region.appendChild(table);
    if (table.caption && !table.caption.id) table.caption.id = `hub-table-caption-${index + 1}`;
  });
  markScrollingTables();
}

function markScrollingTables() {
  document.querySelectorAll(".hub-table-scroll, .md-typeset__scrollwrap").forEach((region, index) => {
    const table = region.querySelector("table");
    if (table && region.scrollWidth > region.clientWidth + 1) {
      region.setAttribute("role", "region");
      if (table.caption && table.caption.id) region.setAttribute("aria-labelledby", table.caption.id);
      else region.setAttribute("aria-label", `Table ${index + 1}, scrolls sideways`);
      region.tabIndex = 0;
    } else {
      for (const name of ["role", "aria-labelledby", "aria-label", "tabindex"]) region.removeAttribute(name);
    }
  });
}

document$.subscribe(() => {
  checkShownSchemeSwitch();
  wrapTables();
  nameCodeButtonLandmarks();
});
// Material adds the copy buttons after the page is shown, so they are named as they appear.
new MutationObserver(() => {
  if (document.querySelector("nav.md-code__nav:not([aria-label])")) nameCodeButtonLandmarks();
}).observe(document.body, { childList: true, subtree: true });
window.addEventListener("resize", markScrollingTables);
document.addEventListener("keydown", switchSchemeOnSpace);
