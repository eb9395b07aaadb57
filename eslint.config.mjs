// Kibana's lint rules for this plugin. Kibana 9 keeps its ESLint config inside its repository
// (packages/kbn-eslint-config, flat config on ESLint 9) with @kbn/eslint-plugin-* rules that are
// not published; @elastic/eslint-config-kibana on npm is the 2017 config for ESLint 4 and cannot
// parse TypeScript. So this file rebuilds the parts that apply to a plugin from published
// packages: the TypeScript rules of packages/kbn-eslint-config/typescript.js, the React hooks
// rules of its react.js, EUI's own plugin as Kibana loads it, and Prettier's rules switched off
// (formatting is Prettier's job, checked by `prettier --check`).
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import euiPlugin from '@elastic/eslint-plugin-eui';
import prettierConfig from 'eslint-config-prettier';

// Kibana's exception for names it cannot rename: leading/trailing underscores and UNSAFE_.
const allowedNameRegexp = '^(UNSAFE_|_{1,3})|_{1,3}$';
const unlessAllowed = { regex: allowedNameRegexp, match: false };

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      'build/**',
      'test/artifacts/**',
      'dev/es/target/**',
      '**/*.d.ts',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      import: importPlugin,
      'react-hooks': reactHooks,
      '@elastic/eui': euiPlugin,
    },
    rules: {
      '@typescript-eslint/adjacent-overload-signatures': 'error',
      '@typescript-eslint/array-type': [
        'error',
        { default: 'array-simple', readonly: 'array-simple' },
      ],
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'default', format: ['camelCase'], filter: unlessAllowed },
        {
          selector: 'variable',
          format: ['camelCase', 'UPPER_CASE', 'PascalCase'],
          filter: unlessAllowed,
        },
        // Names that come from elsewhere: a module's default export, and keys of an API body or
        // an Elasticsearch document taken apart (snake_case there, as Kibana's memberLike allows).
        { selector: 'import', format: ['camelCase', 'PascalCase'] },
        { selector: 'variable', modifiers: ['destructured'], format: null, filter: unlessAllowed },
        { selector: 'parameter', modifiers: ['destructured'], format: null, filter: unlessAllowed },
        { selector: 'parameter', format: ['camelCase', 'PascalCase'], filter: unlessAllowed },
        {
          selector: 'memberLike',
          format: ['camelCase', 'PascalCase', 'snake_case', 'UPPER_CASE'],
          filter: unlessAllowed,
        },
        { selector: 'function', format: ['camelCase', 'PascalCase'], filter: unlessAllowed },
        {
          selector: 'typeLike',
          format: ['PascalCase', 'UPPER_CASE'],
          leadingUnderscore: 'allow',
          trailingUnderscore: 'allow',
        },
        { selector: 'enum', format: ['PascalCase', 'UPPER_CASE', 'camelCase'] },
        {
          selector: [
            'classProperty',
            'objectLiteralProperty',
            'typeProperty',
            'classMethod',
            'objectLiteralMethod',
            'typeMethod',
            'accessor',
            'enumMember',
          ],
          format: null,
          modifiers: ['requiresQuotes'],
        },
      ],
      '@typescript-eslint/explicit-member-accessibility': [
        'error',
        {
          accessibility: 'off',
          overrides: {
            accessors: 'explicit',
            constructors: 'no-public',
            parameterProperties: 'explicit',
          },
        },
      ],
      '@typescript-eslint/prefer-function-type': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'interface'],
      '@typescript-eslint/member-ordering': [
        'error',
        { default: ['public-static-field', 'static-field', 'instance-field'] },
      ],
      '@typescript-eslint/consistent-type-assertions': 'error',
      '@typescript-eslint/no-empty-interface': 'error',
      '@typescript-eslint/no-extra-non-null-assertion': 'error',
      '@typescript-eslint/no-misused-new': 'error',
      '@typescript-eslint/no-namespace': 'error',
      '@typescript-eslint/no-shadow': 'error',
      '@typescript-eslint/triple-slash-reference': [
        'error',
        { path: 'never', types: 'never', lib: 'never' },
      ],
      '@typescript-eslint/no-require-imports': 'error',
      '@typescript-eslint/unified-signatures': 'error',
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'constructor-super': 'error',
      'dot-notation': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'guard-for-in': 'error',
      'import/no-default-export': 'error',
      'no-caller': 'error',
      'no-cond-assign': 'error',
      'no-debugger': 'error',
      'no-empty': 'error',
      'no-extend-native': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'no-new-wrappers': 'error',
      'no-prototype-builtins': 'error',
      'no-script-url': 'error',
      'no-throw-literal': 'error',
      'no-undef-init': 'error',
      'no-unsafe-finally': 'error',
      'no-unused-labels': 'error',
      'no-var': 'error',
      'object-shorthand': 'error',
      'one-var': ['error', 'never'],
      'prefer-const': 'error',
      'prefer-rest-params': 'error',
      radix: 'error',
      'spaced-comment': ['error', 'always', { exceptions: ['/'] }],
      'use-isnan': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration[const=true]',
          message: 'Do not use `const` with enum declarations',
        },
      ],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...prettierConfig.rules,
    },
  },
  {
    // The plugin itself: no console (Kibana's logger instead), as Kibana's no_unsafe_console.
    files: ['common/**/*.{ts,tsx}', 'server/**/*.{ts,tsx}', 'public/**/*.{ts,tsx}'],
    rules: { 'no-console': 'error' },
  },
  {
    // Tests, benchmarks and the dev tools may print.
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts', 'dev/**/*.{ts,tsx}'],
    rules: { 'no-console': 'off' },
  },
  {
    // Default exports where the importer requires one: jest's global setup and teardown,
    // @kbn/datemath (Kibana's module exports its parser as default), and the rule params
    // expressions, which React.lazy loads (Kibana's own rule types lazy-load theirs the same way).
    files: [
      'test/harness/global_setup.ts',
      'test/harness/global_teardown.ts',
      'dev/kbn/datemath/index.ts',
      'public/alerting/expressions/*_expression.tsx',
    ],
    rules: { 'import/no-default-export': 'off' },
  }
);
