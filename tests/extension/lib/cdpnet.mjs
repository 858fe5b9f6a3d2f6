// Every network request of every target in the browser, over a raw CDP connection (the `ws`
// package; Chromium started with --remote-debugging-port). Browser-level auto-attach with
// waitForDebuggerOnStart: each new target -- a page, the extension's service worker each time
// the browser (re)starts it, the extension's own pages -- is paused until Network.enable is on,
// so even the first request of a freshly started worker is seen.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './fixtures.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));

export async function watchAllRequests(wsUrl) {
  const WebSocket = require('ws');
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  let id = 0;
  const pending = new Map();
  const requests = []; // { url, type, targetUrl }
  const targets = new Map(); // sessionId -> { type, url }
  const send = (method, params = {}, sessionId) => new Promise((resolve) => {
    const mid = ++id;
    pending.set(mid, resolve);
    ws.send(JSON.stringify({ id: mid, method, params, ...(sessionId ? { sessionId } : {}) }));
  });
  const onAttached = async ({ sessionId, targetInfo, waitingForDebugger }) => {
    targets.set(sessionId, { type: targetInfo.type, url: targetInfo.url });
    // Nested targets (a worker of a page, an iframe) are auto-attached too.
    await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
    await send('Network.enable', {}, sessionId);
    if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger', {}, sessionId);
  };
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.id && pending.has(m.id)) { pending.get(m.id)(m.result ?? { error: m.error }); pending.delete(m.id); return; }
    if (m.method === 'Target.attachedToTarget') onAttached(m.params).catch(() => {});
    else if (m.method === 'Network.requestWillBeSent' || m.method === 'Network.webSocketCreated') {
      const t = targets.get(m.sessionId) ?? { type: '?', url: '' };
      // documentURL: the page (or worker script) the request was made for.
      requests.push({ url: m.params.request?.url ?? m.params.url, type: t.type, targetUrl: m.params.documentURL || t.url });
    }
  });
  await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  // Targets that exist already (the first start of the worker, the first page).
  const { targetInfos = [] } = await send('Target.getTargets');
  for (const t of targetInfos) {
    if (['page', 'service_worker', 'shared_worker', 'worker', 'iframe', 'other'].includes(t.type)) {
      await send('Target.attachToTarget', { targetId: t.targetId, flatten: true });
    }
  }
  return {
    requests,
    targets: () => [...targets.values()],
    close: () => ws.close(),
  };
}
