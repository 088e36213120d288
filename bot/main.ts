import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startBot } from './app.js';

/**
 * `npm start`: parse settings, start everything, and stop cleanly on SIGTERM or
 * SIGINT within the shutdown timeout. Any failure to start exits with code 1
 * and one line saying why.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let bot;
  try {
    bot = await startBot(config, logger);
  } catch (error) {
    logger.fatal({ code: (error as { code?: string }).code }, `could not start: ${(error as Error).message}`);
    logger.flush?.();
    process.exitCode = 1;
    return;
  }

  const running = bot;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stop requested');
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    running.stop().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
