/* Pages to act from: a banner when the page is older than today, due items' states as of
   today, and the due lists filtered to one state by the address's #fragment (the home
   page's cards link to due/index.html#overdue, #due_today, #due_soon). Without the script
   the whole list shows. No requests. */
(function () {
  "use strict";

  var TEAM_ZONE = "Asia/Shanghai";  // record times are China time (model/records.py LOCAL_TZ)
  var STATES = ["overdue", "due_today", "due_soon"];  // the states a card filters to

  /* Today's day in the team's time zone, as YYYY-MM-DD (en-CA formats dates that way). */
  function teamToday() {
    return new Intl.DateTimeFormat("en-CA", { timeZone: TEAM_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(new Date());
  }

  function daysBetween(earlier, later) {
    var toUtc = function (day) { var p = day.split("-"); return Date.UTC(+p[0], p[1] - 1, +p[2]); };
    return Math.round((toUtc(later) - toUtc(earlier)) / 86400000);
  }

  /* The as-of day every generated page states (the `as_of` macro in _macros.j2). */
  function asOfDay() {
    var time = document.querySelector(".hf-as-of time[datetime]");
    var day = time ? time.getAttribute("datetime") : "";
    return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : "";
  }

  function showStaleBanner(asOf, today) {
    var days = daysBetween(asOf, today);
    if (days <= 0) return;
    var article = document.querySelector(".md-content__inner") || document.body;
    var banner = document.createElement("p");
    banner.className = "hf-stale";
    banner.setAttribute("role", "status");
    banner.textContent = "本页数据截至 " + asOf + "，已过 " + days + " 天（今天 " + today +
      "）。页上的计数、“还剩”的时间按截至日计算；待访事项的状态已按今天重新标出。";
    article.insertBefore(banner, article.firstChild);
  }

  /* An item's state as of today: a deadline day before today is overdue, today's is due
     today; otherwise the state the build gave it. */
  function stateNow(element, today) {
    var day = (element.getAttribute("data-deadline") || "").slice(0, 10);
    var built = element.getAttribute("data-state");
    if (built === "overdue" || !day) return built;
    if (day < today) return "overdue";
    if (day === today) return "due_today";
    return built;
  }

  function recomputeStates(today) {
    document.querySelectorAll("[data-deadline][data-state]").forEach(function (element) {
      var now = stateNow(element, today);
      element.setAttribute("data-state-now", now);
      if (now !== element.getAttribute("data-state")) element.classList.add("hf-now-" + now.replace("_", "-"));
    });
  }

  /* #overdue etc.: only the items in that state now (rows of the table and of the cards). */
  function applyFilter() {
    var wanted = location.hash.slice(1);
    if (STATES.indexOf(wanted) < 0) wanted = "";
    var note = document.querySelector(".hf-due-filter");
    var label = "";
    document.querySelectorAll("tr[data-state-now], li[data-state-now]").forEach(function (item) {
      var match = item.getAttribute("data-state-now") === wanted;
      item.hidden = Boolean(wanted) && !match;
      if (match && !label && item.tagName === "TR") label = item.cells[0].textContent.trim();
    });
    document.querySelectorAll(".hf-due-card").forEach(function (card) {
      card.hidden = Boolean(wanted) && !card.querySelector("li:not([hidden])");
    });
    if (note) {
      note.hidden = !wanted;
      note.querySelector("strong").textContent = label || "（没有这类事项）";
    }
  }

  /* "在手机日历中订阅": a webcal: address of the calendar beside the page, which a phone
     opens as a subscription (it fetches the same file over the web, and again later).
     Made here because only the browser knows the site's address; without the script the
     link downloads the .ics file. */
  function subscriptionLinks() {
    document.querySelectorAll("a.hf-webcal").forEach(function (link) {
      var address = new URL(link.getAttribute("href"), document.baseURI).href;
      if (/^https?:/.test(address)) link.href = address.replace(/^https?:/, "webcal:");
    });
  }

  function start() {
    subscriptionLinks();
    var today = teamToday();
    var asOf = asOfDay();
    if (asOf) showStaleBanner(asOf, today);
    recomputeStates(today);
    if (document.querySelector(".hf-due-cards")) {
      applyFilter();
      window.addEventListener("hashchange", applyFilter);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
