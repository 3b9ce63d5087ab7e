// Remove the CSS rules that no page of a built book can use (PurgeCSS), in place.
// Usage: node purge_css.js /path/to/node_modules/purgecss HTML_DIR CSS_FILE...
// The content searched for selectors is every HTML page and every script of the book, so classes
// that scripts add later (Bootstrap's "show", the theme's modes) are kept.
const [purgecssPath, htmlDir, ...cssFiles] = process.argv.slice(2);
const { PurgeCSS } = require(purgecssPath);
const fs = require("fs");

new PurgeCSS().purge({
  content: [`${htmlDir}/**/*.html`, `${htmlDir}/_static/**/*.js`],
  css: cssFiles,
  safelist: {
    standard: [/^thebe/, /^jp-/, /^cm-/],  // classes that live code (thebe) adds
    greedy: [/data-(bs-)?theme/, /data-mode/, /focus-visible/],  // and the bare :focus-visible ring
  },
  variables: true,
  fontFace: false,
  keyframes: false,
}).then((results) => {
  for (const result of results) {
    fs.writeFileSync(result.file, result.css.replace(/\/\*# sourceMappingURL=.*?\*\//g, ""));
  }
}).catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});
