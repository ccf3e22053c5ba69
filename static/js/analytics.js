// Draws the analytics charts from their JSON (each canvas's data-chart-src: the same filters as
// the page), with Chart.js from the platform's own static files: {kind: "bar" | "line",
// horizontal, stacked, labels, series: [{name, values, tone?}]} (tone: "success" or "muted"
// for a series whose meaning has a colour; by position otherwise). The page's table holds the same
// figures, so a chart adds a picture and takes nothing away when script or the request fails.
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") return;
  var styles = getComputedStyle(document.documentElement);
  var colours = [
    styles.getPropertyValue("--c-primary").trim() || "#1f4fa3",
    styles.getPropertyValue("--c-success").trim() || "#15803d",
    "#b45309", // amber and violet: each at least 3:1 against white, apart from the two above
    "#6d28d9",
  ];
  var tones = {
    success: styles.getPropertyValue("--c-success").trim() || "#0b6b3c",
    muted: styles.getPropertyValue("--c-muted").trim() || "#505c6d",
  };

  function draw(canvas, data) {
    // Horizontal bars: the box grows with the rows, so bars keep their thickness.
    var box = canvas.closest("[data-chart-box]");
    if (box && data.horizontal) box.style.height = String(4 + data.labels.length * 2.6) + "rem";
    new window.Chart(canvas, {
      type: data.kind,
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          var colour = tones[series.tone] || colours[index % colours.length];
          return {
            label: series.name,
            data: series.values,
            backgroundColor: colour,
            borderColor: colour,
            spanGaps: false,
          };
        }),
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: {
          x: { beginAtZero: true, stacked: !!data.stacked, ticks: { precision: 0 } },
          y: { beginAtZero: true, stacked: !!data.stacked, ticks: { precision: 0 } },
        },
      },
    });
    canvas.setAttribute("data-chart-drawn", String(data.labels.length));
  }

  document.querySelectorAll("canvas[data-chart-src]").forEach(function (canvas) {
    fetch(canvas.getAttribute("data-chart-src"), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (answer) {
        if (!answer.ok) throw new Error(String(answer.status));
        return answer.json();
      })
      .then(function (data) { draw(canvas, data); })
      .catch(function () { canvas.setAttribute("data-chart-drawn", "failed"); });
  });
})();
