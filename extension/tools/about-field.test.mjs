// Which fields get the page check (extension/content/fields.js, isAboutField):
// a page's or profile's About/bio field, in the shapes the sites' edit forms
// use, and not a post's composer or a video's description. Runs the real
// content script in headless Chromium (Debian's, never a downloaded one).
// Run: node --test extension/tools/
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const PAGE = `<!doctype html><body>
<form aria-label="Edit profile"><h2>Edit profile</h2>
  <label for="x-bio">Bio</label><textarea id="x-bio" name="description" data-expect="about"></textarea>
  <input name="name" data-expect="compose">
</form>
<textarea id="pepBio" data-expect="about"></textarea>
<textarea id="account_note" data-expect="about"></textarea>
<div contenteditable="true" aria-label="About" data-expect="about"></div>
<div role="dialog"><h2>Page info</h2><textarea name="description" data-expect="about"></textarea></div>
<textarea placeholder="Tell people about your organization" data-expect="compose"></textarea>
<span id="intro-l">Intro</span><textarea aria-labelledby="intro-l" data-expect="about"></textarea>
<textarea aria-label="Add a short bioDescription" data-expect="about"></textarea>
<textarea aria-label="Post text" placeholder="What's happening?" data-expect="compose"></textarea>
<div role="dialog"><h2>Upload video</h2><textarea name="description" aria-label="Description" data-expect="compose"></textarea></div>
<textarea name="aboutness" data-expect="compose"></textarea>
<textarea aria-label="Write a comment about this post" data-expect="compose"></textarea>
<input name="aboutText" data-expect="about">
</body>`;

test('About/bio fields are recognised; composers and other descriptions are not', async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    // fields.js is an ES module: bundled as build.sh bundles the content
    // scripts, with its export put where the page can call it.
    const bundle = buildSync({
      stdin: { contents: "import { isAboutField } from './fields.js'; globalThis.isAboutField = isAboutField;", resolveDir: path.join(ROOT, 'extension/content') },
      bundle: true, format: 'iife', write: false,
    });
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const got = await page.$$eval('[data-expect]', (els) => els.map((el) => ({
      field: el.outerHTML.slice(0, 90), expect: el.dataset.expect, got: globalThis.isAboutField(el) ? 'about' : 'compose',
    })));
    assert.deepEqual(got.filter((g) => g.expect !== g.got), []);
    assert.ok(got.filter((g) => g.expect === 'about').length >= 8 && got.filter((g) => g.expect === 'compose').length >= 5);
  } finally {
    await browser.close();
  }
});
