/// <reference types="node" />
import type { Plugin } from 'vite';
import { createDemoApp } from './app.js';

/**
 * `npm run dev`: the demo application's API (/api/session, /api/me, /api/2fa…) as Vite
 * middleware, with the same request handler as `npm start`; Vite serves the pages with live
 * reloading. The dev server sends no Content-Security-Policy (Vite injects inline styles and its
 * client); `npm start` does.
 */
export function demoApi(options: { dataDir: string }): Plugin {
  return {
    name: 'totp-elements-demo-api',
    apply: 'serve',
    configureServer(server) {
      const testMode = process.env.TOTP_DEMO_TEST_MODE === '1';
      const app = createDemoApp({
        dataDir: options.dataDir,
        testMode,
        log: (line) => server.config.logger.info(`[demo] ${line}`),
      });
      server.httpServer?.once('close', () => app.close());
      server.middlewares.use((req, res, next) => {
        app.handle(req, res).then(
          (handled) => handled || next(),
          (error: unknown) => next(error),
        );
      });
      server.config.logger.info(
        '  Demo API mounted at /api; sign in as demo@example.com / correct horse battery staple',
      );
    },
  };
}
