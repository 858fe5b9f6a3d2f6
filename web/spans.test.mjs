// The one span-tracking behaviour of the demo page and the extension (web/spans.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shiftFindings, textDiff } from './spans.mjs';

const base = 'Email me at jdoe@rochestermn.gov today';
const email = { start: 12, end: 32, rule: 'city-email.address' };
const shown = (newText, findings = [email]) => shiftFindings(base, newText, findings).map((f) => newText.slice(f.start, f.end));

test('an edit before a finding shifts it', () => {
  assert.deepEqual(shown(`Hi! ${base}`), ['jdoe@rochestermn.gov']);
  assert.deepEqual(shown(base.replace('Email me', 'Write')), ['jdoe@rochestermn.gov']);
});

test('an edit after a finding leaves it alone, also typing right after it', () => {
  assert.deepEqual(shown(`${base}!!`), ['jdoe@rochestermn.gov']);
  assert.deepEqual(shown(base.replace('.gov today', '.gov, today')), ['jdoe@rochestermn.gov']);
});

test('typing at a finding\'s start shifts it, it does not stretch it', () => {
  assert.deepEqual(shown(base.replace('at jdoe', 'at xjdoe')), ['jdoe@rochestermn.gov']);
});

test('an edit inside a finding keeps it and stretches or shrinks it', () => {
  assert.deepEqual(shown(base.replace('mn.gov', 'mnx.gov')), ['jdoe@rochestermnx.gov']);
  assert.deepEqual(shown(base.replace('jdoe@', 'jd@')), ['jd@rochestermn.gov']);
});

test('an edit across a finding\'s start or end drops it', () => {
  assert.deepEqual(shown(base.replace('at jdoe', 'to xdoe')), []);
  assert.deepEqual(shown(base.replace('.gov today', '.org now')), []);
  assert.deepEqual(shown('Email me later'), []);
});

test('an empty finding at the end of the text moves with typing there', () => {
  const end = { start: base.length, end: base.length, rule: 'disclaimer.missing' };
  const out = shiftFindings(base, `${base}!`, [end]);
  assert.deepEqual(out.map((f) => [f.start, f.end]), [[base.length + 1, base.length + 1]]);
});

test('unchanged findings are the same objects; no change returns the list', () => {
  const list = [email];
  assert.equal(shiftFindings(base, base, list), list);
  assert.equal(shiftFindings(base, `${base}!`, list)[0], email);
});

test('surrogate pairs: offsets are UTF-16 units', () => {
  const t = 'a 🎉 jdoe@rochestermn.gov';
  const f = { start: 5, end: t.length };
  const n = `🎉${t}`;
  assert.deepEqual(shiftFindings(t, n, [f]).map((x) => n.slice(x.start, x.end)), ['jdoe@rochestermn.gov']);
});

test('textDiff finds the one changed stretch', () => {
  assert.deepEqual(textDiff('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(textDiff('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
});
