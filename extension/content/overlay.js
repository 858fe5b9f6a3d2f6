// The overlay: one <postguard-overlay> element appended to <html>, with a closed
// shadow root holding every underline, badge and card PostGuard draws. Nothing
// is drawn inside the editor's own nodes. The host is position:fixed over the
// viewport and lets pointer events through except on its interactive parts
// (the badges and the card). Underlines never take the pointer, so a click on
// flagged words still places the caret: resting the mouse on flagged words
// opens their card (hit-tested against the drawn boxes), as does a click on
// the badge or a `click` event dispatched on an underline.
//
// DOM (inside the shadow root), for tests and styles:
//   div.pg-underline[data-category][data-rule][data-severity]   one per client rect of a finding
//   button.pg-badge                                             the count, at the field's bottom-right
//   div.pg-card[role=dialog] > .pg-message, .pg-clause, button.pg-fix*, button.pg-dismiss
// Labels and severity order from the one source (web/vocab.mjs, generated from src/finding.rs).
import { SEVERITY_RANK } from '../../web/vocab.mjs';
import { findingCard, categoryLabel, severityLabel } from '../../web/card.mjs';
import { el } from '../../web/dom.mjs';
import { isTextControl, editableRects } from '../../web/text.mjs';
import { send, timed, isAlive } from './runtime.js';
import { controlRects } from './mirror.js';
import { applyFix } from './fix.js';
import { watched, pruneGone } from './watched.js';

