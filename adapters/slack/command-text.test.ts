import { describe, expect, it } from 'vitest';
import { listCommands } from '../../core/commands/command-catalog.js';
import { commandCatalog } from '../../core/commands/commands.js';
import { parseCommandText, parseUserMention, slackUsageOf, tokenize } from './command-text.js';
import { actionHandlers } from './listeners/actions/handlers.js';
import { commandHandlers } from './listeners/commands/handlers.js';

describe('the /mentor command text', () => {
  it('finds one- and two-word subcommands from commands.json, whatever the case', () => {
    expect(parseCommandText(commandCatalog, 'join')).toMatchObject({ kind: 'command', path: 'join', options: {} });
    expect(parseCommandText(commandCatalog, '  Data   EXPORT ')).toMatchObject({ kind: 'command', path: 'data export' });
    expect(parseCommandText(commandCatalog, 'session schedule')).toMatchObject({ kind: 'command', path: 'session schedule' });
  });

  it('reads mentions as Slack escapes them, with or without a name', () => {
    expect(parseCommandText(commandCatalog, 'profile <@U123ABC|ada lovelace>')).toMatchObject({ kind: 'command', options: { member: 'U123ABC' } });
    expect(parseCommandText(commandCatalog, 'request <@W99>')).toMatchObject({ kind: 'command', path: 'request', options: { member: 'W99' } });
    expect(parseUserMention('<#C1|general>')).toBeNull();
    expect(tokenize('profile <@U1|two words> extra')).toEqual(['profile', '<@U1|two words>', 'extra']);
  });

  it('reads choices by value or name, and the last free-text option to the end', () => {
    expect(parseCommandText(commandCatalog, 'find TypeScript mentor')).toMatchObject({ kind: 'command', options: { skill: 'TypeScript', 'looking-for': 'mentor' } });
    expect(parseCommandText(commandCatalog, 'find rust a mentee')).toMatchObject({ kind: 'invalid' });
  });

  it('reads options by name, in any order, after the positional ones', () => {
    expect(parseCommandText(commandCatalog, 'find skill:python looking-for:mentor')).toMatchObject({ kind: 'command', path: 'find', options: { skill: 'python', 'looking-for': 'mentor' } });
    expect(parseCommandText(commandCatalog, 'find Looking-For:MENTEE skill:Rust')).toMatchObject({ kind: 'command', options: { skill: 'Rust', 'looking-for': 'mentee' } });
    expect(parseCommandText(commandCatalog, 'find looking-for:a mentee')).toMatchObject({ kind: 'command', options: { 'looking-for': 'mentee' } });
    expect(parseCommandText(commandCatalog, 'find skill:machine learning looking-for:mentor')).toMatchObject({ kind: 'command', options: { skill: 'machine learning', 'looking-for': 'mentor' } });
    expect(parseCommandText(commandCatalog, 'find skill:“machine learning”')).toMatchObject({ kind: 'command', options: { skill: 'machine learning' } });
    expect(parseCommandText(commandCatalog, 'find skill: python')).toMatchObject({ kind: 'command', options: { skill: 'python' } });
    expect(parseCommandText(commandCatalog, 'find python looking-for:mentor')).toMatchObject({ kind: 'command', options: { skill: 'python', 'looking-for': 'mentor' } });
    expect(parseCommandText(commandCatalog, 'profile member:<@U123ABC|ada lovelace>')).toMatchObject({ kind: 'command', options: { member: 'U123ABC' } });
    expect(parseCommandText(commandCatalog, 'request member:<@W99>')).toMatchObject({ kind: 'command', options: { member: 'W99' } });
    expect(parseCommandText(commandCatalog, 'find skill:https://example.org')).toMatchObject({ kind: 'command', options: { skill: 'https://example.org' } });
  });

  it('takes a `word:` that is not one of the command\'s options as text, and a name typed loosely as the option', () => {
    expect(parseCommandText(commandCatalog, 'goal done Rust: the basics')).toMatchObject({ kind: 'command', path: 'goal done', options: { goal: 'Rust: the basics' } });
    expect(parseCommandText(commandCatalog, 'task done Fix: login fails on Safari')).toMatchObject({ kind: 'command', options: { task: 'Fix: login fails on Safari' } });
    expect(parseCommandText(commandCatalog, 'goal done goal:Rust: the basics')).toMatchObject({ kind: 'command', options: { goal: 'Rust: the basics' } });
    expect(parseCommandText(commandCatalog, 'find skill:Rust: the basics looking-for:mentor')).toMatchObject({ kind: 'command', options: { skill: 'Rust: the basics', 'looking-for': 'mentor' } });
    expect(parseCommandText(commandCatalog, 'find lookingfor:mentor')).toMatchObject({ kind: 'command', options: { 'looking-for': 'mentor' } });
    expect(parseCommandText(commandCatalog, 'find looking_for:mentee Skill:go')).toMatchObject({ kind: 'command', options: { 'looking-for': 'mentee', skill: 'go' } });
  });

  it('answers an unknown option name, a bad value, a repeat or a missing value plainly, with the named usage', () => {
    const usage = '/mentor find [skill:…] [looking-for:mentor|mentee]';
    expect(parseCommandText(commandCatalog, 'find python mentor extra:thing')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`extra` is not an option here. Use `skill` or `looking-for`.', usage }));
    expect(parseCommandText(commandCatalog, 'find looking-for:teacher')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`looking-for` should be one of: mentor, mentee.', usage }));
    expect(parseCommandText(commandCatalog, 'find skill:go skill:rust')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`skill` is given twice.' }));
    expect(parseCommandText(commandCatalog, 'find python skill:rust')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`skill` is given twice.' }));
    expect(parseCommandText(commandCatalog, 'find skill:')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`skill` needs a value after the colon, like `skill:…`.' }));
    expect(parseCommandText(commandCatalog, 'profile member:ada')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`member` should mention someone, like @name.' }));
    expect(parseCommandText(commandCatalog, 'profile member:<@U1> again')).toEqual(expect.objectContaining({ kind: 'invalid', problem: 'I did not understand `again`.' }));
    expect(parseCommandText(commandCatalog, 'join now:please')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`now` is not an option here: this command takes none.', usage: '/mentor join' }));
  });

  it('writes the usage with named options, as the help shows it on Slack', () => {
    const entries = new Map(listCommands(commandCatalog).map((entry) => [entry.path.join(' '), entry]));
    expect(slackUsageOf(commandCatalog, entries.get('find')!)).toBe('/mentor find [skill:…] [looking-for:mentor|mentee]');
    expect(slackUsageOf(commandCatalog, entries.get('request')!)).toBe('/mentor request <member:@someone>');
    expect(slackUsageOf(commandCatalog, entries.get('setup')!)).toBe('/mentor setup [channel:#channel]');
    expect(slackUsageOf(commandCatalog, entries.get('data export')!)).toBe('/mentor data export');
  });

  it('says what is wrong with options, with the usage', () => {
    expect(parseCommandText(commandCatalog, 'profile ada')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`member` should mention someone, like @name.', usage: '/mentor profile [member:@someone]' }));
    expect(parseCommandText(commandCatalog, 'request')).toEqual(expect.objectContaining({ kind: 'invalid', problem: '`member` is missing.' }));
    expect(parseCommandText(commandCatalog, 'join now please')).toEqual(expect.objectContaining({ kind: 'invalid', problem: 'I did not understand `now please`.' }));
  });

  it('leaves unknown subcommands and an empty text to the help', () => {
    expect(parseCommandText(commandCatalog, '')).toEqual({ kind: 'unknown', typed: '' });
    expect(parseCommandText(commandCatalog, 'dance all night')).toEqual({ kind: 'unknown', typed: 'dance all' });
  });
});

describe('handler coverage', () => {
  it('has a handler for every command in commands.json, and none for anything else', () => {
    const paths = listCommands(commandCatalog).map((command) => command.path.join(' '));
    expect([...commandHandlers.keys()].sort()).toEqual([...paths].sort());
  });

  it('routes its own interaction ids (the full check against the core is test/interaction-routes.test.ts)', () => {
    expect([...actionHandlers.keys()]).toEqual(expect.arrayContaining([
      'data:erase', 'data:keep', 'notifications:edit', 'notifications:save', 'onboard:open', 'onboard:submit',
      'profile:edit', 'profile:levels', 'profile:save', 'profile:save-levels', 'profile:view', 'pick:mentorship',
    ]));
  });
});
