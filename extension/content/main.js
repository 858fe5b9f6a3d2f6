// Wiring: which fields are watched, when they are checked, and the testing
// contract attribute.
//
// A field is watched once the user has touched it: a trusted (browser-made,
// not script-made) keydown, pointerdown/mousedown/touchstart, paste, drop or
// composition event inside it, or a focus that follows a trusted pointer press
// over it (see "the trusted-gesture gate" below). From then on it is checked
// when its text changes through the user's own input, and when the user
// focuses it (see "no oracle" below). Every edit signal -- input,
// beforeinput, keyup, paste, cut, compositionend, and a MutationObserver on
// contenteditable roots (Draft.js, Lexical and Slate often cancel the
// browser's edit and apply it themselves, so `input` may never fire) --
// funnels into one debounced check per field (300 ms after typing stops; a
// paste or drop is checked at once), provided a trusted input event in the
// field came just before it.
//
// TESTING CONTRACT: after each check, the field (the textarea/input, or the
// contenteditable editing host) carries
//   data-postguard-findings="<sorted, de-duplicated, space-separated categories>"
// ("" when clean). It reports the engine's findings for the current text,
// including ones the user dismissed (dismissing only hides the underline and
// the badge count). It is removed while checking is paused on the site or
// switched off. It is the only change PostGuard makes to the page's own nodes.
import { shiftFindings } from '../../web/spans.mjs';
import { readText, isTextControl } from '../../web/text.mjs';
import { editorFamily } from '../../web/fix/index.mjs';
import { validate } from '../protocol.mjs';
import { api, perf, send, timed, isAlive, onGone } from './runtime.js';
import { fieldFor, isSignupField, isAboutField } from './fields.js';
import { readIdentity } from './identity.js';
import { watched, byEl, unwatch } from './watched.js';
import { draw, scheduleDraw, watchedStates, openCard, closeCard, onFieldEdit } from './overlay.js';

export const ATTR = 'data-postguard-findings';

const TYPING_DELAY = 300;
const PASTE_WINDOW = 1000;
// A change of the text counts as the user's when it follows a trusted input
// event in the field (key, paste, cut, drop, composition, pointer press)
// within this time: editors apply a keystroke a frame or a few later, and
// the check runs TYPING_DELAY after the last one.
const TRUST_WINDOW = 1500;

// Set when the background answers "paused on this site" or "switched off":
// no text is sent until the settings change again.
let inactive = false;

class FieldState {
  constructor(el) {
    this.el = el;
    this.family = editorFamily(el);
    this.purpose = isTextControl(el) && isSignupField(el) ? 'signup' : isAboutField(el) ? 'about' : 'compose';
    this.checkedText = null;  // the text of the last applied check
    this.findings = [];       // its findings
    this.total = 0;           // how many the engine found (more than findings.length when capped)
    this.inFlight = null;     // the text of the check awaiting its answer
    this.viewText = null;     // the text the view findings are positioned for
    this.viewFindings = [];   // the findings, shifted to follow edits since the check
    this.viewSegs = null;
    this.dismissed = new Set();
    this.timer = 0;
    this.seq = 0;
    this.pasteAt = 0;
    this.lastEditAt = 0;
    this.composing = false;
    this.fixing = false;
    this.observer = null;
    this.resize = null;
    this.trustedText = null;  // the text of the last check made on the user's input or focus
    this.override = null;     // the user's one-click mode switch for this field ('city' | 'personal')
    this.mode = null;         // the mode of the last check, why (for the card and the popup)
    this.modeReason = null;
    this.modeWhy = '';
    this.error = null;        // the last check failed: the background's message
  }

  // Current text and DOM map; shifts the findings if the text moved.
  view() {
    const { text, segs } = readText(this.el);
    if (this.viewText !== null && text !== this.viewText) {
      // The same behaviour as the demo page's (web/spans.mjs): an edit inside
      // a finding stretches it, one across its edge drops it until the check.
      this.viewFindings = shiftFindings(this.viewText, text, this.viewFindings);
      this.viewText = text;
    }
    this.viewSegs = segs;
    return { text, segs };
  }

