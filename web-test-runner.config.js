// @ts-check
/**
 * Browser tests in Debian's Chromium, Firefox ESR and WebKitGTK, served through Vite so that
 * CommonJS dependencies such as `qrcode` load as in a real app. Pick engines with
 * `--group` or the BROWSERS environment variable (comma-separated: chromium,firefox,webkit).
 */
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { vitePlugin } from '@remcovaes/web-test-runner-vite-plugin';

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
        // @ts-ignore vendor capability of WebKitWebDriver
        'webkitgtk:browserOptions': {
          binary: process.env.WEBKIT_BIN ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    }),
};

const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').filter(Boolean);

export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: false,
  concurrency: 1,
  browsers: wanted.map((name) => launchers[/** @type {keyof typeof launchers} */ (name)]()),
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    vitePlugin({
      configFile: false,
      logLevel: 'error',
      optimizeDeps: {
        exclude: ['@open-wc/testing', '@web/test-runner-commands'],
      },
    }),
  ],
};
