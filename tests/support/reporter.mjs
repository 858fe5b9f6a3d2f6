// The node:test reporter every JavaScript suite uses, in the style of `cargo test`:
//
//   running tests/www/run.mjs
//   test page loads the engine and says the check runs locally ... ok
//   test textarea (textarea, mastodon.social) › (a) typing → findings "city-email disclaimer" ... ok
//   test demo page › phone (390x844): fits the screen and shows findings ... FAILED (12.3 s)
//
//   failures:
//
//   ---- phone (390x844): fits the screen and shows findings ----
//   AssertionError [ERR_ASSERTION]: ...
//
//   failures:
//       phone (390x844): fits the screen and shows findings
//
//   test result: FAILED. 41 passed; 1 failed; 0 ignored; 0 cancelled; finished in 212.40s
//
// One line per test that checks something: a test with subtests gets no line of its own
// (its subtests have theirs) unless it failed by itself (an exception, a timeout, a hook).
// A subtest is named with its parents, joined by " › ". Skipped and todo tests are
// "ignored". Lines say how long a test took once it is a second or more. t.diagnostic()
// text follows its test's line, indented. What a test file prints goes through unchanged.
//
//   node --test --test-reporter=./tests/support/reporter.mjs tests/wasm/
//   node --test-force-exit --test-reporter=./tests/support/reporter.mjs tests/www/run.mjs
import path from 'node:path';
import { Transform } from 'node:stream';
import { inspect } from 'node:util';

const T0 = Date.now();
// Run as `node --test-reporter=... FILE` (not --test), the suite is this process's own script:
// name it, rather than the helper module a top-level test was declared in.
const MAIN = !process.execArgv.includes('--test') && process.argv[1] ? process.argv[1] : null;
const rel = (f) => (f ? path.relative(process.cwd(), f) || f : '');
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
// node:test's own closing diagnostics (counts and duration): this reporter prints its own line.
const SUMMARY = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) [\d.]+$/;

function errorText(error) {
  // node:test wraps what the test threw: ERR_TEST_FAILURE with the thrown value as its cause.
  const e = error?.code === 'ERR_TEST_FAILURE' && error.cause !== undefined ? error.cause : error;
  if (e && typeof e === 'object') {
    const text = e.stack || e.message || inspect(e);
    return String(text).split('\n').filter((l) => !/^\s+at .*\(?node:/.test(l)).join('\n');
  }
  return String(e);
}

// A Transform stream, as node:test's own reporters are: with --test-force-exit the process ends
// once this stream has flushed, so the summary is never lost (an async generator's last lines
// were, on Node 20).
export default class RustStyleReporter extends Transform {
  constructor() {
    super({ writableObjectMode: true });
    // The names and child counts along the path of the test being reported. node:test reports
    // one file's tests at a time, in order, so one path serves (an event's `file` is where its
    // test() was called, which for a subtest made by a helper module is that module).
    this.path = { names: [], children: [] };
    this.failures = [];
    this.counts = { passed: 0, failed: 0, ignored: 0, cancelled: 0 };
    this.lastFile = null;
    this.lastLine = null; // the nesting of the last test line, whose diagnostics follow it
    this.done = false;
  }

  _transform(event, _enc, callback) {
    let out = '';
    try { out = this.handle(event); } catch (e) { out = `reporter: ${e.stack}\n`; }
    callback(null, out || undefined);
  }

  _flush(callback) {
    callback(null, this.summary() || undefined);
  }


  header(file) {
    if (!file || file === this.lastFile) return '';
    this.lastFile = file;
    return `\nrunning ${rel(file)}\n`;
  }

  handle({ type, data }) {
    const c = this.counts;
    switch (type) {
      case 'test:start': {
        const s = this.path;
        if (data.nesting === 0) this.file = MAIN ?? data.file;
        s.names[data.nesting] = data.name;
        s.names.length = data.nesting + 1;
        s.children[data.nesting + 1] = 0;
        return '';
      }
      case 'test:pass':
      case 'test:fail': {
        const s = this.path;
        const n = data.nesting;
        const hadChildren = (s.children[n + 1] ?? 0) > 0;
        s.children[n + 1] = 0;
        s.children[n] = (s.children[n] ?? 0) + 1;
        s.names[n] = data.name;
        const name = s.names.slice(0, n + 1).join(' › ');
        const err = data.details?.error;
        const kind = err?.failureType;
        this.lastLine = null;
        // A parent that passed, or failed only because a subtest did: its subtests said so.
        if ((hadChildren || data.details?.type === 'suite') && (type === 'test:pass' || kind === 'subtestsFailed')) return '';
        const head = this.header(this.file ?? data.file);
        const took = data.details?.duration_ms >= 1000 ? ` (${secs(data.details.duration_ms)})` : '';
        this.lastLine = n;
        if (type === 'test:pass') {
          if (data.skip !== undefined || data.todo !== undefined) {
            c.ignored++;
            const why = data.skip ?? data.todo;
            return `${head}test ${name} ... ignored${typeof why === 'string' && why ? `, ${why}` : ''}\n`;
          }
          c.passed++;
          return `${head}test ${name} ... ok${took}\n`;
        }
        this.failures.push({ name, text: errorText(err) });
        if (kind === 'cancelledByParent') {
          c.cancelled++;
          return `${head}test ${name} ... cancelled\n`;
        }
        c.failed++;
        return `${head}test ${name} ... FAILED${took}\n`;
      }
      case 'test:diagnostic': {
        if (!data.file && SUMMARY.test(data.message)) return '';
        const indent = this.lastLine !== null && data.nesting === this.lastLine ? '    ' : '  ';
        return `${data.message.split('\n').map((l) => `${indent}${l}`).join('\n')}\n`;
      }
      case 'test:stdout':
      case 'test:stderr':
        return this.header(data.file) + data.message;
      default:
        return '';
    }
  }

  summary() {
    if (this.done) return '';
    this.done = true;
    const c = this.counts;
    let out = '';
    if (this.failures.length) {
      out += '\nfailures:\n';
      for (const f of this.failures) out += `\n---- ${f.name} ----\n${f.text}\n`;
      out += '\nfailures:\n';
      for (const f of this.failures) out += `    ${f.name}\n`;
    }
    const ok = c.failed === 0 && c.cancelled === 0;
    return `${out}\ntest result: ${ok ? 'ok' : 'FAILED'}. ${c.passed} passed; ${c.failed} failed; ${c.ignored} ignored; ${c.cancelled} cancelled; finished in ${((Date.now() - T0) / 1000).toFixed(2)}s\n`;
  }
}
