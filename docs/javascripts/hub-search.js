// Search and filters for the search page and the case-study index (macros/site/html/forms.py renders the form).
// Progressive enhancement: without this script the index's pages still list every case study.
// Filter state lives in the URL query, so a filtered view can be linked and shared.

import { escapeHtml, findResults } from "./hub-pagefind.js";

const form = document.querySelector("form[data-hub-filters]");
const status = document.getElementById("hub-status");
const PAGE_SIZE = 10;
const SORT_ORDER = { newest: "desc", added: "desc", "saving-total": "desc", "saving-a-year": "desc", "saving-one-off": "desc", title: "asc" };
// "Largest saving" sorts (macros/facets.py SAVING_SORTS): each shows on every result the amount it sorted by.
const isSavingSort = (order) => order && order.startsWith("saving");
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
  return { councils, wanted, values: councils.map((key) => `${key}=${state[key]}|${wanted}`), absent: savings === "no" };
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

// --- The case-study index: its pages list every case study, the newest figures first; a filter or another sort ---
// lists them from the index's data (macros/site/case_study_index.py), fetched the first time one is chosen.

function setUpIndex() {
  const list = document.getElementById("hub-case-list");
  if (!list) return () => {};
  const pageItems = [...list.children];
  const hiddenWhenListing = [...document.querySelectorAll(".hub-pagination, #hub-index-count")];
  const filterKeys = controls().map((el) => el.name).filter((name) => name !== "sort");
  let data = null;
  let latest = 0;

  function load() {
    data ||= fetch(list.dataset.source).then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    });
    return data;
  }

  return async function apply(state) {
    const run = ++latest;
    const order = state.sort || "newest";
    const listing = filterKeys.some((key) => state[key]) || order !== "newest";
    if (!listing) {  // the page as built: its own case studies, and the links to the other pages
      list.replaceChildren(...pageItems);
      for (const el of hiddenWhenListing) el.hidden = false;
      const total = Number(list.dataset.total);
      announce(pageItems.length === total ? `All ${total} case studies shown.` :
        `Case studies 1 to ${pageItems.length} of ${total} shown, the newest figures first; the other pages are ` +
        "linked below the list.");
      return;
    }
    let index;
    try {
      index = await load();
    } catch (error) {
      data = null;
      announce("The case studies could not be loaded to filter them; the pages of the index still list them all, " +
        "the newest figures first.");
      return;
    }
    if (run !== latest) return;  // a newer choice has started
    const shown = index.items.map((item, position) => ({ item, position }))
      .filter(({ item }) => matches(index, item, state, filterKeys));
    shown.sort((a, b) => compareItems(a, b, order));
    list.replaceChildren(...shown.map(({ item }) => renderItem(index, item, order)));
    for (const el of hiddenWhenListing) el.hidden = true;
    const total = index.items.length;
    const count = shown.length === total ? `All ${total} case studies shown.` :
      `${shown.length} of ${total} case studies shown.`;
    announce(count + describeFilters());
  };
}

// Authority type, region and sub-region are those of the councils a case study names; an area-wide case study
// covers its area and every area in it; with a council filter, the savings filter looks at whom each saving is
// credited to (`credit`: [councils, or null for every council named; the savings values they give]).
const COUNCIL_KEYS = ["type", "region", "subregion"];

function namedCouncils(item) {
  return item.filters.authority || [];
}

function hasValue(index, item, key, value) {
  if (COUNCIL_KEYS.includes(key)) return namedCouncils(item).some((id) => index.councils[id][key] === value);
  if (key === "area") return (item.filters.area || []).some((area) => (index.covers[area] || []).includes(value));
  return (item.filters[key] || []).includes(value);
}

function isCredited(index, item, key, value, wanted) {
  return (item.credit || []).some(([councils, values]) => values.includes(wanted) &&
    (councils || namedCouncils(item)).some((id) => index.councils[id][key] === value));
}

function matches(index, item, state, filterKeys) {
  const credit = creditTerms(state);
  return filterKeys.every((key) => !state[key] || (credit && key === "delivered") || hasValue(index, item, key, state[key])) &&
    (!credit || credit.councils.every((key) => isCredited(index, item, key, state[key], credit.wanted) !== credit.absent));
}

function sortKey(item, order) {
  if (order === "title") return item.title.toLowerCase();
  if (isSavingSort(order)) return Number(item.sort[order] || 0);
  return item.sort[order];  // a day: "newest" the figures were reported, "added" to the hub or last updated
}

function compareItems(a, b, order) {
  const x = sortKey(a.item, order), y = sortKey(b.item, order);
  let result = 0;
  if (isSavingSort(order)) result = y - x;
  else if (order === "title") result = x.localeCompare(y, "en");
  else result = y.localeCompare(x);
  return result || a.position - b.position;
}

function renderItem(index, item, order) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = item.href;
  link.textContent = item.title;
  const facts = document.createElement("small");
  facts.textContent = item.facts;
  if (isSavingSort(order)) {  // what the sort in force ranked it by
    const amount = document.createElement("span");
    amount.className = "hub-sorted-by";
    amount.append(document.createElement("br"), (item.shown || {})[order] || index.unshown[order] || "");
    facts.append(amount);
  }
  li.append(link, document.createElement("br"), item.summary, document.createElement("br"), facts);
  return li;
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
