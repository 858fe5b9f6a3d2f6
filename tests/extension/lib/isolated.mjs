// Evaluating inside PostGuard's content-script world (Chromium's isolated world for the
// extension) over CDP. PostGuard's overlay has a *closed* shadow root, which the page's own
// world -- and so Playwright's frame.evaluate and locators -- cannot reach; the content script
// keeps the root in its namespace (PostGuard.overlayShadow()), visible only in its own world.
//
//   const w = await isolatedWorld(page);
//   await w.evaluate(frame, (arg) => ..., arg)   // runs in PostGuard's world of that frame
//   w.contexts()                                 // every execution context seen (for tests of the worlds)

const sessions = new WeakMap();

export async function isolatedWorld(page) {
  if (sessions.has(page)) return sessions.get(page);
  const cdp = await page.context().newCDPSession(page);
  const contexts = new Map(); // id -> { id, name, origin, auxData }
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, context));
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  await cdp.send('Runtime.enable');

  async function frameId(frame) {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const all = [];
    const walk = (t, depth) => { all.push({ id: t.frame.id, url: t.frame.url + (t.frame.urlFragment || ''), depth }); for (const c of t.childFrames || []) walk(c, depth + 1); };
    walk(frameTree, 0);
    if (frame === page.mainFrame()) return all[0].id;
    return all.find((f) => f.depth > 0 && f.url === frame.url())?.id ?? null;
  }

  // PostGuard's isolated-world context in a frame (null when the content script is not there).
  async function contextFor(frame) {
    const fid = await frameId(frame);
    for (const c of [...contexts.values()].reverse()) {
      if (c.auxData?.frameId === fid && c.auxData?.type === 'isolated' && /postguard/i.test(c.name)) return c.id;
    }
    return null;
  }

  const world = {
    cdp,
    contexts: () => [...contexts.values()],
    contextFor,
    // Runs fn(arg) in PostGuard's world of `frame`; resolves to its (JSON) value, or
    // undefined when PostGuard has no world in that frame.
    async evaluate(frame, fn, arg) {
      const id = await contextFor(frame);
      if (id == null) return undefined;
      const r = await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: fn.toString(), executionContextId: id,
        arguments: [{ value: arg ?? null }], returnByValue: true, awaitPromise: true,
      });
      if (r.exceptionDetails) throw new Error(`in PostGuard's world: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
      return r.result.value;
    },
  };
  sessions.set(page, world);
  return world;
}

// ---- functions run in PostGuard's world (self-contained) ------------------------------------

// The overlay's closed shadow root (or null): PostGuard.overlayShadow().
// Elements of the overlay matching `selector`, with their boxes and texts.
export function overlayElements({ selector }) {
  const root = globalThis.PostGuard?.overlayShadow?.();
  if (!root) return [];
  return [...root.querySelectorAll(selector)].map((e) => {
    const r = e.getBoundingClientRect();
    return {
      cls: e.className, text: (e.innerText ?? e.textContent ?? '').trim(), category: e.dataset.category ?? null,
      rule: e.dataset.rule ?? null, visible: r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden',
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    };
  });
}

// The open card: its category, message, clause, box, buttons (with the category of the
// finding each belongs to), and the frame's viewport.
export function cardInfo() {
  const root = globalThis.PostGuard?.overlayShadow?.();
  const card = root?.querySelector('.pg-card');
  if (!card) return null;
  const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const texts = (sel) => [...card.querySelectorAll(sel)].map((e) => e.innerText.trim()).join(' ').trim();
  return {
    category: card.dataset.category ?? null,
    message: texts('.pg-message'), clause: texts('.pg-clause'),
    rect: box(card), w: innerWidth, h: innerHeight,
    buttons: [...card.querySelectorAll('button')].map((b) => ({
      cls: b.className, label: b.textContent.trim(), rect: box(b),
      category: b.dataset.category ?? b.closest('[data-category]')?.dataset.category ?? null,
    })),
  };
}

// The underline boxes PostGuard drew for a category in this frame.
export function isolatedUnderlineRects({ category }) {
  const hosts = document.querySelectorAll('postguard-overlay, [data-postguard-overlay]');
  const root = globalThis.PostGuard?.overlayShadow?.();
  const out = { overlays: hosts.length, closed: [...hosts].filter((h) => !h.shadowRoot).length, boxes: [], categories: [] };
  if (!root) return out;
  for (const u of root.querySelectorAll('.pg-underline')) {
    const r = u.getBoundingClientRect();
    out.categories.push(u.dataset.category);
    if (u.dataset.category !== category) continue;
    if (r.width < 0.5 && r.height < 0.5) continue;
    out.boxes.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, rule: u.dataset.rule });
  }
  return out;
}
