// newsdesk: small enhancements only; every page works without this file.
// 1. Relative times ("2 minutes ago") refresh every 30 s without a reload.
// 2. On article pages, j/→ opens the older article and k/← the newer one.
(function () {
  "use strict";
  var UNITS = [["year", 365 * 86400], ["month", 30 * 86400], ["week", 7 * 86400], ["day", 86400],
               ["hour", 3600], ["minute", 60]];

  function relative(date, now) {
    var seconds = (now - date) / 1000;
    var ahead = seconds < 0;
    seconds = Math.abs(seconds);
    for (var i = 0; i < UNITS.length; i++) {
      if (seconds >= UNITS[i][1]) {
        var n = Math.floor(seconds / UNITS[i][1]);
        var phrase = n + " " + UNITS[i][0] + (n === 1 ? "" : "s");
        return ahead ? "in " + phrase : phrase + " ago";
      }
    }
    return "just now";
  }

  function refreshTimes() {
    var now = Date.now();
    var nodes = document.querySelectorAll("time[data-relative]");
    for (var i = 0; i < nodes.length; i++) {
      var when = Date.parse(nodes[i].getAttribute("datetime"));
      if (!isNaN(when)) {
        var text = relative(when, now);
        if (nodes[i].textContent !== text) { nodes[i].textContent = text; }
      }
    }
  }

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var id = null;
    if (event.key === "j" || event.key === "ArrowRight") { id = "nav-older"; }
    if (event.key === "k" || event.key === "ArrowLeft") { id = "nav-newer"; }
    var link = id && document.getElementById(id);
    if (link) { event.preventDefault(); window.location.href = link.href; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    refreshTimes();
    window.setInterval(refreshTimes, 30000);
    if (document.getElementById("nav-older") || document.getElementById("nav-newer")) {
      document.addEventListener("keydown", onKey);
    }
  });
})();
