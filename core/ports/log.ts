/**
 * The few logging calls the core makes, in pino's (fields, message) shape so
 * the process logger can be passed as it is without the core importing pino.
 */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Drops everything: the default where a caller passes no log (tests, scripts). */
export const silentLog: Log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
