// The first-run page (opened once on install, unless the organisation's policy
// sets the role): role, City accounts, sites, and the privacy promise. Saves
// to storage.local like the options page; "welcomed" records that it was done.
import { api, normaliseSite, sitePattern, normaliseAccount } from './settings.js';

const $ = (id) => document.getElementById(id);

async function load() {
  const res = await api.runtime.sendMessage({ type: 'settings' });
  if (!res?.ok) throw new Error(res?.error || 'no answer from the background');
  const s = res.settings;
  for (const r of document.querySelectorAll('input[name="role"]')) {
    r.checked = r.value === s.role;
    r.disabled = res.locked.includes('role');
  }
  $('role-locked').hidden = !res.locked.includes('role');
  if (s.cityAccounts.length) {
    document.querySelector('input[name="manages"][value="yes"]').checked = true;
    $('accounts-box').hidden = false;
    $('cityAccounts').value = s.cityAccounts.join('\n');
  }
  if (res.locked.includes('cityAccounts')) {
    for (const c of document.querySelectorAll('[data-key="cityAccounts"] input, #cityAccounts')) c.disabled = true;
  }
  return res;
}

function wire(res) {
  for (const r of document.querySelectorAll('input[name="manages"]')) {
    r.addEventListener('change', () => { $('accounts-box').hidden = r.value !== 'yes' || !r.checked; });
  }
  $('later').addEventListener('click', async () => { await api.storage.local.set({ welcomed: true }); window.close(); });
  $('setup').addEventListener('submit', async (e) => {
    e.preventDefault();
    const patch = { welcomed: true };
    if (!res.locked.includes('role')) patch.role = document.querySelector('input[name="role"]:checked')?.value ?? 'staff';
    const manages = document.querySelector('input[name="manages"]:checked')?.value === 'yes';
    if (!res.locked.includes('cityAccounts')) {
      const lines = $('cityAccounts').value.split('\n').map((x) => x.trim()).filter(Boolean);
      const bad = lines.filter((x) => !normaliseAccount(x));
      if (manages && bad.length) { showError(`Not a handle or page id: ${bad.join(', ')}`); return; }
      patch.cityAccounts = manages ? lines : [];
    }
    const raw = $('site').value.trim();
    let granted = null;
    if (raw) {
      const origin = normaliseSite(raw);
      if (!origin) { showError('Enter an https address, e.g. https://social.example.org'); return; }
      // permissions.request must run in the click's user gesture: first.
      granted = await api.permissions.request({ origins: [sitePattern(origin)] }).catch(() => false);
      patch.sites = [...new Set([...res.settings.sites, origin])];
    }
    await api.storage.local.set(patch);
    if (raw) api.runtime.sendMessage({ type: 'sync-sites' });
    $('saved').textContent = raw && !granted ? 'Saved. The extra site is not allowed yet (Settings \u2192 Sites).' : 'Saved. PostGuard is checking.';
    $('done').textContent = 'Saved';
  });
}

function showError(t) { $('error').hidden = false; $('error').textContent = t; }

// The form is inert until the settings are in (a cold worker can take a second):
// an answer given before then would be overwritten by load() or miss wire()'s
// listeners. Skipping stays possible if the settings cannot be read.
load()
  .then(wire)
  .catch((e) => {
    showError(`Settings could not be loaded: ${String(e?.message ?? e)}`);
    $('later').addEventListener('click', () => window.close());
  })
  .finally(() => {
    $('setup').inert = false;
    document.documentElement.dataset.ready = 'true';
  });