  // A finding's identity across checks: its rule and the text it flags (in
  // `text`, the text its offsets are for: by default the drawn one).
  key(f, text = this.viewText ?? '') {
    return `${f.rule}\u0000${text.slice(f.start, f.end)}`;
  }

  visible() {
    if (!this.dismissed.size) return this.viewFindings;
    return this.viewFindings.filter((f) => !this.dismissed.has(this.key(f)));
  }

  dismiss(f) { this.dismissed.add(this.key(f)); }

  // What the card (overlay.js) and a fix (fix.js) ask of the field's checks.
  trust() { trust(this.el); }
  checkNow() { checkNow(this); }
  switchMode() { switchMode(this); }
  reportStatus(always = false) { reportStatus(this, always); }

  clear() {
    this.checkedText = null;
    this.findings = [];
    this.total = 0;
    this.viewText = null;
    this.viewFindings = [];
  }
}

function watch(el) {
  let s = byEl.get(el);
  if (s) return s;
  s = new FieldState(el);
  byEl.set(el, s);
  watched.add(s);
  if (!isTextControl(el)) {
    s.observer = new MutationObserver(timed('event', () => onEdit(s, null)));
    s.observer.observe(el, { characterData: true, childList: true, subtree: true });
  }
  if (typeof ResizeObserver === 'function') {
    s.resize = new ResizeObserver(() => scheduleDraw());
    s.resize.observe(el);
  }
  return s;
}

// ---- checks ----------------------------------------------------------------

function schedule(s, delay, why = 'edit') {
  clearTimeout(s.timer);
  s.timer = setTimeout(() => runCheck(s, why === 'settings', why), delay);
}

// After PostGuard's own fix (a user's click on the card): the new text is checked.
function checkNow(s) { trust(s.el); schedule(s, 0, 'fix'); }

// ---- no oracle ---------------------------------------------------------------
//
// A page script can change a field's text (after the user touched it) and
// read data-postguard-findings, e.g. to test guesses of the City's
// confidential terms. So a text is checked only when it changed through the
// user's own input (a trusted key, paste, cut, drop, composition or pointer
// event in the field within TRUST_WINDOW), or PostGuard's own fix, or when
// the user focuses the field (a trusted press on it or a key just before),
// or, after a settings change, when it is still the text last checked that
// way. A text a script set alone waits, unchecked, for the user's next
// keystroke. An empty field needs no check (nothing to learn): its
// attribute becomes "" at once. What is left: a script that rewrites the
// field within TRUST_WINDOW of a user's keystroke gets that text checked
// (one probe per keystroke, with the user's own text visibly replaced).
const trustedAt = new WeakMap(); // field -> time of its last trusted input event
let lastKeyAt = 0;               // last trusted keydown anywhere (Tab focus)
function trust(field) { trustedAt.set(field, Date.now()); }
function userMade(s) { return Date.now() - (trustedAt.get(s.el) ?? 0) < TRUST_WINDOW + TYPING_DELAY; }

function allowed(s, why, text) {
  if (why === 'fix' || why === 'focus') return true;
  if (why === 'settings') return text === s.trustedText;
  return userMade(s);
}

// The field was emptied (by the user or the page): no findings, no check.
function clearedLocally(s) {
  s.checkedText = '';
  s.findings = [];
  s.total = 0;
  s.viewText = '';
  s.viewFindings = [];
  s.dismissed.clear();
  if (s.el.getAttribute(ATTR) !== '') s.el.setAttribute(ATTR, '');
  reportStatus(s);
  scheduleDraw();
}

