// @ts-check
/**
 * `npm test`: the whole suite, in order. A failing step does not stop the run, so the summary is
 * complete; the exit code is non-zero when anything failed. The last line is `N passed, N failed`,
 * counting every browser test per engine, every Node test, and every other step as one check.
 *
 * Steps: browsers installed, type check (TypeScript 7), ESLint, Prettier, manifest drift,
 * browser tests in Chromium, Firefox and WebKit (one web-test-runner run each; WebKitWebDriver is
 * started under Xvfb on a free port and stopped afterwards), build, size budget, Node tests
 * (`node --test`) when test/node/ or src/server/ hold any `*.test.{js,mjs,ts}` files, and
 * end-to-end tests (test/e2e/*.test.ts: the demo application in Chromium with playwright-core).
 *
 * `npm test -- chromium lint` runs only the named steps:
 * browsers, typecheck, lint, format, manifest, chromium, firefox, webkit, build, size, node, e2e.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = {
  tsc: join(root, 'node_modules/typescript-7/bin/tsc'),
  eslint: join(root, 'node_modules/eslint/bin/eslint.js'),
  prettier: join(root, 'node_modules/prettier/bin/prettier.cjs'),
  wtr: join(root, 'node_modules/@web/test-runner/dist/bin.js'),
};
const work = mkdtempSync(join(tmpdir(), 'totp-test-'));
const staticLogging = Boolean(process.env.CI) || !process.stdout.isTTY;

/**
 * @typedef {object} Outcome
 * @property {boolean} ok
 * @property {number} passed
 * @property {number} failed
 * @property {number} [skipped]
 * @property {string} [note]
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A step that passes when its command exits 0: one check. */
/** @param {string} command @param {string[]} args @returns {() => Promise<Outcome>} */
const check = (command, args) => async () => {
  const ok = (await run(command, args)) === 0;
  return { ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
};

/* ---------------------------------------------------------------- WebKitWebDriver under Xvfb */

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Every live descendant of `pid`, read from /proc. @param {number} pid */
function descendantsOf(pid) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(/** @type {number} */ (queue.shift())) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signal(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @type {(() => Promise<void>) | undefined} */
let stopRunningDriver;

/**
 * Starts `xvfb-run -a WebKitWebDriver --port=N` in its own process group and waits until the
 * driver answers. `stop()` ends the driver, every MiniBrowser and WebKit process it started, and
 * Xvfb, by process id.
 */
async function startWebKitDriver() {
  const port = await freePort();
  const logFile = join(work, 'webkitwebdriver.log');
  const log = openSync(logFile, 'w');
  const child = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));

  const stop = async () => {
    stopRunningDriver = undefined;
    const pid = child.pid;
    if (pid === undefined) return;
    const all = [...descendantsOf(pid)];
    for (const descendant of all) signal(descendant, 'SIGTERM');
    for (let i = 0; i < 50 && !exited; i += 1) await sleep(100);
    for (const id of [pid, ...all, ...descendantsOf(pid)]) {
      if (alive(id)) signal(id, 'SIGKILL');
    }
    signal(-pid, 'SIGKILL');
  };
  stopRunningDriver = stop;

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return { port, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await stop();
  console.error(`WebKitWebDriver did not start on port ${port}. Its output:`);
  console.error(existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(none)');
  return undefined;
}

for (const event of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(event, async () => {
    await stopRunningDriver?.();
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}

/* ------------------------------------------------------------------------- browser tests */

/** @param {'chromium' | 'firefox' | 'webkit'} engine @returns {() => Promise<Outcome>} */
const browserTests = (engine) => async () => {
  const countsFile = join(work, `wtr-${engine}.json`);
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, BROWSERS: engine, WTR_COUNTS_FILE: countsFile };
  let driver;
  if (engine === 'webkit') {
    driver = await startWebKitDriver();
    if (!driver) return { ok: false, passed: 0, failed: 1, note: 'WebKitWebDriver did not start' };
    env.WEBKIT_DRIVER_PORT = String(driver.port);
  }
  let code;
  try {
    code = await run(
      process.execPath,
      [bin.wtr, ...(staticLogging ? ['--static-logging'] : [])],
      env,
    );
  } finally {
    await driver?.stop();
  }
  if (!existsSync(countsFile)) {
    return { ok: false, passed: 0, failed: 1, note: 'web-test-runner reported no results' };
  }
  /** @type {{ files: number, browsers: Record<string, { passed: number, failed: number, skipped: number, fileErrors: number }> }} */
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  const totals = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
  for (const browser of Object.values(counts.browsers)) {
    totals.passed += browser.passed;
    totals.failed += browser.failed;
    totals.skipped += browser.skipped;
    totals.fileErrors += browser.fileErrors;
  }
  const failed = totals.failed + totals.fileErrors;
  const ran = totals.passed + totals.failed;
  /** @type {string[]} */
  const notes = [];
  if (counts.files === 0 || ran === 0) notes.push('no tests ran');
  if (totals.fileErrors > 0) notes.push(`${totals.fileErrors} test file(s) crashed or timed out`);
  if (code !== 0 && failed === 0 && notes.length === 0) notes.push(`exit code ${code}`);
  const extra = notes.length > 0 && failed === 0 ? 1 : 0;
  return {
    ok: code === 0 && failed === 0 && ran > 0,
    passed: totals.passed,
    failed: failed + extra,
    skipped: totals.skipped,
    note: notes.join('; ') || undefined,
  };
};

/* ---------------------------------------------------------------------------- Node tests */

const NODE_TEST_DIRS = ['test/node', 'src/server'];
const NODE_TEST_FILE = /\.test\.(?:js|mjs|ts)$/;

/** @param {string} dir @returns {string[]} */
function findFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(path);
    return NODE_TEST_FILE.test(entry.name) ? [path] : [];
  });
}

