import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { describeUrl } from './logger.js';
import { openDatabase, type DatabaseHandle } from '../adapters/db/open-database.js';
import { migrateToLatest } from '../adapters/db/migrator.js';
import { createMemoryCoordination } from '../adapters/coordination/memory-coordination.js';
import { createRedisCoordination } from '../adapters/coordination/redis-coordination.js';
import type { Coordination } from '../core/ports/coordination.js';
import { createWebServer } from '../web-admin/server.js';
import { resolveSecretKey } from './secret-key.js';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { systemClock } from '../core/ports/clock.js';
import type { PlatformDelivery } from '../core/ports/delivery.js';
import { createOutboxDispatcher } from '../core/outbox/dispatcher.js';
import { combineDeferrals, communityLeaveDeferral } from '../core/outbox/community-leave.js';
import { quietHoursDeferral } from '../core/outbox/quiet-hours.js';
import { scheduledJobs } from '../core/jobs/registry.js';
import { MatchingIndexCache } from '../core/matching/matching-index-cache.js';
import { startCronScheduler } from './scheduler.js';
import { startDiscordAdapter } from '../adapters/discord/start.js';
import { startSlackAdapter } from '../adapters/slack/start.js';
import { spaceActivityRecorder } from './space-activity.js';
import { chatAdapterPlan } from './chat-adapters.js';
// Importing the catalog validates commands.json: a bad edit stops the start here.
import { commandCatalog } from '../core/commands/commands.js';
import { listCommands } from '../core/commands/command-catalog.js';

export interface RunningBot {
  /** Where the web server listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly database: DatabaseHandle;
  readonly coordination: Coordination;
  /** Stops taking work, lets what is in flight finish, closes pools. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts everything in order: database, migrations, coordination, chat
 * adapters, jobs, web server. A step that fails undoes the ones before it, so
 * a failed start leaves no pool or lock behind.
 */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const cleanups: Array<() => Promise<void>> = [];
  const undo = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => logger.error({ err: error }, 'cleanup failed'));
  };
  let shuttingDown = false;

  try {
    const secretKey = resolveSecretKey(config.secretKey, config.dataDir);

    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
    cleanups.push(() => database.close());
    logger.info(
      database.kind === 'postgres' ? { database: describeUrl(config.databaseUrl ?? '') } : { dataDir: config.dataDir },
      database.kind === 'postgres' ? 'connected to PostgreSQL' : 'opened the embedded database (PGlite)',
    );

    const applied = await migrateToLatest(database.db);
    logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');

    const coordination = config.redisUrl
      ? await createRedisCoordination(config.redisUrl, { logger })
      : createMemoryCoordination();
    cleanups.push(() => coordination.close());
    logger.info(
      config.redisUrl ? 'coordination on Redis' : 'coordination in-process (REDIS_URL is not set: run a single instance)',
    );

    logger.debug({ commands: listCommands(commandCatalog).length }, 'command catalog loaded');
    const deliveries: PlatformDelivery[] = [];
    // One matching index per community, kept between queries: `/mentor find` and every home view (Slack's App Home on each open) read it.
    const coreDeps = { db: database.db, clock: systemClock, matchingIndexes: new MatchingIndexCache() };
    const recordActivity = spaceActivityRecorder(coreDeps, logger.child({ component: 'activity' }));
    const webPlugins: FastifyPluginAsync[] = [];
    for (const adapter of chatAdapterPlan(config)) {
      if (!adapter.enabled) {
        logger.info({ platform: adapter.platform }, `${adapter.platform} adapter off: ${adapter.reason}`);
      } else if (adapter.platform === 'discord' && config.discord.token) {
        const discord = await startDiscordAdapter({
          config: { token: config.discord.token, ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}) },
          deps: coreDeps,
          secretKey,
          logger: logger.child({ component: 'discord' }),
          recordSpaceActivity: recordActivity,
          publicUrl: config.publicUrl,
        });
        cleanups.push(() => discord.stop());
        deliveries.push(discord.delivery);
        logger.info({ platform: 'discord' }, 'discord adapter on');
      } else if (adapter.platform === 'slack') {
        const slack = await startSlackAdapter({
          config: { ...config.slack, publicUrl: config.publicUrl },
          deps: coreDeps,
          coordination,
          secretKey,
          logger: logger.child({ component: 'slack' }),
          recordSpaceActivity: recordActivity,
        });
        cleanups.push(() => slack.stop());
        deliveries.push(slack.delivery);
        // Slack's requests carry their own signature, so its routes sit beside the admin site's, outside its CSRF and sessions.
        webPlugins.push(slack.routes);
        logger.info({ platform: 'slack', transport: slack.transport, workspaces: slack.workspaces.mode }, 'slack adapter on');
      }
    }

    // Each replica names itself so claims on outbox rows and job slots say who holds them.
    const replicaId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const dispatcher = createOutboxDispatcher({
      db: database.db,
      clock: systemClock,
      deliveries,
      workerId: replicaId,
      deferUntil: combineDeferrals(quietHoursDeferral(database.db), communityLeaveDeferral(database.db)),
      log: logger.child({ component: 'outbox' }),
    });
    dispatcher.start();
    cleanups.push(() => dispatcher.stop());
    const jobs = scheduledJobs();
    const scheduler = startCronScheduler({ db: database.db, clock: systemClock, jobs, replicaId, logger });
    cleanups.push(() => scheduler.stop());
    logger.info({ replicaId, jobs: jobs.map((job) => job.name) }, 'outbox dispatcher and scheduler started');

    const web: FastifyInstance = await createWebServer(logger, {
      readiness: [
        { name: 'database', check: () => database.ping() },
        { name: coordination.kind === 'redis' ? 'redis' : 'coordination', check: () => coordination.ping() },
      ],
      isShuttingDown: () => shuttingDown,
      admin: {
        db: database.db,
        clock: systemClock,
        publicUrl: config.publicUrl,
        secretKey,
        // Counters on Redis when REDIS_URL is set, so every replica counts the same visitor.
        rateLimiter: coordination.rateLimits,
        cacheTemplates: config.env === 'production',
      },
    });
    for (const plugin of webPlugins) await web.register(plugin);
    cleanups.push(() => web.close());
    const url = await web.listen({ host: config.host, port: config.port });
    logger.info({ url, publicUrl: config.publicUrl }, 'web server listening');

    let stopping: Promise<void> | undefined;
    return {
      url,
      database,
      coordination,
      stop() {
        stopping ??= (async () => {
          shuttingDown = true;
          logger.info('shutting down: finishing work in flight');
          await undo();
          logger.info('shut down cleanly');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}
