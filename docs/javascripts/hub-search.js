// Search and filters for the search page and the case-study index (macros/filters.py renders the markup).
// Progressive enhancement: without this script the index still lists every case study.
// Filter state lives in the URL query, so a filtered view can be linked and shared.

import { escapeHtml, findResults } from "./hub-pagefind.js";

const form = document.querySelector("form[data-hub-filters]");
const status = document.getElementById("hub-status");
const PAGE_SIZE = 10;
const SORT_ORDER = { newest: "desc", "saving-total": "desc", "saving-a-year": "desc", "saving-one-off": "desc", title: "asc" };
// "Largest saving" sorts (macros/facets.py SAVING_SORTS): each shows on every result the amount it sorted by.
const isSavingSort = (order) => order && order.startsWith("saving");
const datasetKey = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
// Old sort values a shared address may still carry, each with the sort now nearest it (macros/facets.py LEGACY_SORTS).
const LEGACY_SORTS = form ? JSON.parse(form.dataset.legacySorts || "{}") : {};
// Filters naming a council or a kind of council (macros/facets.py COUNCIL_FACETS): with one of them, the savings
// filter looks only at the savings credited to such a council, through the "credit" values "facet=value|savings".
const COUNCIL_FACETS = form ? (form.dataset.councilFacets || "").split(" ").filter(Boolean) : [];

function creditTerms(state) {
  const savings = state.delivered;
  if (!savings || savings === "investment") return null;
  const councils = COUNCIL_FACETS.filter((key) => state[key]);
  if (!councils.length) return null;
  const wanted = savings === "no" ? "yes" : savings;  // "no delivered savings": none credited to such a council
  return { values: councils.map((key) => `${key}=${state[key]}|${wanted}`), absent: savings === "no" };
}

function controls() {
  return [...form.elements].filter((el) => el.name && (el.tagName === "SELECT" || el.type === "search"));
}

function readState() {
  const state = {};
  for (const el of controls()) if (el.value.trim()) state[el.name] = el.value.trim();
  return state;
}

function restoreState() {
  const params = new URLSearchParams(window.location.search);
  for (const el of controls()) {
    let value = params.get(el.name);
    if (value === null) continue;
    if (el.name === "sort" && Object.hasOwn(LEGACY_SORTS, value)) value = LEGACY_SORTS[value];
    if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === value)) continue;
    el.value = value;
  }
}

// "Search instead for …" (a query searched as typed, not corrected) is kept in the address as typed=1 until the
// query changes.
let asTyped = new URLSearchParams(window.location.search).get("typed") === "1";

function writeState(state) {
  const params = new URLSearchParams(state);
  if (asTyped && state.q) params.set("typed", "1");
  const query = params.toString();
  const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  window.history.replaceState(null, "", url);
}

function describeFilters() {
  const parts = [];
  for (const el of controls()) {
    if (el.tagName !== "SELECT" || !el.value || el.name === "sort") continue;
    const label = form.querySelector(`label[for="${el.id}"]`).textContent;
    parts.push(`${label}: ${el.selectedOptions[0].textContent}`);
  }
  const sort = form.elements.sort;
  const sorted = sort && sort.value ? ` Sorted: ${sort.selectedOptions[0].textContent.toLowerCase()}.` : "";
  return (parts.length ? ` Filtered by ${parts.join("; ")}.` : "") + sorted;
}

function announce(text) {
  status.textContent = text;
}

// --- The case-study index: filter and sort the list already in the page ---------------------------

function setUpIndex() {
  const list = document.getElementById("hub-case-list");
  if (!list) return () => {};
  const items = [...list.children].map((li, position) => ({ li, position }));
  const filterKeys = controls().map((el) => el.name).filter((name) => name !== "sort");

  const has = (li, key, value) => (li.dataset[key] || "").split(" ").includes(value);

  return function apply(state) {
    const credit = creditTerms(state);
    const shown = items.filter(({ li }) =>
      filterKeys.every((key) => !state[key] || (credit && key === "delivered") || has(li, key, state[key])) &&
      (!credit || credit.values.every((value) => has(li, "credit", value) !== credit.absent)));
    const order = state.sort || "newest";
    shown.sort((a, b) => compareItems(a, b, order));
    for (const { li } of items) li.hidden = true;
    const fragment = document.createDocumentFragment();
    for (const { li } of shown) {
      li.hidden = false;
      for (const amount of li.querySelectorAll(".hub-sorted-by")) amount.hidden = amount.dataset.sortShown !== order;
      fragment.appendChild(li);
    }
    for (const { li } of items) if (li.hidden) fragment.appendChild(li);
    list.appendChild(fragment);
    const total = items.length;
    const count = shown.length === total ? `All ${total} case studies shown.` :
      `${shown.length} of ${total} case studies shown.`;
    announce(count + describeFilters());
  };
}

function compareItems(a, b, order) {
  const x = a.li.dataset, y = b.li.dataset;
  let result = 0;
  if (isSavingSort(order)) result = Number(y[datasetKey(order)]) - Number(x[datasetKey(order)]);
  else if (order === "title") result = x.title.localeCompare(y.title, "en");
  else result = y.newest.localeCompare(x.newest);
  return result || a.position - b.position;
}

// --- The search page: Pagefind's chunked index, loaded on first use --------------------------------

function element(tag, className, html) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (html !== undefined) el.innerHTML = html;
  return el;
}

