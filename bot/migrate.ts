import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase } from '../adapters/db/open-database.js';
import { migrateDown, migrateToLatest, migrationStatus } from '../adapters/db/migrator.js';

const usage = 'usage: npm run migrate -- [up|down|status]   (default: up)';

/** `npm run migrate -- up|down|status` against DATABASE_URL, or the embedded database in DATA_DIR. */
async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'up';
  if (!['up', 'down', 'status'].includes(command) || argv.length > 1) {
    console.error(usage);
    return 2;
  }
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
  const logger = createLogger({ level: 'warn', pretty: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    if (command === 'up') {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? applied.map((name) => `applied ${name}`).join('\n') : 'nothing to apply: the schema is up to date');
    } else if (command === 'down') {
      const undone = await migrateDown(database.db);
      console.log(undone.length ? `undid ${undone.join(', ')}` : 'nothing to undo');
    } else {
      for (const row of await migrationStatus(database.db)) {
        console.log(`${row.appliedAt ? 'applied' : 'pending'}  ${row.name}${row.appliedAt ? `  (${row.appliedAt.toISOString()})` : ''}`);
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`migrate failed: ${error.message}`);
    process.exit(1);
  },
);
