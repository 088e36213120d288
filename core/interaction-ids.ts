/**
 * Custom ids for buttons, selects and modals: `mentor:<area>:<action>[:<arg>...]`,
 * so both adapters route every interaction the same way. Discord caps a custom
 * id at 100 characters (Slack's action ids allow 255), and the parts may not
 * contain ':' since it separates them.
 */

const prefix = 'mentor';
export const maxInteractionIdLength = 100;

export interface InteractionId {
  readonly area: string;
  readonly action: string;
  readonly args: readonly string[];
}

/** Builds an id; throws on an id that could not be parsed back, which is a bug in the caller. */
export function interactionId(area: string, action: string, ...args: readonly (string | number)[]): string {
  const parts = [area, action, ...args.map(String)];
  if (parts.some((part) => part === '' || part.includes(':'))) throw new RangeError(`bad interaction id part in ${parts.join('|')}`);
  const id = [prefix, ...parts].join(':');
  if (id.length > maxInteractionIdLength) throw new RangeError(`interaction id longer than ${maxInteractionIdLength}: ${id}`);
  return id;
}

/** Reads an id built by {@link interactionId}; null for anything else (another app's id, a stale format). */
export function parseInteractionId(id: string): InteractionId | null {
  if (id.length > maxInteractionIdLength) return null;
  const [head, area, action, ...args] = id.split(':');
  if (head !== prefix || !area || !action || args.some((arg) => arg === '')) return null;
  return { area, action, args };
}
