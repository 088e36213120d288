import { LogLevel, type Logger } from '@slack/bolt';
import type { Log } from '../../core/ports/log.js';

function text(messages: readonly unknown[]): string {
  return messages.map((message) => (message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message))).join(' ');
}

/**
 * Bolt's, the WebClient's and the OAuth installer's logger, written to the
 * process log. Debug lines are dropped: at that level the Slack libraries log
 * request bodies, which may hold tokens and people's answers.
 */
export function boltLogger(log: Log): Logger {
  let level = LogLevel.INFO;
  let name = 'slack';
  const errorOf = (messages: readonly unknown[]) => messages.find((message): message is Error => message instanceof Error);
  return {
    debug: () => undefined,
    info: (...messages) => log.info({ library: name }, text(messages)),
    warn: (...messages) => log.warn({ library: name, err: errorOf(messages) }, text(messages)),
    error: (...messages) => log.error({ library: name, err: errorOf(messages) }, text(messages)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
