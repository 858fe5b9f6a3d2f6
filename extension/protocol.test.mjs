// The message protocol (extension/protocol.mjs): who may send what, and the shapes accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGES, REFUSED, validate } from './protocol.mjs';

test('the content script\'s messages are accepted from a content script', () => {
  for (const msg of [
    { type: 'check', text: 'hi', url: 'https://x.com/home', purpose: 'compose', identity: { site: 'x', handle: '@a' }, override: null },
    { type: 'check-page', text: '', purpose: 'about', identity: null },
    { type: 'clause', id: 'personal.disclaimer' },
    { type: 'field-status', count: 2, mode: 'city', modeReason: 'identity', modeWhy: 'posting as @a' },
    { type: 'field-status', count: 0 },
    { type: 'ping' },
  ]) assert.deepEqual(validate(msg, 'content'), { ok: true, msg }, msg.type);
});

test('the settings, stats, tab status, rules, mode and sites are refused to a content script', () => {
  for (const type of ['settings', 'stats', 'tab-status', 'rules', 'set-mode', 'sync-sites']) {
    assert.deepEqual(validate({ type, mode: null }, 'content'), { ok: false, error: REFUSED }, type);
    assert.equal(validate({ type, mode: null }, 'page').ok, true, type);
  }
});

test('notices come from the background only', () => {
  assert.equal(validate({ type: 'open-card' }, 'background').ok, true);
  assert.equal(validate({ type: 'settings-changed' }, 'content').ok, false);
  assert.equal(validate({ type: 'check', text: 'x' }, 'background').ok, false);
});

test('wrong shapes are refused, naming the field', () => {
  const bad = [
    [{ type: 'check', text: 42 }, 'text'],
    [{ type: 'check', text: 'x', override: 'moderation' }, 'override'],
    [{ type: 'check', text: 'x', purpose: 'spam' }, 'purpose'],
    [{ type: 'check', text: 'x', identity: { handle: 'x'.repeat(201) } }, 'identity'],
    [{ type: 'check', text: 'x', identity: [] }, 'identity'],
    [{ type: 'clause' }, 'id'],
    [{ type: 'field-status', count: -1 }, 'count'],
    [{ type: 'field-status', count: Number.NaN }, 'count'],
  ];
  for (const [msg, field] of bad) {
    const r = validate(msg, 'content');
    assert.equal(r.ok, false, JSON.stringify(msg));
    assert.match(r.error, new RegExp(`^message ${msg.type}: ${field}: expected `), JSON.stringify(msg));
  }
  assert.equal(validate({ type: 'set-mode', tabId: 1.5, mode: 'city' }, 'page').ok, false);
});

test('unknown types and non-objects are refused', () => {
  for (const msg of [null, 'check', 42, {}, { type: 'eval' }, { type: 'toString' }, { type: '__proto__' }]) {
    assert.match(validate(msg, 'page').error, /^unknown message type/, JSON.stringify(msg));
  }
});

test('every message names who may send it', () => {
  for (const [type, spec] of Object.entries(MESSAGES)) assert.ok(spec.from.length > 0, type);
});
