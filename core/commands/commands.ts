import rawCatalog from '../../commands.json' with { type: 'json' };
import { parseCommandCatalog, type CommandCatalog } from './command-catalog.js';

/** The validated command catalog from commands.json, parsed once when first imported. */
export const commandCatalog: CommandCatalog = parseCommandCatalog(rawCatalog);
