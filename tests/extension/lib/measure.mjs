// In-page measurements (passed to frame.evaluate, so each function is self-contained).

// Where `needle` is rendered inside the editor, as client rects (one per line) in the
// frame's viewport. `path` reaches the editor: [selector] or [shadowHostSelector, innerSelector].
// textarea/input: a mirror element with the field's computed style (the textarea-caret
// technique); contenteditable: a DOM Range over the text nodes.
export function textRects({ path, needle }) {
  let el = document.querySelector(path[0]);
  if (path.length > 1) el = el.shadowRoot.querySelector(path[1]);
  if (!el) return { error: `editor ${path.join(' >>> ')} not found` };
  const merge = (rects) => {
    const lines = [];
    for (const r of rects) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      const same = lines.find((l) => Math.abs(l.top - r.top) < 2 && Math.abs(l.bottom - r.bottom) < 2);
      if (same) { same.left = Math.min(same.left, r.left); same.right = Math.max(same.right, r.right); }
      else lines.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    }
    return lines;
  };
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const value = el.value;
    const at = value.indexOf(needle);
    if (at < 0) return { error: `"${needle}" not in the field's value` };
    const cs = getComputedStyle(el);
    const m = document.createElement('div');
    const props = ['boxSizing', 'width', 'height', 'overflowX', 'overflowY', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
      'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
      'textAlign', 'textTransform', 'textIndent', 'textDecoration', 'letterSpacing', 'wordSpacing', 'tabSize', 'direction'];
    for (const p of props) m.style[p] = cs[p];
    const r = el.getBoundingClientRect();
    Object.assign(m.style, { position: 'fixed', left: `${r.left}px`, top: `${r.top}px`, visibility: 'hidden', margin: '0' });
    m.style.overflowX = 'hidden';
    m.style.overflowY = el.scrollHeight > el.clientHeight ? 'scroll' : 'hidden';
    if (el instanceof HTMLTextAreaElement) { m.style.whiteSpace = 'pre-wrap'; m.style.overflowWrap = 'break-word'; }
    else { m.style.whiteSpace = 'pre'; m.style.display = 'flex'; m.style.alignItems = 'center'; }
    m.append(document.createTextNode(value.slice(0, at)));
    const span = document.createElement('span');
    span.textContent = value.slice(at, at + needle.length);
    m.append(span, document.createTextNode(value.slice(at + needle.length)));
    document.body.append(m);
    // The mirror is not scrolled: shift by the field's own scroll offsets.
    const sx = el.scrollLeft, sy = el.scrollTop;
    const rects = [...span.getClientRects()].map((q) => ({ left: q.left - sx, right: q.right - sx, top: q.top - sy, bottom: q.bottom - sy, width: q.width, height: q.height }));
    m.remove();
    return { rects: merge(rects), how: 'mirror' };
  }
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
  const at = text.indexOf(needle);
  if (at < 0) return { error: `"${needle}" not in the editor's text nodes` };
  const locate = (i) => { for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= i) return [nodes[k][0], i - nodes[k][1]]; return null; };
  const range = document.createRange();
  const [sn, so] = locate(at);
  const [en, eo] = locate(at + needle.length - 1);
  range.setStart(sn, so); range.setEnd(en, eo + 1);
  return { rects: merge([...range.getClientRects()]), how: 'range' };
}

// The underline boxes PostGuard drew for a category, from every <postguard-overlay> in this
// document (searched through open shadow roots too), in the frame's viewport.
export function underlineRects({ category }) {
  const overlays = [];
  const visit = (root) => {
    for (const e of root.querySelectorAll('*')) {
      if (e.localName === 'postguard-overlay') overlays.push(e);
      if (e.shadowRoot && e.localName !== 'postguard-overlay') visit(e.shadowRoot);
    }
  };
  visit(document);
  const out = { overlays: overlays.length, closed: 0, boxes: [], categories: [] };
  for (const o of overlays) {
    if (!o.shadowRoot) { out.closed++; continue; }
    for (const u of o.shadowRoot.querySelectorAll('.pg-underline')) {
      const r = u.getBoundingClientRect();
      out.categories.push(u.dataset.category);
      if (u.dataset.category !== category) continue;
      if (r.width < 0.5 && r.height < 0.5) continue;
      out.boxes.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, rule: u.dataset.rule });
    }
  }
  return out;
}

// Every element in this document (and open shadow roots) that carries the findings attribute,
// and every PostGuard element; used on the unsupported host and to check the editor's own DOM.
export function postguardTraces() {
  const attrs = [], overlays = [];
  const visit = (root) => {
    for (const e of root.querySelectorAll('*')) {
      if (e.hasAttribute('data-postguard-findings')) attrs.push(e.localName + (e.id ? '#' + e.id : ''));
      if (e.localName.startsWith('postguard-')) overlays.push(e.localName);
      if (e.shadowRoot) visit(e.shadowRoot);
    }
  };
  visit(document);
  return { attrs, overlays };
}

// Nodes the extension may have put inside the editor's own DOM (it must not).
export function foreignNodesInEditor({ path }) {
  let el = document.querySelector(path[0]);
  if (path.length > 1) el = el.shadowRoot.querySelector(path[1]);
  if (!el) return ['editor not found'];
  const bad = [];
  for (const e of el.querySelectorAll('*')) {
    if (e.localName.startsWith('postguard') || [...e.classList].some((c) => c.startsWith('pg-')) || e.shadowRoot) bad.push(e.outerHTML.slice(0, 120));
  }
  return bad;
}
