// @ts-check
/**
 * Browser tests in Debian's Chromium, Firefox ESR and WebKitGTK, served through Vite so that
 * CommonJS dependencies such as `qrcode` load as in a real app. Pick engines with
 * `--group` or the BROWSERS environment variable (comma-separated: chromium,firefox,webkit).
 * When WTR_COUNTS_FILE is set (scripts/test.js sets it), the counts of the run are written
 * there as JSON besides the default output.
 */
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { vitePlugin } from '@remcovaes/web-test-runner-vite-plugin';
import { countReporter } from './scripts/wtr-count-reporter.js';
// REST contract routes for the HTTP adapter's tests (src/adapters/http-adapter.contract.test.ts).
import { contractRoutes } from './test/support/contract-routes.js';

const webkitDriverPort = Number(process.env.WEBKIT_DRIVER_PORT ?? 4445);

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: webkitDriverPort,
      path: '/',
      capabilities: {
        browserName: 'MiniBrowser',
        // WebKitWebDriver speaks classic WebDriver only; stop webdriverio from asking for BiDi.
        'wdio:enforceWebDriverClassic': true,
        // @ts-expect-error vendor capability of WebKitWebDriver
        'webkitgtk:browserOptions': {
          binary: process.env.WEBKIT_BIN ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    }),
};

const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').filter(Boolean);
const unknown = wanted.filter((name) => !(name in launchers));
if (unknown.length > 0) {
  throw new Error(`Unknown BROWSERS entry ${unknown.join(', ')}: use chromium, firefox, webkit.`);
}
const countsFile = process.env.WTR_COUNTS_FILE;

export default {
  // test/node/ and src/server/ hold Node-side tests, run by scripts/test.js with `node --test`.
  files: [
    'src/**/*.test.ts',
    'test/**/*.test.ts',
    '!test/e2e/**',
    '!test/node/**',
    '!src/server/**',
  ],
  nodeResolve: false,
  concurrency: 1,
  browsers: wanted.map((name) => launchers[/** @type {keyof typeof launchers} */ (name)]()),
  testFramework: { config: { timeout: 10000 } },
  middleware: [contractRoutes()],
  reporters: [defaultReporter(), ...(countsFile ? [countReporter({ outFile: countsFile })] : [])],
  plugins: [
    vitePlugin({
      configFile: false,
      logLevel: 'error',
      optimizeDeps: {
        // Crawl every test file at startup, so the dependencies to pre-bundle (qrcode,
        // otpauth, fake timers) are known before the first test runs. Discovering one
        // mid-run makes Vite re-optimise and reload, and the reloaded page loads Lit twice.
        entries: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        // Lit stays unbundled: pre-bundling `lit` and `@lit/reactive-element` separately
        // would load two copies of ReactiveElement.
        exclude: [
          '@open-wc/testing',
          '@web/test-runner-commands',
          'lit',
          'lit-html',
          'lit-element',
          '@lit/reactive-element',
        ],
      },
    }),
  ],
};
