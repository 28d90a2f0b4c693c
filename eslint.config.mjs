// ESLint flat config: Next.js's core-web-vitals and TypeScript presets, plus the project's own bans.
// Formatting is Prettier's job (`prettier --check .`); none of these presets enables stylistic rules.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Next's internals change without notice between minor versions.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['next/dist/*'], message: 'Use public Next.js APIs.' }] },
      ],
    },
  },
  globalIgnores([
    '.data/**',
    '.next/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'coverage/**',
    'out/**',
    'next-env.d.ts',
    'infra/cdk.out/**',
    // Scratch space, git-ignored like the rest of this list.
    'tmp/**',
  ]),
]);
