/// <reference types="node" />
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatJunit, formatReport, formatResult } from './report.js';
import { runConformance } from './run.js';
import type { ConformanceFixture } from './types.js';

const usage = `Usage: totp-elements-conformance --fixture <module> [--base-url <url>] [options]

  --fixture <module>  path or package specifier of your fixture module (its default export)
  --base-url <url>    base URL of the 2FA routes, e.g. http://127.0.0.1:3000/api/2fa
                      (optional when the fixture's setup() starts the server)
  --json              print the report as JSON on stdout (progress goes to stderr)
  --junit <file>      also write JUnit XML to <file>
  --only <ids>        comma-separated check ids, e.g. A-06,A-07
  --help              this text

Exit status: 0 when no check FAILs, 1 when one does, 2 on a usage or fixture error.`;

/** Where the command writes; `process.stdout` and `process.stderr` by default. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Imports the fixture: a path relative to the working directory, or a package specifier. */
export async function loadFixture(specifier: string): Promise<ConformanceFixture> {
  const path = resolve(specifier);
  const url = existsSync(path) ? pathToFileURL(path).href : specifier;
  const module = (await import(url)) as { default?: unknown; fixture?: unknown };
  const fixture = module.default ?? module.fixture;
  if (typeof (fixture as ConformanceFixture | undefined)?.createUser !== 'function') {
    throw new TypeError(`${specifier} has no default export with createUser()`);
  }
  return fixture as ConformanceFixture;
}

/** `totp-elements-conformance`: runs the kit and answers the exit status. */
export async function main(argv: string[], output: CliOutput = processOutput): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        fixture: { type: 'string' },
        'base-url': { type: 'string' },
        json: { type: 'boolean' },
        junit: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : error}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    output.out(usage);
    return 0;
  }
  if (!values.fixture) {
    output.err(`--fixture is required\n\n${usage}`);
    return 2;
  }
  let report;
  try {
    const progress = values.json ? output.err : output.out;
    report = await runConformance({
      baseUrl: values['base-url'],
      fixture: await loadFixture(values.fixture),
      only: values.only?.split(',').map((id) => id.trim()),
      onResult: (result) => progress(formatResult(result)),
    });
  } catch (error) {
    output.err(`conformance run failed: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  output.out(values.json ? JSON.stringify(report, null, 2) : `\n${formatReport(report)}`);
  if (values.junit) writeFileSync(values.junit, formatJunit(report));
  return report.counts.FAIL > 0 ? 1 : 0;
}
