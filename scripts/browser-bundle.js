// @ts-check
/**
 * The esbuild options of a browser bundle as we ship it (dist/totp-elements.bundle.js) and as the
 * size check measures it, so the measured figures are those of the shipped build.
 * @type {import('esbuild').BuildOptions}
 */
export const browserBundle = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  conditions: ['production'],
};