const nodeTestFiles = NODE_TEST_DIRS.flatMap((dir) => findFiles(join(root, dir))).sort();

/**
 * Node 20 cannot run TypeScript, so each test file is bundled by esbuild (packages stay
 * external) into node_modules/.cache, where bare imports still resolve, and run with
 * `node --test`. Counts come from a TAP copy of the output.
 * @returns {Promise<Outcome>}
 */
async function nodeTests() {
  const outdir = join(root, 'node_modules/.cache/totp-node-tests');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: nodeTestFiles,
      outbase: root,
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
  } catch {
    return { ok: false, passed: 0, failed: 1, note: 'esbuild could not compile the Node tests' };
  }
  const compiled = nodeTestFiles.map((file) =>
    join(outdir, relative(root, file).replace(/\.(?:js|mjs|ts)$/, '.mjs')),
  );
  const tapFile = join(work, 'node-tests.tap');
  const code = await run(process.execPath, [
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...compiled,
  ]);
  return tapOutcome(code, tapFile);
}

/**
 * The outcome of a `node --test` run from the TAP copy of its output.
 * @param {number} code exit code of the run
 * @param {string} tapFile
 * @returns {Outcome}
 */
function tapOutcome(code, tapFile) {
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  /** @param {string} name */
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const ran = passed + failed;
  const extra = (code !== 0 || ran === 0) && failed === 0 ? 1 : 0;
  return {
    ok: code === 0 && failed === 0 && ran > 0,
    passed,
    failed: failed + extra,
    skipped: count('skipped') + count('todo'),
    note: ran === 0 ? 'no tests ran' : code !== 0 && failed === 0 ? `exit code ${code}` : undefined,
  };
}

/* ----------------------------------------------------------------------------- e2e tests */

const e2eTestFiles = findFiles(join(root, 'test/e2e'))
  .filter((file) => !relative(join(root, 'test/e2e'), file).includes('/'))
  .sort();

/**
 * End-to-end tests: `node --import tsx --test test/e2e/*.test.ts`. Each file starts the demo
 * server (demo/server/main.ts, test mode, a temp data folder, a fresh site build) on a free port
 * and drives Debian's Chromium with playwright-core. On failure, screenshots and the server log
 * are in test-output/e2e/. Counted like the Node tests.
 * @returns {Promise<Outcome>}
 */
async function e2eTests() {
  const tapFile = join(work, 'e2e-tests.tap');
  // Only this run's failures leave screenshots and server logs there.
  rmSync(join(root, 'test-output/e2e'), { recursive: true, force: true });
  const code = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...e2eTestFiles,
  ]);
  return tapOutcome(code, tapFile);
}