function renderResult(data, order, query) {
  const li = element("li", "hub-result");
  const title = data.meta.title || data.url;
  li.appendChild(element("h3", "hub-result__title", `<a href="${escapeHtml(data.url)}">${escapeHtml(title)}</a>`));
  if (data.meta.details) li.appendChild(element("p", "hub-result__details", escapeHtml(data.meta.details)));
  if (isSavingSort(order) && data.meta[order]) li.appendChild(element("p", "hub-result__sorted-by", escapeHtml(data.meta[order])));
  if (data.meta.summary) li.appendChild(element("p", "hub-result__summary", escapeHtml(data.meta.summary)));
  // Without a query Pagefind's excerpt is the page's opening, which is its summary again: only a match is shown.
  if (!query) return li;
  const section = (data.sub_results || []).find((sub) => sub.title && sub.title !== title && sub.url !== data.url);
  const where = section ? `In <a href="${escapeHtml(section.url)}">${escapeHtml(section.title)}</a>: ` : "";
  // Pagefind's excerpt is the page's own text, escaped, with <mark> around the words that matched.
  const excerpt = section ? section.excerpt : data.excerpt;
  if (excerpt) li.appendChild(element("p", "hub-result__excerpt", where + "…" + excerpt + "…"));
  return li;
}

// "Showing results for …; search instead for …" above the results, when the query was corrected (hub-pagefind.js).
function showCorrection(note, found, state) {
  if (!found.corrected) {
    note.hidden = true;
    note.replaceChildren();
    return;
  }
  const params = new URLSearchParams({ ...state, q: found.typed, typed: "1" });
  note.innerHTML = `Showing results for <strong>${escapeHtml(found.query)}</strong>; ` +
    `<a href="?${escapeHtml(params.toString())}">search instead for ${escapeHtml(found.typed)}</a>`;
  note.hidden = false;
}

function setUpSearch() {
  const results = document.getElementById("hub-results");
  const note = document.createElement("p");
  note.className = "hub-correction";
  note.id = "hub-correction";
  note.hidden = true;
  status.after(note);
  const heading = document.getElementById("hub-results-heading");
  const more = document.getElementById("hub-more");
  let latest = 0;
  let pending = [];
  let order = "";
  let shownQuery = "";

  async function showMore(moveFocus) {
    const batch = pending.splice(0, PAGE_SIZE);
    const rendered = await Promise.all(batch.map((r) => r.data()));
    const items = rendered.map((data) => renderResult(data, order, shownQuery));
    for (const li of items) results.appendChild(li);
    more.parentElement.hidden = pending.length === 0;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  more.addEventListener("click", () => showMore(true));

  return async function apply(state) {
    const run = ++latest;
    const query = state.q || null;
    const filters = {};
    const credit = creditTerms(state);
    for (const [key, value] of Object.entries(state)) {
      if (key !== "q" && key !== "sort" && !(credit && key === "delivered")) filters[key] = value;
    }
    // Savings credited to the council chosen; only case studies carry savings.
    if (credit) filters.all = [{ kind: "case-study" }, { credit: credit.absent ? { none: credit.values } : credit.values }];
    if (!query && !Object.keys(filters).length) {
      results.replaceChildren();
      heading.hidden = true;
      more.parentElement.hidden = true;
      announce("Type words to search, or choose a filter.");
      return;
    }
    const options = { filters };
    if (state.sort) options.sort = { [state.sort]: SORT_ORDER[state.sort] };
    let found;
    try {
      found = await findResults(query, options, { asTyped });
    } catch (error) {
      announce("Search is not available: the search index could not be loaded. Browse the case-study index instead.");
      return;
    }
    if (run !== latest) return;  // a newer search has started
    pending = [...found.results];
    order = state.sort || "";
    shownQuery = found.query || "";
    showCorrection(note, found, state);
    const count = pending.length;
    results.replaceChildren();
    heading.hidden = false;
    await showMore(false);
    if (run !== latest) return;
    const what = (found.query ? ` for “${found.query}”` : "") + (found.corrected ? `, not “${found.typed}”` : "");
    announce((count ? `${count} result${count === 1 ? "" : "s"}${what}.` : `No results${what}.`) + describeFilters());
  };
}

// --- On a narrow screen the filters fold away behind a button that says how many are chosen -------
// (search.css shows them always on a wide screen, beside the results on the search page).

function setUpFilterToggle() {
  const fieldset = form.querySelector("fieldset");
  fieldset.id ||= "hub-filter-fields";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button hub-filters__toggle";
  button.setAttribute("aria-controls", fieldset.id);
  fieldset.before(button);
  const unfold = (open) => {
    button.setAttribute("aria-expanded", String(open));
    form.classList.toggle("hub-filters--folded", !open);
  };
  button.addEventListener("click", () => unfold(button.getAttribute("aria-expanded") !== "true"));
  unfold(false);
  return function count(state) {
    const chosen = Object.keys(state).filter((key) => key !== "q" && key !== "sort").length;
    button.textContent = "Filter and sort" + (chosen ? ` (${chosen} chosen)` : "");
  };
}

// --- Wiring --------------------------------------------------------------------------------------

if (form) {
  const apply = form.dataset.hubFilters === "search" ? setUpSearch() : setUpIndex();
  const countChosen = setUpFilterToggle();
  let timer = null;
  const update = () => {
    clearTimeout(timer);
    const state = readState();
    writeState(state);
    countChosen(state);
    apply(state);
  };
  form.hidden = false;
  restoreState();
  form.addEventListener("change", update);
  form.addEventListener("input", (event) => {
    if (event.target.type !== "search") return;
    asTyped = false;  // a new query is corrected again
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", () => setTimeout(update, 0));
  update();
}
