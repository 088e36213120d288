import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionHandlers as discordActions } from '../adapters/discord/actions/index.js';
import { actionHandlers as slackActions } from '../adapters/slack/listeners/actions/handlers.js';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every `interactionId('area', 'action', …)` written in the core, with where it is. */
function idsBuiltByTheCore(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(join(root, 'core'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/interactionId\(\s*'([\w-]+)',\s*'([\w-]+)'/g)) {
      found.set(`${match[1]}:${match[2]}`, relative(root, file));
    }
  }
  return found;
}

describe('interaction routes', () => {
  const built = idsBuiltByTheCore();

  it('finds the ids the core builds (the scan itself works)', () => {
    expect(built.get('onboard:submit')).toMatch(/^core\/onboarding\//);
    expect(built.size).toBeGreaterThan(20);
  });

  it.each([['Discord', discordActions], ['Slack', slackActions]] as const)('%s routes every button, select and form id the core builds', (_platform, table) => {
    const missing = [...built].filter(([key]) => !table.has(key)).map(([key, file]) => `${key} (built in ${file})`);
    expect(missing).toEqual([]);
  });
});