/* --------------------------------------------------------------------------------- steps */

/** @type {{ key: string, title: string, counts: 'check' | 'tests', run: () => Promise<Outcome> }[]} */
const steps = [
  {
    key: 'browsers',
    title: 'browsers installed',
    counts: 'check',
    run: check('bash', ['scripts/ensure-browsers.sh']),
  },
  {
    key: 'typecheck',
    title: 'type check (TypeScript 7)',
    counts: 'check',
    run: check(process.execPath, [bin.tsc, '-p', 'tsconfig.json']),
  },
  {
    key: 'lint',
    title: 'ESLint',
    counts: 'check',
    run: check(process.execPath, [bin.eslint, '.']),
  },
  {
    key: 'format',
    title: 'Prettier --check',
    counts: 'check',
    run: check(process.execPath, [bin.prettier, '--check', '.']),
  },
  {
    key: 'manifest',
    title: 'custom-elements.json drift',
    counts: 'check',
    run: check(process.execPath, ['scripts/check-manifest.js']),
  },
  { key: 'chromium', title: 'tests in Chromium', counts: 'tests', run: browserTests('chromium') },
  { key: 'firefox', title: 'tests in Firefox', counts: 'tests', run: browserTests('firefox') },
  { key: 'webkit', title: 'tests in WebKit', counts: 'tests', run: browserTests('webkit') },
  {
    key: 'build',
    title: 'build',
    counts: 'check',
    run: check(process.execPath, ['scripts/build.js']),
  },
  {
    key: 'size',
    title: 'size budget',
    counts: 'check',
    run: check(process.execPath, ['scripts/size.js']),
  },
];
if (nodeTestFiles.length > 0) {
  steps.push({ key: 'node', title: 'Node tests', counts: 'tests', run: nodeTests });
}
if (e2eTestFiles.length > 0) {
  steps.push({ key: 'e2e', title: 'end-to-end tests', counts: 'tests', run: e2eTests });
}

const only = process.argv.slice(2);
const unknownSteps = only.filter(
  (key) => !steps.some((step) => step.key === key) && key !== 'node' && key !== 'e2e',
);
if (unknownSteps.length > 0) {
  console.error(
    `Unknown step ${unknownSteps.join(', ')}. Steps: ${steps.map((s) => s.key).join(', ')}`,
  );
  process.exit(2);
}
const selected = only.length > 0 ? steps.filter((step) => only.includes(step.key)) : steps;

/** @type {{ title: string, counts: string, seconds: number, outcome: Outcome }[]} */
const results = [];
for (const [index, step] of selected.entries()) {
  console.log(`\n==> [${index + 1}/${selected.length}] ${step.title}`);
  const started = performance.now();
  /** @type {Outcome} */
  let outcome;
  try {
    outcome = await step.run();
  } catch (error) {
    console.error(error);
    outcome = { ok: false, passed: 0, failed: 1, note: 'the step crashed' };
  }
  const seconds = (performance.now() - started) / 1000;
  results.push({ title: step.title, counts: step.counts, seconds, outcome });
  console.log(`<== ${step.title}: ${outcome.ok ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)`);
}
rmSync(work, { recursive: true, force: true });

let passed = 0;
let failed = 0;
const width = Math.max(...results.map((result) => result.title.length));
console.log('\nSummary');
for (const { title, counts, seconds, outcome } of results) {
  passed += outcome.passed;
  failed += outcome.failed;
  const status = outcome.ok ? 'ok  ' : 'FAIL';
  const time = `${seconds.toFixed(1)} s`.padStart(8);
  const tests =
    counts === 'tests'
      ? `  ${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped ?? 0} skipped`
      : '';
  const note = outcome.note ? `  (${outcome.note})` : '';
  console.log(`  ${status}  ${title.padEnd(width)}  ${time}${tests}${note}`);
}
if (nodeTestFiles.length === 0 && only.length === 0) {
  console.log(`  (no Node tests: none in ${NODE_TEST_DIRS.join(' or ')})`);
}
process.exitCode = failed > 0 || results.some((result) => !result.outcome.ok) ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
