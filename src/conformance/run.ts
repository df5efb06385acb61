import { enrollmentChecks } from './checks/enrollment.js';
import { observedChecks } from './checks/observed.js';
import { replayChecks } from './checks/replay.js';
import { sessionChecks } from './checks/sessions.js';
import { throttleChecks } from './checks/throttle.js';
import { verificationChecks } from './checks/verification.js';
import { Client } from './client.js';
import { ServerClock } from './clock.js';
import { CheckContext, type Check } from './context.js';
import type { CheckResult, ConformanceFixture, ConformanceReport, Verdict } from './types.js';

/** Every check, in the order they run; the run-wide ones last. */
export const checks: readonly Check[] = [
  ...verificationChecks,
  ...replayChecks,
  ...enrollmentChecks,
  ...sessionChecks,
  ...throttleChecks,
  ...observedChecks,
];

/** Options of `runConformance()`. */
export interface ConformanceOptions {
  /** The base URL of the routes, like `https://staging.example/api/2fa`; or from `setup()`. */
  baseUrl?: string;
  fixture: ConformanceFixture;
  /** Called after each check, for progress. */
  onResult?(result: CheckResult): void;
  /** Run only the checks whose id is listed (the run-wide ones see only their requests). */
  only?: readonly string[];
}

/**
 * Runs the conformance checks against a server of the REST contract and reports every
 * check's verdict; never throws for a failing server, only for a fixture that cannot start.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { fixture } = options;
  const started = Date.now();
  const results: CheckResult[] = [];
  let baseUrl = '';
  try {
    const setUp = await fixture.setup?.();
    baseUrl = (setUp?.baseUrl ?? options.baseUrl ?? '').replace(/\/+$/, '');
    if (!baseUrl) throw new TypeError('no base URL: pass baseUrl or return it from setup()');
    const client = new Client(baseUrl, new ServerClock());
    // Any response's Date header starts the clock estimate (K-2).
    await client.send('/status', undefined);
    client.exchanges.length = 0;
    const selected = checks.filter((check) => !options.only || options.only.includes(check.id));
    for (const check of selected) {
      const context = new CheckContext(client, fixture);
      const checkStarted = Date.now();
      try {
        await check.run(context);
      } catch (error) {
        context.fail(`the check could not run: ${error instanceof Error ? error.message : error}`);
      }
      const result: CheckResult = {
        id: check.id,
        title: check.title,
        verdict: context.verdict,
        evidence: context.evidence,
        ms: Date.now() - checkStarted,
      };
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await fixture.teardown?.();
  }
  const counts: Record<Verdict, number> = { PASS: 0, FAIL: 0, WARN: 0, INFO: 0 };
  for (const result of results) counts[result.verdict] += 1;
  return {
    baseUrl,
    startedAt: new Date(started).toISOString(),
    ms: Date.now() - started,
    results,
    counts,
  };
}