const CSS = `
/* Positioning lives here, not in the host's inline style: an !important rule in
 the shadow tree's :host beats the outer (inline) one. */
:host {
all: initial !important; display: block !important; position: fixed !important;
left: 0 !important; top: 0 !important; width: 0 !important; height: 0 !important;
overflow: visible !important; z-index: 2147483647 !important; pointer-events: none !important;
contain: layout style !important;
}
.pg-layer { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.pg-underline {
position: absolute; box-sizing: border-box; pointer-events: none;
height: 5px; border-bottom: 2px solid var(--pg-c); background: transparent;
}
.pg-underline.pg-hot { background: color-mix(in srgb, var(--pg-c) 25%, transparent); }
.pg-underline[data-severity="error"]   { --pg-c: #d93025; }
.pg-underline[data-severity="warning"] { --pg-c: #e37400; }
.pg-underline[data-severity="info"]    { --pg-c: #1a73e8; }
.pg-badge {
position: absolute; pointer-events: auto; cursor: pointer; box-sizing: border-box;
min-width: 20px; height: 20px; padding: 0 6px; border: 0; border-radius: 10px;
font: 600 12px/20px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
color: #fff; background: #b3261e; box-shadow: 0 1px 3px rgba(0,0,0,.35); opacity: .92;
}
.pg-badge.pg-badge-small { min-width: 18px; height: 18px; line-height: 18px; font-size: 11px; padding: 0 5px; }
.pg-badge[data-severity="warning"] { background: #b06000; }
.pg-badge[data-severity="info"] { background: #1a5fb4; }
.pg-badge:hover, .pg-badge:focus-visible { opacity: 1; outline: 2px solid #1f4e9c; outline-offset: 1px; }
.pg-card {
position: absolute; pointer-events: auto; box-sizing: border-box;
width: min(380px, calc(100vw - 16px)); max-height: min(420px, calc(100vh - 16px)); overflow: auto;
padding: 12px 14px; border-radius: 8px; border: 1px solid #c7cbd1;
background: #fff; color: #1b1b1b; box-shadow: 0 6px 24px rgba(0,0,0,.22);
font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.pg-card:focus { outline: none; }
.pg-head { display: flex; align-items: center; gap: 8px; margin: 0 0 6px; font-weight: 600; font-size: 13px; }
.pg-dot { width: 10px; height: 10px; border-radius: 50%; background: #d93025; flex: none; }
.pg-dot[data-severity="warning"] { background: #e37400; }
.pg-dot[data-severity="info"] { background: #1a73e8; }
.pg-title { flex: 1; }
.pg-close { border: 0; background: transparent; color: inherit; font-size: 18px; line-height: 1; cursor: pointer; padding: 2px 6px; border-radius: 4px; }
.pg-message { margin: 0 0 8px; }
.pg-clause { margin: 0 0 10px; padding: 6px 8px; border-left: 3px solid #1f4e9c; background: #f3f5f9; font-size: 12.5px; color: #333; white-space: pre-wrap; }
.pg-clause-cite { margin: 0 0 3px; }
.pg-clause-text p, .pg-clause-text ul { margin: 0 0 4px; }
.pg-clause-text ul { padding-left: 18px; white-space: normal; }
.pg-clause-heading { font-weight: 600; }
.pg-clause-id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; opacity: .8; }
.pg-actions { display: flex; flex-wrap: wrap; gap: 6px; }
.pg-card button.pg-fix, .pg-card button.pg-dismiss, .pg-card button.pg-next {
font: inherit; font-size: 13px; padding: 5px 10px; border-radius: 6px; cursor: pointer;
border: 1px solid #c7cbd1; background: #f6f7f9; color: inherit;
}
.pg-card button.pg-fix { background: #1f4e9c; border-color: #1f4e9c; color: #fff; font-weight: 600; }
.pg-card button:focus-visible { outline: 2px solid #1f4e9c; outline-offset: 2px; }
.pg-foot { margin-top: 8px; font-size: 11px; color: #666; }
.pg-mode { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 8px 0 0; font-size: 12px; color: #444; }
.pg-card button.pg-switch { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 6px; cursor: pointer; border: 1px solid #c7cbd1; background: transparent; color: inherit; }
.pg-badge.pg-error { background: #7a0000; }
.pg-card .pg-clause { max-height: 30vh; overflow: auto; margin: 10px 0 0; }
.pg-card.pg-compact { padding: 8px 10px; font-size: 13px; width: min(540px, calc(100vw - 8px)); max-height: calc(100vh - 8px); }
.pg-card.pg-compact .pg-head { margin-bottom: 2px; }
.pg-card.pg-compact .pg-message { margin-bottom: 6px; }
.pg-card.pg-compact .pg-clause { max-height: 4.2em; font-size: 12px; margin-top: 6px; }
.pg-card.pg-compact .pg-foot { display: none; }
.pg-card.pg-compact button.pg-fix, .pg-card.pg-compact button.pg-dismiss, .pg-card.pg-compact button.pg-next { padding: 3px 8px; font-size: 12.5px; }
.pg-mirror { position: fixed; visibility: hidden; left: -99999px; top: 0; }
@media (prefers-color-scheme: dark) {
.pg-card { background: #202124; color: #e8eaed; border-color: #3c4043; box-shadow: 0 6px 24px rgba(0,0,0,.6); }
.pg-clause { background: #2a2d33; color: #d5d7db; border-left-color: #8ab4f8; }
.pg-card button.pg-dismiss, .pg-card button.pg-next { background: #2f3136; border-color: #4a4d52; }
.pg-card button.pg-fix { background: #8ab4f8; border-color: #8ab4f8; color: #0b1e3a; }
.pg-foot { color: #9aa0a6; }
.pg-underline[data-severity="error"]   { --pg-c: #f28b82; }
.pg-underline[data-severity="warning"] { --pg-c: #fdd663; }
.pg-underline[data-severity="info"]    { --pg-c: #8ab4f8; }
}
`;


let host = null, shadow = null, layer = null, marks = null, card = null, cardState = null;
let hotspots = []; // { left, top, right, bottom, state, finding, u }: the flagged text's boxes
const HOVER_OPEN_MS = 450, HOVER_CLOSE_MS = 350;

