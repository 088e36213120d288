import { sharedCommands } from '../../../../core/interactions/registry.js';
import type { CommandHandler } from '../../handler.js';
import { admin } from './admin.js';
import { comingSoon, notYetBuilt } from './coming-soon.js';
import { dataDelete } from './data-delete.js';
import { dataExport } from './data-export.js';
import { help } from './help.js';
import { join } from './join.js';
import { profile } from './profile.js';
import { settings } from './settings.js';
import { setup } from './setup.js';

/** The commands that work today, by subcommand path as in commands.json (`data export`): Slack's own, then the core's shared ones. */
export const builtCommands: Readonly<Record<string, CommandHandler>> = {
  ...sharedCommands,
  join,
  profile,
  settings,
  'data export': dataExport,
  'data delete': dataDelete,
  help,
  setup,
  admin,
};

/** Every command's handler: the built ones, and "coming soon" for the rest. */
export const commandHandlers: ReadonlyMap<string, CommandHandler> = new Map([
  ...Object.entries(builtCommands),
  ...notYetBuilt.map((path) => [path, comingSoon] as const),
]);
