/* Huifang's register filters (投诉登记表, 客户拜访登记表): a register table
   (table.hf-register) is preceded by a group of <select data-hf-filter="month"> …;
   each row carries the same names as data-month, data-category … . Choosing a
   value shows only the rows whose attribute equals it ("" = any), and the count
   of rows shown is written into the group's output. Values are compared as text:
   nothing of a row is parsed or put into the page as HTML. */
(function () {
  "use strict";

  function apply(form, table) {
    var chosen = [];
    form.querySelectorAll("select[data-hf-filter]").forEach(function (select) {
      if (select.value) chosen.push([select.getAttribute("data-hf-filter"), select.value]);
    });
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var keep = chosen.every(function (pair) {
        return row.getAttribute("data-" + pair[0]) === pair[1];
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    var count = form.querySelector("output");
    if (count) count.textContent = "显示 " + shown + " 条，共 " + table.tBodies[0].rows.length + " 条";
  }

  function start() {
    document.querySelectorAll("div.hf-register-filters").forEach(function (form) {
      var table = document.getElementById(form.getAttribute("data-hf-table"));
      if (!table || !table.tBodies.length) return;
      form.addEventListener("change", function () { apply(form, table); });
      var clear = form.querySelector("button[data-hf-clear]");
      if (clear) clear.addEventListener("click", function () {
        form.querySelectorAll("select[data-hf-filter]").forEach(function (s) { s.value = ""; });
        apply(form, table);
      });
      form.hidden = false;  // without this script the filters do nothing: they stay hidden
      apply(form, table);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
