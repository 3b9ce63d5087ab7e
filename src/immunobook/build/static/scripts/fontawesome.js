// Replaces the theme's 1.5 MB Font Awesome SVG script. The theme's stylesheet already draws every
// icon from the Font Awesome web fonts, so the book does not need the script.
