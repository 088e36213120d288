import { migrateDown, migrateToLatest, migrationStatus } from '../adapters/db/migrator.js';
import { runDatabaseCommand } from './cli.js';

const usage = 'usage: npm run migrate -- [up|down|status]   (default: up)';

const argv = process.argv.slice(2);
const command = argv[0] ?? 'up';
if (!['up', 'down', 'status'].includes(command) || argv.length > 1) {
  console.error(usage);
  process.exit(2);
}

/** `npm run migrate -- up|down|status` against DATABASE_URL, or the embedded database in DATA_DIR. */
runDatabaseCommand('migrate', async (database) => {
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
});
