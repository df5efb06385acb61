// @ts-check
/**
 * Fails when the committed custom-elements.json differs from what `npm run analyze` would write
 * now. Regenerates into a temporary directory and compares byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committedPath = join(root, 'custom-elements.json');
const outdir = mkdtempSync(join(tmpdir(), 'cem-'));

/** @returns {boolean} whether the committed manifest is current */
function check() {
  const cem = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  // The analyzer joins outdir onto the working directory, so it must be relative.
  const run = spawnSync(
    process.execPath,
    [cem, 'analyze', '--quiet', '--outdir', relative(root, outdir)],
    { cwd: root, encoding: 'utf8' },
  );
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const fresh = join(outdir, 'custom-elements.json');
  if (run.status !== 0 || !existsSync(fresh)) {
    console.error('The manifest analyzer failed.');
    return false;
  }
  if (!existsSync(committedPath)) {
    console.error('custom-elements.json is missing: run npm run analyze');
    return false;
  }
  const expected = readFileSync(fresh);
  const actual = readFileSync(committedPath);
  if (!expected.equals(actual)) {
    const a = actual.toString('utf8').split('\n');
    const b = expected.toString('utf8').split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    console.error('custom-elements.json is stale: run npm run analyze');
    if (line >= 0) {
      console.error(`  first difference at line ${line + 1}:`);
      console.error(`  committed:   ${(a[line] ?? '<end of file>').trim()}`);
      console.error(`  regenerated: ${(b[line] ?? '<end of file>').trim()}`);
    }
    return false;
  }
  console.log('custom-elements.json is up to date.');
  return true;
}

try {
  if (!check()) process.exitCode = 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
