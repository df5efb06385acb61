import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Alias } from 'vite';
import { demoApi } from './demo/server/vite-plugin.js';

/**
 * The demo site, one page per demo/*.html. `npm start` builds it and serves it with the demo
 * application's server (demo/server/main.ts); `npm run dev` serves demo/ with Vite and mounts
 * the same server's API as middleware. The pages import the library's sources by relative
 * paths (so the type check needs no build); an import by package name
 * (`import 'totp-elements/define.js'`) works too: each subpath of the exports map resolves to
 * its TypeScript source, so no library build is needed first.
 */

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

interface PackageJson {
  name: string;
  exports: Record<string, string | { default: string }>;
}

const pkg = JSON.parse(
  readFileSync(new URL('package.json', import.meta.url), 'utf8'),
) as PackageJson;

/** `./dist/components/otp-input/define.js` → `<repo>/src/components/otp-input/define.ts`. */
function sourceOf(target: string): string | undefined {
  const match = /^\.\/dist\/(.+)\.js$/.exec(target);
  return match ? `${repoRoot}src/${match[1]}.ts` : undefined;
}

const packageAliases: Alias[] = Object.entries(pkg.exports).flatMap(([subpath, target]) => {
  const source = sourceOf(typeof target === 'string' ? target : target.default);
  if (!source || subpath.includes('bundle')) return [];
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return [{ find: new RegExp(`^${escaped}$`), replacement: source }];
});

const demoDir = `${repoRoot}demo/`;
const pages = Object.fromEntries(
  readdirSync(demoDir)
    .filter((name) => name.endsWith('.html'))
    .map((name) => [name.slice(0, -'.html'.length), `${demoDir}${name}`]),
);

export default defineConfig({
  root: 'demo',
  plugins: [demoApi({ dataDir: process.env.TOTP_DEMO_DATA_DIR ?? `${repoRoot}data` })],
  publicDir: false,
  clearScreen: false,
  resolve: { alias: packageAliases },
  server: {
    port: 5173,
    strictPort: false,
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Strict CSP: no inline modulepreload polyfill, no data: URIs for small assets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: { input: pages },
  },
});
