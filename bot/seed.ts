import { migrateToLatest } from '../adapters/db/migrator.js';
import { runDatabaseCommand } from './cli.js';
import { loadConfig } from './config.js';
import { resolveSecretKey } from './secret-key.js';
import { createFieldCipher } from '../adapters/crypto/field-cipher.js';
import { seedDemoCommunity } from './seed/demo-community.js';
import { generateSyntheticCommunity } from './seed/synthetic-community.js';

const usage = 'usage: npm run seed              (the demo community; safe to run again)\n       npm run seed -- --synthetic N [--seed S]   (a community of N generated members, for benchmarks)';

function parseArguments(argv: string[]): { synthetic?: number; seed?: number } | null {
  const result: { synthetic?: number; seed?: number } = {};
  for (let index = 0; index < argv.length; index += 2) {
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < 1) return null;
    if (argv[index] === '--synthetic' && value <= 1_000_000) result.synthetic = value;
    else if (argv[index] === '--seed') result.seed = value;
    else return null;
  }
  return result;
}

const args = parseArguments(process.argv.slice(2));
if (!args) {
  console.error(usage);
  process.exit(2);
}

runDatabaseCommand('seed', async (database) => {
  await migrateToLatest(database.db);
  if (args.synthetic) {
    const started = performance.now();
    const id = await generateSyntheticCommunity(database.db, { members: args.synthetic, seed: args.seed });
    console.log(`created synthetic community ${id} with ${args.synthetic} members in ${Math.round(performance.now() - started)} ms`);
  } else {
    const config = loadConfig();
    const cipher = createFieldCipher(resolveSecretKey(config.secretKey, config.dataDir));
    const result = await seedDemoCommunity(database.db, cipher);
    console.log(result.created
      ? `created the demo community (id ${result.communityId}): 10 skills, 10 members, 10 mentorships with sessions, goals, feedback and suggestions`
      : `the demo community already exists (id ${result.communityId}); nothing changed`);
  }
  return 0;
});
