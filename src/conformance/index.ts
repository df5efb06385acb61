/**
 * The conformance kit of docs/rest-contract.md: checks a server over HTTP, through a fixture
 * that hands out test users and sessions. See docs/backend-guide.md.
 */
export { runConformance, checks, type ConformanceOptions } from './run.js';
export { formatJunit, formatReport, formatResult } from './report.js';
export { main } from './cli.js';
export type {
  CheckResult,
  ConformanceFixture,
  ConformanceReport,
  DeclaredPolicy,
  FixtureUser,
  SessionHeaders,
  Verdict,
} from './types.js';
