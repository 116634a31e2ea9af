// The search boxes — in the header of every page (partials/hub-header-search.html) and on the home page — as
// comboboxes (the WAI-ARIA pattern): results appear as you type in a listbox under the box; the up and down arrows move
// through them, Enter opens the one chosen or, with none chosen, the search page with the query; Escape closes the
// list, and a second Escape clears the box. The / key moves focus to the header's box from anywhere but a form field,
// so typing / in a text box or a select still types or selects. Without JavaScript the header's box is a plain form
// that opens the search page.

import { escapeHtml, findResults, searchPageUrl } from "./hub-pagefind.js";

const SHOWN = 6;        // results in the list; the last option opens the search page with all of them
const DELAY_MS = 150;   // after the last key press, so a search does not run for every letter of a word

function setUpSearchBox(form, number) {
  const input = form.querySelector('input[type="search"]');
  if (!input) return;
  input.id ||= `hub-search-box-${number}`;
  const popup = document.createElement("div");
  popup.className = "hub-search-popup";
  popup.hidden = true;
  const note = document.createElement("p");
  note.className = "hub-search-popup__note";
  note.hidden = true;
  const list = document.createElement("ul");
  list.id = `${input.id}-results`;
  list.className = "hub-search-popup__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search results");
  popup.append(note, list);
  const status = document.createElement("p");
  status.className = "hub-visually-hidden";
  status.setAttribute("role", "status");
  form.append(popup, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  let options = [];
  let active = -1;
  let latest = 0;
  let timer = null;

  function activate(index) {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(open) {
    const visible = open && options.length > 0;
    popup.hidden = !visible;
    input.setAttribute("aria-expanded", String(visible));
    if (!visible) activate(-1);
  }

  function option(html, href) {
    const li = document.createElement("li");
    li.id = `${input.id}-option-${options.length}`;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.dataset.href = href;
    li.innerHTML = html;
    options.push(li);
    return li;
  }

  async function update() {
    const typed = input.value.trim();
    const run = ++latest;
    if (!typed) {
      options = [];
      list.replaceChildren();
      note.hidden = true;
      status.textContent = "";
      show(false);
      return;
    }
    let found;
    try {
      found = await findResults(typed);
    } catch (error) {
      status.textContent = "Search is not available: the search index could not be loaded.";
      return;
    }
    if (run !== latest) return;  // a newer search has started
    const pages = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
    if (run !== latest) return;
    options = [];
    const items = pages.map((data) => option(
      `<span class="hub-search-popup__title">${escapeHtml(data.meta.title || data.url)}</span>` +
      (data.meta.details ? `<span class="hub-search-popup__details">${escapeHtml(data.meta.details)}</span>` : ""),
      data.url));
    const count = found.results.length;
    const all = count ? `See all ${count} result${count === 1 ? "" : "s"} for “${escapeHtml(found.query)}”`
      : `No page matches “${escapeHtml(found.query)}”: open the search page`;
    items.push(option(`<span class="hub-search-popup__title">${all}</span>`, searchPageUrl(typed)));
    items[items.length - 1].classList.add("hub-search-popup__all");
    list.replaceChildren(...items);
    if (found.corrected) {
      note.innerHTML = `Showing results for <strong>${escapeHtml(found.query)}</strong>; ` +
        `<a href="${escapeHtml(searchPageUrl(typed, { typed: "1" }))}">search instead for ${escapeHtml(typed)}</a>`;
      note.hidden = false;
    } else {
      note.hidden = true;
    }
    const shown = Math.min(count, SHOWN);
    status.textContent = (found.corrected ? `Showing results for ${found.query}. ` : "") +
      (count ? `${count} result${count === 1 ? "" : "s"}, ${shown} listed: the down arrow moves to them.`
        : `No results for ${found.query}.`);
    show(document.activeElement === input);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
  input.addEventListener("focus", () => { if (input.value.trim() && options.length) show(true); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      if (popup.hidden) show(true);
      if (event.key === "ArrowDown") activate(Math.min(active + 1, options.length - 1));
      else activate(active > 0 ? active - 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const href = active >= 0 && !popup.hidden ? options[active].dataset.href : searchPageUrl(input.value.trim());
      window.location.assign(href);
    } else if (event.key === "Escape") {
      if (!popup.hidden) {
        event.preventDefault();
        show(false);
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        update();
      }
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.assign(searchPageUrl(input.value.trim()));
  });
  // A click on a result opens it; the box keeps focus until then.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const li = event.target.closest("[role=option]");
    if (li) window.location.assign(li.dataset.href);
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) show(false);
  });
  form.hidden = false;  // the home page's box is hidden until this script runs (it cannot search without it)
}

function isFormField(element) {
  return !!element && (element.isContentEditable || !!element.closest("input, textarea, select, [contenteditable]"));
}

document.querySelectorAll("form[data-hub-search]").forEach(setUpSearchBox);

document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  if (isFormField(event.target)) return;
  const box = document.getElementById("hub-header-q");
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
