import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default defineConfig(
  {
    ignores: [
      '**/dist/',
      'node_modules/',
      'custom-elements.json',
      'test-output/',
      '**/.vite/',
      'coverage/',
    ],
  },
  tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Chai assertions are expressions (`expect(x).to.be.true`); tests set autofocus on purpose.
    files: ['**/*.test.ts', 'src/testing/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      'lit-a11y/no-autofocus': 'off',
    },
  },
);
