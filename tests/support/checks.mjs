// Checks as node:test subtests, for suites whose steps report many checks each (the extension
// suite: tests/extension/run.mjs, hardening.mjs, lib/firefox.mjs), and boundedSuite(), the
// one test a browser suite is (also tests/www/run.mjs).
//
//   await phase(t, 'textarea (textarea, mastodon.social)', { timeout: 300_000, where }, async () => {
//     ... record(group, step, ok, detail) ...
//   });
//
// phase() is one subtest of the suite's test t, with node:test's own per-test timeout; a
// phase that runs out of its time fails naming the step it was in (where()). record() makes one
// subtest of the phase it is called from (found through AsyncLocalStorage, so code deep in a
// phase needs no test context): ok true passes (detail as a diagnostic), false fails with
// detail as the message, null is skipped. Subtests are named "step", or "group · step" when
// the group is not the phase's own name (a group under the phase's name loses that prefix).
// Every record is also kept in `results`, for a suite's summary table.
import { AsyncLocalStorage } from 'node:async_hooks';
import { test } from 'node:test';

const als = new AsyncLocalStorage();
export const results = []; // { group, step, ok, detail, phase }

const line = (group, step, ok, detail) => `  ${ok === null ? 'SKIP' : ok ? 'ok  ' : 'FAIL'} ${group} · ${step}${detail ? ` — ${detail}` : ''}`;

export function record(group, step, ok, detail = '') {
  const ctx = als.getStore();
  results.push({ group, step, ok, detail, phase: ctx?.name });
  if (!ctx || ctx.closed || ctx.t.signal.aborted) {
    // Outside a phase, or after its phase ended (timed out while this step went on): no test
    // to hang it on, so it is printed, and a failure still fails the run.
    console.log(`${line(group, step, ok, detail)}${ctx ? ` (after "${ctx.name}" ended)` : ''}`);
    if (ok === false) process.exitCode = 1;
    return;
  }
  const prefix = `${ctx.name} · `;
  const name = group === ctx.name ? step : `${group.startsWith(prefix) ? group.slice(prefix.length) : group} · ${step}`;
  ctx.pending.push(ctx.t.test(name, (st) => {
    if (ok === null) { st.skip(detail || undefined); return; }
    if (!ok) {
      const e = new Error(detail || 'failed');
      e.stack = detail || 'failed'; // the detail is the whole story; a stack of this file is not
      throw e;
    }
    if (detail) st.diagnostic(detail);
  }));
}

export function phase(t, name, { timeout, where = () => '' } = {}, fn) {
  // The suite already ended (out of time): no new phase (it could only fail as "not started").
  if (t.signal.aborted) return Promise.resolve();
  // Our own timer names the step; node:test's timeout, a little later, is the backstop.
  return t.test(name, { timeout: timeout + 15_000 }, async (pt) => {
    const ctx = { t: pt, name, pending: [], closed: false };
    let timer;
    const stuck = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`did not finish within ${timeout / 1000} s: stuck during ${where() || 'its first step'}`), { stack: undefined })), timeout);
    });
    try {
      await Promise.race([als.run(ctx, fn), stuck]);
    } finally {
      clearTimeout(timer);
      ctx.closed = true;
      await Promise.all(ctx.pending);
    }
  });
}

// A browser suite: one node:test test, bounded as a whole (POSTGUARD_SUITE_LIMIT). Past the
// limit it fails with where() in its message (and onStuck() runs first, e.g. to print a
// table); the phase or check in progress is cancelled, and --test-force-exit ends the process
// whatever the browsers are doing. node:test's own timeout, a little later, is the backstop.
export function boundedSuite(name, { limitS, where = () => '', onStuck = () => {} }, fn) {
  return test(name, { timeout: limitS * 1000 + 15_000 }, async (t) => {
    let timer;
    const stuck = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const why = `the suite did not finish within ${limitS} s (POSTGUARD_SUITE_LIMIT): stuck in ${where() || 'its start'}`;
        console.error(`${name}: ${why}`);
        try { onStuck(); } catch { /* the failure below matters more */ }
        reject(Object.assign(new Error(why), { stack: undefined }));
      }, limitS * 1000);
    });
    try {
      await Promise.race([fn(t), stuck]);
    } finally {
      clearTimeout(timer);
    }
  });
}
