// The JavaScript rival of the PostGuard engine, for the benchmark only: the
// same signals as JavaScript RegExps (generated from the pack at bench time by
// examples/export_patterns.rs), the same rule logic (modes, roles, anchors,
// requires/unless in post or sentence scope, once), hand-written validators
// following src/validate.rs, and a matching view built like src/normalize.rs
// (NFKD, invisible characters dropped, look-alikes folded, whitespace runs
// collapsed, lowercase) with a map back to the original UTF-16 offsets.
//
// Simplifications (each makes the rival do a little less work than the
// engine, so the comparison favours JavaScript): the context guards
// (not_preceded_by / not_followed_by) and the person-name detector are not
// ported (their compiled form is private to the engine); findings carry no
// fixes or messages; the confusable table is a short hand-picked one.

// ---- pattern translation -----------------------------------------------

/** Translate one regex-crate pattern to a JavaScript RegExp (flags g, d when it has `v` groups, u when possible). */
export function translate(src) {
  let s = src
    .replaceAll('(?-u:\\b)', '\\b')
    // ASCII-only groups (`(?-u:[\s-])`, `(?-u:\s)`): JavaScript has no inline
    // flags, and over the ASCII view they mean the same without one.
    .replaceAll('(?-u:', '(?:')
    .replaceAll('(?P<', '(?<');
  const flags = /\(\?<v\d+>/.test(s) ? 'gd' : 'g';
  try {
    return new RegExp(s, flags + 'u');
  } catch {
    // Identity escapes such as \# or \  are errors under /u; fine without it.
    return new RegExp(s, flags);
  }
}

// ---- the matching view ------------------------------------------------------

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const MARK = /\p{M}/u;
const WHITE = /\s/u;
// Look-alikes with an ASCII prototype (a short subset of the engine's table).
const CONFUSABLE = new Map(Object.entries({
  'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
  'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ɡ': 'g', 'ο': 'o', 'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ρ': 'p',
  'τ': 't', 'υ': 'u', 'χ': 'x', 'А': 'a', 'В': 'b', 'Е': 'e', 'К': 'k', 'М': 'm', 'Н': 'h', 'О': 'o', 'Р': 'p', 'С': 'c',
  'Т': 't', 'Х': 'x', 'Ο': 'o', 'Α': 'a', 'Ε': 'e', 'Ι': 'i', 'Κ': 'k', 'Ν': 'n', 'Ρ': 'p', 'Τ': 't', 'Χ': 'x',
}));

function foldChar(c) {
  const cp = c.codePointAt(0);
  if ((cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xFE58 || cp === 0xFE63 || cp === 0xFF0D) return '-';
  if ('\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4`'.includes(c)) return "'";
  if ('\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB'.includes(c)) return '"';
  if (c === '\u3002' || c === '\uFF61') return '.';
  if (cp < 0x80) return c;
  return CONFUSABLE.get(c) ?? c;
}

/** Fold `text` into { text, starts, ends } (view UTF-16 index → original UTF-16 span). */
export function fold(text) {
  const n = text.length;
  let cap = n + 16;
  let starts = new Int32Array(cap), ends = new Int32Array(cap);
  const parts = [];
  let len = 0;
  let run = null; // [newline, start, end]
  const grow = (k) => {
    if (len + k <= cap) return;
    cap = Math.max(cap * 2, len + k);
    const s2 = new Int32Array(cap), e2 = new Int32Array(cap);
    s2.set(starts); e2.set(ends); starts = s2; ends = e2;
  };
  const push = (str, s, e) => {
    grow(str.length);
    parts.push(str);
    for (let k = 0; k < str.length; k++) { starts[len] = s; ends[len] = e; len++; }
  };
  const flush = () => { if (run) { push(run[0] ? '\n' : ' ', run[1], run[2]); run = null; } };
  const extend = (nl, s, e) => { if (run) { run[0] ||= nl; run[1] = Math.min(run[1], s); run[2] = e; } else run = [nl, s, e]; };
  // ASCII stretches are copied in one slice (lowercased) when no whitespace or control is inside.
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 32 || (c >= 9 && c <= 13)) { extend(c === 10 || c === 13, i, i + 1); i++; continue; }
      if (c < 32 || c === 127) { i++; continue; }
      flush();
      let j = i + 1;
      while (j < n) { const d = text.charCodeAt(j); if (d >= 0x80 || d <= 32 || d === 127) break; j++; }
      const piece = text.slice(i, j).toLowerCase();
      grow(j - i);
      parts.push(piece);
      for (let k = i; k < j; k++) { starts[len] = k; ends[len] = k + 1; len++; }
      i = j;
      continue;
    }
    const cp = text.codePointAt(i);
    const w = cp > 0xFFFF ? 2 : 1;
    const ch = text.slice(i, i + w);
    const s = i, e = i + w;
    i += w;
    if (WHITE.test(ch) && ch !== '\uFEFF') { extend(cp === 0x2028 || cp === 0x2029 || cp === 0x85, s, e); continue; }
    if (IGNORABLE.test(ch)) continue;
    for (const d of ch.normalize('NFKD')) {
      if (MARK.test(d) || IGNORABLE.test(d)) continue;
      if (WHITE.test(d)) { extend(false, s, e); continue; }
      flush();
      push(foldChar(d).toLowerCase(), s, e);
    }
  }
  flush();
  return { text: parts.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

// ---- validators (src/validate.rs) ------------------------------------------

const digitsOf = (s) => { const d = []; for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i) - 48; if (c >= 0 && c <= 9) d.push(c); } return d; };
const allSame = (d) => d.every((x) => x === d[0]);
const ascending = (d) => d.every((x, i) => i === 0 || (d[i - 1] + 1) % 10 === x);
const num = (d, n) => d.slice(0, n).reduce((a, x) => a * 10 + x, 0);

