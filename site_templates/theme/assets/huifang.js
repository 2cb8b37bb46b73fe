/* Huifang's small page script: search box, sortable and filterable tables,
   and items that have become due since the site was built. No requests to
   other hosts; everything it loads comes from this site. */
(function () {
  "use strict";

  function mountSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || typeof PagefindUI === "undefined") return;
    var box = document.createElement("div");
    box.className = "hf-search";
    box.id = "hf-search";
    header.insertBefore(box, header.querySelector(".md-header__source"));
    withShards(function (mergeIndex) {
      new PagefindUI({
        element: "#hf-search",
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        translations: { placeholder: "搜索客户、投诉、回访记录", zero_results: "没有找到“[SEARCH_TERM]”" },
        processTerm: searchTerms,
        mergeIndex: mergeIndex,
      });
      var input = box.querySelector(".pagefind-ui__search-input");
      // Pagefind names its box by title only, which screen readers may skip: a real name
      if (input) input.setAttribute("aria-label", "搜索客户、投诉、回访记录");
      var bundles = [new URL("pagefind/", siteBase()).href].concat(
        mergeIndex.map(function (shard) { return shard.bundlePath; }));
      if (input) showOwnPages(box, input, bundles);
      foldFiltersOnPhones(box);
    });
  }

  /* A big site's index is in shards (generator/site/shards.py): pagefind/ is the main one,
     pagefind/shards.json lists the others, merged into every search (Pagefind's mergeIndex). */
  function withShards(mount) {
    var list = new URL("pagefind/shards.json", siteBase());
    fetch(list).then(function (response) { return response.ok ? response.json() : { bundles: [] }; })
      .catch(function () { return { bundles: [] }; })
      .then(function (shards) {
        mount((shards.bundles || []).map(function (folder) {
          return { bundlePath: new URL(folder, list).href };
        }));
      });
  }

  /* What Pagefind searches for a typed query: the index holds, at each Chinese character,
     the character with the unit after it (generator/site/search_words.py), so each word
     of the query becomes those pairs, all of which a page must hold: 满意度 → 满意 意度.
     A run of other characters (an id, a number) stays whole and matches the beginnings
     of indexed ids and numbers. Pagefind normalises the result again, the same way. */
  var HAN = "\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var UNIT = new RegExp("[" + HAN + "]|[^" + HAN + "]+", "gu");
  var HAN_ONE = new RegExp("^[" + HAN + "]$", "u");
  var WINDOW = 12;

  function searchTerms(query) {
    return queryKey(query).split(" ").filter(Boolean).map(function (word) {
      var units = (word.match(UNIT) || []).map(function (unit) {
        return HAN_ONE.test(unit) ? unit : Array.from(unit).slice(0, WINDOW).join("");
      });  // a run of letters or digits as far as the index holds it (search_words.WINDOW)
      if (units.length < 2) return units.join("");
      var pairs = [];
      for (var i = 0; i + 1 < units.length; i++) pairs.push(units[i] + units[i + 1]);
      return pairs.join(" ");
    }).join(" ");
  }
  window.huifangSearchTerms = searchTerms; // the browser tests search as the box does

  /* The own-page lookup (generator/site/own_pages.py): a query that is a record's id or
     full name shows its page as a 直达 line above Pagefind's results. The key and the
     bucket are computed exactly as the build computes them. */
  var OWN_BUCKETS = 64;
  var DROPPED = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}\u200b<>`]/gu;  // as own_pages.typed

  function queryKey(text) {  // as own_pages.typed: full-width forms folded (NFKC) first
    return text.normalize("NFKC").replace(DROPPED, "").toLowerCase()
      .split(/\s+/).filter(Boolean).join(" ");
  }

  function bucketOf(key) {
    var value = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      value ^= key.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % OWN_BUCKETS;
  }

  function siteBase() {
    var script = document.querySelector('script[src*="pagefind/pagefind-ui.js"]');
    return new URL(script.getAttribute("src").replace(/pagefind\/pagefind-ui\.js.*$/, ""), document.baseURI);  // the 404 page sets a <base>
  }

  function showOwnPages(box, input, bundles) {
    var base = siteBase();
    var buckets = {};
    var line = document.createElement("nav");
    line.className = "hf-own";
    line.setAttribute("aria-label", "直达");
    line.hidden = true;
    var asked = 0;
    function fetchBucket(number) {  // from every bundle of the index: each lists its pages
      var name = (number < 16 ? "0" : "") + number.toString(16);
      if (!buckets[name]) {
        buckets[name] = Promise.all(bundles.map(function (bundle) {
          return fetch(new URL("own/" + name + ".json", bundle))
            .then(function (r) { return r.ok ? r.json() : {}; })
            .catch(function () { return {}; });
        })).then(function (tables) {
          var merged = {};
          tables.forEach(function (table) {
            Object.keys(table).forEach(function (key) {
              merged[key] = (merged[key] || []).concat(table[key]);
            });
          });
          return merged;
        });
      }
      return buckets[name];
    }
    function place() {
      var drawer = box.querySelector(".pagefind-ui__drawer");
      if (drawer && drawer.firstChild !== line) drawer.insertBefore(line, drawer.firstChild);
    }
    function update() {
      var key = queryKey(input.value);
      var mine = ++asked;
      if (!key) { line.hidden = true; return; }
      fetchBucket(bucketOf(key)).then(function (table) {
        if (mine !== asked) return;
        var pages = table[key] || [];
        line.textContent = "";
        pages.forEach(function (entry) {
          var link = document.createElement("a");
          link.className = "hf-own__link";
          link.href = new URL(entry[0].replace(/^\//, ""), base).href;
          link.textContent = "直达 " + entry[1];
          line.appendChild(link);
        });
        line.hidden = pages.length === 0;
        place();
      });
    }
    input.addEventListener("input", update);
    new MutationObserver(place).observe(box, { childList: true, subtree: true });
  }

  /* On a phone the filter panel took most of the drop-down: there it starts folded
     behind a 筛选 button. */
  function foldFiltersOnPhones(box) {
    if (!window.matchMedia("(max-width: 40em)").matches) return;
    box.classList.add("hf-filters-folded");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hf-filters-toggle";
    button.textContent = "筛选";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var folded = box.classList.toggle("hf-filters-folded");
      button.setAttribute("aria-expanded", String(!folded));
    });
    function place() {
      var drawer = box.querySelector(".pagefind-ui__drawer");
      var panel = box.querySelector(".pagefind-ui__filter-panel");
      if (drawer && panel && button.nextSibling !== panel) panel.parentNode.insertBefore(button, panel);
    }
    new MutationObserver(place).observe(box, { childList: true, subtree: true });
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
  }

  /* Each header of a sortable table holds a button (reached by Tab, pressed by Enter or
     Space like any button); the header's aria-sort says how the rows are sorted now. */
  function makeSortable(table) {
    var compare = new Intl.Collator("zh", { numeric: true }).compare;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hf-sort";
      button.title = "按此列排序";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(cellValue(a, index), cellValue(b, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    var input = document.createElement("input");
    input.type = "search";
    input.className = "hf-filter";
    input.placeholder = "筛选（任意列包含的文字）";
    input.setAttribute("aria-label", "筛选表格");
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
    table.parentNode.insertBefore(input, table);
  }

  function localToday() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* Rows carry their deadline day; if the viewer's today is past it and the
     build did not already call it overdue, mark it so nobody is misled by a stale page. */
  function markDueSinceBuild() {
    var today = localToday();
    document.querySelectorAll("tr[data-deadline]").forEach(function (row) {
      var day = row.getAttribute("data-deadline").slice(0, 10);
      if (day < today && !row.classList.contains("hf-overdue")) row.classList.add("hf-now-overdue");
    });
  }

  /* Our tables scroll inside themselves when wider than the page (huifang.css): one that
     does is focusable, so it can be scrolled from the keyboard, and named by its caption
     or the heading above it. Checked again when the window is resized (a phone turned). */
  function focusableWhenScrolling(table) {
    var scrolls = table.scrollWidth > table.clientWidth + 1 || table.scrollHeight > table.clientHeight + 1;
    var ours = table.hasAttribute("data-hf-focus");  // made focusable here, not by the page
    if (scrolls && !ours && !table.hasAttribute("tabindex")) {
      table.tabIndex = 0;
      table.setAttribute("data-hf-focus", table.caption || table.hasAttribute("aria-label") ? "" : "named");
      if (table.getAttribute("data-hf-focus") === "named") {
        var heading = precedingHeading(table);
        table.setAttribute("aria-label", (heading ? heading + "：" : "") + "表格（可滚动）");
      }
    } else if (!scrolls && ours) {
      table.removeAttribute("tabindex");
      if (table.getAttribute("data-hf-focus") === "named") table.removeAttribute("aria-label");
      table.removeAttribute("data-hf-focus");
    }
  }

  function precedingHeading(element) {
    for (var node = element; node && !node.classList.contains("md-content"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.trim();
      }
    }
    return "";
  }

  function watchScrollingTables() {
    var tables = document.querySelectorAll(".md-typeset table[class]");
    var check = function () { tables.forEach(focusableWhenScrolling); };
    check();
    var pending = 0;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(check, 150);
    });
  }

  function start() {
    mountSearch();
    document.querySelectorAll("table.hf-sortable").forEach(makeSortable);
    watchScrollingTables();
    markDueSinceBuild();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