// The popup's count: the focused field's findings minus dismissals, with its mode.
function reportStatus(s, always = false) {
  if (!isAlive()) return;
  const f = deepActive();
  if (!always && f && fieldFor(f) !== s.el) return;
  const shown = s.viewFindings.length ? s.visible().length : 0;
  const key = `${shown}|${s.mode}|${s.modeReason}|${s.modeWhy}`;
  if (s.reported === key) return;
  s.reported = key;
  send({ type: 'field-status', count: shown, mode: s.mode, modeReason: s.modeReason, modeWhy: s.modeWhy });
}

async function runCheck(s, force = false, why = 'edit') {
  if (!isAlive() || !s.el.isConnected) return;
  if (s.composing || inactive) return;
  const text = readText(s.el).text;
  if (!text.trim() && s.purpose !== 'signup') { s.seq++; s.inFlight = null; clearedLocally(s); return; }
  if (!allowed(s, why, text)) return;
  if (!force && text === s.checkedText && s.el.hasAttribute(ATTR)) return;
  // The same text is being checked already (a huge paste takes a second or
  // more): asking again would discard that answer for one that comes later.
  if (!force && text === s.inFlight) return;
  const seq = ++s.seq;
  perf.checks++;
  s.inFlight = text;
  s.trustedText = text;
  const identity = readIdentity(s.el) ?? null;
  // A page's About/bio field asks for the page check too (the background
  // adds it in City-account mode only).
  const type = s.purpose === 'about' ? 'check-page' : 'check';
  const res = await send({ type, text, url: location.href, purpose: s.purpose, identity, override: s.override });
  if (seq !== s.seq || !s.el.isConnected) return; // a newer check was sent
  s.inFlight = null;
  if (!res || !res.ok) {
    // Never silent: the field's badge says "!" (the popup and the toolbar too).
    s.error = res?.error ? String(res.error).slice(0, 200) : 'PostGuard did not answer';
    scheduleDraw();
    return;
  }
  s.error = null;
  if (!res.active) {
    inactive = true;
    for (const x of watchedStates()) { x.clear(); x.el.removeAttribute(ATTR); }
    closeCard(false);
    scheduleDraw();
    return;
  }
  const findings = Array.isArray(res.findings) ? res.findings : [];
  s.mode = res.mode === 'city' ? 'city' : 'personal';
  s.modeReason = typeof res.modeReason === 'string' ? res.modeReason : null;
  s.modeWhy = typeof res.modeWhy === 'string' ? res.modeWhy : '';
  s.checkedText = text;
  s.findings = findings;
  s.total = Number.isInteger(res.total) ? Math.max(res.total, findings.length) : findings.length;
  s.viewText = text;
  s.viewFindings = findings;
  if (!text.trim()) s.dismissed.clear();
  const cats = [...new Set(findings.map((f) => f.category))].sort().join(' ');
  if (s.el.getAttribute(ATTR) !== cats) s.el.setAttribute(ATTR, cats);
  reportStatus(s);
  // A check's answer is drawn at once (frames and timers of a background tab
  // may be throttled to one a second): the underlines come with the attribute.
  try { draw(); } catch (e) { console.debug('[postguard] draw failed:', e?.name); }
}

// Settings changed (or the user switched the mode): the texts last checked
// on the user's input are checked again; a text a script put there is not.
function recheckAll() {
  inactive = false;
  for (const s of watchedStates()) { s.checkedText = null; s.reported = null; schedule(s, 30, 'settings'); }
}

// The card's one-click switch: this field's mode, city <-> personal.
function switchMode(s) {
  s.override = (s.mode ?? 'personal') === 'city' ? 'personal' : 'city';
  s.checkedText = null;
  s.reported = null;
  schedule(s, 0, 'fix');
}

// The extension went away (reloaded, updated, removed): leave the page as it was.
function teardown() {
  for (const s of watched) { clearTimeout(s.timer); s.observer?.disconnect(); s.resize?.disconnect(); s.el.removeAttribute(ATTR); }
  watched.clear();
  document.querySelectorAll('postguard-overlay').forEach((o) => o.remove());
}

