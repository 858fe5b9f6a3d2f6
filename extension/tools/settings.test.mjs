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
assert.deepEqual(modeFor('https://twitter.com/rochestermngov/media', settings), { mode: 'city', reason: 'rule', rule: 'https://x.com/RochesterMNGov' });
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
  assert.ok(named('role', 'local', /not a number/));
  assert.ok(named('emailDomains', 'managed', /"not a domain" is not a domain name/));
  assert.ok(named('emailDomains', 'managed', /1 entry is not text/));
  assert.ok(named('emailDomains', 'local', /must be a list of text lines, not a number/));
  assert.ok(named('confidentialTerms', 'managed', /has 513 entries; only the first 500/));
  assert.ok(named('confidentialTerms', 'managed', /"\(\.\*" needs at least two letters/));
  assert.ok(named('confidentialTerms', 'local', /not an object/));
  assert.ok(named('disclaimerText', 'local', /must be text, not an object/));
  assert.ok(named('disabledRules', 'managed', /"not a rule" is not a rule id/));
  assert.ok(named('severity', 'managed', /"fatal" is not error, warning or info/));
  assert.ok(named('pausedSites', 'local', /"bad host!" is not a host name/));
  assert.ok(named('bogus', 'local', /not a PostGuard setting/));
  assert.deepEqual(check('disclaimerText', 'x'.repeat(5000)).value, undefined);
  assert.deepEqual(check('modeRules', ['https://x.com/RochesterMNGov', 'x.com/City', 'not a url at all ::']).value, ['https://x.com/RochesterMNGov', 'x.com/City']);
  assert.deepEqual(merge({}, {}).problems, []);
  console.log('settings validation tests ok');
}

// Mode: URL rules match whole path segments; a reply under /status/ is not the City account.
{
  const { settings: s } = merge({ modeRules: ['https://x.com/RochesterMNGov', 'facebook.com/CityofRochesterMN'], cityAccounts: ['@RochesterMNGov', 'facebook:100064512345678', 'https://www.linkedin.com/company/city-of-rochester-mn/'] }, {});
  assert.equal(modeFor('https://x.com/RochesterMNGovFans', s).mode, 'personal');
  assert.equal(modeFor('https://x.com/RochesterMNGov/status/123', s).mode, 'personal');
  assert.equal(modeFor('https://x.com/RochesterMNGov', s).mode, 'city');
  assert.equal(modeFor('https://x.com/RochesterMNGov/', s).mode, 'city');
  assert.equal(modeFor('https://x.com/RochesterMNGov?lang=en', s).mode, 'city');
  assert.equal(modeFor('https://mobile.twitter.com/RochesterMNGov/media', s).mode, 'city');
  assert.equal(modeFor('https://www.facebook.com/CityofRochesterMN/posts', s).mode, 'city');
  assert.equal(modeFor('https://www.facebook.com/CityofRochesterMNFanClub', s).mode, 'personal');
  assert.equal(modeFor('https://evil.example/x.com/RochesterMNGov', s).mode, 'personal');
  // The posting identity wins over the URL, both ways.
  assert.deepEqual(modeFor('https://x.com/home', s, { site: 'x.com', handle: 'RochesterMNGov' }), { mode: 'city', reason: 'identity', account: 'rochestermngov', identity: '@RochesterMNGov' });
  assert.deepEqual(modeFor('https://x.com/RochesterMNGov', s, { site: 'x.com', handle: 'jdoe_mn' }), { mode: 'personal', reason: 'identity', identity: '@jdoe_mn' });
  assert.equal(modeFor('https://www.facebook.com/', s, { site: 'www.facebook.com', pageId: '100064512345678', name: 'City of Rochester, MN' }).mode, 'city');
  assert.equal(modeFor('https://www.facebook.com/', s, { site: 'www.facebook.com', pageId: '100064512345679' }).mode, 'personal');
  assert.equal(modeFor('https://www.linkedin.com/feed/', s, { site: 'www.linkedin.com', pageId: 'company/city-of-rochester-mn' }).mode, 'city');
  // A handle listed for one site does not match another site's page id of the same digits.
  assert.equal(modeFor('https://x.com/home', s, { site: 'x.com', handle: '100064512345678' }).mode, 'personal');
  // The user's one-click switch wins over everything.
  assert.deepEqual(modeFor('https://x.com/RochesterMNGov', s, { site: 'x.com', handle: 'RochesterMNGov' }, 'personal'), { mode: 'personal', reason: 'override' });
  // No City accounts listed: an identity says nothing, the URL rules decide.
  const { settings: u } = merge({ modeRules: ['x.com/RochesterMNGov'] }, {});
  assert.equal(modeFor('https://x.com/RochesterMNGov', u, { site: 'x.com', handle: 'jdoe' }).mode, 'city');
  const { normaliseAccount, matchAccount, check } = await import('../settings.js');
  assert.equal(normaliseAccount('not a handle!'), null);
  assert.equal(normaliseAccount('https://x.com/RochesterMNGov'), 'x:rochestermngov');
  assert.equal(matchAccount({ site: 'bsky.app', handle: 'rochestermngov' }, ['x:RochesterMNGov']), null);
  assert.ok(check('cityAccounts', ['@ok_handle', 'bad handle !']).problems.some((p) => /not a handle/.test(p)));
  console.log('mode tests ok');
}

// Settings live in storage.local: an older version's storage.sync values are moved once, then removed from sync.
{
  const { migrateFromSync, sitePattern, LOCAL_STATE } = await import('../settings.js');
  const area = () => {
    const m = new Map();
    return {
      m,
      get: async (k) => Object.fromEntries([...m].filter(([x]) => k == null || (Array.isArray(k) ? k.includes(x) : x === k))),
      set: async (o) => { for (const [k, v] of Object.entries(o)) m.set(k, v); },
      remove: async (k) => { for (const x of [].concat(k)) m.delete(x); },
    };
  };
  const storage = { sync: area(), local: area() };
  await storage.sync.set({ confidentialTerms: ['Project Bluebird'], role: 'police', modeRules: ['x.com/old'] });
  await storage.local.set({ modeRules: ['x.com/RochesterMNGov'], enabled: false });
  const moved = await migrateFromSync(storage);
  assert.deepEqual(moved.sort(), ['confidentialTerms', 'role']);
  assert.equal(storage.sync.m.size, 0, 'nothing of the settings is left in sync');
  assert.deepEqual(storage.local.m.get('confidentialTerms'), ['Project Bluebird']);
  assert.deepEqual(storage.local.m.get('modeRules'), ['x.com/RochesterMNGov'], 'a newer local value wins');
  assert.deepEqual(await migrateFromSync(storage), [], 'once: nothing to move the second time');
  // Per-device state keys in storage.local are not reported as unknown settings.
  const r = merge(Object.fromEntries(storage.local.m), {});
  assert.deepEqual(r.problems, []);
  assert.equal(r.settings.role, 'police');
  assert.ok(LOCAL_STATE.includes('enabled'));
  // Added sites include their subdomains.
  assert.equal(sitePattern('https://social.example.org'), 'https://*.social.example.org/*');
  assert.equal(sitePattern('https://www.example.org'), 'https://*.example.org/*');
  console.log('storage tests ok');
}
