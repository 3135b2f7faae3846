// Rules that must hold by tool, not by memory: no floating promises, no
// unused code, no `any` without a reason, and imports that run one way:
// schemas ← core ← ingest, server; dashboard ← schemas (ARCHITECTURE.md).
import tseslint from 'typescript-eslint'

const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([folder, why]) => ({ group: [`**/${folder}/**`], message: why })) }],
})

export default tseslint.config(
  { ignores: ['eslint.config.js', 'node_modules/', 'dashboard/dist/', 'data/', 'tests/artifacts/'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['schemas/**'],
    rules: forbid(['core', 'schemas import nothing of the project'], ['ingest', 'schemas import nothing of the project'], ['server', 'schemas import nothing of the project'], ['dashboard', 'schemas import nothing of the project']),
  },
  {
    files: ['core/**'],
    rules: forbid(['ingest', 'core is shared by ingest and server: it imports schemas only'], ['server', 'core is shared by ingest and server: it imports schemas only'], ['dashboard', 'core imports schemas only']),
  },
  { files: ['ingest/**'], rules: forbid(['server', 'ingest and server do not import each other: move what both need to core/'], ['dashboard', 'ingest does not import the dashboard']) },
  { files: ['server/**'], rules: forbid(['ingest', 'ingest and server do not import each other: move what both need to core/'], ['dashboard', 'the server does not import the dashboard']) },
  { files: ['dashboard/src/**'], rules: forbid(['core', 'the dashboard imports schemas only'], ['ingest', 'the dashboard imports schemas only'], ['server', 'the dashboard imports schemas only']) },
)