function ensure() {
  if (host && host.isConnected) return shadow;
  if (!host) {
    // A *closed* shadow root: the page cannot reach the underlines or the
    // card (their clause, excerpt and fix texts) nor click their buttons.
    // A page that defined its own <postguard-overlay> custom element (whose
    // constructor runs page code and may take the shadow root first) gets a
    // plain <div> host instead.
    host = document.createElement('postguard-overlay');
    try {
      shadow = host.attachShadow({ mode: 'closed' });
    } catch {
      host = document.createElement('div');
      host.setAttribute('data-postguard-overlay', '');
      shadow = host.attachShadow({ mode: 'closed' });
    }
    shadow.append(el('style', { text: CSS }));
    layer = el('div', { class: 'pg-layer' });
    marks = el('div', { class: 'pg-marks' });
    layer.append(marks);
    shadow.append(layer);
    // Keep the page from seeing clicks and keys meant for PostGuard (a site
    // may close its compose dialog on an outside click).
    for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'keydown', 'keyup', 'keypress', 'contextmenu']) {
      layer.addEventListener(type, (e) => e.stopPropagation());
    }
    // Only the user acts on PostGuard's buttons: a script-made click (which
    // could only come from PostGuard's own world) is dropped before any
    // handler of the badge, card or its fix/dismiss buttons sees it.
    layer.addEventListener('click', (e) => { if (!e.isTrusted) { e.stopImmediatePropagation(); e.preventDefault(); } }, true);
    // Keep focus in the editor when its underline or badge is pressed.
    layer.addEventListener('mousedown', (e) => {
      if (e.target.closest?.('.pg-underline, .pg-badge')) e.preventDefault();
    });
    layer.addEventListener('click', onLayerClick);
    document.addEventListener('mousemove', onMouseMove, { capture: true, passive: true });
  }
  (document.documentElement || document).append(host);
  return shadow;
}
// The closed shadow root, if drawn yet (isolated world only: for tests that
// evaluate in the content script's world, never exposed to the page).
export function overlayShadow() { return host && host.isConnected ? shadow : null; }

function rectIntersect(a, b) {
  const left = Math.max(a.left, b.left), top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right), bottom = Math.min(a.bottom, b.bottom);
  if (right <= left || bottom <= top) return null;
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

