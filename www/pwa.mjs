// PostGuard demo page as an installable app: the service worker's page side.
//
// - registerWorker(): registers sw.js (which pre-caches the page for offline
//   use) and calls onUpdateReady(apply) when a new build has installed and is
//   waiting; apply() lets it take over and reloads the page.
// - takeShared(): when the page was opened by the share target (./?share=ID,
//   see sw.js), fetches the shared draft from the worker's memory, once.
//
// Neither keeps anything: the draft goes from the worker's memory to the
// compose box, nowhere else.

const supported = 'serviceWorker' in navigator && window.isSecureContext;

export function registerWorker(onUpdateReady) {
  if (!supported) return;
  const sw = navigator.serviceWorker;
  let reloading = false;
  // The first install also takes control (clients.claim): only reload when the
  // user asked for the update.
  sw.addEventListener('controllerchange', () => { if (reloading) window.location.reload(); });
  sw.register('./sw.js', { scope: './', updateViaCache: 'none' }).then((reg) => {
    const offer = (worker) => onUpdateReady(() => {
      reloading = true;
      worker.postMessage({ type: 'skip-waiting' });
    });
    if (reg.waiting && sw.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        // Installed while another version controls the page: an update.
        if (worker.state === 'installed' && sw.controller) offer(worker);
      });
    });
    // An installed app may stay open for days: look for a new build when it
    // comes back to the foreground, at most once an hour.
    let last = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible' || Date.now() - last < 3_600_000) return;
      last = Date.now();
      reg.update().catch(() => { /* offline: try again later */ });
    });
  }).catch((err) => {
    // The page works without it (online only); say why in the console.
    console.warn(`PostGuard: no offline support (${err && err.message ? err.message : err})`);
  });
}

// Resolves to undefined when the page was not opened by a share, to the shared
// { title, text, url } when it was, and to null when the draft is gone (the
// worker was restarted in between, or the id was used already).
export async function takeShared() {
  const params = new URLSearchParams(window.location.search);
  const id = params.get('share');
  if (id === null) return undefined;
  // Drop the one-shot id from the address bar, so a reload starts afresh.
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.hash}`);
  if (!supported) return null;
  const worker = navigator.serviceWorker.controller || (await navigator.serviceWorker.ready).active;
  if (!worker) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 5000);
    channel.port1.onmessage = (e) => { clearTimeout(timer); resolve(e.data || null); };
    worker.postMessage({ type: 'take-share', id }, [channel.port2]);
  });
}

// The draft to check from a share: the text (or, with no text, the title),
// with the link appended when it is not in the text already. Android apps
// usually send the whole draft as `text`; a shared web page comes as a title
// and a `url`.
export function sharedDraft({ title = '', text = '', url = '' } = {}) {
  let draft = text || title;
  if (url && !draft.includes(url)) draft = draft ? `${draft}\n${url}` : url;
  return draft;
}
