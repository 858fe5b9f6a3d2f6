// Hostile and malformed input to the wasm API: wrong argument types, lone
// surrogates, throwing getters and proxies, oversized policy overrides and
// multi-megabyte pastes. Every call either returns findings whose spans are
// valid UTF-16 offsets, or throws an Error that names the argument or field;
// none panics (a Rust panic in wasm would leave the module unusable, so each
// test ends by proving the checker still works).
//
//   node --test tests/wasm/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.resolve(process.env.POSTGUARD_PKG || path.join(ROOT, 'www', 'pkg'));
const { default: init, Checker } = await import(pathToFileURL(path.join(PKG, 'postguard.js')).href);
await init({ module_or_path: fs.readFileSync(path.join(PKG, 'postguard_bg.wasm')) });

const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
const checker = new Checker({ mode: 'personal' });

function stillWorks() {
  const cats = [...new Set(checker.check(SNOWPLOW).map((f) => f.category))].sort();
  assert.deepEqual(cats, ['city-email', 'disclaimer'], 'the checker still works afterwards');
}

// Spans are integers inside the string and never split a surrogate pair.
function assertSpans(findings, text) {
  const splits = (i) => i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1]) && /[\uDC00-\uDFFF]/.test(text[i]);
  for (const f of findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && 0 <= f.start && f.start <= f.end && f.end <= text.length, JSON.stringify(f));
    assert.ok(!splits(f.start) && !splits(f.end), `span splits a surrogate pair: ${JSON.stringify(f)}`);
    for (const e of f.fixes.flatMap((x) => x.edits)) {
      assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, JSON.stringify(e));
      assert.ok(!splits(e.start) && !splits(e.end));
    }
  }
}

test('check() rejects a text that is not a string, naming the argument', () => {
  for (const [bad, got] of [[123, 'a number'], [undefined, 'a value of another type'], [null, 'null'],
    [{ toString: () => SNOWPLOW }, 'an object'], [['a'], 'an array'], [true, 'a boolean'], [Symbol('x'), 'a value of another type'], [10n, 'a value of another type']]) {
    assert.throws(() => checker.check(bad), (e) => e instanceof Error && e.message.startsWith('text: expected a string') && e.message.includes(got),
      `check(${String(bad)})`);
  }
  stillWorks();
});

test('check() takes undefined or null for its context, and rejects other non-objects by name', () => {
  assert.ok(checker.check(SNOWPLOW, undefined).length === 2);
  assert.ok(checker.check(SNOWPLOW, null).length === 2);
  for (const bad of [5, 'city', true, []]) {
    assert.throws(() => checker.check(SNOWPLOW, bad), /^Error: context: expected an object/);
  }
  assert.throws(() => checker.check(SNOWPLOW, { mode: 5 }), /context\.mode: expected "personal", "city" or "moderation", got a number/);
  assert.throws(() => checker.check(SNOWPLOW, { mood: 'city' }), /context\.mood: unknown field/);
  stillWorks();
});

test('the constructor takes no options, undefined or null, and names every bad field', () => {
  for (const ok of [undefined, null, {}, { mode: undefined }, { policy: null }, { policy: {} }]) {
    assert.ok(new Checker(ok).check(SNOWPLOW).length === 2, JSON.stringify(ok));
  }
  const cases = [
    [5, /^options: expected an object, got a number/],
    ['personal', /^options: expected an object/],
    [{ mode: 'work' }, /^options\.mode: expected "personal", "city" or "moderation", got "work"/],
    [{ role: {} }, /^options\.role: expected .*got an object/],
    [{ policy: 'strict' }, /^options\.policy: expected an object/],
    [{ policy: [] }, /^options\.policy: expected an object, got an array/],
    [{ policy: { confidential_terms: 'Bluebird' } }, /^options\.policy\.confidential_terms: expected an array of strings/],
    [{ policy: { confidential_terms: ['ok term', 7] } }, /^options\.policy\.confidential_terms\[1\]: expected a string, got a number/],
    [{ policy: { confidential_terms: ['x'] } }, /^options\.policy\.confidential_terms\[0\]: must contain at least two/],
    [{ policy: { email_domains: ['not a domain!'] } }, /^options\.policy\.email_domains\[0\]/],
    [{ policy: { severity: { 'nope.rule': 'error' } } }, /^options\.policy\.severity\.nope\.rule: unknown rule/],
    [{ policy: { severity: { 'city-email.address': 'fatal' } } }, /^options\.policy\.severity/],
    [{ policy: { disable: [{}] } }, /^options\.policy\.disable\[0\]: expected a string, got an object/],
    [{ policy: { disclaimer_text: 42 } }, /^options\.policy\.disclaimer_text: expected a string, got a number/],
    [{ policy: { surprise: true } }, /^options\.policy\.surprise: unknown field/],
    [{ colour: 'red' }, /^options\.colour: unknown option/],
  ];
  for (const [options, re] of cases) {
    assert.throws(() => new Checker(options), (e) => e instanceof Error && re.test(e.message), `${JSON.stringify(options)} should throw ${re}`);
  }
  stillWorks();
});

