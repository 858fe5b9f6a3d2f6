// Unit tests of the network guarantee's classifier (netpolicy.mjs): run by `./build.sh test`
// (node --test tests/extension/lib/). The live self-test against a leaking extension is in
// hardening.mjs ("network self-test").
import test from 'node:test';
import assert from 'node:assert/strict';
import { classifyRequest, partitionRequests } from './netpolicy.mjs';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const allowed = { hosts: ['www.facebook.com', 'x.com'], extensionOrigin: EXT };
const v = (req) => classifyRequest(req, allowed).verdict;

test('the test server and PostGuard\'s own files are fine, from any target', () => {
  assert.equal(v({ url: 'https://www.facebook.com/draft.js', targetType: 'page', targetUrl: 'https://www.facebook.com/' }), 'ok');
  assert.equal(v({ url: 'https://x.com:443/', targetType: 'page' }), 'ok');
  assert.equal(v({ url: `${EXT}/pkg/postguard_bg.wasm`, targetType: 'service_worker', targetUrl: `${EXT}/background.js` }), 'ok');
  assert.equal(v({ url: 'data:image/png;base64,AAAA', targetType: 'page' }), 'ok');
  assert.equal(v({ url: 'blob:https://x.com/1234', targetType: 'page' }), 'ok');
  assert.equal(v({ url: 'about:blank', targetType: 'iframe' }), 'ok');
});

test('the browser\'s own UI loading its own resources is internal, not a leak (Chromium 156 omnibox pop-up)', () => {
  const omnibox = { targetType: 'browser_ui', targetUrl: 'chrome://omnibox-popup.top-chrome/omnibox_popup_aim.html' };
  assert.equal(v({ ...omnibox, url: 'chrome://resources/cr_elements/cr_icon/cr_icon.css.js' }), 'internal');
  assert.equal(v({ ...omnibox, url: 'chrome-untrusted://resources/x.js' }), 'internal');
  // A WebUI page (type page, but on a browser scheme) and DevTools' front end.
  assert.equal(v({ url: 'chrome://resources/js/load_time_data.js', targetType: 'page', targetUrl: 'chrome://new-tab-page/' }), 'internal');
  assert.equal(v({ url: 'devtools://devtools/bundled/devtools_app.html', targetType: 'other', targetUrl: 'devtools://devtools/bundled/inspector.html' }), 'internal');
});

test('a browser-internal target reaching the network is a leak', () => {
  const omnibox = { targetType: 'browser_ui', targetUrl: 'chrome://omnibox-popup.top-chrome/' };
  for (const url of ['https://www.google.com/complete/search?q=secret', 'http://203.0.113.9/', 'wss://example.net/socket', 'ws://127.0.0.2:9/', 'ftp://example.org/f']) {
    assert.equal(v({ ...omnibox, url }), 'leak', url);
  }
});

test('the extension loading anything but its own files or the test server is a leak, whatever the scheme', () => {
  const sw = { targetType: 'service_worker', targetUrl: `${EXT}/background.js` };
  assert.equal(v({ ...sw, url: 'https://198.51.100.7/leak?t=secret' }), 'leak');
  assert.equal(v({ ...sw, url: 'chrome://resources/js/x.js' }), 'leak', 'an extension has no business loading chrome://');
  assert.equal(v({ ...sw, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.js' }), 'leak', 'another extension');
  assert.equal(v({ ...sw, url: 'file:///etc/passwd' }), 'leak');
  // The content script's frame is the web page's target.
  const frame = { targetType: 'page', targetUrl: 'https://www.facebook.com/' };
  assert.equal(v({ ...frame, url: 'https://www.facebook.com.evil.example/' }), 'leak');
  assert.equal(v({ ...frame, url: 'https://www.facebook.com:8443/' }), 'leak', 'another port is another server');
  assert.equal(v({ ...frame, url: 'http://www.facebook.com/' }), 'leak', 'plain http is not the test server');
  assert.equal(v({ ...frame, url: 'not a url' }), 'leak');
});

test('partitionRequests keeps each request with its reason', () => {
  const p = partitionRequests([
    { url: 'https://x.com/', targetType: 'page' },
    { url: 'chrome://resources/a.js', targetType: 'browser_ui', targetUrl: 'chrome://omnibox-popup.top-chrome/' },
    { url: 'https://198.51.100.7/', targetType: 'service_worker', targetUrl: `${EXT}/background.js` },
  ], allowed);
  assert.deepEqual([p.ok.length, p.internal.length, p.leak.length], [1, 1, 1]);
  assert.match(p.internal[0].why, /browser's own UI/);
  assert.match(p.leak[0].why, /198\.51\.100\.7/);
});
