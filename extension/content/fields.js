// Which element is a watched field, which editor family it belongs to, and
// whether it is the e-mail/username field of a sign-up or log-in form.
(() => {
  'use strict';
  const PG = globalThis.PostGuard;
  if (PG.loaded) return;

  const TEXT_INPUTS = new Set(['', 'text', 'search', 'email', 'url', 'tel']);

  // The watched field for an event target (from composedPath()[0], so it may be
  // inside an open shadow root), or null.
  PG.fieldFor = function fieldFor(target) {
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
  };

  // The editing host: the outermost editable ancestor (within the same tree).
  function editingHost(el) {
    let host = el;
    for (let p = el.parentElement; p && p.isContentEditable; p = p.parentElement) host = p;
    // An editable <body>/<html> (designMode iframes) is the host itself.
    return host;
  }
  PG.editingHost = editingHost;

  // Editor family, from the markers each editor puts on its root.
  PG.editorFamily = function editorFamily(el) {
    if (PG.isTextControl(el)) return 'control';
    if (el.hasAttribute('data-lexical-editor')) return 'lexical';
    if (el.hasAttribute('data-slate-editor')) return 'slate';
    if (el.classList.contains('ProseMirror')) return 'prosemirror';
    if (el.classList.contains('ql-editor')) return 'quill';
    if (el.closest('.DraftEditor-root') || el.querySelector('[data-contents]')) return 'draft';
    if (el.classList.contains('ck-editor__editable')) return 'ckeditor';
    return 'contenteditable';
  };

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
  PG.isSignupField = function isSignupField(el) {
    if (!looksLikeAccountField(el)) return false;
    try {
      if (scopeLooksLikeLogin(scopeOf(el))) return true;
      return LOGIN_URL.test(location.pathname) && /e-?mail|user|login/i.test(`${el.type} ${el.name} ${el.id} ${el.autocomplete}`);
    } catch {
      return false;
    }
  };
})();
