// The wasm API as JavaScript sees it (ARCHITECTURE.md, "The JavaScript API").
//
//   node --test tests/wasm/
//
// Loads the generated web-target bindings from www/pkg/ (from `./build.sh build`)
// with the wasm-opt-optimised module read from disk, so this also proves that the
// optimised module instantiates. POSTGUARD_PKG=dir tests another copy.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.resolve(process.env.POSTGUARD_PKG || path.join(ROOT, 'www', 'pkg'));
const jsPath = path.join(PKG, 'postguard.js');
const wasmPath = path.join(PKG, 'postguard_bg.wasm');
for (const f of [jsPath, wasmPath]) {
  if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run ./build.sh build first`);
}
const { default: init, Checker, version } = await import(pathToFileURL(jsPath).href);
await init({ module_or_path: fs.readFileSync(wasmPath) });

const SNOWPLOW = 'As a City of Rochester snowplow driver I can tell you the new routes are a mess. Email me at jdoe@rochestermn.gov';
const EMAIL = 'jdoe@rochestermn.gov';
const DISCLAIMER = 'These are my own opinions and do not represent those of the City.';
const CATEGORIES = ['disclaimer', 'city-email', 'confidential', 'official-position', 'conduct',
  'political', 'endorsement', 'personal-views', 'open-meeting', 'page-statements', 'moderation', 'accuracy'];
const SEVERITIES = ['error', 'warning', 'info'];

const personal = new Checker({ mode: 'personal', role: 'staff' });
const utf8 = (s) => Buffer.byteLength(s, 'utf8');
const categories = (findings) => [...new Set(findings.map((f) => f.category))].sort();
const isIndex = (n) => Number.isInteger(n) && n >= 0;

// Every field of a Finding, with its type and the span invariants.
function assertFinding(f, text, checker = personal) {
  const where = `finding ${JSON.stringify(f)}`;
  assert.equal(typeof f, 'object', where);
  assert.ok(typeof f.rule === 'string' && /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(f.rule), `rule id: ${where}`);
  assert.ok(CATEGORIES.includes(f.category), `category: ${where}`);
  assert.ok(SEVERITIES.includes(f.severity), `severity: ${where}`);
  assert.equal(typeof f.clause, 'string', where);
  assert.ok(checker.clause(f.clause), `the cited clause ${f.clause} exists`);
  assert.ok(typeof f.message === 'string' && f.message.length > 10, `message: ${where}`);
  for (const k of ['start', 'end', 'byte_start', 'byte_end']) assert.ok(isIndex(f[k]), `${k}: ${where}`);
  assert.ok(f.start <= f.end && f.end <= text.length, `UTF-16 span within the text: ${where}`);
  assert.ok(f.byte_start <= f.byte_end && f.byte_end <= utf8(text), `byte span within the text: ${where}`);
  // Byte offsets and UTF-16 offsets name the same span (the text has no lone surrogates here).
  if (!/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    assert.equal(f.byte_start, utf8(text.slice(0, f.start)), `byte_start matches start: ${where}`);
    assert.equal(f.byte_end, utf8(text.slice(0, f.end)), `byte_end matches end: ${where}`);
  }
  assert.equal(typeof f.excerpt, 'string', where);
  assert.ok(Array.isArray(f.fixes), `fixes is an array: ${where}`);
  for (const fix of f.fixes) {
    assert.ok(typeof fix.label === 'string' && fix.label.length > 0, `fix label: ${where}`);
    assert.ok(Array.isArray(fix.edits) && fix.edits.length > 0, `fix edits: ${where}`);
    for (const e of fix.edits) {
      for (const k of ['start', 'end', 'byte_start', 'byte_end']) assert.ok(isIndex(e[k]), `edit ${k}: ${where}`);
      assert.ok(e.start <= e.end && e.end <= text.length, `edit span: ${where}`);
      assert.equal(typeof e.replacement, 'string', where);
    }
  }
}

function check(text, ctx, checker = personal) {
  const findings = ctx === undefined ? checker.check(text) : checker.check(text, ctx);
  assert.ok(Array.isArray(findings), 'check() returns an array');
  for (const f of findings) assertFinding(f, text, checker);
  return findings;
}

// Applies one fix's edits from the last to the first (ARCHITECTURE.md).
function applyFix(text, fix) {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i].end <= edits[i - 1].start, 'fix edits do not overlap');
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
}

// Finding the e-mail address must slice exactly the address out of `text`.
function assertEmailSpan(text) {
  const findings = check(text, { mode: 'personal' });
  const email = findings.filter((f) => f.category === 'city-email');
  assert.equal(email.length, 1, `one city-email finding in ${JSON.stringify(text)}: ${JSON.stringify(findings)}`);
  assert.equal(text.slice(email[0].start, email[0].end), EMAIL);
  return email[0];
}

test('version() is the crate version', () => {
  assert.equal(typeof version(), 'string');
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test('the snowplow post: disclaimer and city-email, with every Finding field', () => {
  const findings = check(SNOWPLOW);
  assert.deepEqual(categories(findings), ['city-email', 'disclaimer'], JSON.stringify(findings, null, 1));
  const email = findings.find((f) => f.category === 'city-email');
  assert.equal(SNOWPLOW.slice(email.start, email.end), EMAIL);
  assert.equal(email.excerpt, EMAIL);
  assert.equal(email.byte_start, utf8(SNOWPLOW.slice(0, email.start)));
  const disclaimer = findings.find((f) => f.category === 'disclaimer');
  assert.equal(disclaimer.clause, 'personal.disclaimer');
  assert.ok(disclaimer.fixes.length >= 1, 'the disclaimer finding offers a fix');
  // The disclaimer fix is an insertion at the end of the text.
  const [edit] = disclaimer.fixes[0].edits;
  assert.equal(edit.start, SNOWPLOW.length);
  assert.equal(edit.end, SNOWPLOW.length);
  assert.equal(edit.byte_start, utf8(SNOWPLOW));
  assert.ok(edit.replacement.includes(DISCLAIMER), `the fix inserts the disclaimer: ${JSON.stringify(edit.replacement)}`);
});

test('with the disclaimer appended only city-email remains', () => {
  const text = `${SNOWPLOW} ${DISCLAIMER}`;
  assert.deepEqual(categories(check(text)), ['city-email']);
});

test('the context given to check() overrides the constructor\'s', () => {
  assert.ok(!categories(check(SNOWPLOW, { mode: 'city' })).includes('city-email'), 'a City account may give a City address');
  const city = new Checker({ mode: 'city', role: 'staff' });
  assert.ok(!categories(check(SNOWPLOW, undefined, city)).includes('city-email'));
  assert.ok(categories(check(SNOWPLOW, { mode: 'personal' }, city)).includes('city-email'));
  city.free();
});

test('Checkers share an engine only with the same policy, and freeing one leaves the others working', () => {
  // Same policy (none): two modes on one engine, each with its own context.
  const a = new Checker({ mode: 'personal', role: 'staff' });
  const b = new Checker({ mode: 'city' });
  assert.ok(categories(check(SNOWPLOW, undefined, a)).includes('city-email'));
  assert.ok(!categories(check(SNOWPLOW, undefined, b)).includes('city-email'));
  // Another policy gets its own engine: its domain is a City domain there only.
  const mine = new Checker({ mode: 'personal', policy: { email_domains: ['ci.example.gov'] } });
  const post = 'Write to me at pat@ci.example.gov';
  assert.ok(categories(check(post, undefined, mine)).includes('city-email'));
  assert.ok(!categories(check(post, undefined, a)).includes('city-email'), 'an override does not leak into the default engine');
  // An equal override, written anew, shares the first one's engine and behaves the same.
  const mine2 = new Checker({ mode: 'personal', policy: { email_domains: ['ci.example.gov'] } });
  assert.deepEqual(check(post, undefined, mine2), check(post, undefined, mine));
  // Freeing Checkers does not free an engine another still uses.
  a.free();
  mine.free();
  assert.ok(!categories(check(SNOWPLOW, undefined, b)).includes('city-email'));
  assert.ok(categories(check(SNOWPLOW, { mode: 'personal' }, b)).includes('city-email'));
  assert.ok(categories(check(post, undefined, mine2)).includes('city-email'));
  mine2.free();
  // And a new one after every Checker of a policy is freed starts a fresh engine.
  const again = new Checker({ mode: 'personal', policy: { email_domains: ['ci.example.gov'] } });
  assert.ok(categories(check(post, undefined, again)).includes('city-email'));
  again.free();
  b.free();
  assert.ok(categories(check(SNOWPLOW)).includes('city-email'), 'the module\'s own checker still works');
});

test('an empty post has no findings', () => {
  assert.deepEqual(check(''), []);
});

test('applying a fix (edits from last to first) removes its finding', () => {
  const findings = check(SNOWPLOW);
  const disclaimer = findings.find((f) => f.category === 'disclaimer');
  const fixed = applyFix(SNOWPLOW, disclaimer.fixes[0]);
  assert.ok(fixed.startsWith(SNOWPLOW) && fixed.trimEnd().endsWith(DISCLAIMER), JSON.stringify(fixed));
  const after = check(fixed);
  assert.ok(!after.some((f) => f.category === 'disclaimer'), JSON.stringify(after));
  assert.deepEqual(categories(after), ['city-email']);
  // Every fix offered for any finding applies cleanly and removes that finding.
  for (const f of findings) {
    for (const fix of f.fixes) {
      const t = applyFix(SNOWPLOW, fix);
      assert.ok(!check(t).some((g) => g.rule === f.rule && g.start === f.start), `fix "${fix.label}" of ${f.rule}`);
    }
  }
});

test('invalid options throw an Error that names the field', () => {
  const throwsNaming = (fn, field) => {
    assert.throws(fn, (err) => {
      assert.ok(err instanceof Error, `an Error, got ${Object.prototype.toString.call(err)}: ${err}`);
      assert.ok(err.message.includes(field), `the message names ${field}: ${err.message}`);
      return true;
    });
  };
  throwsNaming(() => new Checker({ mode: 'work' }), 'mode');
  throwsNaming(() => new Checker({ mode: 'personal', role: 'mayor' }), 'role');
  throwsNaming(() => new Checker({ mode: 'personal', policy: { email_domains: 42 } }), 'email_domains');
  throwsNaming(() => new Checker({ mode: 'personal', policy: { disable: 'conduct.profanity' } }), 'disable');
  throwsNaming(() => new Checker({ mode: 'personal', policy: { not_a_field: true } }), 'not_a_field');
  throwsNaming(() => personal.check(SNOWPLOW, { mode: 'work' }), 'mode');
  throwsNaming(() => personal.check(SNOWPLOW, { role: 'mayor' }), 'role');
  // A good override is accepted and used.
  const custom = new Checker({ mode: 'personal', role: 'staff', policy: { email_domains: ['ci.example.gov'] } });
  assert.ok(categories(check('Write to me at pat@ci.example.gov', undefined, custom)).includes('city-email'));
  custom.free();
});

test('rules() describes every rule, and every finding\'s rule is one of them', () => {
  const rules = personal.rules();
  assert.ok(Array.isArray(rules) && rules.length > 0);
  const ids = new Set();
  for (const r of rules) {
    assert.equal(typeof r.id, 'string', JSON.stringify(r));
    assert.ok(!ids.has(r.id), `rule ids are unique: ${r.id}`);
    ids.add(r.id);
    assert.ok(CATEGORIES.includes(r.category), `category of ${r.id}: ${r.category}`);
    assert.ok(SEVERITIES.includes(r.severity), `severity of ${r.id}: ${r.severity}`);
    assert.equal(typeof r.clause, 'string', `clause of ${r.id}`);
    assert.ok(personal.clause(r.clause), `rule ${r.id} cites a clause that exists: ${r.clause}`);
  }
  assert.ok(rules.some((r) => r.clause === 'personal.disclaimer'));
  for (const f of check(SNOWPLOW)) assert.ok(ids.has(f.rule), `finding rule ${f.rule} is listed by rules()`);
});

test('clause() gives the policy text by id', () => {
  const c = personal.clause('personal.disclaimer');
  assert.equal(c.id, 'personal.disclaimer');
  assert.equal(c.heading, 'Personal Social Media Use');
  assert.match(c.text, /These are my own opinions and do not represent those of the City\./);
  assert.match(personal.clause('city.g.email').text, /never use their City email account or password/);
  assert.equal(personal.clause('no.such.clause'), undefined);
});

test('clauses() lists every clause of the policy in document order', (t) => {
  if (typeof personal.clauses !== 'function') { t.skip('the API has no clauses() yet'); return; }
  const md = fs.readFileSync(path.join(ROOT, 'policy', 'rochester-social-media-policy.md'), 'utf8');
  // Section headings ("## Purpose [purpose]") are listed too, with the heading as their text.
  const want = [...md.matchAll(/^(?:## .* \[([a-z0-9.-]+)\]$|(?:- )?\[([a-z0-9.-]+)\] )/gm)].map((m) => m[1] || m[2]);
  const got = personal.clauses();
  assert.deepEqual(got.map((c) => c.id), want);
  for (const c of got) {
    assert.ok(typeof c.heading === 'string' && c.heading.length > 0, `heading of ${c.id}`);
    assert.ok(typeof c.text === 'string' && c.text.length > 0, `text of ${c.id}`);
    assert.deepEqual(personal.clause(c.id), c);
  }
});

test('spans are UTF-16 offsets: emoji before the address', () => {
  const text = '🎉🎉 email me at jdoe@rochestermn.gov';
  const f = assertEmailSpan(text);
  assert.equal(f.start, text.indexOf(EMAIL));
  assert.equal(f.byte_start, utf8(text.slice(0, f.start)));
  assert.notEqual(f.start, f.byte_start, 'UTF-16 and UTF-8 offsets differ here');
});

test('spans are UTF-16 offsets: combining marks and other scripts', () => {
  assertEmailSpan('Jose\u0301 says: email me at jdoe@rochestermn.gov');
  assertEmailSpan('Jos\u00e9 says: email me at jdoe@rochestermn.gov');
  assertEmailSpan('Zoë 👩🏽‍🚒 and ñandú 日本語 — write jdoe@rochestermn.gov today 🎉');
  assertEmailSpan('e\u0301\u0301\u0301\uFE0F email jdoe@rochestermn.gov');
});

test('spans are UTF-16 offsets: a lone surrogate before the address', () => {
  assertEmailSpan('\uD83D email jdoe@rochestermn.gov');
  assertEmailSpan('\uDE00\uDE00 email jdoe@rochestermn.gov \uD83D');
});

test('every span slices its excerpt out of a messy text', () => {
  const text = `🎉 ${SNOWPLOW}\nJose\u0301 🧑‍🚒 — ${SNOWPLOW.toUpperCase()}`;
  const findings = check(text);
  assert.ok(findings.length >= 2);
  for (const f of findings) {
    if (f.category === 'confidential') continue; // excerpts of confidential values are masked
    assert.equal(f.excerpt, text.slice(f.start, f.end), `excerpt of ${f.rule}`);
  }
});

test('a 200 KB paste checks without throwing', (t) => {
  const unit = `${SNOWPLOW} 🎉 Jose\u0301\nSSN 123-45-5530, call 507-555-0100.\n`;
  const text = unit.repeat(Math.ceil(200_000 / unit.length));
  assert.ok(text.length >= 200_000);
  const t0 = performance.now();
  const findings = personal.check(text);
  const ms = performance.now() - t0;
  assert.ok(Array.isArray(findings) && findings.length > 0);
  // Full field checks on a sample (each computes a byte offset from the start of the text).
  for (const f of findings.slice(0, 40)) assertFinding(f, text);
  for (const f of findings) assert.ok(isIndex(f.start) && f.start <= f.end && f.end <= text.length, `span of ${f.rule}`);
  const emails = findings.filter((f) => f.category === 'city-email');
  for (const f of emails) assert.equal(text.slice(f.start, f.end), EMAIL);
  t.diagnostic(`200 KB (${text.length} UTF-16 units): ${findings.length} findings in ${ms.toFixed(1)} ms`);
});

// ---- moderation mode: others' public comments on a City account's posts ----

const SNOW_POST = 'Snow emergency tonight: no parking on even sides of streets until plowing is done.';

test('moderation mode: {mode: "moderation"} and a context post for unrelated links', () => {
  const mod = new Checker({ mode: 'moderation' });
  // A harsh opinion about the City is not flagged.
  assert.deepEqual(mod.check('This council is a joke and the plow crews are useless.'), []);
  // Private data is moderation.private-info, never confidential, and masked.
  const text = 'Her SSN is 212-45-5530, you idiot.';
  const f = mod.check(text);
  assert.deepEqual([...new Set(f.map((x) => x.rule))].sort(), ['moderation.harassment', 'moderation.private-info']);
  for (const x of f) {
    assertFinding(x, text, mod);
    assert.equal(x.category, 'moderation');
    assert.notEqual(x.severity, 'error');
    assert.match(x.message, /^For review/);
    assert.match(x.message, /\[moderation\.1\]/);
    assert.match(x.message, /\[moderation\.3\]/);
    assert.deepEqual(x.fixes, []);
  }
  assert.ok(!f.some((x) => x.excerpt.includes('5530')));
  // The same checker used per call, and the City post as context.
  const link = 'Great deals on sneakers at kickzoutlet.shop';
  assert.deepEqual(personal.check(link, { mode: 'moderation' }), [], 'no post: links are not judged');
  const withPost = personal.check(link, { mode: 'moderation', context: SNOW_POST });
  assert.deepEqual(withPost.map((x) => x.rule), ['moderation.unrelated-link']);
  assert.equal(link.slice(withPost[0].start, withPost[0].end), 'kickzoutlet.shop');
  assert.deepEqual(personal.check('Parking map: kttc.com/snow-emergency-parking', { mode: 'moderation', context: SNOW_POST }), []);
  // A personal post never gets moderation findings.
  assert.ok(!personal.check(text).some((x) => x.category === 'moderation'));
});

test('moderation mode: a bad context is an error naming the field', () => {
  assert.throws(() => personal.check('x', { mode: 'moderation', context: 5 }), /context\.context: expected the City post's text \(a string\), got a number/);
  assert.throws(() => personal.check('x', { mode: 'city', context: 'a post' }), /context\.context: .*only with mode "moderation"/);
  assert.throws(() => personal.check('x', { mode: 'moderation', contxt: 'a post' }), /context\.contxt: unknown field \(expected mode, role or context\)/);
});

test('the rule list has every moderation kind, each for moderation mode only', () => {
  const rules = personal.rules().filter((r) => r.category === 'moderation');
  assert.deepEqual(rules.map((r) => r.id).sort(), ['moderation.endorsement', 'moderation.harassment', 'moderation.libel', 'moderation.obscene',
    'moderation.off-topic', 'moderation.private-info', 'moderation.slur', 'moderation.spam', 'moderation.threat', 'moderation.unrelated-link']);
  for (const r of rules) {
    assert.deepEqual(r.modes, ['moderation']);
    assert.ok(personal.clause(r.clause), r.clause);
  }
});

// ---- accuracy: mechanical errors on City posts ([city.g.accurate]) ----

test('accuracy: City mode reports mechanical errors with one-edit fixes; personal mode never', () => {
  const city = new Checker({ mode: 'city' });
  // An emoji first: UTF-16 offsets differ from byte offsets.
  const text = '❄️ Residents will recieve a notice in a hour at the the library.';
  const f = check(text, undefined, city).filter((x) => x.category === 'accuracy');
  assert.deepEqual(f.map((x) => x.rule), ['accuracy.misspelling', 'accuracy.article', 'accuracy.repeated-word']);
  assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['recieve', 'a hour', 'the the']);
  for (const x of f) {
    assert.equal(x.clause, 'city.g.accurate');
    assert.equal(x.severity, 'warning');
    assert.equal(x.fixes.length, 1);
    assert.equal(x.fixes[0].edits.length, 1, 'one edit: one undo step in an editor');
  }
  let fixed = text;
  for (const x of [...f].reverse()) fixed = applyFix(fixed, x.fixes[0]);
  assert.equal(fixed, '❄️ Residents will receive a notice in an hour at the library.');
  assert.deepEqual(city.check(fixed).filter((x) => x.category === 'accuracy'), []);
  // Personal mode (the constructor's or per call) and moderation mode: none.
  assert.ok(!personal.check(text).some((x) => x.category === 'accuracy'));
  assert.ok(!city.check(text, { mode: 'personal' }).some((x) => x.category === 'accuracy'));
  assert.ok(!city.check(text, { mode: 'moderation' }).some((x) => x.category === 'accuracy'));
  // Hard negatives.
  assert.deepEqual(city.check('An hour, a one-time fee, an FBI agent, a US flag. We had had enough.').filter((x) => x.category === 'accuracy'), []);
});

test('accuracy: the rules are listed for City mode and can be switched off', () => {
  const rules = personal.rules().filter((r) => r.category === 'accuracy');
  assert.equal(rules.length, 7);
  for (const r of rules) {
    assert.deepEqual(r.modes, ['city']);
    assert.equal(r.clause, 'city.g.accurate');
  }
  const off = new Checker({ mode: 'city', policy: { disable: ['accuracy.misspelling'] } });
  assert.deepEqual(off.check('We recieve mail.').filter((x) => x.category === 'accuracy'), []);
});
