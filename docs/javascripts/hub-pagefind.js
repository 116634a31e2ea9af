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

// --- Typos and shorthand ------------------------------------------------------------------------------------
// search/terms.json (macros/search_terms.py, written at build time): every word the indexed pages use, with how many
// pages use it, and the editors' synonyms (data/synonyms.yaml). A query's shorthand is replaced by its meaning when
// the pages do not use the shorthand (or it finds fewer than FEW results); a word no page uses, and that does not
// begin one (Pagefind finds a word by its start), by the nearest word pages do use; then the corrected query is
// searched, and the reader is told: "Showing results for …; search instead for …".

const FEW = 3;
const WORD = /[\p{L}\p{N}]+/gu;
let terms = null;

function loadTerms() {
  terms ||= fetch(new URL("../search/terms.json", import.meta.url))
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null)
    .then((data) => {
      const words = (data && data.words) || {};
      return { synonyms: (data && data.synonyms) || [], words, list: Object.keys(words) };
    });
  return terms;
}

const normalise = (text) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Levenshtein distance with adjacent transpositions ("optimal string alignment"), giving up past `limit`.
function distance(a, b, limit) {
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

// The nearest word the pages use, for a word they do not: one edit away for a word of four to six letters, two for
// a longer one; of words equally near, the one more pages use. Shorter words are left alone (too many are near).
function correctWord(word, vocabulary) {
  const typed = word.normalize("NFKC").toLowerCase();
  if (typed.length < 4 || /^\p{N}+$/u.test(typed) || Object.hasOwn(vocabulary.words, typed)) return null;
  if (vocabulary.list.some((known) => known.startsWith(typed))) return null;
  const limit = typed.length >= 7 ? 2 : 1;
  let best = null;
  let bestDistance = limit + 1;
  for (const known of vocabulary.list) {
    if (Math.abs(known.length - typed.length) > limit) continue;
    const d = distance(typed, known, limit);
    if (d < bestDistance || (d === bestDistance && vocabulary.words[known] > vocabulary.words[best])) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

// The query with its shorthand and typos corrected: { query, certain } — certain when it replaced something no page
// uses (so the query as typed found only near misses) — or null when nothing needs correcting.
export function correctQuery(typed, vocabulary, found) {
  const text = typed.replace(/\s+/g, " ").trim();
  const meanings = new Map(vocabulary.synonyms);
  let certain = false;
  let changed = false;
  const fixWords = (part) => part.replace(WORD, (word) => {
    const fixed = correctWord(word, vocabulary);
    if (!fixed) return word;
    certain = changed = true;
    return fixed;
  });
  let corrected = "";
  let last = 0;
  if (meanings.size) {
    const terms = [...meanings.keys()].map(escapeRegExp).join("|");
    for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms})(?![\\p{L}\\p{N}])`, "giu"))) {
      const term = normalise(match[0]);
      const unused = (term.match(WORD) || []).some((word) => !Object.hasOwn(vocabulary.words, word));
      corrected += fixWords(text.slice(last, match.index));
      if (meanings.has(term) && (unused || found < FEW)) {
        corrected += meanings.get(term);
        changed = true;
        certain ||= unused;
      } else {
        corrected += match[0];
      }
      last = match.index + match[0].length;
    }
  }
  corrected += fixWords(text.slice(last));
  return changed && normalise(corrected) !== normalise(text) ? { query: corrected, certain } : null;
}

// A query's results: { typed, query, corrected, results }. `query` is what was searched for: `typed`, or its
// correction; `corrected` says which. With `asTyped` (the reader chose "search instead for …") nothing is corrected.
export async function findResults(typed, options = {}, { asTyped = false } = {}) {
  const pagefind = await loadPagefind();
  const search = await pagefind.search(typed || null, options);
  const asIs = { typed, query: typed, corrected: false, results: search ? search.results : [] };
  if (!typed || asTyped) return asIs;
  const correction = correctQuery(typed, await loadTerms(), asIs.results.length);
  if (!correction) return asIs;
  const again = await pagefind.search(correction.query, options);
  const results = again ? again.results : [];
  const better = correction.certain ? results.length > 0 : results.length > asIs.results.length;
  return better ? { typed, query: correction.query, corrected: true, results } : asIs;
}
