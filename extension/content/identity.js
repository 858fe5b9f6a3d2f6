// The posting identity: which account a compose box posts as, read from the
// markup the site itself shows next to it (never from the page's scripts or
// network). The background matches it against the City accounts IT lists
// (setting cityAccounts) to pick the mode; URL rules are only the fallback.
//
// Per site family (selectors are the sites' own, see extension/README.md):
//   X        the account switcher in the side bar,
//            [data-testid="SideNav_AccountSwitcher_Button"], whose avatar is
//            [data-testid="UserAvatar-Container-<handle>"]; else the profile
//            tab link [data-testid="AppTabBar_Profile_Link"] (href="/<handle>");
//            a composer's own avatar [data-testid^="UserAvatar-Container-"]
//            inside the compose box's container wins over both.
//   Facebook the composer's "posting as" voice/page selector: an element of
//            the compose dialog whose aria-label starts "Posting as" / "Post as"
//            / "Voice selector", holding a link to the profile or page
//            (/profile.php?id=<id>, /<page id>, /<vanity name>).
//   LinkedIn the share box's "post as" actor selector: a button whose
//            aria-label starts "Post as" / "Posting as" / "Select actor",
//            with a link to /company/<id or name>/ or /in/<name>/.
//   Any site the page's own account menu: a button or link whose aria-label
//            starts "Account menu" / "Switch account" (or "Account…" with a
//            menu popup) and shows an @handle (or Reddit's u/name).
// Returns { site, handle?, pageId?, name?, source } or null (unknown: the
// URL rules decide).

const HANDLE = /(?:@|\bu\/)([A-Za-z0-9_.-]{1,50})/; // @name, or Reddit's u/name
const shownText = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);

// The composer around a field: its dialog, or a few ancestors up.
function composerOf(field) {
  const dlg = field.closest?.('[role="dialog"], dialog');
  if (dlg) return dlg;
  let s = field;
  for (let i = 0; i < 8 && s.parentElement && s.parentElement !== document.body; i++) s = s.parentElement;
  return s;
}

function fromHref(href, site) {
  let u;
  try { u = new URL(href, location.href); } catch { return null; }
  const id = u.searchParams.get('id');
  if (id && /^\d+$/.test(id)) return { pageId: id };
  const parts = u.pathname.split('/').filter(Boolean);
  if (site === 'linkedin' && ['company', 'showcase', 'in'].includes(parts[0]) && parts[1]) return { pageId: `${parts[0]}/${parts[1]}`.toLowerCase() };
  if (parts.length === 1 && /^[A-Za-z0-9_.-]{1,80}$/.test(parts[0])) return /^\d+$/.test(parts[0]) ? { pageId: parts[0] } : { handle: parts[0] };
  return null;
}

function xAccount(field) {
  const scope = composerOf(field);
  const own = scope.querySelector?.('[data-testid^="UserAvatar-Container-"]');
  const av = own || document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]');
  const h = av?.getAttribute('data-testid').slice('UserAvatar-Container-'.length);
  if (h && /^[A-Za-z0-9_]{1,50}$/.test(h)) return { handle: h, source: own ? 'composer avatar' : 'account switcher' };
  const sw = document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]');
  const m = HANDLE.exec(shownText(sw));
  if (m) return { handle: m[1], source: 'account switcher' };
  const link = document.querySelector('a[data-testid="AppTabBar_Profile_Link"]');
  const r = link && fromHref(link.getAttribute('href'), 'x');
  if (r?.handle) return { handle: r.handle, source: 'profile link' };
  return null;
}

const VOICE = '[aria-label^="Posting as" i], [aria-label^="Post as" i], [aria-label^="Voice selector" i], [aria-label^="Select actor" i]';
function voice(field, site) {
  const scope = composerOf(field);
  const sel = scope.querySelector?.(VOICE) || document.querySelector(VOICE);
  if (!sel) return null;
  const a = sel.matches('a[href]') ? sel : sel.querySelector('a[href]');
  const r = a ? fromHref(a.getAttribute('href'), site) : null;
  const name = shownText(sel.querySelector('[dir="auto"], span') || sel) || sel.getAttribute('aria-label');
  if (r) return { ...r, name, source: 'post-as selector' };
  const m = HANDLE.exec(sel.getAttribute('aria-label') + ' ' + shownText(sel));
  return m ? { handle: m[1], name, source: 'post-as selector' } : null;
}

function accountMenu() {
  const el = document.querySelector('[aria-label^="Account menu" i], [aria-label^="Switch account" i], [aria-label^="Account" i][aria-haspopup]');
  if (!el) return null;
  const m = HANDLE.exec(`${el.getAttribute('aria-label')} ${shownText(el)}`);
  return m ? { handle: m[1], source: 'account menu' } : null;
}

export function readIdentity(field) {
  try {
    const host = location.hostname.replace(/^(www|m|mobile)\./, '');
    let r = null;
    if (/^(x|twitter)\.com$/.test(host)) r = xAccount(field);
    else if (/(^|\.)facebook\.com$/.test(host)) r = voice(field, 'facebook');
    else if (/(^|\.)linkedin\.com$/.test(host)) r = voice(field, 'linkedin');
    r ??= accountMenu();
    return r ? { site: host, ...r } : null;
  } catch {
    return null;
  }
}
