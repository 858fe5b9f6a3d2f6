// Wiring: which fields are watched, when they are checked, and the testing
// contract attribute.
//
// A field is watched once the user has touched it: a trusted (browser-made,
// not script-made) keydown, pointerdown/mousedown/touchstart, paste, drop or
// composition event inside it, or a focus that follows a trusted pointer press
// over it (see "the trusted-gesture gate" below). From then on it is checked
// on focus and on every edit, including edits the editor applies itself.
// Every edit signal -- input, beforeinput, keyup, paste, cut, compositionend,
// and a MutationObserver on contenteditable roots (Draft.js, Lexical and Slate
// often cancel the browser's edit and apply it themselves, so `input` may
// never fire) -- funnels into one debounced check per field (300 ms after
// typing stops; a paste or drop is checked at once).
//
// TESTING CONTRACT: after each check, the field (the textarea/input, or the
// contenteditable editing host) carries
//   data-postguard-findings="<sorted, de-duplicated, space-separated categories>"
// ("" when clean). It reports the engine's findings for the current text,
// including ones the user dismissed (dismissing only hides the underline and
// the badge count). It is removed while checking is paused on the site or
// switched off. It is the only change PostGuard makes to the page's own nodes.
(() => {
  'use strict';
  const PG = globalThis.PostGuard;
  if (PG.loaded) return;
  const { api, ATTR } = PG;

  const TYPING_DELAY = 300;
  const PASTE_WINDOW = 1000;

  const states = new Set();
  // Set when the background answers "paused on this site" or "switched off":
  // no text is sent until the settings change again.
  let inactive = false;
  const byEl = new WeakMap();
  let drawQueued = false;

  class FieldState {
    constructor(el) {
      this.el = el;
      this.family = PG.editorFamily(el);
      this.purpose = PG.isTextControl(el) && PG.isSignupField(el) ? 'signup' : 'compose';
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
    }

    // Current text and DOM map; shifts the findings if the text moved.
    view() {
      const { text, segs } = PG.readText(this.el);
      if (this.viewText !== null && text !== this.viewText) {
        const d = PG.textDiff(this.viewText, text);
        const delta = d.newEnd - d.oldEnd;
        this.viewFindings = this.viewFindings.flatMap((f) => {
          if (f.end <= d.start) return [f];                       // before the edit
          if (f.start >= d.oldEnd) return [{ ...f, start: f.start + delta, end: f.end + delta }]; // after it
          return [];                                              // touched by it: wait for the check
        });
        this.viewText = text;
      }
      this.viewSegs = segs;
      return { text, segs };
    }

    key(f) {
      const t = this.viewText ?? '';
      return `${f.rule}\u0000${t.slice(f.start, f.end)}`;
    }

    visible() {
      if (!this.dismissed.size) return this.viewFindings;
      return this.viewFindings.filter((f) => !this.dismissed.has(this.key(f)));
    }

    dismiss(f) { this.dismissed.add(this.key(f)); }

    clear() {
      this.checkedText = null;
      this.findings = [];
      this.total = 0;
      this.viewText = null;
      this.viewFindings = [];
    }
  }

  PG.watchedStates = function watchedStates() {
    let gone = false;
    for (const s of states) if (!s.el.isConnected) { unwatch(s); gone = true; }
    // A field that left the page takes its underlines and badge with it: redraw
    // whoever noticed first (the draw itself, the layout watchdog, the timer).
    if (gone) PG.scheduleDraw();
    return [...states];
  };

  function watch(el) {
    let s = byEl.get(el);
    if (s) return s;
    s = new FieldState(el);
    byEl.set(el, s);
    states.add(s);
    if (!PG.isTextControl(el)) {
      s.observer = new MutationObserver(PG.timed('event', () => onEdit(s, null)));
      s.observer.observe(el, { characterData: true, childList: true, subtree: true });
    }
    if (typeof ResizeObserver === 'function') {
      s.resize = new ResizeObserver(() => PG.scheduleDraw());
      s.resize.observe(el);
    }
    return s;
  }

  function unwatch(s) {
    clearTimeout(s.timer);
    s.observer?.disconnect();
    s.resize?.disconnect();
    states.delete(s);
    byEl.delete(s.el);
    if (s.findings.length) PG.send({ type: 'field-status', count: 0 });
  }

  // ---- checks ----------------------------------------------------------------

  function schedule(s, delay) {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => runCheck(s), delay);
  }

  PG.checkNow = (s) => schedule(s, 0);

  async function runCheck(s, force = false) {
    if (!PG.alive || !s.el.isConnected) return;
    if (s.composing || inactive) return;
    const text = PG.readText(s.el).text;
    if (!force && text === s.checkedText && s.el.hasAttribute(ATTR)) return;
    // The same text is being checked already (a huge paste takes a second or
    // more): asking again would discard that answer for one that comes later.
    if (!force && text === s.inFlight) return;
    const seq = ++s.seq;
    PG.perf.checks++;
    s.inFlight = text;
    const res = await PG.send({ type: 'check', text, url: location.href, purpose: s.purpose });
    if (seq !== s.seq || !s.el.isConnected) return; // a newer check was sent
    s.inFlight = null;
    if (!res || !res.ok) return;
    if (!res.active) {
      inactive = true;
      for (const x of PG.watchedStates()) { x.clear(); x.el.removeAttribute(ATTR); }
      PG.closeCard?.(false);
      PG.scheduleDraw();
      return;
    }
    const findings = Array.isArray(res.findings) ? res.findings : [];
    s.checkedText = text;
    s.findings = findings;
    s.total = Number.isInteger(res.total) ? Math.max(res.total, findings.length) : findings.length;
    s.viewText = text;
    s.viewFindings = findings;
    if (!text.trim()) s.dismissed.clear();
    const cats = [...new Set(findings.map((f) => f.category))].sort().join(' ');
    if (s.el.getAttribute(ATTR) !== cats) s.el.setAttribute(ATTR, cats);
    PG.scheduleDraw();
  }

  function recheckAll() {
    inactive = false;
    for (const s of PG.watchedStates()) { s.checkedText = null; schedule(s, 30); }
  }

  // The extension went away (reloaded, updated, removed): leave the page as it was.
  PG.teardown = function teardown() {
    for (const s of states) { clearTimeout(s.timer); s.observer?.disconnect(); s.resize?.disconnect(); s.el.removeAttribute(ATTR); }
    states.clear();
    document.querySelectorAll('postguard-overlay').forEach((o) => o.remove());
  };

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
  const ARM_EVENTS = ['keydown', 'pointerdown', 'mousedown', 'touchstart', 'paste', 'drop', 'compositionstart', 'compositionend'];
  const armed = new WeakSet();
  let lastPress = null; // { field: WeakRef, at }: the topmost field under the last trusted pointer press

  function armFromEvent(e) {
    if (!e.isTrusted) return;
    const path = e.composedPath?.() ?? [e.target];
    const field = PG.fieldFor(path[0]);
    if (field) {
      if (armed.has(field)) return;
      armed.add(field);
      // Already focused (by the page's script, or before PostGuard arrived):
      // no focusin will follow, so check now.
      const f = deepActive();
      if (f && PG.fieldFor(f) === field && !byEl.has(field)) schedule(watch(field), 0);
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
      const f = PG.fieldFor(el);
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
    const field = PG.fieldFor(path[0]);
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
    if (type === 'compositionstart') { s.composing = true; return; }
    if (type === 'compositionend') s.composing = false;
    if (type === 'keyup' && e.isComposing) return;
    s.lastEditAt = Date.now();
    let delay = TYPING_DELAY;
    if (type === 'paste' || type === 'drop') { s.pasteAt = Date.now(); delay = 0; }
    else if (type === 'input' && /^(insertFromPaste|insertFromDrop|insertReplacementText|insertFromYank)$/.test(e.inputType || '')) delay = 0;
    else if (Date.now() - s.pasteAt < PASTE_WINDOW) delay = 0;
    if (type === 'input' || type == null) {
      PG.scheduleDraw(); // underlines follow the text
      PG.onFieldEdit?.(s);
    }
    schedule(s, delay);
  }

  const onFocusIn = PG.timed('event', (e) => {
    const s = stateFor(e, true);
    if (!s) return;
    if (s.el.hasAttribute(ATTR) && s.checkedText !== null) {
      if (PG.readText(s.el).text !== s.checkedText) schedule(s, 0);
    } else schedule(s, 0);
    PG.scheduleDraw();
  });

  const onEditEvent = PG.timed('event', (e) => {
    const s = stateFor(e, true);
    if (s) onEdit(s, e);
  });

  for (const type of ARM_EVENTS) document.addEventListener(type, armFromEvent, { capture: true, passive: true });
  document.addEventListener('focusin', onFocusIn, true);
  for (const type of ['input', 'beforeinput', 'keyup', 'paste', 'cut', 'drop', 'compositionstart', 'compositionend']) {
    document.addEventListener(type, onEditEvent, true);
  }

  // ---- drawing ---------------------------------------------------------------

  // At most one draw per animation frame; a timer backs the frame callback up
  // (frames can be throttled, e.g. while the page is being driven headless).
  PG.scheduleDraw = function scheduleDraw() {
    if (drawQueued) return;
    drawQueued = true;
    const run = () => {
      if (!drawQueued) return;
      drawQueued = false;
      clearTimeout(timer);
      if (PG.alive) {
        try { PG.draw(); } catch (e) { console.debug('[postguard] draw failed:', e?.name); }
      }
    };
    const timer = setTimeout(run, 120);
    requestAnimationFrame(run);
  };
  addEventListener('scroll', () => { if (states.size) PG.scheduleDraw(); }, { capture: true, passive: true });
  addEventListener('resize', () => { if (states.size) PG.scheduleDraw(); }, { passive: true });

  // A page may change a field's text without any event (e.g. clearing the
  // compose box after posting): look at the focused field once a second, when
  // no edit signal came for a while (while typing, the debounce decides).
  setInterval(() => {
    if (!PG.alive || !states.size || document.hidden) return;
    const f = deepActive();
    const s = f && byEl.get(PG.fieldFor(f));
    if (s && !s.composing && s.checkedText !== null && Date.now() - s.lastEditAt > 1500
        && PG.readText(s.el).text !== s.checkedText) schedule(s, 0);
    for (const x of states) if (!x.el.isConnected) { unwatch(x); PG.scheduleDraw(); }
  }, 1000);

  // While the user is writing in a watched field, ping the background every
  // 20 s: an idle service worker is stopped after 30 s, and starting it again
  // (wasm init + new Checker) is the slow part of a check.
  setInterval(() => {
    if (!PG.alive || document.hidden || !document.hasFocus()) return;
    const f = deepActive();
    if (f && byEl.has(PG.fieldFor(f))) PG.send({ type: 'ping' });
  }, 20000);

  function deepActive() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  // ---- settings --------------------------------------------------------------

  api.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'session' || !PG.alive) return;
    recheckAll();
  });

  // background -> content: the "show findings" shortcut (Alt+Shift+O) opens the
  // card of the focused field, with the focus in the card.
  api.runtime?.onMessage?.addListener((msg) => {
    if (msg?.type !== 'open-card' || !PG.alive || !document.hasFocus()) return;
    const f = deepActive();
    const s = f && byEl.get(PG.fieldFor(f));
    if (!s) return;
    s.view();
    const shown = s.visible();
    if (shown.length) PG.openCard(s, shown[0], s.el.getBoundingClientRect(), true);
  });

  // A field that already has the focus when the script arrives is watched from
  // the user's first keystroke in it (the gate above).

  PG.loaded = true;
})();
