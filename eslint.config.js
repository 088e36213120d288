import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The core decides and the adapters translate: the domain never touches a platform or I/O client.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['discord.js', 'discord.js/*', '@discordjs/*'], message: 'core/ is platform-neutral: render Discord in adapters/discord.' },
            { group: ['@slack/*'], message: 'core/ is platform-neutral: render Slack in adapters/slack.' },
            { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'core/ knows nothing of HTTP: web-admin/ calls the core.' },
            { group: ['ioredis', 'ioredis/*'], message: 'core/ uses the coordination interfaces; adapters/coordination implements them.' },
            { group: ['pg', '@electric-sql/*'], message: 'core/ takes a Kysely instance; adapters/db chooses the driver.' },
            { group: ['**/adapters/**', '**/bot/**', '**/web-admin/**'], message: 'core/ depends on nothing outside core/.' },
          ],
        },
      ],
    },
  },
  {
    // Migrations never import application types (they must not change when the app does), so they take Kysely<any>.
    files: ['migrations/**/*.ts', 'adapters/db/migrator.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Command-line entry points and benchmarks talk to the terminal.
    files: ['bot/cli.ts', 'bot/migrate.ts', 'bot/seed.ts', 'bench/**/*.ts', 'bot/match-solve.ts', 'bot/register-commands.ts', 'bot/discord-invite-url.ts', 'bot/slack-manifest.ts', 'bot/admin-link.ts', 'bot/community-reinstall.ts'],
    rules: { 'no-console': 'off' },
  },
);
