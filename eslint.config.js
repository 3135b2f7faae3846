// Rules that must hold by tool, not by memory: no floating promises, no
// unused code, no `any` without a reason.
import tseslint from 'typescript-eslint'

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
)
