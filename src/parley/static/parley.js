// Draws every chart on a page from the JSON in its data block and makes each point a
// link to the events behind it. Runs under a CSP that allows no inline script.
"use strict";
(function () {
  // Plotly renders some HTML in labels; names come from untrusted articles.
  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Only links back into this dashboard are followed.
  function follow(link) {
    if (typeof link === "string" && link.startsWith("/") && !link.startsWith("//")) {
      window.location.assign(link);
    }
  }

  function traceOf(spec, trace) {
    const common = {
      name: esc(trace.name),
      x: trace.x.map(esc),
      y: trace.y,
      customdata: trace.links,
      hovertemplate: "%{x}: %{y} " + esc(trace.name).toLowerCase() + " events<extra></extra>",
    };
    if (spec.kind === "bar") {
      return Object.assign(common, { type: "bar", marker: { color: trace.color } });
    }
    return Object.assign(common, {
      type: "scatter",
      mode: "lines+markers",
      line: { color: trace.color },
      marker: { size: 7 },
    });
  }

  function draw(element) {
    const source = document.getElementById(element.dataset.chart);
    const spec = JSON.parse(source.textContent);
    const traces = spec.traces.map((trace) => traceOf(spec, trace));
    if (spec.alerts && spec.alerts.length) {
      traces.push({
        type: "scatter",
        mode: "markers",
        name: "Alert",
        x: spec.alerts.map((a) => esc(a.x)),
        y: spec.alerts.map((a) => a.y),
        text: spec.alerts.map((a) => esc(a.text)),
        customdata: spec.alerts.map((a) => a.link),
        hovertemplate: "%{x}: %{text}<extra></extra>",
        marker: { symbol: "triangle-up", size: 16, color: "#222" },
      });
    }
    const layout = {
      barmode: "stack",
      hovermode: "closest",
      margin: { l: 50, r: 20, t: 10, b: 60 },
      legend: { orientation: "h", y: 1.12 },
      xaxis: { type: "category", automargin: true },
      yaxis: { title: { text: spec.ytitle || "" }, rangemode: "tozero" },
    };
    Plotly.newPlot(element, traces, layout, { displaylogo: false, responsive: true }).then(
      function () {
        element.on("plotly_click", function (event) {
          const point = event.points && event.points[0];
          if (point) follow(point.customdata);
        });
        element.dataset.ready = "1";
      }
    );
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
