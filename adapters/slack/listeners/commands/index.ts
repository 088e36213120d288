import type { App } from '@slack/bolt';
import { commandCatalog } from '../../../../core/commands/commands.js';
import type { SlackRouter } from '../../router.js';

/** The one slash command, `/mentor`; the router finds the subcommand in its text. */
export function registerCommands(app: App, router: SlackRouter): void {
  app.command(`/${commandCatalog.name}`, (args) => router.command(args));
}
