// Character boxes inside a textarea or input, which have no DOM for their
// text: a hidden mirror div (inside PostGuard's own shadow root, never in the
// page's DOM) copies the field's computed text styles and width; a span around
// the wanted characters gives their boxes, which are then moved to the field's
// position on screen and shifted by its scroll offsets.

const COPY = [
  'direction', 'boxSizing', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize',
  'fontSizeAdjust', 'lineHeight', 'fontFamily', 'fontFeatureSettings', 'fontKerning', 'fontVariantLigatures',
  'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize', 'textRendering',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'whiteSpace', 'wordBreak', 'overflowWrap',
  'hyphens', 'writingMode',
];

let mirror = null;

function getMirror(host) {
  if (!host) return null;
  if (!mirror || !mirror.isConnected) {
    mirror = document.createElement('div');
    mirror.className = 'pg-mirror';
    mirror.setAttribute('aria-hidden', 'true');
    host.append(mirror);
  }
  return mirror;
}

// Returns viewport rects for [start, end) of the field's value; the mirror
// lives in root (the overlay's shadow root, which overlay.js passes).
export function controlRects(root, el, start, end) {
  const m = getMirror(root);
  if (!m) return [];
  const cs = getComputedStyle(el);
  const isInput = el.tagName === 'INPUT';
  const st = m.style;
  st.cssText = '';
  for (const p of COPY) st[p] = cs[p];
  st.position = 'fixed';
  st.visibility = 'hidden';
  st.pointerEvents = 'none';
  st.top = '0px';
  st.left = '-99999px';
  st.overflow = 'hidden';
  st.border = '0';
  st.margin = '0';
  st.boxSizing = 'border-box';
  // The wrapping width: the field's content plus padding, without border or scrollbar.
  st.width = `${el.clientWidth}px`;
  st.height = 'auto';
  if (isInput) {
    st.whiteSpace = 'pre';
    st.overflowWrap = 'normal';
    st.wordBreak = 'normal';
    st.width = 'max-content';
    st.minWidth = `${el.clientWidth}px`;
  } else {
    st.whiteSpace = cs.whiteSpace === 'pre' || cs.whiteSpace === 'nowrap' ? cs.whiteSpace : 'pre-wrap';
    st.overflowWrap = cs.overflowWrap === 'normal' && cs.wordWrap !== 'break-word' ? 'normal' : 'break-word';
  }
  let value = el.value ?? '';
  if (isInput && el.type === 'password') value = '\u2022'.repeat(value.length);
  const before = value.slice(0, start);
  const mid = value.slice(start, end);
  const after = value.slice(end);
  const span = document.createElement('span');
  span.textContent = mid;
  // A trailing newline needs a character after it to take up a line.
  m.replaceChildren(document.createTextNode(before), span, document.createTextNode(after + (after.endsWith('\n') || !after ? '\u200b' : '')));

  const fr = el.getBoundingClientRect();
  const mr = m.getBoundingClientRect();
  // The field's padding box on screen.
  const originX = fr.left + el.clientLeft - el.scrollLeft;
  let originY = fr.top + el.clientTop - el.scrollTop;
  if (isInput) {
    // An input centres its single line vertically in its content box.
    const padT = parseFloat(cs.paddingTop) || 0, padB = parseFloat(cs.paddingBottom) || 0;
    const contentH = el.clientHeight - padT - padB;
    const lineH = m.scrollHeight - padT - padB;
    originY += (contentH - lineH) / 2;
  }
  const out = [];
  for (const r of span.getClientRects()) {
    if (r.width < 1) continue;
    out.push({
      left: r.left - mr.left + originX, right: r.right - mr.left + originX,
      top: r.top - mr.top + originY, bottom: r.bottom - mr.top + originY,
      width: r.width, height: r.height,
    });
  }
  m.replaceChildren();
  return out;
}
