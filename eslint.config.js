// ESLint for the extension, its build scripts and its tests: the recommended rules, with the
// globals each part really has (the browser for extension code, Node for scripts and tests).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['extension/dist/**', 'node_modules/**', 'tests/extension/fixtures/dist/**', '.venv/**'] },
  js.configs.recommended,
  {
    files: ['extension/src/**/*.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.browser, chrome: 'readonly', browser: 'readonly' } },
  },
  {
    files: ['extension/*.mjs', 'extension/scripts/**/*.mjs', 'tests/extension/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // Browser tests, the browser bench and the screenshot script hand functions to page.evaluate(): they run in the page.
    files: ['tests/extension/**/*.mjs', 'bench/bench_native_browser.mjs', 'bench/screenshots.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, chrome: 'readonly', browser: 'readonly' } },
  },
  {
    files: ['tests/extension/fixtures/src/**/*.{js,jsx}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `let x = null; try { x = … } catch { … }` is deliberate here: x stays null on failure.
      'no-useless-assignment': 'off',
    },
  },
];
