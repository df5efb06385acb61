import type { CheckResult, ConformanceReport } from './types.js';

/** One line of progress: verdict, id and title. */
export const formatResult = (result: CheckResult) =>
  `${result.verdict.padEnd(4)}  ${result.id.padEnd(16)} ${result.title}`;

/** The readable report: every check, the evidence of those that did not pass, the counts. */
export function formatReport(report: ConformanceReport): string {
  const lines = [`totp-elements conformance against ${report.baseUrl}`, ''];
  for (const result of report.results) {
    lines.push(formatResult(result));
    if (result.verdict !== 'PASS') lines.push(...result.evidence.map((line) => `        ${line}`));
  }
  const { PASS, FAIL, WARN, INFO } = report.counts;
  const seconds = (report.ms / 1000).toFixed(1);
  lines.push('', `${PASS} PASS, ${FAIL} FAIL, ${WARN} WARN, ${INFO} INFO in ${seconds} s`);
  return lines.join('\n');
}

const xml = (text: string) =>
  text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** JUnit XML for CI: FAIL is a failure, WARN and INFO pass with their evidence as output. */
export function formatJunit(report: ConformanceReport): string {
  const cases = report.results.map((result) => {
    const name = xml(`${result.id} ${result.title}`);
    const evidence = xml(result.evidence.join('\n'));
    const time = (result.ms / 1000).toFixed(3);
    const body =
      result.verdict === 'FAIL'
        ? `<failure message="${xml(result.evidence.find((line) => line.startsWith('FAIL')) ?? 'FAIL')}">${evidence}</failure>`
        : `<system-out>${xml(result.verdict)}\n${evidence}</system-out>`;
    return `    <testcase classname="totp-elements.conformance" name="${name}" time="${time}">${body}</testcase>`;
  });
  const { FAIL } = report.counts;
  const time = (report.ms / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${report.results.length}" failures="${FAIL}" time="${time}">`,
    `  <testsuite name="totp-elements conformance" tests="${report.results.length}" failures="${FAIL}" errors="0" skipped="0" time="${time}" timestamp="${report.startedAt}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
