// PurgeCSS settings for the book's theme CSS (used by immunobook.build.slim through the purgecss CLI,
// which passes the content: every HTML page and every script of the built book, so classes that
// scripts add later, such as Bootstrap's "show" and the theme's modes, are kept).
module.exports = {
  safelist: {
    standard: [/^thebe/, /^jp-/, /^cm-/],  // classes that live code (thebe) adds
    greedy: [/data-(bs-)?theme/, /data-mode/, /focus-visible/],  // and the bare :focus-visible ring
  },
  variables: true,
  fontFace: false,
  keyframes: false,
};
