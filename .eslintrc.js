/**
 * Lint and the layering rules (architecture.md):
 * - src/core imports no Taro, React or wx-server-sdk;
 * - only src/services/transport*.ts touches Taro.cloud;
 * - pages and components never import cloud-function or emulator code.
 */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'react-hooks'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended'],
  env: { node: true, es2022: true },
  ignorePatterns: ['dist/', 'node_modules/', '.data/', 'test-results/', '*.js'],
  rules: {
    '@typescript-eslint/no-explicit-any': 'off',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/no-require-imports': 'off',
    '@typescript-eslint/no-var-requires': 'off',
    'no-constant-condition': ['error', { checkLoops: false }],
    'no-control-regex': 'off',
    'no-misleading-character-class': 'off',
    'no-empty': ['error', { allowEmptyCatch: true }]
  },
  overrides: [
    {
      files: ['src/core/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: ['@tarojs/*', 'react', 'react-dom', '@nutui/*'], message: 'src/core is pure TypeScript: no Taro, React or NutUI.' },
              { group: ['wx-server-sdk', '@cloudbase/*'], message: 'src/core must not depend on the server SDK.' },
              { group: ['**/cloudfunctions/**', '**/emulator/**', '**/services/**', '**/pages/**'], message: 'src/core imports nothing outside src/core.' }
            ]
          }
        ]
      }
    },
    {
      files: ['src/**/*.ts', 'src/**/*.tsx'],
      excludedFiles: ['src/core/**'],
      plugins: ['react-hooks'],
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'warn',
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: ['**/cloudfunctions/**', '**/emulator/**', '**/database/**', 'wx-server-sdk'], message: 'The mini-program never imports function, emulator or database code: call actions through src/services.' }
            ]
          }
        ]
      }
    },
    {
      files: ['src/**/*.ts', 'src/**/*.tsx'],
      excludedFiles: ['src/core/**', 'src/services/transport*.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          { selector: "MemberExpression[object.name='Taro'][property.name='cloud']", message: 'Only the transports touch Taro.cloud; use call() from src/services.' },
          { selector: "MemberExpression[object.name='wx'][property.name='cloud']", message: 'Only the transports touch wx.cloud; use call() from src/services.' }
        ]
      }
    },
    {
      files: ['cloudfunctions/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ group: ['**/emulator/**', '**/src/services/**', '**/src/pages/**', '@tarojs/*', 'react'], message: 'Functions import only src/core and their own shared code.' }] }
        ]
      }
    }
  ]
}
