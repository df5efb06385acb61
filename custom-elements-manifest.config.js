// @ts-check
import { litDeclareFieldsPlugin } from './scripts/manifest-plugins.js';

/**
 * @custom-elements-manifest/analyzer configuration: `npm run analyze` writes
 * custom-elements.json at the top level from the JSDoc of the element classes; the plugin
 * fixes what the analyzer gets wrong for `static properties` with `declare`d fields.
 */
export default {
  // src/internal holds base classes the elements inherit from; the plugin keeps only
  // src/components modules in the output.
  globs: ['src/components/**/*.ts', 'src/internal/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.strings.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [litDeclareFieldsPlugin()],
};
