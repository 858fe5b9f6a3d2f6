// checker.checkPage(text) and checker.pageStatements(): the page check as
// JavaScript sees it (src/page.rs, issue 16).
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

const checker = new Checker({ mode: 'city' });
const CLAUSES = ['city.marked', 'city.g.open-records', 'city.g.removal', 'city.g.visitor-opinions'];
const utf8 = (s) => Buffer.byteLength(s, 'utf8');
const apply = (text, fix) => {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.replacement + t.slice(e.end), text);
};

function checkPage(text) {
  const findings = checker.checkPage(text);
  assert.ok(Array.isArray(findings));
  for (const f of findings) {
    assert.equal(f.category, 'page-statements');
    assert.match(f.rule, /^page-statements\.[a-z-]+$/);
    assert.ok(CLAUSES.includes(f.clause), f.clause);
    assert.ok(checker.clause(f.clause), `clause ${f.clause} exists`);
    assert.equal(f.severity, 'warning');
    // A missing statement has an empty span at the end of the text, where its fix inserts.
    assert.equal(f.start, text.length);
    assert.equal(f.end, text.length);
    assert.equal(f.byte_start, utf8(text));
    assert.equal(f.excerpt, '');
    assert.equal(f.fixes.length, 1);
    const [e] = f.fixes[0].edits;
    assert.deepEqual([e.start, e.end, e.byte_start], [text.length, text.length, utf8(text)]);
  }
  return findings;
}

test('an empty About text lacks all four statements, one finding each, sorted by rule', () => {
  const f = checkPage('');
  assert.deepEqual(f.map((x) => x.clause).sort(), [...CLAUSES].sort());
  assert.deepEqual(f.map((x) => x.rule), [...f.map((x) => x.rule)].sort());
});

test('paraphrased statements are recognised; missing ones reported', () => {
  // The name alone on the title line is the page's title; the same name run on
  // into a tagline is a bare name, not a claim of ownership (issue 16 label spec).
  const about = 'Rochester Public Library 📚\nViews shared by commenters are their own, not the City\'s. We may hide comments that are obscene or off-topic.';
  assert.deepEqual(checkPage(about).map((f) => f.clause), ['city.g.open-records']);
  assert.deepEqual(checkPage(about.replace('\n', ' ')).map((f) => f.clause), ['city.marked', 'city.g.open-records']);
});

test('each fix appends the pack\'s model sentence; applying them all leaves nothing missing', () => {
  let text = '🚒 Official page of the Rochester Fire Department';
  const models = new Map(checker.pageStatements().map((s) => [s.id, s.model]));
  for (;;) {
    const f = checkPage(text);
    if (f.length === 0) break;
    const next = apply(text, f[0].fixes[0]);
    assert.ok(next.startsWith(text) && next.endsWith(models.get(f[0].rule)), JSON.stringify(next));
    text = next;
  }
  assert.ok(text.includes('. '), 'a separator before the first appended sentence');
});

test('pageStatements() documents each statement', () => {
  const list = checker.pageStatements();
  assert.deepEqual(list.map((s) => s.clause).sort(), [...CLAUSES].sort());
  for (const s of list) {
    for (const k of ['id', 'summary', 'explanation', 'model', 'fix']) assert.ok(typeof s[k] === 'string' && s[k].length > 0, `${s.id}.${k}`);
    assert.equal(s.category, 'page-statements');
  }
});

test('an override can disable a statement', () => {
  const c = new Checker({ mode: 'city', policy: { disable: ['page-statements.visitor-opinions'] } });
  assert.ok(!c.checkPage('').some((f) => f.clause === 'city.g.visitor-opinions'));
  assert.equal(c.checkPage('').length, 3);
  c.free();
});

test('bad input is an Error naming the argument; lone surrogates keep offsets', () => {
  assert.throws(() => checker.checkPage(42), /text: expected a string, got a number/);
  assert.throws(() => checker.checkPage(), /text: expected a string/);
  const text = 'Official page of Rochester Public Works \uD83D';
  for (const f of checker.checkPage(text)) assert.equal(f.start, text.length);
});

test('a 200 KB paste is page-checked without throwing', (t) => {
  const unit = 'Comments welcome! We remove snow. 🎉 Not affiliated? Official page of the Rochester Public Library. Request public records online.\n';
  const text = unit.repeat(Math.ceil(200_000 / unit.length));
  const t0 = performance.now();
  const f = checkPage(text);
  t.diagnostic(`200 KB (${text.length} UTF-16 units): ${f.length} missing, ${(performance.now() - t0).toFixed(1)} ms`);
  // "Not affiliated?" just before each ownership claim cancels it; a records link,
  // snow removal and "comments welcome" are not the other statements.
  assert.deepEqual(f.map((x) => x.clause).sort(), [...CLAUSES].sort());
  const clean = `${unit.replace('Not affiliated? ', '')}`.repeat(Math.ceil(200_000 / unit.length));
  assert.ok(!checkPage(clean).some((x) => x.clause === 'city.marked'), 'without the denial the page is marked');
});
