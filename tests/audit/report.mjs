#!/usr/bin/env node
// The audit report in headless Chromium (Debian's, driven by playwright-core):
// `postguard audit --format html` on the fixture exports, opened from disk as
// a records officer would. Fails on any request other than the file itself,
// any console error (a CSP refusal is one) or page error, and checks the
// category and date filters. Screenshots: target/screenshots/audit-report.png
// (screen, whole page), audit-report-top.png (the first screen) and audit-report-print.png (print style); target/screenshots/
// audit-report.pdf is the printed file.
//
//   node tests/audit/report.mjs        (needs target/release/postguard: ./build.sh build)
//
// POSTGUARD_BIN=path uses another binary; CHROMIUM=path another browser.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { closePlaywright } from '../support/teardown.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.POSTGUARD_BIN || path.join(ROOT, 'target', 'release', 'postguard');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const FIX = path.join(ROOT, 'tests', 'audit', 'fixtures');
// plain/hostile.jsonl: markup and javascript: links in post text, which must stay text.
const EXPORTS = ['x', 'facebook', 'instagram', 'linkedin', 'mastodon', 'x-damaged', 'plain/hostile.jsonl'].map((d) => path.join(FIX, d));
const REPORT = path.join(ROOT, 'target', 'audit-report.html');

if (!fs.existsSync(BIN)) {
  console.error(`tests/audit/report.mjs: ${BIN} is missing: run ./build.sh build (or cargo build --release --bin postguard)`);
  process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`tests/audit/report.mjs: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(1);
}
fs.mkdirSync(SHOTS, { recursive: true });

// The report (exit 2: the damaged fixture is in it, listed under Problems).
const made = spawnSync(BIN, ['audit', ...EXPORTS, '--format', 'html', '--out', REPORT], { encoding: 'utf8' });
assert.equal(made.status, 2, made.stderr);
// The same run as JSONL: what the page must show.
const jsonl = spawnSync(BIN, ['audit', ...EXPORTS], { encoding: 'utf8', maxBuffer: 1 << 26 });
const items = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((v) => v.findings);
const flagged = items.filter((v) => v.findings.length > 0);
assert.ok(flagged.length >= 10, `flagged ${flagged.length}`);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const url = pathToFileURL(REPORT).href;

async function open(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, requests, errors };
}

test('the report loads from disk with no outside request and no console error', async () => {
  const { context, page, requests, errors } = await open();
  try {
    assert.deepEqual(requests, [url], 'the only request is the file itself');
    assert.deepEqual(errors, []);
    // The script ran (the CSP hash matched): the filters are shown.
    assert.equal(await page.locator('#filters').isVisible(), true);
    assert.equal(await page.locator('article.item').count(), flagged.length);
    assert.equal(await page.locator('#shown').textContent(), String(flagged.length));
    // Every link goes to an original post.
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const posts = new Set(flagged.map((v) => v.url).filter(Boolean));
    assert.ok(hrefs.length > 0);
    for (const h of hrefs) assert.ok(posts.has(h), `link ${h} is an original post`);
    // Highlights, the clause quote, the chart.
    assert.ok(await page.locator('mark.c-city-email').count() >= 3);
    assert.ok((await page.locator('blockquote').first().textContent()).includes('Policy ['));
    assert.ok(await page.locator('svg.chart rect').count() > 0);
    await page.screenshot({ path: path.join(SHOTS, 'audit-report.png'), fullPage: true });
    await page.screenshot({ path: path.join(SHOTS, 'audit-report-top.png') });
  } finally {
    await context.close();
  }
});

test('category and date filters', async () => {
  const { context, page, errors } = await open();
  try {
    const visible = () => page.locator('article.item:visible').count();
    // Uncheck conduct: items whose only category is conduct are hidden.
    const onlyConduct = flagged.filter((v) => v.findings.every((f) => f.category === 'conduct')).length;
    assert.ok(onlyConduct > 0);
    await page.locator('input[name=cat][value=conduct]').uncheck();
    assert.equal(await visible(), flagged.length - onlyConduct);
    assert.equal(await page.locator('#shown').textContent(), String(flagged.length - onlyConduct));
    // From 2023-03-01: earlier items are hidden too.
    await page.locator('#from').fill('2023-03-01');
    const want = flagged.filter((v) => !v.findings.every((f) => f.category === 'conduct') && v.date && v.date.slice(0, 10) >= '2023-03-01').length;
    assert.equal(await visible(), want);
    await page.locator('#reset').click();
    assert.equal(await visible(), flagged.length);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('print style: no filters, every item; a PDF to file', async () => {
  const { context, page, errors } = await open();
  try {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#filters').isVisible(), false);
    assert.equal(await page.locator('article.item:visible').count(), flagged.length);
    await page.screenshot({ path: path.join(SHOTS, 'audit-report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    assert.ok(pdf.length > 10_000);
    fs.writeFileSync(path.join(SHOTS, 'audit-report.pdf'), pdf);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a City account report of others comments: "for review", a harsh opinion left out, CSP intact', async () => {
  const out = path.join(ROOT, 'target', 'audit-comments.html');
  const made = spawnSync(BIN, ['audit', path.join(FIX, 'plain', 'city-comments.jsonl'), '--mode', 'city', '--format', 'html', '--out', out], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  try {
    await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
    assert.equal(await page.locator('#filters').isVisible(), true, 'the script ran');
    // c-2 and c-3 are flagged; the post and the harsh opinion (c-1) are not.
    assert.equal(await page.locator('article.item').count(), 2);
    const text = await page.locator('main, body').first().textContent();
    assert.ok(!text.includes('This council is a joke'), 'the harsh opinion is not in the report');
    assert.equal(await page.locator('article.item:has-text("public comment by someone else")').count(), 2);
    const sev = await page.locator('article.item li .sev-warning').allTextContents();
    assert.ok(sev.length >= 4 && sev.every((t) => t === 'for review'), sev.join(', '));
    assert.equal(await page.locator('article.c-moderation').count(), 2);
    // The moderation colour comes from the stylesheet (the CSP let it apply).
    const color = await page.locator('article.c-moderation').first().evaluate((e) => getComputedStyle(e).getPropertyValue('--c').trim());
    assert.equal(color, '#7b5800');
    await page.screenshot({ path: path.join(SHOTS, 'audit-report-comments.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test.after(async () => {
  await closePlaywright(browser, 'Chromium (audit report)');
});
