// @ts-check
/**
 * `npm run build`:
 * 1. dist/ from scratch: TypeScript 7 (`tsc -p tsconfig.build.json`) emits unbundled ES modules
 *    and .d.ts files from src/, tests excluded.
 * 2. dist/totp-elements.bundle.js: src/define.ts with everything it imports, lit included,
 *    minified by esbuild, for pages that load one `<script type="module">`.
 * 3. Checks the output: every exports-map target exists, every relative import of a dist module
 *    resolves to a file, every bare import names a dependency, and no dist module besides the
 *    bundle contains Lit's own code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { browserBundle } from './browser-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const bundleFile = join(dist, 'totp-elements.bundle.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Strings only Lit's own modules contain: they register Lit's version on the global object. */
const LIT_MARKERS = ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions'];

rmSync(dist, { recursive: true, force: true });

console.log('tsc (TypeScript 7) -p tsconfig.build.json');
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript-7/bin/tsc'), '-p', 'tsconfig.build.json'],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) {
  console.error('Build failed: tsc reported errors.');
  process.exit(1);
}

const defineEntry = join(root, 'src/define.ts');
if (!existsSync(defineEntry)) {
  console.error('Build failed: src/define.ts, the entry of the bundle, does not exist.');
  process.exit(1);
}
console.log('esbuild src/define.ts → dist/totp-elements.bundle.js');
const bundled = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [defineEntry],
  outfile: bundleFile,
  ...browserBundle,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

/**
 * Every import of every dist module, found by esbuild's parser (not a regex, so code samples in
 * comments and strings do not count): `[importer, specifier]` pairs.
 * @param {string[]} files
 */
async function importsOf(files) {
  /** @type {[string, string][]} */
  const found = [];
  await esbuild.build({
    entryPoints: files,
    bundle: true,
    write: false,
    outdir: join(dist, '.imports'),
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-imports',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            found.push([args.importer, args.path]);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const allowedPackages = new Set([
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]);
const problems = [];

for (const [subpath, target] of Object.entries(pkg.exports)) {
  const conditions = typeof target === 'string' ? { default: target } : target;
  for (const file of Object.values(conditions)) {
    if (!existsSync(join(root, file))) {
      problems.push(`exports["${subpath}"] points to ${file}, which the build did not produce`);
    }
  }
}

const modules = walk(dist).filter((file) => file.endsWith('.js') && file !== bundleFile);
for (const file of modules) {
  const code = readFileSync(file, 'utf8');
  for (const marker of LIT_MARKERS) {
    if (code.includes(marker)) {
      problems.push(`${relative(root, file)} contains Lit's own code (${marker})`);
    }
  }
}
let litImports = 0;
for (const [file, specifier] of modules.length > 0 ? await importsOf(modules) : []) {
  const name = relative(root, file);
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    if (!existsSync(resolve(dirname(file), specifier))) {
      problems.push(`${name} imports ${specifier}, which does not exist in dist/`);
    }
    continue;
  }
  if (specifier.startsWith('/') || specifier.includes('node_modules')) {
    problems.push(`${name} imports ${specifier}: use a bare package specifier`);
    continue;
  }
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
  const packageName = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  if (packageName === 'lit' || packageName.startsWith('@lit/')) litImports += 1;
  if (!allowedPackages.has(packageName)) {
    problems.push(`${name} imports ${specifier}, which is not a dependency`);
  }
}
if (modules.length > 0 && litImports === 0) {
  problems.push('no dist module imports lit as a bare specifier: was it bundled?');
}

const bundleCode = readFileSync(bundleFile, 'utf8');
if (!LIT_MARKERS.some((marker) => bundleCode.includes(marker))) {
  problems.push('dist/totp-elements.bundle.js does not contain Lit');
}
const bundleOutput = Object.entries(bundled.metafile?.outputs ?? {}).find(
  ([path]) => resolve(root, path) === bundleFile,
)?.[1];
if (!bundleOutput) {
  problems.push('esbuild did not report dist/totp-elements.bundle.js');
} else if (bundleOutput.imports.length > 0) {
  const specifiers = bundleOutput.imports.map((entry) => entry.path).join(', ');
  problems.push(`dist/totp-elements.bundle.js still imports ${specifiers}: it must stand alone`);
}

if (problems.length > 0) {
  console.error('Build output problems:');
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `Built ${modules.length} modules (bare imports of lit: ${litImports}) and the bundle into dist/.`,
);
