// Imported first by each browser suite (tests/www/run.mjs, tests/extension/run.mjs, …), so that
// `node tests/www/run.mjs` runs as `./build.sh test` runs it: under node:test with the shared
// Rust-style reporter (reporter.mjs) and --test-force-exit (a browser process that outlives its
// suite cannot hold the run open). Started without a --test-reporter flag, the file runs itself
// again with these flags (and its own arguments) and exits with that run's status; started
// with one, or under `node --test`, it does nothing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPORTER = fileURLToPath(new URL('./reporter.mjs', import.meta.url));
export const NODE_TEST_FLAGS = ['--test-force-exit', `--test-reporter=${REPORTER}`, '--test-reporter-destination=stdout'];

const flagged = process.execArgv.some((a) => a.startsWith('--test-reporter') || a === '--test');
if (!flagged && !process.env.NODE_TEST_CONTEXT && process.argv[1]) {
  const r = spawnSync(process.execPath, [...NODE_TEST_FLAGS, ...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.error) { console.error(`${process.argv[1]}: could not start node: ${r.error.message}`); process.exit(2); }
  process.exit(r.status ?? 1);
}
