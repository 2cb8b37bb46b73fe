/* Printing opens every folded section (<details>: older timeline entries, next week's plans,
   a complaint's changes), since CSS cannot, and closes again after printing those it opened,
   so the page on screen is as the reader left it (print.css lays the page out). */
(function () {
  "use strict";

  var opened = [];

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });

  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
