/// <reference types="node" />
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { uriProblems } from '../../src/conformance/checks/enrollment.js';
import { main } from '../../src/conformance/cli.js';
import { redact } from '../../src/conformance/client.js';
import { ServerClock } from '../../src/conformance/clock.js';
import { formatJunit, formatReport } from '../../src/conformance/report.js';
import type { ConformanceReport } from '../../src/conformance/types.js';

const dir = mkdtempSync(join(tmpdir(), 'totp-conformance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const report: ConformanceReport = {
  baseUrl: 'http://127.0.0.1:1/api/2fa',
  startedAt: '2025-05-01T12:00:00.000Z',
  ms: 1234,
  results: [
    { id: 'A-01', title: 'codes', verdict: 'PASS', evidence: ['POST /verify → 200 {}'], ms: 5 },
    {
      id: 'A-07',
      title: 'one of <20> & "more"',
      verdict: 'FAIL',
      evidence: ['POST /verify code(T) → 200 {}', 'FAIL: 2 of 20 succeeded'],
      ms: 7,
    },
    { id: 'A-05', title: 'timing', verdict: 'INFO', evidence: ['not observable'], ms: 0 },
  ],
  counts: { PASS: 1, FAIL: 1, WARN: 0, INFO: 1 },
};

describe('conformance kit: reports', () => {
  it('prints every check and the evidence of those that did not pass', () => {
    const text = formatReport(report);
    assert.match(text, /^PASS {2}A-01 +codes$/m);
    assert.match(text, /^ +FAIL: 2 of 20 succeeded$/m);
    assert.match(text, /^ +not observable$/m);
    assert.doesNotMatch(text, /POST \/verify → 200 \{\}$/m);
    assert.match(text, /1 PASS, 1 FAIL, 0 WARN, 1 INFO in 1\.2 s$/);
  });

  it('writes JUnit XML with one escaped test case per check and FAIL as a failure', () => {
    const xml = formatJunit(report);
    assert.match(xml, /<testsuites tests="3" failures="1" time="1.234">/);
    assert.equal(xml.match(/<testcase /g)?.length, 3);
    assert.equal(xml.match(/<failure /g)?.length, 1);
    assert.match(xml, /name="A-07 one of &lt;20&gt; &amp; &quot;more&quot;"/);
    assert.match(xml, /<failure message="FAIL: 2 of 20 succeeded">/);
  });

  it('redacts secrets and codes from evidence', () => {
    const text = redact('{"secret":"JBSWY3DPEHPK3PXP","code":"005924","s":"abc"}', ['abc']);
    assert.equal(text, '{"secret":"[secret]","code":"[digits]","s":"[secret]"}');
  });

  it('finds the problems of an otpauth URI (A-18)', () => {
    const good = {
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      issuer: 'ACME Co',
      accountName: 'a+b@x.io',
      otpauthUri:
        'otpauth://totp/ACME%20Co:a%2Bb%40x.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    };
    assert.deepEqual(uriProblems(good), []);
    const plus = { ...good, otpauthUri: good.otpauthUri.replaceAll('%20', '+') };
    assert.ok(uriProblems(plus).some((problem) => problem.includes('literal +')));
    const digits = { ...good, otpauthUri: good.otpauthUri.replace('digits=6', 'digits=8') };
    assert.deepEqual(uriProblems(digits), ['digits=8']);
    const other = { ...good, secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAA' };
    assert.deepEqual(uriProblems(other), ['secret parameter differs from the field']);
  });

  it('estimates the server clock from Date headers to within their bounds (K-2)', () => {
    const clock = new ServerClock();
    assert.equal(clock.known, false);
    const local = Date.now();
    // A server 10 minutes ahead: its Date has whole seconds.
    const server = local + 600_000;
    clock.observe(new Date(Math.floor(server / 1000) * 1000).toUTCString(), local, local + 20);
    assert.ok(clock.known);
    assert.ok(Math.abs(clock.now() - (Date.now() + 600_000)) <= clock.uncertainty + 50);
    assert.ok(clock.uncertainty <= 520);
  });
});

describe('conformance kit: command line', () => {
  const output = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, out: (t: string) => lines.out.push(t), err: (t: string) => lines.err.push(t) };
  };

  it('prints the usage with --help and exits 0', async () => {
    const io = output();
    assert.equal(await main(['--help'], io), 0);
    assert.match(io.lines.out.join('\n'), /--fixture <module>/);
  });

  it('exits 2 without a fixture, on an unknown option, and on a module without createUser', async () => {
    const io = output();
    assert.equal(await main([], io), 2);
    assert.equal(await main(['--fixture', 'x', '--bogus'], io), 2);
    const empty = join(dir, 'empty-fixture.mjs');
    writeFileSync(empty, 'export default {};\n');
    assert.equal(await main(['--fixture', empty], io), 2);
    assert.match(io.lines.err.at(-1)!, /no default export with createUser/);
  });

  const built = existsSync('dist/conformance/cli.js');
  it('runs from the built package through the bin script', { skip: !built && 'no dist/' }, () => {
    const junit = join(dir, 'conformance.xml');
    const fixture = 'totp-elements/conformance/reference-fixture.js';
    const args = ['--fixture', fixture, '--only', 'A-16,A-18', '--junit', junit];
    const run = spawnSync(process.execPath, ['bin/totp-elements-conformance.js', ...args], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /2 PASS, 0 FAIL, 0 WARN, 0 INFO/);
    assert.match(readFileSync(junit, 'utf8'), /<testsuites tests="2" failures="0"/);
  });
});
