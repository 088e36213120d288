import type { FakeDiscord } from './fake-discord.js';
import type { Interaction } from './interactions.js';
import type { RecordedFile } from './rest.js';

/** Interaction callback types (Discord's `InteractionResponseType`). */
export const callbackType = {
  message: 4,
  deferredMessage: 5,
  deferredUpdate: 6,
  update: 7,
  autocomplete: 8,
  modal: 9,
} as const;

const ephemeralFlag = 64;

/** What the bot finally answered to one interaction, deferrals followed through. */
export interface InteractionResponse {
  /** The first callback's type: 4 message, 5 deferred, 9 modal... */
  readonly callbackType: number;
  /** Whether the user alone sees it (flag 64, set on the reply or on the deferral). */
  readonly ephemeral: boolean;
  /** The message body (`content`, `embeds`, `components`), for message answers. */
  readonly message: Record<string, unknown> | null;
  /** The modal (`custom_id`, `title`, `components`), for modal answers. */
  readonly modal: Record<string, unknown> | null;
  readonly choices: readonly { name: string; value: string | number }[] | null;
  readonly files: readonly RecordedFile[];
}

/**
 * Waits for the bot's answer to an interaction: the callback, and when that
 * was a deferral, the edit of `@original` (or a follow-up) that carries the
 * real message.
 */
export async function responseTo(discord: FakeDiscord, interaction: Interaction, timeoutMs = 5_000): Promise<InteractionResponse> {
  const callbackPath = `/interactions/${interaction.id}/${interaction.token}/callback`;
  const callback = await discord.waitForRequest((request) => request.method === 'POST' && request.path === callbackPath, timeoutMs, `callback for interaction ${interaction.id}`);
  const type = Number(callback.body?.type);
  const data = (callback.body?.data ?? null) as Record<string, unknown> | null;
  const deferredEphemeral = ((Number(data?.flags ?? 0)) & ephemeralFlag) !== 0;
  if (type === callbackType.modal) return { callbackType: type, ephemeral: false, message: null, modal: data, choices: null, files: callback.files };
  if (type === callbackType.autocomplete) {
    return { callbackType: type, ephemeral: true, message: null, modal: null, choices: (data?.choices ?? []) as InteractionResponse['choices'], files: [] };
  }
  if (type === callbackType.message || type === callbackType.update) {
    return { callbackType: type, ephemeral: deferredEphemeral, message: data, modal: null, choices: null, files: callback.files };
  }
  const webhookPath = `/webhooks/${discord.applicationId}/${interaction.token}`;
  const followThrough = await discord.waitForRequest(
    (request) => (request.method === 'PATCH' && request.path === `${webhookPath}/messages/@original`) || (request.method === 'POST' && request.path === webhookPath),
    timeoutMs,
    `edit or follow-up for interaction ${interaction.id}`,
  );
  const followFlags = Number(followThrough.body?.flags ?? 0);
  return {
    callbackType: type,
    ephemeral: followThrough.method === 'PATCH' ? deferredEphemeral : (followFlags & ephemeralFlag) !== 0,
    message: followThrough.body,
    modal: null,
    choices: null,
    files: followThrough.files,
  };
}

/** The text a user reads in a message answer: content, embed titles, descriptions and fields, joined. */
export function visibleText(message: Record<string, unknown> | null): string {
  if (!message) return '';
  const embeds = (message.embeds ?? []) as { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  const parts = [String(message.content ?? '')];
  for (const embed of embeds) {
    parts.push(embed.title ?? '', embed.description ?? '');
    for (const field of embed.fields ?? []) parts.push(`${field.name}: ${field.value}`);
  }
  return parts.filter(Boolean).join('\n');
}

/** Custom ids of the buttons and selects in a message answer, in order. */
export function componentIds(message: Record<string, unknown> | null): string[] {
  const rows = (message?.components ?? []) as { components: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components.map((component) => component.custom_id ?? ''));
}
