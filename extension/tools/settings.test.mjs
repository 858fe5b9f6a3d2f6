// Unit tests for extension/settings.js (merge, validation, Checker options, mode rules, pause).
// Run: node --test extension/tools/   (not shipped: tools/ is left out of the packages)
import assert from 'node:assert/strict';
import { merge, checkerOptions, modeFor, isPaused, normaliseSite, clean } from '../settings.js';
const { settings, locked } = merge(
  { role: 'council', modeRules: ['https://x.com/RochesterMNGov', 7], emailDomains: [' a.gov ', 'a.gov'], disabledRules: ['conduct.profanity'], pausedSites: ['Reddit.com'], sites: ['social.example.org/x', 'http://bad.example'] },
  { role: 'staff', disclaimerText: 'Mine alone.', severity: { 'personal-views.opinion': 'info', bad: 'nope' } });
assert.equal(settings.role, 'staff');
assert.deepEqual(locked.sort(), ['disclaimerText', 'role', 'severity']);
assert.deepEqual(settings.modeRules, ['https://x.com/RochesterMNGov']);
assert.deepEqual(settings.emailDomains, ['a.gov']);
assert.deepEqual(settings.sites, ['https://social.example.org']);
assert.deepEqual(checkerOptions(settings), { mode: 'personal', role: 'staff', policy: { email_domains: ['a.gov'], disclaimer_text: 'Mine alone.', disable: ['conduct.profanity'], severity: { 'personal-views.opinion': 'info' } } });
assert.deepEqual(modeFor('https://twitter.com/rochestermngov/status/1', settings), { mode: 'city', reason: 'rule', rule: 'https://x.com/RochesterMNGov' });
assert.deepEqual(modeFor('https://www.x.com/RochesterMNGov', settings).mode, 'city');
assert.deepEqual(modeFor('https://x.com/home', settings), { mode: 'personal', reason: 'default' });
assert.equal(isPaused('https://www.reddit.com/r/x', settings), true);
assert.equal(isPaused('https://notreddit.com/', settings), false);
assert.equal(normaliseSite('ftp://x'), null);
assert.equal(clean('role', 'work'), undefined);
const d = merge({}, {});
assert.deepEqual(checkerOptions(d.settings), { mode: 'personal', role: 'staff' });
console.log('settings tests ok');
