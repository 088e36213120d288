import { migrateToLatest } from '../adapters/db/migrator.js';
import { systemActor } from '../core/access/actor.js';
import { communityByIdOrName } from '../core/communities/community-by-id-or-name.js';
import { reinstallCommunity } from '../core/communities/reinstall-community.js';
import { systemClock } from '../core/ports/clock.js';
import { runDatabaseCommand } from './cli.js';

const usage = 'usage: npm run community:reinstall -- --community <id or name>\n  turns the program back on in a community an owner uninstalled (or whose platform access was lost)';

const argv = process.argv.slice(2);
const community = argv[0] === '--community' && argv.length === 2 ? argv[1] : undefined;
if (!community) {
  console.error(usage);
  process.exit(2);
}

/**
 * `npm run community:reinstall -- --community <id or name>`: the way back for
 * a Slack workspace served with SLACK_BOT_TOKEN (single-workspace mode), where
 * no install reaches the bot and a token that still works is not taken for an
 * owner's change of mind. Elsewhere the platform brings the program back by
 * itself: adding the bot to the Discord server again, installing the Slack app
 * again. Recorded in the community's audit log as the operator's.
 */
runDatabaseCommand('community:reinstall', async (database) => {
  const deps = { db: database.db, clock: systemClock };
  await migrateToLatest(database.db);
  const found = await communityByIdOrName(deps.db, community);
  if (!found.ok) {
    console.error(found.problem.message);
    return 1;
  }
  const { id, name, platform } = found.value;
  const outcome = await reinstallCommunity(deps, systemActor, { communityId: id, cause: 'operator' });
  if (!outcome.ok) {
    console.error(outcome.problem.message);
    return 1;
  }
  if (!outcome.value.reinstalled) {
    console.log(`The program is already on in ${name} (community ${id}): nothing changed.`);
    return 0;
  }
  console.log(`The program is on again in ${name} (community ${id}). Mentorships the uninstall ended stay ended.`);
  if (platform === 'discord') console.log('The bot left that Discord server when it was uninstalled: add it again (npm run discord:invite-url) for commands to reach it.');
  return 0;
});
