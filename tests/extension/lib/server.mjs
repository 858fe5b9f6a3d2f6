// The local HTTPS server that plays every social site: a self-signed certificate (openssl)
// naming all the hosts, and routing by the Host header to the right test page.
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { PAGES, CSP, html } from '../fixtures/pages.mjs';
import { ROOT, OUT } from './fixtures.mjs';
import { trackSockets } from '../../support/teardown.mjs';

export function makeCertificate(hosts) {
  const dir = path.join(ROOT, 'target/ext-test-cert');
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const san = hosts.flatMap((h) => [`DNS:${h}`, `DNS:*.${h.replace(/^www\./, '')}`]).concat('IP:127.0.0.1').join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', '/CN=postguard-test', '-addext', `subjectAltName=${san}`, '-keyout', key, '-out', cert], { stdio: 'pipe' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

export async function startServer() {
  const hosts = [...new Set(PAGES.map((p) => p.host))];
  const byHost = new Map(PAGES.map((p) => [p.host, p]));
  const routes = new Map(); // host -> path -> { type, body }
  for (const p of PAGES) {
    const r = new Map();
    const hasCss = fs.existsSync(path.join(OUT, `${p.name}.css`));
    r.set('/', { type: 'text/html; charset=utf-8', body: html({ title: p.title, css: p.css, body: p.body, script: `/${p.name}.js`, stylesheet: hasCss ? `/${p.name}.css` : null }) });
    r.set(`/${p.name}.js`, { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(OUT, `${p.name}.js`)) });
    if (hasCss) r.set(`/${p.name}.css`, { type: 'text/css; charset=utf-8', body: fs.readFileSync(path.join(OUT, `${p.name}.css`)) });
    for (const [extraPath, e] of Object.entries(p.extra || {})) r.set(extraPath, { type: 'text/html; charset=utf-8', body: html({ title: p.title, css: e.css, body: e.body }) });
    routes.set(p.host, r);
  }
  const log = []; // every request the server saw: { host, path, known }
  const server = https.createServer(makeCertificate(hosts), (req, res) => {
    const host = String(req.headers.host || '').replace(/:\d+$/, '');
    const url = new URL(req.url, 'https://x');
    const route = routes.get(host)?.get(url.pathname);
    log.push({ host, path: url.pathname, method: req.method, known: !!route });
    if (!route) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': route.type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    res.end(route.body);
  });
  // WebSocket upgrades and CONNECTs never reach the request handler: log them as unknown too.
  server.on('upgrade', (req, sock) => { log.push({ host: String(req.headers.host || ''), path: `${req.url} (websocket upgrade)`, method: req.method, known: false }); sock.destroy(); });
  server.on('connect', (req, sock) => { log.push({ host: String(req.headers.host || ''), path: `${req.url} (CONNECT)`, method: req.method, known: false }); sock.destroy(); });
  const close = trackSockets(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return { server, port, hosts, byHost, log, close };
}

// Chromium's resolver rules: every test host (and its subdomains) to the local server; everything else fails.
export function hostResolverRules(hosts, port) {
  const rules = [];
  for (const h of hosts) {
    const apex = h.replace(/^www\./, '');
    rules.push(`MAP ${apex} 127.0.0.1:${port}`, `MAP *.${apex} 127.0.0.1:${port}`);
  }
  rules.push('MAP * ~NOTFOUND');
  return `--host-resolver-rules=${[...new Set(rules)].join(', ')}`;
}
