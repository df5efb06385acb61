// @ts-check
/**
 * A @web/test-runner reporter that writes the counts of one run as JSON, for scripts/test.js:
 * `{ "browsers": { "<browser name>": { passed, failed, skipped, fileErrors } }, "files": N }`.
 * A test file that fails to load, or a browser that fails on a file, counts in `fileErrors`.
 */
import { writeFileSync } from 'node:fs';

/**
 * @typedef {import('@web/test-runner').TestSession} TestSession
 * @typedef {import('@web/test-runner').TestSuiteResult} TestSuiteResult
 * @typedef {{ passed: number, failed: number, skipped: number, fileErrors: number }} Counts
 */

/** @param {TestSuiteResult | undefined} suite @param {Counts} counts */
function countSuite(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, counts);
}

/**
 * @param {{ outFile: string }} options
 * @returns {import('@web/test-runner').Reporter}
 */
export function countReporter({ outFile }) {
  /** @type {string[]} */
  let testFiles = [];
  return {
    start({ testFiles: files }) {
      testFiles = files;
    },
    onTestRunFinished({ sessions }) {
      /** @type {Record<string, Counts>} */
      const browsers = {};
      for (const session of /** @type {TestSession[]} */ (sessions)) {
        const counts = (browsers[session.browser.name] ??= {
          passed: 0,
          failed: 0,
          skipped: 0,
          fileErrors: 0,
        });
        countSuite(session.testResults, counts);
        if (session.errors.length > 0) counts.fileErrors += 1;
      }
      writeFileSync(outFile, `${JSON.stringify({ files: testFiles.length, browsers }, null, 2)}\n`);
    },
  };
}