// The part of the field that is visible: its box, clipped by scrolling
// ancestors and the viewport (a few pixels of slack below for underlines).
function visibleBox(field) {
  let box = field.getBoundingClientRect();
  box = { left: box.left - 2, top: box.top - 2, right: box.right + 2, bottom: box.bottom + 5 };
  for (let a = parentOf(field); a && a !== document.documentElement; a = parentOf(a)) {
    if (a.nodeType !== 1) continue;
    const cs = getComputedStyle(a);
    if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
    const r = a.getBoundingClientRect();
    box = rectIntersect(box, { left: r.left, top: r.top, right: r.right, bottom: r.bottom + 4 });
    if (!box) return null;
    if (cs.position === 'fixed') break;
  }
  return rectIntersect(box, { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
}
// Whether the page draws something of its own over the field at (x, y): the
// overlay sits at the top of the page's stacking order, so it draws only
// where the field itself (or PostGuard's own badge) is the topmost element.
function covered(field, x, y) {
  if (!(x >= 0 && y >= 0 && x < innerWidth && y < innerHeight)) return false;
  const root = field.getRootNode();
  let hit;
  try {
    // PostGuard's own badges (drawn last time) are skipped: only the page counts.
    hit = (root.elementsFromPoint ? root : document).elementsFromPoint(x, y).find((e) => e !== host);
  } catch { return false; }
  if (!hit || hit === field || field.contains(hit)) return false;
  if (hit.shadowRoot && hit.shadowRoot.contains?.(field)) return false;
  // A field's own placeholder or decoration drawn over it (editors do) is not a pop-up.
  if (hit.contains(field)) return false;
  return !!hit.closest?.('[role="listbox"], [role="menu"], [role="dialog"], [role="tooltip"], [role="option"], [role="presentation"], [role="grid"]')
    || isFloating(hit, field);
}
// Positioned above the page flow (absolute/fixed with a z-index, or a popover/dialog).
function isFloating(el, field) {
  for (let a = el; a && a !== document.body && !a.contains(field); a = a.parentElement) {
    const cs = getComputedStyle(a);
    if ((cs.position === 'absolute' || cs.position === 'fixed' || cs.position === 'sticky') && cs.zIndex !== 'auto') return true;
    if (a.tagName === 'DIALOG' && a.open) return true;
  }
  return false;
}

function parentOf(n) { return n.parentElement || (n.parentNode instanceof ShadowRoot ? n.parentNode.host : null); }

function worst(findings) {
  let s = 'info';
  for (const f of findings) if ((SEVERITY_RANK[f.severity] ?? 2) < SEVERITY_RANK[s]) s = f.severity;
  return s;
}

// Underlines are drawn for fields of at most this many UTF-16 units (longer
// than any social site's post limit), and for at most this many findings.
const MAX_UNDERLINED_TEXT = 65536;
const MAX_UNDERLINES = 100;
// Characters laid out per textarea per draw: findings x text length.
const CONTROL_LAYOUT_BUDGET = 50_000;

// Draws every watched field's underlines and badge.
export const draw = timed('draw', function drawFields() {
  const states = watchedStates();
  const wanted = states.some((s) => s.viewFindings.length || s.error) || card;
  if (!wanted && (!host || !marks.firstChild)) return;
  ensure();
  const frag = document.createDocumentFragment();
  hotspots = [];
  for (const state of states) {
    if (state.error && state.el.isConnected) {
      // The check failed: say so on the field (never a silent "all clear").
      const fr = state.el.getBoundingClientRect();
      const b = el('button', { class: 'pg-badge pg-error', type: 'button', 'aria-label': `PostGuard could not check this post: ${state.error}`, title: `PostGuard could not check this post: ${state.error}`, text: '!' });
      b.style.left = `${Math.max(0, Math.min(fr.right, innerWidth - 2) - 24)}px`;
      b.style.top = `${Math.max(0, Math.min(fr.bottom, innerHeight) - 24)}px`;
      frag.append(b);
      continue;
    }
    if (!state.viewFindings.length || !state.el.isConnected) continue;
    const view = state.view();
    const shown = state.visible();
    if (!shown.length) continue;
    const clip = visibleBox(state.el);
    if (!clip) continue;
    // Measuring character boxes in a textarea lays its whole text out again
    // for each finding (about 0.2 µs a character), so a long text gets
    // underlines for its first findings only, within a budget; a huge paste
    // gets its badge and card but no underlines.
    const n = view.text.length > MAX_UNDERLINED_TEXT ? 0
      : isTextControl(state.el) ? Math.min(MAX_UNDERLINES, Math.floor(CONTROL_LAYOUT_BUDGET / Math.max(1, view.text.length)))
        : MAX_UNDERLINES;
    const underlined = shown.slice(0, n);
    for (const f of underlined) {
      // A zero-length finding (a position) is drawn under the character before it.
      let a = f.start, z = f.end;
      if (z <= a) { a = Math.max(0, a - 1); z = Math.min(view.text.length, a + 1); }
      const rects = isTextControl(state.el)
        ? controlRects(ensure(), state.el, a, z)
        : editableRects(view.segs, a, z);
      for (const r of rects) {
        const box = rectIntersect({ left: r.left, right: r.right, top: r.bottom - 3, bottom: r.bottom + 2 }, clip);
        if (!box) continue;
        // The site's own pop-up (mentions, emoji) covers this text: stay under it.
        if (covered(state.el, (r.left + r.right) / 2, (r.top + r.bottom) / 2)) continue;
        const u = el('div', { class: 'pg-underline', 'data-category': f.category, 'data-rule': f.rule, 'data-severity': f.severity });
        u.style.left = `${box.left}px`;
        u.style.top = `${box.top}px`;
        u.style.width = `${box.width}px`;
        u.style.height = `${box.height}px`;
        u.pgState = state;
        u.pgFinding = f;
        frag.append(u);
        const hot = rectIntersect(r, clip);
        if (hot) hotspots.push({ ...hot, state, finding: f, u });
      }
    }
    const fr = state.el.getBoundingClientRect();
    // More than the background sent (a huge paste): say "200+", not a wrong count.
    const more = state.total > state.findings.length;
    const count = more ? `${shown.length}+` : String(shown.length);
    const b = el('button', {
      class: 'pg-badge', type: 'button', 'data-severity': worst(shown),
      'aria-label': `PostGuard: ${more ? `more than ${shown.length} issues` : `${shown.length} ${shown.length === 1 ? 'issue' : 'issues'}`} in this post`,
      title: 'PostGuard: click to see what to change',
      text: count,
    });
    const bw = 20 + 7 * (count.length - 1), bh = 20;
    if (fr.height < 36) {
      // A one-line field: straddle its top-right corner, to hide as little text as possible.
      b.classList.add('pg-badge-small');
      b.style.left = `${Math.min(fr.right, innerWidth - 2) - bw + 6}px`;
      b.style.top = `${Math.max(0, fr.top - 12)}px`;
    } else {
      const left = Math.min(fr.right, clip.right) - bw - 4;
      const top = Math.min(fr.bottom, clip.bottom - 5) - bh - 4;
      b.style.left = `${Math.max(clip.left, left)}px`;
      b.style.top = `${Math.max(clip.top, top)}px`;
    }
    b.pgState = state;
    const bx = parseFloat(b.style.left) + bw / 2, by = parseFloat(b.style.top) + bh / 2;
    if (!covered(state.el, bx, by)) frag.append(b);
  }
  marks.replaceChildren(frag);
  rememberBoxes(states);
  // A new check replaces the finding objects: keep the card on the same finding
  // (same rule, same flagged text), close it if that finding is gone.
  if (card && cardState) {
    const st = cardState.state;
    const k = cardState.key ?? st.key(cardState.finding);
    const same = st.visible().find((f) => f === cardState.finding || st.key(f) === k);
    if (same) { cardState.finding = same; cardState.key = k; } else closeCard(false);
  }
});

// The watched fields (watched.js) still in the page. A field that left the
// page takes its underlines and badge with it: redraw whoever noticed first
// (the draw itself, the layout watchdog, the timer).
export function watchedStates() {
  if (pruneGone()) scheduleDraw();
  return [...watched];
}

// At most one draw per animation frame; a timer backs the frame callback up
// (frames can be throttled, e.g. while the page is being driven headless).
let drawQueued = false;
export function scheduleDraw() {
  if (drawQueued) return;
  drawQueued = true;
  const run = () => {
    if (!drawQueued) return;
    drawQueued = false;
    clearTimeout(timer);
    if (isAlive()) {
      try { draw(); } catch (e) { console.debug('[postguard] draw failed:', e?.name); }
    }
  };
  const timer = setTimeout(run, 120);
  requestAnimationFrame(run);
}

// ---- layout watchdog ---------------------------------------------------------
// A field can move without any event PostGuard could hear (a banner inserted
// above it, an animation): while underlines are shown, compare each field's
// box once per frame and redraw when it moved.
let watching = false;
const lastBox = new WeakMap();
function boxKey(el) {
  const r = el.getBoundingClientRect();
  return `${r.left},${r.top},${r.width},${r.height}`;
}
function rememberBoxes(states) {
  for (const s of states) if (s.el.isConnected) lastBox.set(s, boxKey(s.el));
  if (!watching && states.some((s) => s.viewFindings.length)) { watching = true; requestAnimationFrame(watchdog); }
}
function watchdog() {
  if (!isAlive()) { watching = false; return; }
  const shown = watchedStates().filter((s) => s.viewFindings.length);
  if (!shown.length) { watching = false; return; }
  if (!document.hidden) {
    for (const s of shown) {
      if (lastBox.get(s) !== boxKey(s.el)) { draw(); break; }
    }
  }
  requestAnimationFrame(watchdog);
}

// ---- hover: resting the mouse on flagged words opens their card ------------

let hoverTimer = 0, closeTimer = 0, hoverSpot = null;
function onMouseMove(e) {
  if (!hotspots.length && !(card && cardState?.hover)) return;
  const x = e.clientX, y = e.clientY;
  const overCard = inCard(e);
  const spot = overCard ? null : hotspots.find((h) => x >= h.left && x <= h.right && y >= h.top && y <= h.bottom + 3);
  if (spot?.u !== hoverSpot?.u) {
    hoverSpot?.u.classList.remove('pg-hot');
    spot?.u.classList.add('pg-hot');
    hoverSpot = spot ?? null;
    clearTimeout(hoverTimer);
    if (spot && !(card && cardState?.finding === spot.finding)) {
      hoverTimer = setTimeout(() => {
        if (hoverSpot === spot && spot.state.visible().includes(spot.finding) && !(card && !cardState?.hover)) {
          openCard(spot.state, spot.finding, spot, false, true);
        }
      }, HOVER_OPEN_MS);
    }
  }
  if (card && cardState?.hover) {
    const keep = overCard || (spot && spot.finding === cardState.finding);
    if (keep) { clearTimeout(closeTimer); closeTimer = 0; }
    else if (!closeTimer) closeTimer = setTimeout(() => { closeTimer = 0; if (cardState?.hover) closeCard(false); }, HOVER_CLOSE_MS);
  }
}

// An edit in the field closes its card unless the card has the focus.
export function onFieldEdit(state) {
  if (card && cardState?.state === state && !(shadow.activeElement && card.contains(shadow.activeElement))) closeCard(false);
}

function onLayerClick(e) {
  const t = e.target;
  const u = t.closest?.('.pg-underline');
  if (u && u.pgState) { openCard(u.pgState, u.pgFinding, u.getBoundingClientRect(), true); return; }
  const b = t.closest?.('.pg-badge');
  if (b && b.pgState) {
    const shown = b.pgState.visible();
    if (shown.length) openCard(b.pgState, shown[0], b.getBoundingClientRect(), true);
  }
}

// ---- the card --------------------------------------------------------------

export function openCard(state, finding, anchor, focusCard, hover = false) {
  ensure();
  closeCard(false);
  clearTimeout(closeTimer); closeTimer = 0;
  const shown = state.visible();
  const index = Math.max(0, shown.indexOf(finding));
  const sel = saveSelection(state.el);
  // The finding's message, clause and fix buttons: web/card.mjs, as on the demo page.
  const parts = findingCard(finding, {
    prefix: 'pg-', rename: { 'clause-ref': 'clause' }, pending: 'Loading the clause text\u2026', quote: 'div',
    // The fix is looked up in the last check when clicked (fix.js): the card
    // may have been carried over from an earlier text since it was opened.
    fixAttrs: (fix) => ({
      onclick: async () => {
        const now = cardState?.state === state ? cardState : { finding, key: state.key(finding) };
        closeCard(false);
        await applyFix(state, now.finding, now.key, fix);
      },
    }),
  });
  const actions = el('div', { class: 'pg-actions' }, parts.fixes ? [...parts.fixes.children] : null);
  actions.append(el('button', {
    class: 'pg-dismiss', type: 'button', text: 'Dismiss for this post',
    onclick: () => { state.dismiss(finding); closeCard(true); scheduleDraw(); state.reportStatus(true); },
  }));
  if (shown.length > 1) {
    const next = shown[(index + 1) % shown.length];
    actions.append(el('button', {
      class: 'pg-next', type: 'button', text: `Next (${index + 1} of ${shown.length})`,
      onclick: () => openCard(state, next, anchor, true, false),
    }));
  }
  const titleId = 'pg-card-title';
  card = el('div', { class: 'pg-card', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': titleId, tabindex: '-1', 'data-rule': finding.rule, 'data-category': finding.category },
    el('div', { class: 'pg-head' },
      el('span', { class: 'pg-dot', 'data-severity': finding.severity }),
      el('span', { class: 'pg-title', id: titleId, text: `${categoryLabel(finding.category)} (${severityLabel(finding)})` }),
      el('button', { class: 'pg-close', type: 'button', 'aria-label': 'Close', text: '\u00d7', onclick: () => closeCard(true) })),
    parts.message,
    actions,
    modeLine(state),
    parts.clause,
    el('div', { class: 'pg-foot', text: 'PostGuard checks on this device; your text is not sent anywhere.' }));
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); closeCard(true); return; }
    if (e.key === 'Tab') trapTab(e);
  });
  if (innerHeight < 340 || innerWidth < 420) card.classList.add('pg-compact');
  cardState = { state, finding, sel, hover, key: state.key(finding) };
  // Once the user interacts with a hover card, it stays until closed.
  card.addEventListener('focusin', () => { if (cardState) cardState.hover = false; });
  layer.append(card);
  placeCard(anchor);
  const thisCard = card;
  send({ type: 'clause', id: finding.clause }).then((res) => {
    if (card !== thisCard) return;
    parts.setClause(res?.clause);
    placeCard(anchor); // the clause text changed the card's height
  });
  if (focusCard) (card.querySelector('button.pg-fix') || card.querySelector('button.pg-dismiss')).focus({ preventScroll: true });
  document.addEventListener('pointerdown', onOutside, true);
  document.addEventListener('keydown', onEscape, true);
}

