// The text of an editable field, and the map from text offsets (UTF-16, as the engine's
// Finding.start/end) back to DOM positions.
//
// textarea/input: the value; offsets are the value's own.
// contenteditable: the text nodes in document order, with "\n" between block
// elements (p, div, li, h1-h6, blockquote, pre, ...) and for <br>. A <br> that
// only holds an empty block open (the "placeholder" <br> of ProseMirror,
// Lexical, Quill and Draft.js) stands for the empty line, not for an extra
// one; a <br> at the end of a block with text before it adds nothing (the
// browser does not draw a line for it either). Zero-width characters that
// editors use as caret anchors (U+FEFF, U+200B) are left out, and so are
// subtrees that are not editable (contenteditable=false decorations) and
// Slate's zero-width placeholders.
//
// Shared by the extension's content scripts (reading fields, drawing
// underlines) and the fix appliers (web/fix/); pure DOM, no extension API.
const BLOCKS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE',
  'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'TABLE', 'TR', 'TD', 'TH', 'FIGURE', 'DL', 'DT', 'DD', 'HR']);
const SKIP = new Set(['HEAD', 'TITLE', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'SVG', 'VIDEO', 'AUDIO', 'CANVAS', 'IFRAME', 'OBJECT']);
const ZW = /[\uFEFF\u200B]/;

function isBlock(el) {
  return BLOCKS.has(el.tagName);
}

// Is there text (or a visible inline) beside node inside its block, on the
// side `sibling` walks ('nextSibling': after it, 'previousSibling': before it)?
function hasContentBeside(node, root, sibling) {
  let n = node;
  while (n && n !== root) {
    for (let s = n[sibling]; s; s = s[sibling]) {
      if (s.nodeType === 3) { if (s.data.replace(/[\uFEFF\u200B]/g, '') !== '') return true; }
      else if (s.nodeType === 1) {
        if (isBlock(s)) return false;
        if (s.tagName === 'BR' || (s.textContent || '').replace(/[\uFEFF\u200B]/g, '') !== '') return true;
      }
    }
    n = n.parentNode;
    if (n && n.nodeType === 1 && isBlock(n)) return false;
  }
  return false;
}

// Extracts { text, segs } from a contenteditable root. segs: sorted by
// `start`, each { node, nodeStart, start, len } for a run of a text node, or
// { anchor: true, node, nodeStart, start, len: 0 } for an empty line's caret
// position (node = parent element, nodeStart = child index).
function extractEditable(root) {
  let text = '';
  const segs = [];
  let started = false;   // any line emitted yet
  let pending = 0;       // line breaks owed before the next content

  function flush() {
    if (pending && started) text += '\n'.repeat(pending);
    pending = 0;
    started = true;
  }
  function breakLine() { if (started) pending = Math.max(pending, 1); }

  function walk(node) {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const data = c.data;
        if (!data) continue;
        if (!ZW.test(data)) {
          flush();
          segs.push({ node: c, nodeStart: 0, start: text.length, len: data.length });
          text += data;
        } else {
          // Split around zero-width characters, keeping node offsets exact.
          let i = 0;
          while (i < data.length) {
            while (i < data.length && ZW.test(data[i])) i++;
            let j = i;
            while (j < data.length && !ZW.test(data[j])) j++;
            if (j > i) {
              flush();
              segs.push({ node: c, nodeStart: i, start: text.length, len: j - i });
              text += data.slice(i, j);
            }
            i = j;
          }
        }
        continue;
      }
      if (c.nodeType !== 1) continue;
      const tag = c.tagName;
      if (SKIP.has(tag)) continue;
      if (tag === 'BR') {
        if (hasContentBeside(c, root, 'nextSibling')) {
          flush();
          text += '\n';
        } else if (!hasContentBeside(c, root, 'previousSibling')) {
          // Placeholder <br> of an empty line: the line exists, empty.
          flush();
          segs.push({ anchor: true, node: c.parentNode, nodeStart: indexOf(c), start: text.length, len: 0 });
        }
        continue;
      }
      if (c.getAttribute('contenteditable') === 'false') continue;
      if (c.hasAttribute('data-slate-zero-width')) {
        if (c.getAttribute('data-slate-zero-width') === 'n') {
          flush();
          segs.push({ anchor: true, node: c.parentNode, nodeStart: indexOf(c), start: text.length, len: 0 });
        }
        continue;
      }
      const block = isBlock(c);
      if (block) breakLine();
      walk(c);
      if (block) breakLine();
    }
  }
  walk(root);
  return { text, segs };
}

function indexOf(node) {
  let i = 0;
  for (let s = node.parentNode.firstChild; s && s !== node; s = s.nextSibling) i++;
  return i;
}

export function isTextControl(el) {
  return el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT');
}

// Text of a watched field.
export function readText(el) {
  if (isTextControl(el)) return { text: el.value ?? '', segs: null };
  return extractEditable(el);
}

// DOM position for a text offset. `bias` "start" prefers the beginning of
// the following run at a boundary, "end" the end of the preceding run.
export function domPoint(root, segs, offset, bias = 'start') {
  if (!segs.length) return { node: root, offset: 0 };
  let lo = 0, hi = segs.length - 1, best = -1;
  while (lo <= hi) { // last seg with start <= offset
    const mid = (lo + hi) >> 1;
    if (segs[mid].start <= offset) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (best < 0) {
    const s = segs[0];
    return { node: s.node, offset: s.nodeStart };
  }
  // At a boundary, "end" prefers the preceding run.
  if (bias === 'end' && best > 0 && segs[best].start === offset && !segs[best].anchor) {
    const p = segs[best - 1];
    if (!p.anchor && p.start + p.len === offset) return { node: p.node, offset: p.nodeStart + p.len };
  }
  const s = segs[best];
  if (s.anchor) return { node: s.node, offset: s.nodeStart };
  const off = Math.min(offset - s.start, s.len);
  return { node: s.node, offset: s.nodeStart + off };
}

export function domRange(root, segs, start, end) {
  const r = document.createRange();
  const a = domPoint(root, segs, start, 'start');
  const b = start === end ? a : domPoint(root, segs, end, 'end');
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}

// Client rects of the text between start and end: one Range per text run,
// so that block elements' own boxes never count.
export function editableRects(segs, start, end) {
  const rects = [];
  for (const s of segs) {
    if (s.anchor) continue;
    const a = Math.max(start, s.start), b = Math.min(end, s.start + s.len);
    if (b <= a) continue;
    const r = document.createRange();
    r.setStart(s.node, s.nodeStart + (a - s.start));
    r.setEnd(s.node, s.nodeStart + (b - s.start));
    for (const rect of r.getClientRects()) if (rect.width >= 1 && rect.height >= 1) rects.push(rect);
  }
  return rects;
}
