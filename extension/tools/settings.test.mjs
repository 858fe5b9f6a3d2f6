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

// Field-by-field validation: wrong types, bad entries, limits, unknown keys -> defaults + named problems.
{
  const { check, MAX_LIST } = await import('../settings.js');
  const bad = merge(
    { role: 42, emailDomains: 5, confidentialTerms: { a: 1 }, disclaimerText: { x: 1 }, bogus: [1], pausedSites: ['bad host!', 'Reddit.com'] },
    { role: 'mayor', emailDomains: ['not a domain', 'Ok.Example.gov', '@city.example.org', 7], confidentialTerms: ['Project Bluebird', 'x', '(.*', ...Array.from({ length: MAX_LIST + 10 }, (_, i) => `Codename${i}`)], disabledRules: ['not a rule'], severity: { 'conduct.profanity': 'fatal', 'conduct.slur': 'info' } });
  assert.equal(bad.settings.role, 'staff');
  assert.deepEqual(bad.settings.emailDomains, ['ok.example.gov', 'city.example.org']);
  assert.equal(bad.settings.confidentialTerms.length, MAX_LIST - 2);
  assert.equal(bad.settings.confidentialTerms[0], 'Project Bluebird');
  assert.equal(bad.settings.disclaimerText, '');
  assert.deepEqual(bad.settings.disabledRules, []);
  assert.deepEqual(bad.settings.severity, { 'conduct.slur': 'info' });
  assert.deepEqual(bad.settings.pausedSites, ['reddit.com']);
  assert.deepEqual(bad.locked.sort(), ['confidentialTerms', 'disabledRules', 'emailDomains', 'severity']);
  const named = (key, source, re) => bad.problems.some((p) => p.key === key && p.source === source && re.test(p.message));
  assert.ok(named('role', 'managed', /"mayor"/));
  assert.ok(named('role', 'sync', /not a number/));
  assert.ok(named('emailDomains', 'managed', /"not a domain" is not a domain name/));
  assert.ok(named('emailDomains', 'managed', /1 entry is not text/));
  assert.ok(named('emailDomains', 'sync', /must be a list of text lines, not a number/));
  assert.ok(named('confidentialTerms', 'managed', /has 513 entries; only the first 500/));
  assert.ok(named('confidentialTerms', 'managed', /"\(\.\*" needs at least two letters/));
  assert.ok(named('confidentialTerms', 'sync', /not an object/));
  assert.ok(named('disclaimerText', 'sync', /must be text, not an object/));
  assert.ok(named('disabledRules', 'managed', /"not a rule" is not a rule id/));
  assert.ok(named('severity', 'managed', /"fatal" is not error, warning or info/));
  assert.ok(named('pausedSites', 'sync', /"bad host!" is not a host name/));
  assert.ok(named('bogus', 'sync', /not a PostGuard setting/));
  assert.deepEqual(check('disclaimerText', 'x'.repeat(5000)).value, undefined);
  assert.deepEqual(check('modeRules', ['https://x.com/RochesterMNGov', 'x.com/City', 'not a url at all ::']).value, ['https://x.com/RochesterMNGov', 'x.com/City']);
  assert.deepEqual(merge({}, {}).problems, []);
  console.log('settings validation tests ok');
}
