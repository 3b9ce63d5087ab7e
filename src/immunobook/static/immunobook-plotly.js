// Draw every plotly figure on the page from the JSON that the book build placed beside it.
(function () {
  function drawAll() {
    document.querySelectorAll('script[type="application/json"][data-plotly-for]').forEach(function (script) {
      var target = document.getElementById(script.dataset.plotlyFor);
      var figure = JSON.parse(script.textContent);
      Plotly.newPlot(target, figure).then(function () {
        target.removeAttribute("style");
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
