// Partner Platform dashboard: confirmations, live updates of running executions, review deadlines.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // A running execution's detail polls its live fragment until the run closes.
  function poll() {
    var live = document.getElementById("live");
    if (!live || live.getAttribute("data-running") !== "true") {
      return;
    }
    window.setTimeout(function () {
      fetch(live.getAttribute("data-live-url"), { headers: { "Accept": "text/html" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html) {
            var fresh = document.createElement("div");
            fresh.innerHTML = html;
            var replacement = fresh.querySelector("#live");
            if (replacement) {
              live.replaceWith(replacement);
              // Signal, cancel and terminate only apply to a running execution.
              var actions = document.getElementById("actions");
              if (actions && replacement.getAttribute("data-running") !== "true") {
                actions.remove();
              }
            }
          }
          poll();
        })
        .catch(function () { poll(); });
    }, 2000);
  }

  function countdowns() {
    var now = Date.now();
    document.querySelectorAll("[data-deadline]").forEach(function (element) {
      var left = Date.parse(element.getAttribute("data-deadline")) - now;
      if (isNaN(left)) {
        return;
      }
      var abs = Math.abs(left);
      var text = Math.floor(abs / 3600000) + " h " + Math.floor(abs % 3600000 / 60000) + " min";
      element.textContent = left >= 0 ? text + " left" : "overdue by " + text;
      element.classList.toggle("late", left < 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    poll();
    countdowns();
    window.setInterval(countdowns, 30000);
  });
})();
