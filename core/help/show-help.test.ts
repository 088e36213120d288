import { describe, expect, it } from 'vitest';
import type { MemberActor } from '../access/actor.js';
import { parseCommandCatalog } from '../commands/command-catalog.js';
import { commandCatalog } from '../commands/commands.js';
import { showHelp } from './show-help.js';
import { welcomeMessage } from './welcome-message.js';

const actor = (overrides: Partial<MemberActor> = {}): MemberActor => ({ kind: 'member', communityId: 1, memberId: 1, platformUserId: 'u1', role: 'REGULAR', status: 'ACTIVE', ...overrides });

function sections(outcome: ReturnType<typeof showHelp>): string[] {
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return (outcome.value.fields ?? []).map((field) => field.name);
}

describe('showHelp', () => {
  it('groups the catalog by audience, with admin commands for staff only', () => {
    expect(sections(showHelp(actor(), commandCatalog))).toEqual(['Getting started', 'As a member', 'In a mentorship']);
    expect(sections(showHelp(actor({ role: 'ADMIN' }), commandCatalog))).toEqual(['Getting started', 'As a member', 'In a mentorship', 'For admins']);
    const help = showHelp(actor({ memberId: null, status: 'UNREGISTERED' }), commandCatalog);
    expect(help.ok && help.value.visibility).toBe('private');
    const started = help.ok ? help.value.fields?.[0]?.value[0] : '';
    expect(started).toContain('`/mentor join` Join the mentorship program');
    expect(started).toContain('`/mentor data export`');
  });

  it('lists every command from the catalog with its usage', () => {
    const outcome = showHelp(actor({ role: 'OWNER' }), commandCatalog);
    const text = outcome.ok ? (outcome.value.fields ?? []).map((field) => field.value.join('')).join('\n') : '';
    expect(text).toContain('`/mentor request <member>`');
    expect(text).toContain('`/mentor find [skill] [looking-for]`');
    expect(text).toContain('`/mentor session schedule [mentorship]`');
  });

  it('writes usages with the platform\'s formatter when given one', () => {
    const outcome = showHelp(actor(), commandCatalog, (catalog, entry) => `${catalog.name}:${entry.path.join('-')}`);
    const text = outcome.ok ? (outcome.value.fields ?? []).map((field) => field.value.join('')).join('\n') : '';
    expect(text).toContain('`mentor:find` Suggest mentors');
    expect(text).not.toContain('[skill]');
  });

  it('splits a long section into fields that fit', () => {
    const many = parseCommandCatalog({
      name: 'mentor', description: 'Many commands',
      subcommands: Array.from({ length: 25 }, (_, index) => ({ name: `command-${index}`, description: 'd'.repeat(90), audience: 'member' })),
    });
    const outcome = showHelp(actor(), many);
    const fields = outcome.ok ? outcome.value.fields ?? [] : [];
    expect(fields.length).toBeGreaterThan(1);
    expect(fields[1]?.name).toBe('As a member (more)');
    for (const field of fields) expect(String(field.value[0]).length).toBeLessThanOrEqual(1024);
  });

  it('refuses a member who left', () => {
    expect(showHelp(actor({ status: 'LEFT' }), commandCatalog).ok).toBe(false);
  });
});

describe('welcomeMessage', () => {
  it('points a newcomer at the join command', () => {
    const message = welcomeMessage({ communityName: 'Berlin TS', programName: 'Mentoring', catalog: commandCatalog });
    expect(message.body.join('')).toContain('`/mentor join`');
    expect(message.title).toBe('Welcome to Mentoring');
  });
});
