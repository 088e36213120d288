import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSlackManifest } from '../adapters/slack/manifest.js';
import { commandCatalog } from '../core/commands/commands.js';
import { loadConfig } from './config.js';

/**
 * `npm run slack:manifest [-- --socket-mode | --http] [--out <file>|-]`: writes
 * the Slack app manifest (scopes, /mentor, events, interactivity and OAuth
 * redirect URLs under PUBLIC_URL) to slack-manifest.json, or to stdout with
 * `--out -`. Socket Mode (no request URLs) is chosen with the flag, or when
 * SLACK_APP_TOKEN is set and `--http` is not given.
 */
try {
  const config = loadConfig();
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : 'slack-manifest.json';
  if (!out) throw new Error('--out needs a file name, or - for stdout');
  const socketMode = args.includes('--socket-mode') || (Boolean(config.slack.appToken) && !args.includes('--http'));
  const json = `${JSON.stringify(buildSlackManifest(commandCatalog, { publicUrl: config.publicUrl, socketMode }), null, 2)}\n`;
  if (out === '-') {
    process.stdout.write(json);
  } else {
    writeFileSync(out, json);
    console.log(`Wrote ${path.resolve(out)} (${socketMode ? 'Socket Mode' : `HTTP at ${config.publicUrl}/slack/events`}).`);
    console.log('Create the app at https://api.slack.com/apps → Create New App → From a manifest, and paste it.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
