// Convert TeX to MathML with MathJax 3 at build time, so that pages need no math script.
// Usage: node tex2mathml.js /path/to/node_modules/mathjax < [{"tex": "...", "display": true}, ...]
// Prints a JSON array of MathML strings, one per input, in the same order.
const mathjax = require(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  mathjax.init({ loader: { load: ["input/tex"] } }).then((MathJax) => {
    const items = JSON.parse(input);
    const out = items.map((item) => MathJax.tex2mml(item.tex, { display: item.display }));
    process.stdout.write(JSON.stringify(out));
  }).catch((error) => {
    process.stderr.write(String(error && error.message || error) + "\n");
    process.exit(1);
  });
});
