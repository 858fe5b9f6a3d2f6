// Which element is a watched field, which editor family it belongs to, and
// whether it is the e-mail/username field of a sign-up or log-in form.

const TEXT_INPUTS = new Set(['', 'text', 'search', 'email', 'url', 'tel']);

// The watched field for an event target (from composedPath()[0], so it may be
// inside an open shadow root), or null.
export function fieldFor(target) {
  if (!target || target.nodeType !== 1) {
    if (target?.nodeType === 3) target = target.parentElement;
    else return null;
  }
  if (!target) return null;
  if (target.tagName === 'TEXTAREA') return target.readOnly || target.disabled ? null : target;
  if (target.tagName === 'INPUT') {
    const type = (target.getAttribute('type') || '').toLowerCase();
    if (!TEXT_INPUTS.has(type)) return null;
    return target.readOnly || target.disabled ? null : target;
  }
  if (!target.isContentEditable) return null;
  return editingHost(target);
}

// The editing host: the outermost editable ancestor (within the same tree).
export function editingHost(el) {
  let host = el;
  for (let p = el.parentElement; p && p.isContentEditable; p = p.parentElement) host = p;
  // An editable <body>/<html> (designMode iframes) is the host itself.
  return host;
}

// ---- sign-up / log-in e-mail fields ----------------------------------------

const LOGIN_WORDS = /\b(sign[\s-]?up|sign[\s-]?in|log[\s-]?in|log[\s-]?on|register|registration|create (an |your )?account|join now|get started)\b/i;
const LOGIN_URL = /(sign[-_]?up|sign[-_]?in|log[-_]?in|register|registration|join|account|auth|onboard|flow)/i;

function looksLikeAccountField(el) {
  if (el.tagName !== 'INPUT') return false;
  const type = (el.getAttribute('type') || '').toLowerCase();
  const ac = (el.getAttribute('autocomplete') || '').toLowerCase();
  const id = `${el.name || ''} ${el.id || ''}`;
  return type === 'email' || /\b(username|email)\b/.test(ac) || /e-?mail|user|login|account/i.test(id);
}

// The form-like scope of a field: its form, else the nearest dialog, else a
// few ancestors up (single-page apps often have no <form>).
function scopeOf(el) {
  const form = el.form || el.closest('form');
  if (form) return form;
  const dlg = el.closest('[role="dialog"], dialog');
  if (dlg) return dlg;
  let s = el;
  for (let i = 0; i < 6 && s.parentElement && s.parentElement !== document.body; i++) s = s.parentElement;
  return s;
}

function scopeLooksLikeLogin(scope) {
  if (scope.querySelector('input[type="password"]')) return true;
  if (scope.tagName === 'FORM') {
    const action = scope.getAttribute('action') || '';
    if (LOGIN_URL.test(action)) return true;
  }
  const buttons = scope.querySelectorAll('button, input[type="submit"], [role="button"], h1, h2, legend');
  let n = 0;
  for (const b of buttons) {
    if (++n > 40) break;
    const label = b.tagName === 'INPUT' ? b.value : b.textContent;
    if (label && label.length < 80 && LOGIN_WORDS.test(label)) return true;
  }
  return false;
}

// True for the e-mail/username field of a sign-up or log-in form.
export function isSignupField(el) {
  if (!looksLikeAccountField(el)) return false;
  try {
    if (scopeLooksLikeLogin(scopeOf(el))) return true;
    return LOGIN_URL.test(location.pathname) && /e-?mail|user|login/i.test(`${el.type} ${el.name} ${el.id} ${el.autocomplete}`);
  } catch {
    return false;
  }
}

// ---- a page's About / bio field (the page check, issue 16) -----------------
//
// The field where a page's or profile's About text is edited: its name, id,
// aria-label, placeholder, data-testid or label says bio, biography, about,
// intro or account note (X's and Mastodon's profile forms, Instagram's
// "Bio", Facebook's and LinkedIn's page "About"/"Intro"), or "description"
// inside a form or dialog about a profile or page ("Edit profile", "Page
// info"). A post's own "description" (a video's, an event's) is not one.
// The background decides the rest: only in City-account mode does such a
// field get the page check (content never knows the settings).
// Words of a name: "aboutText" -> about text, "account_note" -> account note.
const words = (n) => n.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
// Bio words count anywhere in a short name; "about" only as its first word
// ("About", "About us", "aboutText"), not in "a comment about this post".
function aboutName(n) {
  const w = words(n);
  if (w.length > 6) return false;
  if (w.some((x) => x === 'bio' || x === 'biography' || x === 'intro' || x === 'introduction')) return true;
  if (w.join(' ').includes('account note')) return true;
  return w[0] === 'about' && w.length <= 3;
}
const PROFILE_SCOPE = /\b(edit (your )?profile|profile|edit page|page info|page details|about (this|the|your) page|organi[sz]ation (details|info|page))\b/i;

function fieldNames(el) {
  const out = [el.getAttribute('name'), el.id, el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('data-testid')];
  try {
    for (const l of el.labels ?? []) out.push(l.textContent);
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean).slice(0, 4)) {
      out.push(el.ownerDocument.getElementById(id)?.textContent);
    }
  } catch { /* a detached field */ }
  return out.filter((x) => typeof x === 'string' && x.length < 200);
}

export function isAboutField(el) {
  if (!el || el.nodeType !== 1) return false;
  const names = fieldNames(el);
  if (names.some(aboutName)) return true;
  if (!names.some((n) => words(n).includes('description'))) return false;
  try {
    const scope = scopeOf(el);
    const heads = scope.querySelectorAll('h1, h2, h3, legend, [role="heading"]');
    const titles = [scope.getAttribute('aria-label') || '', ...Array.from(heads, (h) => h.textContent || '').slice(0, 10)];
    return titles.some((t) => t.length < 120 && PROFILE_SCOPE.test(t));
  } catch {
    return false;
  }
}
