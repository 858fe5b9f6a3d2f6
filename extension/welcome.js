// The first-run page (opened once on install, unless the organisation's policy
// sets the role): role, City accounts, sites, and the privacy promise. Saves
// to storage.local like the options page; "welcomed" records that it was done.
import { api, normaliseSite, sitePattern, normaliseAccount } from './settings.js';

const $ = (id) => document.getElementById(id);

async function read() {
  const res = await api.runtime.sendMessage({ type: 'settings' });
  if (!res?.ok) throw new Error(res?.error || 'no answer from the background');
  return res;
}

// Shows the stored settings in the form (only before the form takes answers).
function show(res) {
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

// The "which accounts" box follows the radio from the first moment: it needs no settings.
for (const r of document.querySelectorAll('input[name="manages"]')) {
  r.addEventListener('change', () => { $('accounts-box').hidden = r.value !== 'yes' || !r.checked; });
}

// The settings as last read (null until they answer).
let loaded = null;

$('later').addEventListener('click', async () => {
  try { await api.storage.local.set({ welcomed: true }); } finally { window.close(); }
});

$('setup').addEventListener('submit', async (e) => {
  e.preventDefault();
  // Settings not read yet (the worker was slow to wake): read them now, or say so and save nothing.
  const res = loaded ?? await loadWithRetry().catch((err) => { showError(`Settings could not be loaded: ${String(err?.message ?? err)}`); return null; });
  if (!res) return;
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
  $('error').hidden = true;
  if (raw) api.runtime.sendMessage({ type: 'sync-sites' });
  $('saved').textContent = raw && !granted ? 'Saved. The extra site is not allowed yet (Settings \u2192 Sites).' : 'Saved. PostGuard is checking.';
  $('done').textContent = 'Saved';
});

// Reads the settings without touching the form. A worker that is still starting (the page opens from onInstalled) may not
// answer the first message: ask again, a few times, before giving up.
async function loadWithRetry() {
  let last;
  for (const wait of [0, 250, 1000, 2500]) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    try { return await read(); } catch (e) { last = e; }
  }
  throw last;
}

function showError(t) { $('error').hidden = false; $('error').textContent = t; }

// The form is inert until the settings are in (a cold worker can take a second):
// an answer given before then would be overwritten by show(). If they cannot
// be read, the form opens anyway: "Done" tries again, "Later" always works.
loadWithRetry()
  .then((res) => { show(res); loaded = res; })
  .catch((e) => showError(`Settings could not be loaded: ${String(e?.message ?? e)}`))
  .finally(() => {
    $('setup').inert = false;
    document.documentElement.dataset.ready = 'true';
  });
