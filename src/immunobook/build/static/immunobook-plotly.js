// Draw the page's plotly figures from the JSON the book build placed beside each of them.
// plotly.js (the largest file of the book) is fetched only when a figure comes near the screen, and
// each figure is drawn when the reader nears it, so a page opens without waiting for any chart.
// window.immunobookDrawAll() draws every figure at once; printing from the browser draws the
// figures that are not drawn yet if plotly.js has arrived (each chapter also has a PDF).
(function () {
  var loader = document.currentScript;
  var PLOTLY_URL = loader.src.replace(/immunobook-plotly\.js(\?.*)?$/, "plotly.min.js") +
    "?v=" + encodeURIComponent(loader.dataset.plotlyBundle || "");
  var plotlyReady = null;

  function loadPlotly() {
    if (!plotlyReady) {
      plotlyReady = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + PLOTLY_URL)); };
        document.head.appendChild(script);
      });
    }
    return plotlyReady;
  }

  function draw(script) {
    if (script.dataset.drawn) return Promise.resolve();
    script.dataset.drawn = "true";
    var target = document.getElementById(script.dataset.plotlyFor);
    return loadPlotly().then(function () {
      return Plotly.newPlot(target, JSON.parse(script.textContent));
    }).then(function () {
      target.removeAttribute("style");
    });
  }

  function start() {
    var figures = Array.prototype.slice.call(
      document.querySelectorAll('script[type="application/json"][data-plotly-for]'));
    if (!figures.length) return;
    window.immunobookDrawAll = function () { return Promise.all(figures.map(draw)); };
    window.addEventListener("beforeprint", function () {
      if (window.Plotly) window.immunobookDrawAll();
    });
    if (!("IntersectionObserver" in window)) {
      window.immunobookDrawAll();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        var script = document.querySelector('script[data-plotly-for="' + entry.target.id + '"]');
        draw(script);
      });
    }, { rootMargin: "50% 0px" });
    figures.forEach(function (script) {
      observer.observe(document.getElementById(script.dataset.plotlyFor));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
