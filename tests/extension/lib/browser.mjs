// Launching Debian's Chromium with the unpacked extension, and small helpers shared by
// run.mjs and latency.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './fixtures.mjs';
import { hostResolverRules } from './server.mjs';
import { closePlaywright } from '../../support/teardown.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
export const { chromium } = require('playwright-core');
// The unpacked extension under test (POSTGUARD_EXTENSION_DIR: e.g. target/extension/chrome, the packaged build).
export const EXT = process.env.POSTGUARD_EXTENSION_DIR ? path.resolve(process.env.POSTGUARD_EXTENSION_DIR) : path.join(ROOT, 'extension');

// Service-worker network events (the extension's background) in the context's request log.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export async function launch({ hosts, port, extension = true, extensionDir = EXT, extraArgs = [] }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-ext-test-'));
  const args = [
    ...(extension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions']),
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-features=Translate,OptimizationHints,MediaRouter',
    '--ignore-certificate-errors', hostResolverRules(hosts, port), ...extraArgs,
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1000, height: 760 },
    ignoreHTTPSErrors: true,
  });
  const close = async () => { await closePlaywright(context, 'Chromium (extension suite)', userDataDir); fs.rmSync(userDataDir, { recursive: true, force: true }); };
  return { context, close, userDataDir };
}

export async function extensionWorker(context, timeout = 10000) {
  let [sw] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout, predicate: (w) => w.url().startsWith('chrome-extension://') });
  return sw;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn() until pred(value) holds or the timeout passes; returns { ok, value, ms }.
export async function poll(fn, pred, timeout = 5000, every = 25) {
  const t0 = Date.now();
  let value;
  for (;;) {
    try { value = await fn(); } catch (e) { value = { thrown: String(e.message || e) }; }
    if (pred(value)) return { ok: true, value, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeout) return { ok: false, value, ms: Date.now() - t0 };
    await sleep(every);
  }
}
