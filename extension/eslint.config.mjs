// ESLint: typescript-eslint's strict, type-checked rules over the extension's sources and tests (npm run lint, part
// of npm test). Generated files are checked by their generator's test instead.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'src/sidecar/**/*.generated.ts'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // Numbers and null in messages (exit codes, percentages, counts) read as intended.
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowNullish: true }],
      // The sidecar's answers and settings.json are runtime data: a check the types call unnecessary (an array's first
      // element, a field an older or crashing sidecar leaves out) is kept on purpose.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  // node:test's test() returns a promise that the runner itself awaits.
  // Test doubles implement async interfaces without awaiting anything.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/require-await': 'off' } },
);
