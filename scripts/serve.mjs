#!/usr/bin/env node
// A small static file server for the demo page and the test pages.
// Usage: node scripts/serve.mjs DIR [PORT] [HOST]
// Serves DIR on http://HOST:PORT (default 127.0.0.1:8080) with correct MIME
// types (application/wasm for streaming compilation) and a strict CSP that
// allows only the page's own files: the demo page makes no other request.
// GET and HEAD only; any other method gets 405.
//
// serve(dir, port, host, { log: true }) also keeps the server's own request
// log in server.requestLog: { method, url, body } for every request, body being
// whatever the client sent (latin1, so any bytes survive). tests/www uses it to
// prove a shared draft never reaches the server.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};
// The same policy as the <meta> tag in www/index.html (tests/www checks they are equal).
export const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export function serve(dir, port = 8080, host = '127.0.0.1', options = {}) {
  const root = path.resolve(dir);
  const requestLog = [];
  const server = http.createServer((req, res) => {
    if (options.log) {
      const entry = { method: req.method, url: req.url, body: '' };
      requestLog.push(entry);
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => { entry.body = Buffer.concat(chunks).toString('latin1'); });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      req.on('end', () => res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed'));
      return;
    }
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) { file = path.join(file, 'index.html'); }
      fs.readFile(file, (err2, body) => {
        if (err2) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
        res.writeHead(200, {
          'content-type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        });
        res.end(body);
      });
    });
  });
  server.requestLog = requestLog;
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = '.', port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  const server = await serve(dir, Number(port), host);
  const addr = server.address();
  console.log(`PostGuard demo page: http://${addr.address}:${addr.port}/  (Ctrl-C to stop)`);
}
