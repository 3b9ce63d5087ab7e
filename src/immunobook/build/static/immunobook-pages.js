// The book's page script (immunobook.build.pages), on every page:
// * glossary definitions on links to glossary terms: shown on hover, on keyboard focus and on a
//   first tap (a second tap follows the link); Escape hides them; screen readers get each one as
//   the link's description;
// * code blocks too wide for the screen can be scrolled with the keyboard (they take focus);
// * data-table regions that share a label get the nearest heading added to it;
// * search results: the bibliography ranks last, no chapter's snippet comes from its reference list,
//   and each glossary term is one result under its own name (not one more "Glossary");
// * on the search page, opened from disk (file://): a note that result snippets need the online book.
(() => {
  "use strict";

  // --- glossary definitions -------------------------------------------------------------------
  function glossaryTips() {
    const links = [...document.querySelectorAll('a[href*="#term-"][title]')];
    if (!links.length) return;
    const store = document.createElement("div");
    store.hidden = true;
    store.className = "immunobook-term-definitions";
    const tip = document.createElement("div");
    tip.className = "immunobook-term-tip";
    tip.setAttribute("aria-hidden", "true"); // the definition reaches screen readers as the link's description
    tip.hidden = true;
    document.body.append(store, tip);
    const ids = new Map();
    let shownFor = null, hideTimer = null, touched = false;

    for (const link of links) {
      const definition = link.getAttribute("title");
      link.removeAttribute("title"); // no second, native tooltip
      link.dataset.definition = definition;
      const anchor = link.getAttribute("href").split("#")[1];
      if (!ids.has(anchor)) {
        const span = document.createElement("span");
        span.id = `immunobook-definition-${ids.size}`;
        span.textContent = definition;
        store.append(span);
        ids.set(anchor, span.id);
      }
      link.setAttribute("aria-describedby", ids.get(anchor));
      link.classList.add("immunobook-term-link");
    }

    function show(link, byTouch) {
      clearTimeout(hideTimer);
      shownFor = link;
      tip.textContent = link.dataset.definition;
      if (byTouch) {
        const hint = document.createElement("span");
        hint.className = "immunobook-term-tip__hint";
        hint.textContent = "Tap the term again to open the glossary.";
        tip.append(hint);
      }
      tip.hidden = false;
      const box = link.getBoundingClientRect();
      const width = tip.offsetWidth, height = tip.offsetHeight;
      const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
      const below = box.bottom + 6 + height < window.innerHeight || box.top < height + 12;
      tip.style.left = `${left + window.scrollX}px`;
      tip.style.top = `${(below ? box.bottom + 6 : box.top - height - 6) + window.scrollY}px`;
    }
    function hide() {
      tip.hidden = true;
      shownFor = null;
    }
    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 200);
    }

    document.addEventListener("pointerdown", (event) => {
      touched = event.pointerType === "touch" || event.pointerType === "pen";
      if (!event.target.closest(".immunobook-term-link, .immunobook-term-tip")) hide();
    }, true);
    for (const link of links) {
      link.addEventListener("mouseenter", () => { if (!touched) show(link, false); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("focus", () => { if (!touched) show(link, false); });
      link.addEventListener("blur", hideSoon);
      link.addEventListener("click", (event) => {
        if (touched && shownFor !== link) { // first tap: show the definition, stay on the page
          event.preventDefault();
          show(link, true);
        }
      });
    }
    tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    tip.addEventListener("mouseleave", hideSoon);
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
    window.addEventListener("resize", hide);
  }

  // --- wide code blocks take keyboard focus ------------------------------------------------------
  function focusableScrollers() {
    for (const pre of document.querySelectorAll(".bd-article pre, .bd-article .output")) {
      const scrolls = pre.scrollWidth > pre.clientWidth + 1 || pre.scrollHeight > pre.clientHeight + 1;
      if (scrolls && (!pre.hasAttribute("tabindex") || pre.getAttribute("tabindex") === "-1")) {
        pre.setAttribute("tabindex", "0");
        pre.dataset.immunobookFocusable = "";
      } else if (!scrolls && pre.dataset.immunobookFocusable !== undefined) {
        pre.removeAttribute("tabindex");
        delete pre.dataset.immunobookFocusable;
      }
    }
  }

  // --- table regions with one label each ---------------------------------------------------------
  function uniqueRegionLabels() {
    const regions = [...document.querySelectorAll('.table-wrapper[role="region"][aria-label]')];
    const count = new Map();
    for (const region of regions) {
      const label = region.getAttribute("aria-label");
      count.set(label, (count.get(label) || 0) + 1);
    }
    const used = new Set();
    for (const region of regions) {
      let label = region.getAttribute("aria-label");
      if (count.get(label) < 2) continue;
      const section = region.closest("section");
      const heading = section && section.querySelector("h1, h2, h3, h4");
      if (heading) label = `${label}: ${heading.textContent.replace(/#$/, "").trim()}`;
      let unique = label, n = 2;
      while (used.has(unique)) unique = `${label} (${n++})`;
      used.add(unique);
      region.setAttribute("aria-label", unique);
    }
  }

  // --- search page opened from disk ---------------------------------------------------------------
  function offlineSearchNote() {
    if (location.protocol !== "file:") return;
    const results = document.getElementById("search-results");
    if (!results) return;
    const note = document.createElement("p");
    note.className = "immunobook-search-note";
    note.textContent = "You opened the book from your disk, so the results show page titles only: "
      + "your browser does not let a page read other files from disk, which the text snippets need. "
      + "The online book shows a snippet of each page.";
    results.before(note);
  }

  // --- search results: the bibliography last, reference lists out of the snippets, one "Glossary" -
  const BIBLIOGRAPHY_DOC = "book/references", GLOSSARY_DOC = "book/glossary";
  // reference lists in the chapters ({footbibliography}, "References" sections), and page furniture
  const NOT_IN_SNIPPETS = ".footnote-list, aside.footnote, section section#references, .citation-list, div.citation";
  const FURNITURE = ".bd-header-article, #print-main-content, .prev-next-footer, #searchbox, .d-print-none";
  function tuneSearch() {
    if (typeof Search === "undefined" || typeof Scorer === "undefined" || Search.immunobookTuned) return;
    Search.immunobookTuned = true;
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(FURNITURE).forEach((element) => element.remove());
      const main = doc.querySelector('[role="main"]');
      const isBibliography = main && !main.querySelector("section section#references")
        && main.querySelector(".citation-list, div.citation");
      if (!isBibliography) doc.querySelectorAll(NOT_IN_SNIPPETS).forEach((element) => element.remove());
      return htmlToText(doc.documentElement.outerHTML, anchor);
    };
    const score = Scorer.score;
    Scorer.score = (result) => {
      const value = score ? score(result) : result[4];
      return result[0] === BIBLIOGRAPHY_DOC ? value - 1000 : value; // the bibliography ranks last
    };
    // A glossary term is found as an index entry titled "Glossary", next to the glossary page itself:
    // show each term under its own name, and the whole page only when no term matched.
    const perform = Search._performSearch;
    Search._performSearch = (...args) => {
      const results = perform(...args) || [];
      const names = new Map();
      for (const [entry, found] of Object.entries(Search._index.indexentries || {})) {
        for (const [, id] of found) if (id) names.set(`#${id}`, entry);
      }
      const terms = results.filter((r) => r[0] === GLOSSARY_DOC && String(r[2]).startsWith("#term-"));
      const seen = new Set(); // the results run from the lowest score up: keep each one's best
      return results.reverse().filter((result) => {
        if (result[0] === GLOSSARY_DOC && !result[2] && terms.length) return false;
        const key = `${result[0]}${result[2] || ""}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }).reverse().map((result) => {
        if (result[0] !== GLOSSARY_DOC || !String(result[2]).startsWith("#term-")) return result;
        const name = names.get(result[2]) || result[2].slice(6).replace(/-/g, " ");
        const copy = result.slice();
        copy[1] = `${name.charAt(0).toUpperCase()}${name.slice(1)} (glossary term)`;
        return copy;
      });
    };
  }
  tuneSearch(); // before the search runs, if searchtools.js is already here

  function start() {
    tuneSearch();
    glossaryTips();
    focusableScrollers();
    uniqueRegionLabels();
    offlineSearchNote();
    let timer = null;
    window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(focusableScrollers, 200); });
    document.addEventListener("toggle", () => focusableScrollers(), true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
