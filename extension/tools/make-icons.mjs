#!/usr/bin/env node
// Writes extension/icons/icon{16,32,48,128}.png: a blue shield with a white tick.
// No dependencies: a tiny rasteriser (4x4 supersampling) and zlib for the PNG.
// Run: node extension/tools/make-icons.mjs (the PNGs are committed; rerun only to change them).
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'icons');

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1).
function inShield(x, y) {
  const top = 0.08, mid = 0.55, bottom = 0.95, half = 0.40;
  if (y < top || y > bottom) return false;
  if (y <= mid) return Math.abs(x - 0.5) <= half;
  const t = (y - mid) / (bottom - mid);         // narrows to a point
  return Math.abs(x - 0.5) <= half * Math.sqrt(Math.max(0, 1 - t * t));
}
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function inTick(x, y, w) {
  return distToSegment(x, y, 0.30, 0.50, 0.45, 0.66) <= w || distToSegment(x, y, 0.45, 0.66, 0.72, 0.34) <= w;
}

for (const size of [16, 32, 48, 128]) {
  const buf = Buffer.alloc(size * size * 4);
  const ss = 4, w = size <= 16 ? 0.085 : 0.065;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let shield = 0, tick = 0;
      for (let sy = 0; sy < ss; sy++) for (let sx = 0; sx < ss; sx++) {
        const x = (px + (sx + 0.5) / ss) / size, y = (py + (sy + 0.5) / ss) / size;
        if (inShield(x, y)) { shield++; if (inTick(x, y, w)) tick++; }
      }
      const a = shield / (ss * ss), t = shield ? tick / shield : 0;
      // City blue #1f4e9c blended with white for the tick.
      const r = Math.round(0x1f + (255 - 0x1f) * t), g = Math.round(0x4e + (255 - 0x4e) * t), b = Math.round(0x9c + (255 - 0x9c) * t);
      const i = (py * size + px) * 4;
      buf[i] = r; buf[i + 1] = g; buf[i + 2] = b; buf[i + 3] = Math.round(a * 255);
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `icon${size}.png`), png(size, buf));
}
console.log('icons written to', outDir);
