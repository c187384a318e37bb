// Draws the dashboard's charts with the vendored Chart.js. The data comes from the page
// (JSON in the canvas' data-chart-data: an attribute, not a <script> block, because htmx
// drops script blocks when it swaps the figures in again); every chart has a text summary and a
// table next to it, so nothing is lost without JavaScript.
//
// Chart.js itself (200 KB, named by this script's data-chartjs) is fetched only when a chart
// is about to scroll into view: a page without a chart, or a phone that never scrolls down to
// them, never downloads it.
(function () {
  "use strict";
  var library = document.currentScript && document.currentScript.dataset.chartjs;
  if (!library) return;
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var colours = ["#0d6efd", "#198754", "#6f42c1"];

  function read(canvas) {
    return canvas.dataset.chartData ? JSON.parse(canvas.dataset.chartData) : null;
  }

  function kinds(canvas, data) {
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set, i) {
          return { label: set.label, data: set.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        animation: still ? false : undefined,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
      }
    });
  }

  function trend(canvas, data) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.hours.label, data: data.hours.data, yAxisID: "hours", borderColor: colours[1], backgroundColor: colours[1] },
          { label: data.cost.label, data: data.cost.data, yAxisID: "money", borderColor: colours[2], backgroundColor: colours[2] },
          { label: data.value.label, data: data.value.data, yAxisID: "money", borderColor: colours[0], backgroundColor: colours[0] }
        ]
      },
      options: {
        animation: still ? false : undefined,
        maintainAspectRatio: false,
        scales: {
          hours: { position: "left", beginAtZero: true },
          money: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  var draw = { kinds: kinds, trend: trend };
  function drawIn(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (Chart.getChart(canvas)) return; // drawn already
      var data = read(canvas);
      var make = draw[canvas.dataset.chart];
      if (data && make) make(canvas, data);
    });
  }

  var loading = false;
  var loaded = false;
  function load() {
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = library;
    script.onload = function () {
      if (typeof Chart === "undefined") return;
      loaded = true;
      drawIn(document);
    };
    document.head.appendChild(script);
  }

  // Charts in `root` are drawn once Chart.js is here; it is fetched when one nears the screen.
  function watch(root) {
    var canvases = root.querySelectorAll("canvas[data-chart]");
    if (!canvases.length) return;
    if (loaded) { drawIn(root); return; }
    if (!("IntersectionObserver" in window)) { load(); return; }
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        watcher.disconnect();
        load();
      }
    }, { rootMargin: "300px 0px" });
    canvases.forEach(function (canvas) { watcher.observe(canvas); });
  }
  watch(document);
  // The figures come again after a quick capture (htmx swaps the region in): draw its charts.
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target.querySelectorAll) watch(event.target);
  });
})();