// ---- events ----------------------------------------------------------------

// ---- the trusted-gesture gate ----------------------------------------------
//
// A page could otherwise use PostGuard as an oracle: create a hidden editor,
// put text in it from script and read data-postguard-findings to learn, e.g.,
// whether a confidential term set by City IT (a project code name) is in it.
// So a field is checked (and gets the attribute) only after the user touched
// it. Events a script can make count for nothing: dispatched events have
// isTrusted false, and the events a script *can* make trusted (focus() ->
// focus/focusin; execCommand -> input) are not on the list. Once armed, every
// change is checked, including the ones the editor's own code makes (Draft.js,
// Lexical and Slate apply keystrokes themselves).
const ARM_EVENTS = ['keydown', 'pointerdown', 'mousedown', 'touchstart', 'paste', 'cut', 'drop', 'compositionstart', 'compositionupdate', 'compositionend'];
const armed = new WeakSet();
let lastPress = null; // { field: WeakRef, at }: the topmost field under the last trusted pointer press

function armFromEvent(e) {
  if (!e.isTrusted) return;
  if (e.type === 'keydown') lastKeyAt = Date.now();
  const path = e.composedPath?.() ?? [e.target];
  const field = fieldFor(path[0]);
  if (field) {
    trust(field);
    if (armed.has(field)) return;
    armed.add(field);
    // Already focused (by the page's script, or before PostGuard arrived):
    // no focusin will follow, so check now.
    const f = deepActive();
    if (f && fieldFor(f) === field && !byEl.has(field)) schedule(watch(field), 0);
  } else if (e.type === 'pointerdown') {
    const under = fieldUnder(e.clientX, e.clientY);
    lastPress = under ? { field: new WeakRef(under), at: Date.now() } : null;
  }
}

// The press landed on something drawn over an editor (a placeholder, a
// decoration): the topmost field under the pointer, unless a control (a
// button, a link, ...) lies above it.
function fieldUnder(x, y) {
  for (const el of document.elementsFromPoint(x, y)) {
    const f = fieldFor(el);
    if (f) return f;
    if (el.matches('button, a[href], input, select, label, [role="button"], [role="link"], iframe')) return null;
  }
  return null;
}

// A focus that follows, within a second, a trusted press over that field.
function pressedOn(field) {
  return !!lastPress && lastPress.field.deref() === field && Date.now() - lastPress.at < 1000;
}

function stateFor(e, create) {
  const path = e.composedPath?.() ?? [e.target];
  const field = fieldFor(path[0]);
  if (!field) return null;
  const s = byEl.get(field);
  if (s || !create) return s ?? null;
  if (!armed.has(field)) {
    if (e.type !== 'focusin' || !e.isTrusted || !pressedOn(field)) return null; // not touched by the user
    armed.add(field);
  }
  return watch(field);
}

function onEdit(s, e) {
  if (!s) return;
  const type = e?.type;
  if (!userMade(s) && !s.fixing) {
    // Changed by script alone: the underlines follow the text, no check.
    if (type === 'input' || type == null) {
      scheduleDraw();
      if (!readText(s.el).text.trim()) clearedLocally(s);
    }
    return;
  }
  if (type === 'compositionstart') { s.composing = true; return; }
  if (type === 'compositionend') s.composing = false;
  if (type === 'keyup' && e.isComposing) return;
  s.lastEditAt = Date.now();
  let delay = TYPING_DELAY;
  if (type === 'paste' || type === 'drop') { s.pasteAt = Date.now(); delay = 0; }
  else if (type === 'input' && /^(insertFromPaste|insertFromDrop|insertReplacementText|insertFromYank)$/.test(e.inputType || '')) delay = 0;
  else if (Date.now() - s.pasteAt < PASTE_WINDOW) delay = 0;
  if (type === 'input' || type == null) {
    scheduleDraw(); // underlines follow the text
    onFieldEdit(s);
  }
  schedule(s, delay);
}

