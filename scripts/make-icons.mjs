#!/usr/bin/env node
// Draws the demo page's app icons (www/icons/*.png) from the PostGuard shield,
// the same paths as www/favicon.svg, by rendering SVG in Debian's Chromium
// (playwright-core). The PNGs are committed; run this only to change them:
//
//   node scripts/make-icons.mjs
//
// Why Chromium: the shield is vector art; a browser rasterises SVG with proper
// anti-aliasing, and the tests already need Chromium, so no image library is
// added. The build does not run this (the PNGs are in git).
//
// - icon-192.png, icon-512.png (purpose "any"): the shield on a transparent
//   background, as the favicon.
// - icon-maskable-192.png, icon-maskable-512.png (purpose "maskable"): full-bleed
//   brand blue with a white shield inside the central 80 % safe zone, so any
//   launcher mask (circle, squircle, teardrop) keeps the whole mark.
// - apple-touch-icon.png (180): opaque, for iOS's home screen (iOS ignores
//   transparency and draws its own rounded corners).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'www', 'icons');
const BRAND = '#0a5c86';
const SHIELD = 'M16 2 4 6.5v8.2C4 22.3 9.1 28.3 16 30c6.9-1.7 12-7.7 12-15.3V6.5L16 2Z';
const CHECK = 'm10.5 16.2 3.8 3.8 7.4-7.6';

// The shield in a 32x32 box, scaled by `scale` about the centre, on `bg` (or transparent).
function svg(size, { bg = null, shield, check, scale }) {
  const t = `translate(16 16) scale(${scale}) translate(-16 -16)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">`
    + (bg ? `<rect width="32" height="32" fill="${bg}"/>` : '')
    + `<g transform="${t}"><path d="${SHIELD}" fill="${shield}"/>`
    + `<path d="${CHECK}" fill="none" stroke="${check}" stroke-width="2.8" stroke-linecap="round" stroke-linejoin="round"/></g></svg>`;
}

const ICONS = [
  // The shield spans 28 of 32 units in height: 1.0 fills the icon as the favicon does.
  ['icon-192.png', 192, { shield: BRAND, check: '#ffffff', scale: 1.05 }],
  ['icon-512.png', 512, { shield: BRAND, check: '#ffffff', scale: 1.05 }],
  // Safe zone: a circle of radius 0.4 x 32 = 12.8 units about the centre. The
  // shield's farthest points, its top corners (4, 6.5) and (28, 6.5), are 15.3
  // units from the centre at scale 1; at 0.72 they are 11.0 units away, inside
  // the safe zone with a margin.
  ['icon-maskable-192.png', 192, { bg: BRAND, shield: '#ffffff', check: BRAND, scale: 0.72 }],
  ['icon-maskable-512.png', 512, { bg: BRAND, shield: '#ffffff', check: BRAND, scale: 0.72 }],
  ['apple-touch-icon.png', 180, { bg: BRAND, shield: '#ffffff', check: BRAND, scale: 0.72 }],
];

fs.mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [name, size, opts] of ICONS) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size, opts)}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(OUT, name), omitBackground: true });
    console.log(`www/icons/${name} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
