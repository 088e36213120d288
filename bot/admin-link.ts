import { migrateToLatest } from '../adapters/db/migrator.js';
import { ownerLoginLink } from '../core/admin/owner-login-link.js';
import { systemClock } from '../core/ports/clock.js';
import { runDatabaseCommand } from './cli.js';
import { loadConfig } from './config.js';

const usage = 'usage: npm run admin:link -- --community <id or name>\n  prints a single-use sign-in link to the admin site (valid 10 minutes) for the community’s first owner';

const argv = process.argv.slice(2);
const community = argv[0] === '--community' && argv.length === 2 ? argv[1] : undefined;
if (!community) {
  console.error(usage);
  process.exit(2);
}

/**
 * `npm run admin:link -- --community <id or name>`: the way into the admin
 * site on a fresh install, before anyone can ask the bot with /mentor admin.
 * The link goes to standard output only; treat it like a password.
 */
runDatabaseCommand('admin:link', async (database) => {
  // runDatabaseCommand has already refused bad settings, so this parse succeeds.
  const { publicUrl } = loadConfig();
  await migrateToLatest(database.db);
  const outcome = await ownerLoginLink({ db: database.db, clock: systemClock }, { community, publicUrl });
  if (!outcome.ok) {
    console.error(outcome.problem.message);
    return 1;
  }
  const { url, expiresAt, communityName, ownerName } = outcome.value;
  console.error(`Sign-in link for ${ownerName}, owner of ${communityName}; it works once, until ${expiresAt.toISOString()}:`);
  console.log(url);
  return 0;
});