test('an error never echoes a long value back (it could be a whole post)', () => {
  const post = 'x'.repeat(5000);
  assert.throws(() => new Checker({ mode: post }), (e) => e.message.includes('a string of 5000 characters') && e.message.length < 200);
});

test('oversized override lists are refused by name, and the largest allowed ones work', () => {
  const terms = (n, len) => Array.from({ length: n }, (_, i) => `Project ${i.toString(36).padStart(len, 'q')}`);
  assert.throws(() => new Checker({ policy: { confidential_terms: terms(10001, 6) } }),
    /^Error: options\.policy\.confidential_terms: has 10001 entries; at most 10000 are allowed/);
  assert.throws(() => new Checker({ policy: { email_domains: Array.from({ length: 1001 }, (_, i) => `d${i}.example.gov`) } }),
    /^Error: options\.policy\.email_domains: has 1001 entries/);
  // Ten thousand long terms would not fit the regex size limit: refused up
  // front, not a rule that silently never fires.
  assert.throws(() => new Checker({ policy: { confidential_terms: terms(10000, 400) } }),
    /^Error: options\.policy\.confidential_terms: holds \d+ bytes in all; at most 1048576 are allowed/);
  // Just under the byte limit still compiles and matches.
  const wide = terms(10000, 95);
  assert.ok(new Checker({ policy: { confidential_terms: wide } }).check(`about ${wide[5]} today`).some((x) => x.rule === 'confidential.custom-term'));
  const big = terms(10000, 6);
  const c = new Checker({ policy: { confidential_terms: big } });
  const text = `Can't wait for ${big[9876]} to launch!`;
  const f = c.check(text);
  assert.ok(f.some((x) => x.rule === 'confidential.custom-term' && text.slice(x.start, x.end) === big[9876]), JSON.stringify(f));
  stillWorks();
});

test('throwing getters and proxies in options surface as errors, and nothing is left broken', () => {
  const trap = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  assert.throws(() => new Checker(trap));
  assert.throws(() => checker.check(SNOWPLOW, trap));
  const getter = { get mode() { throw new Error('getter'); } };
  // A throwing getter reads as absent (the default applies) or throws; either way no panic.
  try { new Checker(getter).check(SNOWPLOW); } catch (e) { assert.ok(e instanceof Error); }
  stillWorks();
});

test('lone surrogates anywhere never shift or split a span', () => {
  const pieces = ['\uD800', '\uDFFF', '\uDBFF\uDBFF', '\uDC00\uD800', '😀', 'e\u0301', '\u200B', '\u202E', ' jdoe@rochestermn.gov ', ' SSN 212-45-5530 ', 'a', ' '];
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let k = 0; k < 400; k++) {
    let text = '';
    for (let i = 0, n = rand(14); i < n; i++) text += pieces[rand(pieces.length)];
    const f = checker.check(text);
    assertSpans(f, text);
    // The address keeps its exact place whatever lone surrogates precede it.
    const at = text.indexOf('jdoe@rochestermn.gov');
    if (at >= 0 && !text.includes('\u202E')) {
      assert.ok(f.some((x) => x.category === 'city-email' && x.start <= at && x.end >= at + 20), JSON.stringify({ text, f }));
    }
  }
  const text = '\uD800'.repeat(1000) + ' jdoe@rochestermn.gov';
  const f = checker.check(text).find((x) => x.category === 'city-email');
  assert.equal(text.slice(f.start, f.end), 'jdoe@rochestermn.gov');
  stillWorks();
});

test('multi-megabyte adversarial pastes return with valid spans (time printed, not asserted)', (t) => {
  const MB = 1 << 20;
  const inputs = {
    digits: '1234567890'.repeat(MB / 10 * 2),
    'at signs': '@'.repeat(2 * MB),
    'right-to-left overrides': '\u202E'.repeat(2 * MB),
    'combining marks': 'a' + '\u0301'.repeat(2 * MB),
    'lone surrogates': '\uD800'.repeat(2 * MB),
    emails: 'jdoe@rochestermn.gov '.repeat(Math.floor(2 * MB / 21)),
  };
  for (const [name, text] of Object.entries(inputs)) {
    const t0 = performance.now();
    const f = checker.check(text);
    const ms = performance.now() - t0;
    t.diagnostic(`${name}: ${text.length} UTF-16 units in ${ms.toFixed(0)} ms, ${f.length} findings`);
    assertSpans(f.slice(0, 1000), text);
    assertSpans(f.slice(-1000), text);
  }
  stillWorks();
});
