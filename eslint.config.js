import js from '@eslint/js'
import globals from 'globals'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/**', '.cache/**', '.data/**', 'node_modules/**', 'test-results/**', 'tests/e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      'react/prop-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // The raw database handle is for the service module, scripts and tests only.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['app/routes/**/*.tsx', 'app/components/**/*.tsx', 'app/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='getRawDb']", message: 'Use withUser(claims, …) or withService(…) instead of the raw database.' },
        {
          selector: "CallExpression[callee.property.name='formData'][callee.object.name='request']",
          message: 'Read an action’s form with readForm(request) (lib/posted-form.server.ts): an answer that does not save it can hand it back (ADR 0012).',
        },
        {
          selector: "ExportNamedDeclaration > FunctionDeclaration[id.name='action']",
          message: 'Export the action as `export const action = handingFormBack(async (…) => …)` (lib/action.server.ts): an unexpected failure then hands the form back (ADR 0012).',
        },
        {
          selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[id.name='action']:not([init.callee.name='handingFormBack'])",
          message: 'Export the action as `export const action = handingFormBack(async (…) => …)` (lib/action.server.ts): an unexpected failure then hands the form back (ADR 0012).',
        },
      ],
    },
  },
  {
    // passwords are never handed back; the language switch writes nothing
    files: ['app/routes/auth/login.tsx', 'app/routes/auth/password.tsx', 'app/routes/language.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='getRawDb']", message: 'Use withUser(claims, …) or withService(…) instead of the raw database.' },
      ],
    },
  },
)
