// The toolbar popup: status on this tab, the number of findings in the field
// being written in, the mode and role, and "Pause on this site".
import { api, hostOf } from './settings.js';

const $ = (id) => document.getElementById(id);

function siteKey(host) { return host.replace(/^www\./, ''); }

async function render() {
  // ?tab=ID renders the popup for another tab (for tests and screenshots).
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  const tab = forced ? await api.tabs.get(forced) : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  const url = tab?.url ?? ''; // present only on sites PostGuard has access to
  const st = await api.runtime.sendMessage({ type: 'tab-status', tabId: tab?.id, url });
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
  } else {
    status.textContent = st.seen ? `Active on ${st.host}.` : `Active on ${st.host}. Click into a post box to check it.`;
    status.dataset.state = 'active';
  }
  $('count').textContent = supported && st.enabled && !st.paused ? String(st.count) : '\u2013';
  $('mode').textContent = st.mode === 'city' ? 'City account' : 'Personal account';
  $('mode-why').textContent = st.modeReason === 'rule'
    ? `This page matches the City account rule \u201c${st.modeRule}\u201d.`
    : `Default mode (change it or add City account rules in Settings).`;
  $('role').textContent = st.role ? st.role[0].toUpperCase() + st.role.slice(1) : '\u2013';

  const pause = $('pause');
  pause.checked = !!st.paused;
  pause.disabled = !supported || st.pausedLocked;
  $('pause-locked').hidden = !st.pausedLocked;
  pause.onchange = async () => {
    const host = siteKey(hostOf(url));
    const { pausedSites = [] } = await api.storage.sync.get('pausedSites');
    const list = pausedSites.filter((h) => h !== host && !host.endsWith('.' + h));
    if (pause.checked) list.push(host);
    await api.storage.sync.set({ pausedSites: list });
    render();
  };

  $('off-note').hidden = st.enabled;
  const toggle = $('toggle');
  toggle.textContent = st.enabled ? 'Switch checking off' : 'Switch checking on';
  toggle.onclick = async () => {
    await api.storage.local.set({ enabled: !st.enabled });
    render();
  };
}

$('options').addEventListener('click', () => api.runtime.openOptionsPage());
render().catch((e) => { $('status').textContent = `PostGuard could not read this tab: ${String(e?.message ?? e)}`; });
