// The book's figures: a picture first, the live plotly chart once the reader reaches for it.
// Each figure (see immunobook.build.static_figures) is a static SVG drawn at build time, its JSON,
// and native HTML controls and legend. plotly.js, the largest file of the book, is fetched only when
// the reader points at or taps a figure or uses one of its controls; the live chart then takes the
// picture's place at the same size. A reader who never reaches for a figure downloads no plotly.js.
// prepare() is also what the build uses to draw the pictures (immunobook.build.figure_images).
(function () {
  "use strict";
  var DARK = {
    paper: "#14181e", font: "#e6e6e6", grid: "#3a3f47", line: "#a9b0ba",
    // light-template colours and their dark counterparts (text, lines, outlines)
    swap: {
      "#000": "#f0f0f0", "#000000": "#f0f0f0", "black": "#f0f0f0", "#222": "#e0e0e0", "#222222": "#e0e0e0",
      "#333": "#d6d6d6", "#333333": "#d6d6d6", "#444": "#c8c8c8", "#444444": "#c8c8c8",
      "#4a4a4a": "#c0c0c0", "#555": "#bbbbbb", "#555555": "#bbbbbb", "#666": "#b0b0b0", "#666666": "#b0b0b0",
      "#e5e5e5": "#3a3f47", "#eee": "#3a3f47", "#eeeeee": "#3a3f47",
      "white": "#14181e", "#fff": "#14181e", "#ffffff": "#14181e", "#FFFFFF": "#14181e"
    }
  };
  var MIN_PHONE_FONT = 12;
  var COLOUR_KEY = /colou?r|colorway|bgcolor|fillcolor/i;

  function clone(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }

  function swapColours(value, key) {
    if (Array.isArray(value)) return value.map(function (v) { return swapColours(v, key); });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = swapColours(value[k], k); });
      return out;
    }
    if (typeof value === "string" && key && COLOUR_KEY.test(key)) {
      var swapped = DARK.swap[value.replace(/\s+/g, "").toLowerCase()];
      return swapped || value;
    }
    return value;
  }

  function raiseFonts(value, key) {
    if (Array.isArray(value)) return value.forEach(function (v) { raiseFonts(v); });
    if (!value || typeof value !== "object") return;
    Object.keys(value).forEach(function (k) {
      if (/font$/i.test(k) && value[k] && typeof value[k].size === "number" && value[k].size < MIN_PHONE_FONT) {
        value[k].size = MIN_PHONE_FONT;
      }
      raiseFonts(value[k], k);
    });
  }

  // On a phone, an x-axis title longer than about half the width goes on two lines: centred under
  // a plot that long tick labels push to the right, one long line runs off the canvas.
  var PHONE_TITLE_CHARS = 16;
  function breakTitle(axis) {
    var title = axis && axis.title;
    var text = typeof title === "string" ? title : title && title.text;
    if (typeof text !== "string" || text.length <= PHONE_TITLE_CHARS || /<br>/i.test(text)) return;
    var middle = text.length / 2, best = -1;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === " " && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
    }
    if (best < 0) return;
    var broken = text.slice(0, best) + "<br>" + text.slice(best + 1);
    axis.title = typeof title === "string" ? { text: broken } : Object.assign({}, title, { text: broken });
  }

  // What plotly draws for a figure: no title, legend, menus, sliders or toolbar (the page shows them
  // as HTML), no drag (a swipe scrolls the page); options.phone and options.dark give the variants.
  function prepare(payload, options) {
    options = options || {};
    var layout = clone(payload.layout) || {};
    var data = clone(payload.data) || [];
    delete layout.title;
    delete layout.updatemenus;
    delete layout.sliders;
    if (options.htmlLegend) layout.showlegend = false;
    layout.dragmode = false;
    Object.keys(layout).forEach(function (k) {
      if (/^[xy]axis\d*$/.test(k)) layout[k].fixedrange = true;
    });
    ["xaxis", "yaxis"].forEach(function (k) { layout[k] = layout[k] || {}; layout[k].fixedrange = true; });
    layout.margin = Object.assign({ l: 10, r: 10, b: 10 }, layout.margin || {}, { t: 16 });
    if (options.height) layout.height = options.height;
    if (options.width) layout.width = options.width; else delete layout.width;
    layout.autosize = !options.width;
    if (options.phone) {
      raiseFonts(layout);
      Object.keys(layout).forEach(function (k) { if (/^xaxis\d*$/.test(k)) breakTitle(layout[k]); });
    }
    var frames = clone(payload.frames);
    if (options.dark) {
      layout = swapColours(layout);
      data = swapColours(data);
      if (frames) frames = swapColours(frames);
      layout.paper_bgcolor = DARK.paper;
      layout.plot_bgcolor = DARK.paper;
      layout.font = Object.assign({}, layout.font, { color: DARK.font });
      Object.keys(layout).forEach(function (k) {
        if (/^[xy]axis\d*$/.test(k)) {
          layout[k] = Object.assign({ gridcolor: DARK.grid, linecolor: DARK.line, zerolinecolor: DARK.grid,
            tickcolor: DARK.line }, layout[k]);
        }
      });
      if (layout.coloraxis) layout.coloraxis.colorbar = Object.assign({ outlinecolor: DARK.line }, layout.coloraxis.colorbar);
    }
    var config = Object.assign({}, payload.config, {
      displayModeBar: false, scrollZoom: false, doubleClick: false, showTips: false,
      responsive: !options.width, staticPlot: !!options.static
    });
    return { data: data, layout: layout, config: config, frames: frames };
  }
  window.immunobookPrepare = prepare;

  var loader = document.currentScript;
  if (!loader || !loader.src) return; // loaded by the build's picture renderer: prepare() only
  var PLOTLY_URL = loader.src.replace(/immunobook-figures\.js(\?.*)?$/, "plotly.min.js") +
    "?v=" + encodeURIComponent(loader.dataset.plotlyBundle || "");
  var plotlyReady = null;

  function loadPlotly() {
    if (!plotlyReady) {
      plotlyReady = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.onload = resolve;
        script.onerror = function () { plotlyReady = null; reject(new Error("could not load " + PLOTLY_URL)); };
        document.head.appendChild(script);
      });
    }
    return plotlyReady;
  }

  function isDark() { return document.documentElement.dataset.theme === "dark"; }

  function Figure(element) {
    this.element = element;
    this.chart = element.querySelector(".immunobook-chart");
    this.payload = JSON.parse(element.querySelector("script[data-plotly-for]").textContent);
    this.legend = element.querySelector(".immunobook-legend");
    this.title = element.querySelector(".immunobook-figure-title");
    this.live = null;
  }

  Figure.prototype.options = function () {
    var phone = this.chart.clientWidth < 600;
    var picture = this.chart.querySelector(".immunobook-static img");
    var shown = Array.prototype.filter.call(this.chart.querySelectorAll("img"), function (img) {
      return img.offsetHeight > 0;
    })[0] || picture;
    var height = Math.round(shown.getBoundingClientRect().height) ||
      Number(this.chart.dataset[phone ? "phoneHeight" : "desktopHeight"]);
    return { phone: phone, dark: isDark(), htmlLegend: !!this.legend, height: height };
  };

  // Draw the live chart in the picture's place (once); resolves with the chart's div.
  Figure.prototype.goLive = function () {
    var self = this;
    if (!this.live) {
      this.live = loadPlotly().then(function () {
        var div = document.createElement("div");
        div.className = "immunobook-live";
        div.setAttribute("role", "img");
        var alt = self.chart.querySelector("img").getAttribute("alt");
        div.setAttribute("aria-label", alt);
        var figure = prepare(self.payload, self.options());
        div.style.height = figure.layout.height + "px";
        self.chart.appendChild(div);
        return Plotly.newPlot(div, figure).then(function () {
          if (figure.frames) return Plotly.addFrames(div, figure.frames);
        }).then(function () {
          self.element.classList.add("is-live");
          div.on("plotly_animatingframe", function (event) { self.followFrame(event.name); });
          return div;
        });
      });
      this.live.catch(function () { self.live = null; });
    }
    return this.live;
  };

  Figure.prototype.redraw = function () {
    var self = this;
    if (!this.live) return;
    this.live.then(function (div) {
      var figure = prepare(self.payload, self.options());
      figure.data.forEach(function (trace, i) {
        if (div.data[i] && div.data[i].visible !== undefined) trace.visible = div.data[i].visible;
      });
      Plotly.react(div, figure.data, figure.layout, figure.config);
    });
  };

  // Apply a menu's or slider's plotly method; a title in a layout update goes to the HTML title.
  Figure.prototype.apply = function (method, args) {
    var self = this;
    args = clone(args) || [];
    var layoutUpdate = method === "relayout" ? args[0] : method === "update" ? args[1] : null;
    if (layoutUpdate) {
      var title = layoutUpdate["title.text"] || (layoutUpdate.title && (layoutUpdate.title.text || layoutUpdate.title));
      delete layoutUpdate["title.text"];
      delete layoutUpdate.title;
      if (typeof title === "string" && this.title) this.title.innerHTML = title;
    }
    if (method === "skip") return Promise.resolve();
    return this.goLive().then(function (div) {
      if (isDark() && (method === "restyle" || method === "update")) {
        args[0] = swapColours(args[0]);
      }
      return Plotly[method].apply(Plotly, [div].concat(args));
    }).then(function () { self.syncLegend(); });
  };

  Figure.prototype.followFrame = function (name) {
    var sliders = this.payload.layout.sliders || [];
    this.element.querySelectorAll("input[data-slider]").forEach(function (input) {
      var steps = sliders[Number(input.dataset.slider)].steps || [];
      steps.forEach(function (step, index) {
        if (step.args && step.args[0] && step.args[0][0] === name) setRange(input, index, step.label);
      });
    });
  };

  Figure.prototype.syncLegend = function () {
    if (!this.legend || !this.live) return;
    var legend = this.legend;
    this.live.then(function (div) {
      legend.querySelectorAll("button[data-traces]").forEach(function (button) {
        var traces = button.dataset.traces.split(",").map(Number);
        var states = traces.map(function (i) { var v = div.data[i].visible; return v === undefined ? true : v; });
        button.hidden = states.every(function (v) { return v === false; });
        button.setAttribute("aria-pressed", String(states.some(function (v) { return v === true; })));
      });
    });
  };

  function setRange(input, index, label) {
    input.value = String(index);
    input.setAttribute("aria-valuetext", label);
    var output = input.parentElement.querySelector("output");
    if (output) output.textContent = label;
  }

  function wire(figure) {
    var element = figure.element;
    var layout = figure.payload.layout;
    element.querySelectorAll("button[data-menu]").forEach(function (button) {
      button.addEventListener("click", function () {
        var item = layout.updatemenus[Number(button.dataset.menu)].buttons[Number(button.dataset.button)];
        button.parentElement.querySelectorAll("button[aria-pressed]").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        figure.apply(item.method, item.args);
      });
    });
    element.querySelectorAll("select[data-menu]").forEach(function (select) {
      select.addEventListener("change", function () {
        var item = layout.updatemenus[Number(select.dataset.menu)].buttons[Number(select.value)];
        figure.apply(item.method, item.args);
      });
    });
    element.querySelectorAll("input[data-slider]").forEach(function (input) {
      input.addEventListener("input", function () {
        var step = layout.sliders[Number(input.dataset.slider)].steps[Number(input.value)];
        setRange(input, Number(input.value), String(step.label));
        figure.apply(step.method, step.args);
      });
    });
    if (figure.legend) {
      figure.legend.querySelectorAll("button[data-traces]").forEach(function (button) {
        button.addEventListener("click", function () {
          var shown = button.getAttribute("aria-pressed") === "true";
          button.setAttribute("aria-pressed", String(!shown));
          var traces = button.dataset.traces.split(",").map(Number);
          figure.apply("restyle", [{ visible: shown ? "legendonly" : true }, traces]);
        });
      });
    }
    element.addEventListener("focusin", function () { figure.goLive(); });
    figure.chart.addEventListener("pointerenter", function (event) {
      if (event.pointerType === "mouse") figure.goLive();
    });
    figure.chart.addEventListener("click", function () { figure.goLive(); });
  }

  function start() {
    var figures = Array.prototype.map.call(document.querySelectorAll("figure.immunobook-figure"), function (el) {
      var figure = new Figure(el);
      wire(figure);
      return figure;
    });
    if (!figures.length) return;
    window.immunobookFigures = figures;
    new MutationObserver(function () {
      figures.forEach(function (figure) { figure.redraw(); });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
