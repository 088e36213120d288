import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase, type DatabaseHandle } from '../adapters/db/open-database.js';

/**
 * Shared plumbing of the command-line tools (`migrate`, `seed`, ...): read the
 * settings, open the configured database, run the command, close, and exit
 * with its code. Bad settings print their message and exit 1; an unexpected
 * failure prints `<name> failed: ...` and exits 1.
 */
export function runDatabaseCommand(name: string, command: (database: DatabaseHandle) => Promise<number>): void {
  const run = async (): Promise<number> => {
    let config;
    try {
      config = loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger: createLogger({ level: 'warn', pretty: false }) });
    try {
      return await command(database);
    } finally {
      await database.close();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`${name} failed: ${error.message}`);
      process.exit(1);
    },
  );
}
