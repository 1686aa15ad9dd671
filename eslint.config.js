// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What a pure domain layer must never import: the other layers and anything that does I/O. */
export const domainForbidden = {
  patterns: [
    { group: ['**/app/**', '**/infra/**', '**/api/**', '../app', '../infra', '../api'], message: 'src/domain is pure: it must not import from app, infra or api.' },
    { group: ['node:*', 'pg', 'kysely', 'kafkajs', '@grpc/*', 'fastify', 'pino', '@opentelemetry/*', '@mpp/grpc', '@mpp/kafka', '@mpp/telemetry', '@mpp/testing'], message: 'src/domain is pure: no I/O, no clock, no infrastructure. Pass what it needs in the command.' },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.cache/**', '**/.turbo/**', 'packages/contracts/src/gen/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', domainForbidden] },
  },
  {
    files: ['scripts/**', 'bin/**', '**/*.test.ts', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
);