// The mode this field is checked in, why, and a one-click switch for it.
function modeLine(state) {
  const city = state.mode === 'city';
  const why = state.modeWhy ? ` (${state.modeWhy})` : '';
  return el('p', { class: 'pg-mode' },
    el('span', { class: 'pg-mode-text', text: `Checked as ${city ? 'a City account post' : 'a personal post'}${why}.` }),
    el('button', {
      class: 'pg-switch', type: 'button', text: city ? 'Check as personal' : 'Check as City account',
      onclick: () => { closeCard(true); state.switchMode(); },
    }));
}

// Esc closes the card even when the focus is still in the editor.
function onEscape(e) {
  if (e.key !== 'Escape' || !card) return;
  e.preventDefault();
  e.stopPropagation();
  closeCard(true);
}

function placeCard(anchor) {
  if (!card) return;
  const m = card.classList.contains('pg-compact') ? 4 : 8;
  const w = card.offsetWidth, h = card.offsetHeight;
  const left = Math.min(Math.max(m, anchor.left), innerWidth - w - m);
  let top = anchor.bottom + 6;
  if (top + h > innerHeight - m && anchor.top - h - 6 >= m) top = anchor.top - h - 6;
  top = Math.max(m, Math.min(top, innerHeight - h - m));
  card.style.left = `${Math.max(m, left)}px`;
  card.style.top = `${top}px`;
}

