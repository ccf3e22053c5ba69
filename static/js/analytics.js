// Draws the skills analytics chart from the same filters' JSON (data-chart-src), with Chart.js
// from the platform's own static files. The page's table holds the same figures, so the chart
// adds a picture and takes nothing away when script or the request fails.
(function () {
  "use strict";

  var canvas = document.getElementById("gap-chart");
  if (!canvas || typeof window.Chart === "undefined") return;
  var styles = getComputedStyle(document.documentElement);
  function colour(name, fallback) {
    return styles.getPropertyValue(name).trim() || fallback;
  }

  fetch(canvas.getAttribute("data-chart-src"), {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  })
    .then(function (answer) {
      if (!answer.ok) throw new Error(String(answer.status));
      return answer.json();
    })
    .then(function (data) {
      // A bar pair per skill: the box grows with the rows, so bars keep their thickness.
      var box = canvas.closest("[data-chart-box]");
      if (box) box.style.height = String(4 + data.rows.length * 2.6) + "rem";
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.rows.map(function (row) { return row.name; }),
          datasets: [
            {
              label: data.labels.openings,
              data: data.rows.map(function (row) { return row.openings; }),
              backgroundColor: colour("--c-primary", "#1d4ed8"),
            },
            {
              label: data.labels.qualified,
              data: data.rows.map(function (row) { return row.qualified; }),
              backgroundColor: colour("--c-success", "#15803d"),
            },
          ],
        },
        options: {
          indexAxis: "y",
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: "bottom" } },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
      canvas.setAttribute("data-chart-drawn", String(data.rows.length));
    })
    .catch(function () {
      canvas.setAttribute("data-chart-drawn", "failed");
    });
})();