export function ssn(d) {
  if (d.length !== 9) return false;
  const area = num(d, 3), group = d[3] * 10 + d[4], serial = d.slice(5).reduce((a, x) => a * 10 + x, 0);
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  const v = num(d, 9);
  return !(v === 78051120 || v === 219099999 || allSame(d) || ascending(d));
}
export function luhn(d) {
  let sum = 0;
  for (let i = 0; i < d.length; i++) { let x = d[d.length - 1 - i]; if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; } sum += x; }
  return sum % 10 === 0;
}
export function paymentCard(d) {
  if (d.length < 13 || d.length > 19 || allSame(d)) return false;
  const p = (n) => num(d, n);
  const known = d[0] === 4 || (p(2) >= 51 && p(2) <= 55) || (p(4) >= 2221 && p(4) <= 2720) || p(2) === 34 || p(2) === 37
    || p(4) === 6011 || p(2) === 65 || (p(3) >= 644 && p(3) <= 649) || (p(3) >= 300 && p(3) <= 305) || p(2) === 36 || p(2) === 38
    || (p(4) >= 3528 && p(4) <= 3589) || p(2) === 62;
  return known && luhn(d);
}
export function aba(d) {
  if (d.length !== 9 || allSame(d)) return false;
  const pre = d[0] * 10 + d[1];
  if (!((pre >= 0 && pre <= 12) || (pre >= 21 && pre <= 32) || (pre >= 61 && pre <= 72) || pre === 80)) return false;
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}
const accountNumber = (d) => d.length >= 6 && d.length <= 17 && !allSame(d) && !ascending(d);
function credential(value, stop) {
  const v = value.replace(/^["'`.,;)(!?]+|["'`.,;)(!?]+$/g, '');
  const n = [...v].length;
  if (n < 4 || n > 128 || stop.has(v)) return false;
  return /[0-9]|[!"#$%&'()*+,./:;<=>?@[\\\]^_`{|}~]/.test(v) || n >= 6;
}
function mailbox(value, stop) {
  const i = value.indexOf(' at ');
  return i < 0 || !stop.has(value.slice(0, i).trim());
}
const maskDigits = (s) => { const total = digitsOf(s).length; let seen = 0; return s.replace(/[0-9]/g, (c) => (++seen + 4 <= total ? '*' : c)); };

// ---- the checker ------------------------------------------------------------

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'ave', 'jr', 'sr', 'vs', 'etc', 'no', 'sgt', 'lt', 'capt', 'det', 'ofc', 'gov', 'sen', 'rep', 'inc', 'co', 'dept', 'approx', 'e.g', 'i.e', 'a.m', 'p.m']);

function sentenceStarts(v) {
  const out = [0];
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    let end = false;
    if (c === '\n') end = true;
    else if (c === '!' || c === '?') end = v[i + 1] === ' ' || v[i + 1] === '\n';
    else if (c === '.') {
      let ws = i;
      while (ws > 0 && /[0-9a-z.]/.test(v[ws - 1])) ws--;
      const word = v.slice(ws, i);
      end = (v[i + 1] === ' ' || v[i + 1] === '\n') && word.length !== 1 && !ABBREVIATIONS.has(word);
    }
    if (end && i + 1 < v.length && out[out.length - 1] !== i + 1) out.push(i + 1);
  }
  return out;
}

