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
    new PagefindUI({
      element: "#hf-search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: "搜索客户、投诉、回访记录", zero_results: "没有找到“[SEARCH_TERM]”" },
    });
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
  }

  function makeSortable(table) {
    var compare = new Intl.Collator("zh", { numeric: true }).compare;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () {
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

  function start() {
    mountSearch();
    document.querySelectorAll("table.hf-sortable").forEach(makeSortable);
    markDueSinceBuild();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
