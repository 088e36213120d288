import { z } from 'zod';

// Read once: the list is fixed for the life of the process.
const knownZones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** Whether the runtime knows this IANA zone ('Europe/Berlin'); matching is exact, as IANA names are. */
export function isKnownTimezone(zone: string): boolean {
  return knownZones.has(zone);
}

export const timezone = z
  .string()
  .trim()
  .min(1, 'Give your timezone, e.g. Europe/Berlin or America/New_York.')
  .refine(isKnownTimezone, 'Use an IANA timezone name such as Europe/Berlin, America/New_York or Asia/Kolkata.');
