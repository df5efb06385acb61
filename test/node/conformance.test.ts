/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReferenceFixture } from '../../src/conformance/reference-fixture.js';
import { runConformance } from '../../src/conformance/run.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { variants } from './conformance-variants.js';

/*
 * The kit against the reference server (every check passes) and against deliberately broken
 * variants of it (each FAILs exactly its own checks). The runs go concurrently: each spends
 * most of its time waiting, for a lock or away from a step boundary (K-2).
 */

const failed = (report: ConformanceReport) =>
  report.results.filter((result) => result.verdict === 'FAIL').map((result) => result.id);

/** Every evidence line of `report` that looks like it holds a code or a secret. */
const leaks = (report: ConformanceReport) =>
  report.results
    .flatMap((result) => result.evidence)
    .filter((line) => /\d{6}|[A-Z2-7]{16}/.test(line));

describe('conformance kit', { concurrency: true }, () => {
  it('passes every check against the reference server, in well under two minutes', async () => {
    const report = await runConformance({ fixture: createReferenceFixture() });
    assert.deepEqual(
      report.results.filter((r) => r.verdict === 'FAIL'),
      [],
    );
    // Only a probe delayed past a 1 s test-mode lock (a loaded CI machine) may WARN.
    for (const result of report.results.filter((r) => r.verdict === 'WARN')) {
      assert.ok(result.evidence.includes('WARN: the probe came too late to tell'), result.id);
    }
    assert.deepEqual(
      report.results.filter((r) => r.verdict === 'INFO').map((r) => r.id),
      ['A-05', 'A-30', 'A-31', 'A-32', 'A-34'],
    );
    assert.ok(report.counts.PASS >= 35, `${report.counts.PASS} checks passed`);
    assert.deepEqual(leaks(report), []);
    assert.ok(report.ms < 120_000, `the run took ${report.ms} ms`);
  });

  for (const variant of variants) {
    it(`catches ${variant.name}: ${variant.fails.join(', ')} FAIL, nothing else`, async () => {
      const report = await runConformance({ fixture: createReferenceFixture(variant.options()) });
      assert.deepEqual(failed(report), variant.fails);
      assert.deepEqual(leaks(report), []);
    });
  }
});
