// Runs first, before a page is drawn. After a quick exit in this tab, any Kintsugi page the
// browser shows again by Back, Forward, history or reload leaves at once for the neutral page.
// Coming back on purpose (typing the address, a link, a bookmark) shows Kintsugi again.
(function () {
  "use strict";
  var root = document.documentElement;
  var exitUrl = root.getAttribute("data-exit") || "https://www.bbc.com/weather";
  function exited() {
    try { return sessionStorage.getItem("qe") === "1"; } catch (e) { return false; }
  }
  function leave() {
    root.style.visibility = "hidden";
    window.location.replace(exitUrl);
  }
  var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  var type = entry ? entry.type : "navigate";
  if (exited()) {
    if (type === "back_forward" || type === "reload") {
      leave();
    } else {
      try { sessionStorage.removeItem("qe"); } catch (e) { /* nothing to forget */ }
    }
  }
  // A page kept whole by the browser (its back-forward cache) comes back without loading.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && exited()) leave();
  });
})();
