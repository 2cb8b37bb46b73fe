// 回访台 huifang serve only (never in a built site): reloads the page when a rebuild has
// finished, and shows what a failed rebuild said (the last good site stays served).
// Served from the same origin, so the pages' Content-Security-Policy (script-src 'self',
// connect-src 'self') lets it run and poll.
(function () {
  "use strict";
  var shown = null; // the site version this page was loaded with
  var BANNER = "hf-live-banner";

  function banner(message, failed) {
    var box = document.getElementById(BANNER);
    if (!message) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.id = BANNER;
      box.setAttribute("role", "status");
      box.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;z-index:10;margin:0;max-height:40vh;" +
        "overflow:auto;padding:.6rem 1rem;font-size:.7rem;white-space:pre-wrap;" +
        "color:#fff;box-shadow:0 -2px 6px rgba(0,0,0,.3)";
      document.body.appendChild(box);
    }
    box.style.background = failed ? "#b71c1c" : "#8d6e00";
    box.textContent = message; // text, never markup
  }

  function poll(since) {
    fetch("/__huifang/version?since=" + since, { cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        if (shown === null) shown = state.version;
        if (state.version !== shown) {
          location.reload();
          return;
        }
        banner(state.message, state.failed);
        poll(state.attempt);
      })
      .catch(function () {
        // the preview stopped or restarts: try again in a moment
        setTimeout(function () {
          poll(-1);
        }, 1000);
      });
  }

  poll(-1);
})();
