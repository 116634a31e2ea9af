// Pagefind's chunked index, loaded once on first use and shared by the header search box (hub-search-box.js) and the
// search page (hub-search.js). Nothing is fetched from another host: the index is part of the site.

let pagefind = null;

export async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
    await pagefind.options({ baseUrl: new URL("../", import.meta.url).pathname, excerptLength: 24 });
    pagefind.init();
  }
  return pagefind;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// The search page's address, from the header's search form (partials/hub-header-search.html): the one place the site
// says where search lives, whatever the depth of the page.
export function searchPageUrl(query, extra = {}) {
  const form = document.querySelector("form.hub-header-search");
  const url = new URL(form ? form.action : new URL("../search/", import.meta.url));
  url.search = new URLSearchParams({ q: query, ...extra }).toString();
  return url.href;
}

// A query's results: { typed, query, corrected, results }. `query` is what was searched for, which
// hub-terms.js may correct from `typed` (a typo, a shorthand); `corrected` says so.
export async function findResults(typed, options = {}, { asTyped = false } = {}) {
  const search = await (await loadPagefind()).search(typed || null, options);
  return { typed, query: typed, corrected: false, results: search ? search.results : [] };
}