const onFocusIn = timed('event', (e) => {
  const s = stateFor(e, true);
  if (!s) return;
  // Only a focus the user made (a press on the field, or Tab) re-checks; a
  // script's focus() does not.
  const byUser = e.isTrusted && (pressedOn(s.el) || Date.now() - lastKeyAt < 1000);
  if (byUser && !(s.el.hasAttribute(ATTR) && readText(s.el).text === s.checkedText)) schedule(s, 0, 'focus');
  s.reported = null;
  reportStatus(s);
  scheduleDraw();
});

const onEditEvent = timed('event', (e) => {
  const s = stateFor(e, true);
  if (s) onEdit(s, e);
});

function deepActive() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

// The periodic jobs, as functions so startContentScript() reads as a list.
// A page may change a field's text without any event (e.g. clearing the
// compose box after posting): once a second, a watched field whose text was
// emptied loses its findings (no check: nothing to learn from an empty
// text). Any other change a script made waits for the user's next input.
function sweepEmptied() {
  if (!isAlive() || !watched.size || document.hidden) return;
  for (const x of watched) {
    if (!x.el.isConnected) { unwatch(x); scheduleDraw(); continue; }
    if (x.checkedText && !x.composing && Date.now() - x.lastEditAt > 1500 && !readText(x.el).text.trim()) clearedLocally(x);
  }
}

// While the user is writing in a watched field, ping the background every
// 20 s: an idle service worker is stopped after 30 s, and starting it again
// (wasm init + new Checker) is the slow part of a check.
function keepWorkerWarm() {
  if (!isAlive() || document.hidden || !document.hasFocus()) return;
  const f = deepActive();
  if (f && byEl.has(fieldFor(f))) send({ type: 'ping' });
}

// ---- settings and the shortcut (messages from the background) --------------

// Content scripts cannot read the settings (storage.local is kept from
// them): the background says when they changed.
function onSettingsMessage(msg) {
  if (validate(msg, 'background').ok && msg.type === 'settings-changed' && isAlive()) recheckAll();
}

// background -> content: the "show findings" shortcut (Alt+Shift+O) opens the
// card of the focused field, with the focus in the card.
function onOpenCardMessage(msg) {
  if (!validate(msg, 'background').ok || msg.type !== 'open-card' || !isAlive() || !document.hasFocus()) return;
  const f = deepActive();
  const s = f && byEl.get(fieldFor(f));
  if (!s) return;
  s.view();
  const shown = s.visible();
  if (shown.length) openCard(s, shown[0], s.el.getBoundingClientRect(), true);
}

// ---- start -----------------------------------------------------------------

// Wires the content script into the page: the only side effects of the
// content-script modules happen here (index.mjs calls it once per frame).
// A field that already has the focus when the script arrives is watched from
// the user's first keystroke in it (the gate above).
export function startContentScript() {
  onGone(teardown);
  for (const type of ARM_EVENTS) document.addEventListener(type, armFromEvent, { capture: true, passive: true });
  document.addEventListener('focusin', onFocusIn, true);
  for (const type of ['input', 'beforeinput', 'keyup', 'paste', 'cut', 'drop', 'compositionstart', 'compositionend']) {
    document.addEventListener(type, onEditEvent, true);
  }
  // Underlines follow the page's scrolling and the window's size.
  addEventListener('scroll', () => { if (watched.size) scheduleDraw(); }, { capture: true, passive: true });
  addEventListener('resize', () => { if (watched.size) scheduleDraw(); }, { passive: true });
  setInterval(sweepEmptied, 1000);
  setInterval(keepWorkerWarm, 20000);
  api.runtime?.onMessage?.addListener(onSettingsMessage);
  api.runtime?.onMessage?.addListener(onOpenCardMessage);
}
