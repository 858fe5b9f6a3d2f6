// The toolbar popup: status on this tab (and a check that failed), the number
// of findings in the field being written in (minus the ones dismissed), the
// mode and why, a switch of the mode for this tab, the role, and "Pause on
// this site".
import { api, hostOf } from './settings.js';

const $ = (id) => document.getElementById(id);

function siteKey(host) { return host.replace(/^www\./, ''); }

async function render() {
  // ?tab=ID renders the popup for another tab (for tests and screenshots).
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  const tab = forced ? await api.tabs.get(forced) : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  const url = tab?.url ?? ''; // present only on sites PostGuard has access to
  const st = await api.runtime.sendMessage({ type: 'tab-status', tabId: tab?.id, url });
  if (!st?.ok) throw new Error(st?.error || 'no answer from the background');
  const stats = await api.runtime.sendMessage({ type: 'stats' }).catch(() => null);
  $('version').textContent = stats?.stats?.version ? `engine ${stats.stats.version}` : '';
  const supported = /^https:/.test(url) && !!st?.host;
  const status = $('status');
  if (!st?.enabled) {
    status.textContent = 'Off: PostGuard is switched off everywhere.';
    status.dataset.state = 'off';
  } else if (!supported) {
    status.textContent = 'Not a supported site. Add it under Settings \u2192 Sites to check.';
    status.dataset.state = 'unsupported';
  } else if (st.paused) {
    status.textContent = `Paused on ${st.host}.`;
    status.dataset.state = 'paused';
  } else if (st.error) {
    status.textContent = `Not checking on ${st.host}: the last check failed.`;
    status.dataset.state = 'error';
  } else {
    status.textContent = st.seen ? `Active on ${st.host}.` : `Active on ${st.host}. Click into a post box to check it.`;
    status.dataset.state = 'active';
  }
  const err = st.enabled ? (st.error || null) : null;
  $('error').hidden = !err;
  $('error').textContent = err ? `PostGuard could not check your post: ${err}` : '';
  $('count').textContent = supported && st.enabled && !st.paused && !st.error ? String(st.count) : '\u2013';
  $('mode').textContent = st.mode === 'city' ? 'City account' : 'Personal account';
  $('mode-why').textContent = st.modeWhy ? `Because: ${st.modeWhy}.` : '';
  const sw = $('mode-switch');
  sw.value = st.override ?? '';
  sw.disabled = !supported || !st.enabled;
  sw.onchange = async () => {
    await api.runtime.sendMessage({ type: 'set-mode', tabId: tab?.id, mode: sw.value || null });
    render();
  };
  const role = $('role');
  role.value = st.role;
  role.disabled = !!st.roleLocked;
  $('role-locked').hidden = !st.roleLocked;
  role.onchange = async () => { await api.storage.local.set({ role: role.value }); render(); };

  const pause = $('pause');
  pause.checked = !!st.paused;
  pause.disabled = !supported || st.pausedLocked;
  $('pause-locked').hidden = !st.pausedLocked;
  pause.onchange = async () => {
    const host = siteKey(hostOf(url));
    const { pausedSites = [] } = await api.storage.local.get('pausedSites');
    const list = (Array.isArray(pausedSites) ? pausedSites : []).filter((h) => h !== host && !host.endsWith('.' + h));
    if (pause.checked) list.push(host);
    await api.storage.local.set({ pausedSites: list });
    render();
  };

  $('off-note').hidden = st.enabled;
  // The shortcut as the user set it (chrome://extensions/shortcuts), if any.
  $('off-note').textContent = `Checking is switched off everywhere. ${st.shortcut ? `Press ${st.shortcut} or use` : 'Use'} the button to switch it on.`;
  const toggle = $('toggle');
  toggle.textContent = st.enabled ? 'Switch checking off' : 'Switch checking on';
  toggle.title = st.shortcut ? `Shortcut: ${st.shortcut}` : '';
  toggle.onclick = async () => {
    await api.storage.local.set({ enabled: !st.enabled });
    render();
  };
}

$('options').addEventListener('click', () => api.runtime.openOptionsPage());
render().catch((e) => { $('status').textContent = `PostGuard could not read this tab: ${String(e?.message ?? e)}`; });
