import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type X } from 'm'` keeps `import 'm'` in the output: a server package would then ship to the browser.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Every action reads its form through readForm() (bounded body, NUL refused): see app/utils/form.server.ts.
    files: ['app/**'],
    ignores: ['app/utils/form.server.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='formData']",
          message: 'Read a form with readForm() or readUploadForm() from #app/utils/form.server: they bound the body and refuse NUL characters.',
        },
      ],
    },
  },
  {
    // The domain layer holds rules only: no React, no database access (types of the schema are fine).
    files: ['app/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', '@remix-run/*'], message: 'app/domain holds rules, not UI.' },
            { group: ['#db/*', 'drizzle-orm', 'drizzle-orm/*', '#app/models/*'], allowTypeImports: true, message: 'app/domain holds rules, not data access.' },
          ],
        },
      ],
    },
  },
  {
    // Test files share their worker's modules (vitest.config.ts, isolate: false): a module mock would leak.
    files: ['tests/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'vi', property: 'mock', message: 'Test files share modules: spy on a function with vi.spyOn and restore it in afterAll.' },
        { object: 'vi', property: 'doMock', message: 'Test files share modules: spy on a function with vi.spyOn and restore it in afterAll.' },
      ],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'db/seed/index.ts', 'db/migrate.ts'],
    rules: { 'no-console': 'off' },
  },
);