function trapTab(e) {
  const items = [...card.querySelectorAll('button')];
  if (!items.length) return;
  const i = items.indexOf(shadow.activeElement);
  const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i === items.length - 1 ? 0 : i + 1);
  e.preventDefault();
  items[next].focus();
}

function onOutside(e) {
  if (!card) return;
  if (inCard(e)) return;
  closeCard(false);
}

// Whether a document-level pointer event is over the card. The shadow root is
// closed, so a listener on the document sees the event retargeted to the
// host (composedPath() stops there): test the point against the card's box.
function inCard(e) {
  if (!card || !e.composedPath().includes(host)) return false;
  const r = card.getBoundingClientRect();
  return e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
}

export function closeCard(restoreFocus) {
  document.removeEventListener('pointerdown', onOutside, true);
  document.removeEventListener('keydown', onEscape, true);
  if (!card) return;
  const cs = cardState;
  const hadFocus = !!(shadow.activeElement && card.contains(shadow.activeElement));
  card.remove();
  card = null;
  cardState = null;
  if (restoreFocus && hadFocus && cs?.state.el.isConnected) restoreSelection(cs.state.el, cs.sel);
}

function saveSelection(field) {
  if (isTextControl(field)) return null;
  const s = field.getRootNode().getSelection?.() || getSelection();
  if (!s || !s.rangeCount) return null;
  const r = s.getRangeAt(0);
  return field.contains(r.startContainer) ? r.cloneRange() : null;
}
function restoreSelection(field, range) {
  field.focus({ preventScroll: true });
  if (range) {
    const s = getSelection();
    s.removeAllRanges();
    s.addRange(range);
  }
}
