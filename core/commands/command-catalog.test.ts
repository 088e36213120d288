import { describe, expect, it } from 'vitest';
import { commandCatalog } from './commands.js';
import { listCommands, parseCommandCatalog, usageOf } from './command-catalog.js';

describe('commands.json', () => {
  it('holds the whole command surface the adapters and help rely on', () => {
    const paths = listCommands(commandCatalog).map((entry) => entry.path.join(' '));
    expect(paths).toEqual([
      'join', 'home', 'profile', 'find', 'request', 'requests', 'session schedule', 'session list',
      'goal add', 'goal list', 'goal done', 'task add', 'task list', 'task done', 'pause', 'resume', 'end',
      'feedback', 'report', 'settings', 'data export', 'data delete', 'admin', 'setup', 'help',
    ]);
  });

  it('shows usage with required and optional options', () => {
    const byPath = new Map(listCommands(commandCatalog).map((entry) => [entry.path.join(' '), entry]));
    expect(usageOf(commandCatalog, byPath.get('request')!)).toBe('/mentor request <member>');
    expect(usageOf(commandCatalog, byPath.get('find')!)).toBe('/mentor find [skill] [looking-for]');
  });

  it('rejects edits that Discord or Slack would refuse', () => {
    const valid = { name: 'mentor', description: 'Mentorship', subcommands: [{ name: 'help', description: 'Help', audience: 'everyone' }] };
    expect(() => parseCommandCatalog(valid)).not.toThrow();
    expect(() => parseCommandCatalog({ ...valid, name: 'Mentor Bot' })).toThrow(/name: must be 1-32 lowercase/);
    expect(() => parseCommandCatalog({ ...valid, subcommands: [{ name: 'help', description: 'x'.repeat(101), audience: 'everyone' }] })).toThrow(/description/);
    expect(() => parseCommandCatalog({ ...valid, subcommands: [valid.subcommands[0], valid.subcommands[0]] })).toThrow(/"help" appears twice/);
    expect(() => parseCommandCatalog({
      ...valid,
      subcommands: [{ name: 'find', description: 'Find', audience: 'member', options: [
        { name: 'skill', type: 'string', description: 'Skill' },
        { name: 'member', type: 'user', description: 'Member', required: true },
      ] }],
    })).toThrow(/required options must come first/);
    expect(() => parseCommandCatalog({ ...valid, subcommands: Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, description: 'x', audience: 'member' })) })).toThrow(/subcommands/);
  });
});