export class Rival {
  /** `spec`: the JSON of examples/export_patterns.rs. */
  constructor(spec) {
    this.signals = spec.signals.map((s) => ({
      name: s.name,
      re: s.pattern ? translate(s.pattern) : null,
      validate: s.validate,
      stop: new Set(s.stopwords),
      roles: s.roles,
    }));
    const index = new Map(this.signals.map((s, i) => [s.name, i]));
    this.rules = spec.rules.map((r) => ({ ...r, anchor: r.anchor.map((n) => index.get(n)), requires: r.requires.map((n) => index.get(n)), unless: r.unless.map((n) => index.get(n)) }));
  }

  search(si, ctx, view, original, hits) {
    if (hits[si]) return hits[si];
    const out = (hits[si] = []);
    const sig = this.signals[si];
    if (sig.roles.length && !sig.roles.includes(ctx.role)) return out;
    const re = sig.re;
    if (!re) return out;
    const t = view.text;
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const start = m.index, end = start + m[0].length;
      if (end === start) { re.lastIndex++; continue; }
      let vs = start, ve = end, hasV = false;
      if (m.indices && m.indices.groups) {
        for (const k in m.indices.groups) { const g = m.indices.groups[k]; if (g) { [vs, ve] = g; hasV = true; break; } }
      }
      if (vs >= ve) continue;
      const value = t.slice(vs, ve);
      let ok = true;
      switch (sig.validate) {
        case 'Ssn': ok = ssn(digitsOf(value)); break;
        case 'Luhn': ok = paymentCard(digitsOf(value)); break;
        case 'Aba': ok = aba(digitsOf(value)); break;
        case 'AccountNumber': ok = accountNumber(digitsOf(value)); break;
        case 'Credential': ok = credential(value, sig.stop); break;
        case 'Mailbox': ok = mailbox(value, sig.stop); break;
        case 'Capitalized': { const ch = original[view.starts[vs]]; ok = !hasV || (ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase()); break; }
        default: break;
      }
      if (ok) out.push({ start, end, vstart: vs, vend: ve });
    }
    return out;
  }

  /** Findings `{ rule, category, start, end, excerpt }` (UTF-16 offsets into `text`). */
  check(text, ctx = { mode: 'personal', role: 'staff' }) {
    const view = fold(text);
    const hits = new Array(this.signals.length);
    const raw = [];
    let sentences = null;
    this.rules.forEach((rule, ri) => {
      if (rule.modes.length && !rule.modes.includes(ctx.mode)) return;
      if (rule.roles.length && !rule.roles.includes(ctx.role)) return;
      const anchors = [];
      for (const a of rule.anchor) anchors.push(...this.search(a, ctx, view, text, hits));
      if (!anchors.length) return;
      anchors.sort((x, y) => x.start - y.start || x.end - y.end);
      for (const s of rule.requires) this.search(s, ctx, view, text, hits);
      for (const s of rule.unless) this.search(s, ctx, view, text, hits);
      if (rule.scope === 'Sentence' && !sentences) sentences = sentenceStarts(view.text);
      for (const hit of anchors) {
        let lo = 0, hi = Infinity;
        if (rule.scope === 'Sentence') {
          let k = 0;
          while (k < sentences.length && sentences[k] <= hit.start) k++;
          lo = sentences[Math.max(0, k - 1)];
          hi = k < sentences.length ? sentences[k] : view.text.length;
        }
        const inScope = (h) => h.start < hi && h.end > lo;
        const disjoint = (h) => rule.requires_may_overlap || h.end <= hit.start || h.start >= hit.end;
        const required = rule.requires.every((s) => hits[s].some((h) => inScope(h) && disjoint(h)));
        const cancelled = rule.unless.some((s) => hits[s].some(inScope));
        if (required && !cancelled) { raw.push([rule, hit]); if (rule.once) break; }
      }
    });
    const out = [];
    for (const [rule, hit] of raw) {
      const bs = view.starts[hit.vstart], be = view.ends[hit.vend - 1];
      if (out.some((f) => f.category === rule.category && f.start < be && bs < f.end)) continue;
      const v = text.slice(bs, be);
      const excerpt = rule.mask === 'Digits' ? maskDigits(v) : rule.mask === 'Value' ? v.replace(/\S/g, '*') : v;
      out.push({ rule: rule.id, category: rule.category, start: bs, end: be, excerpt });
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    return out;
  }
}
