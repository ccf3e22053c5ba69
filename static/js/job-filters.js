// The job search's filters (a <details>): folded on phones so the first results show; unfolded
// beside the results on wide screens when a filter is in use. The summary counts the filters in
// use as they change (the results are swapped by htmx, the form stays).
(function () {
  "use strict";

  var details = document.querySelector("[data-filters]");
  if (!details) return;
  var summary = details.querySelector("summary");
  var wide = window.matchMedia("(min-width: 56.01rem)");

  function activeCount() {
    var count = 0;
    details.querySelectorAll("input, select").forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) count += 1;
      } else if (field.value) {
        count += 1;
      }
    });
    return count;
  }

  function relabel() {
    var count = activeCount();
    summary.textContent = count
      ? summary.getAttribute("data-label-some").replace("__n__", String(count))
      : summary.getAttribute("data-label-none");
  }

  if (wide.matches && parseInt(details.getAttribute("data-filters-active"), 10) > 0) {
    details.open = true;
  }
  details.addEventListener("change", relabel);
})();
