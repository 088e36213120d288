import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { fail, invalidInput, ok, type Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import { privateMessage, type Message } from '../reply.js';
import { actOnSession } from './act-on-session.js';
import { notesContext } from './session.js';
import { sessionFields } from './session-messages.js';

const notesInput = z.object({
  notes: z.string().trim().min(1, 'Write the notes, or keep the old ones.').max(4000, 'Keep the notes under 4,000 characters.'),
});

/**
 * The pair's shared notes on a session (Markdown, shown as written): one text
 * per session that either side may rewrite. Sealed at rest with the session's
 * id as context; nobody but the pair reads them, not even admins or the
 * member's data export.
 */
export async function saveSessionNotes(deps: CoreDeps & { readonly cipher: FieldCipher }, actor: Actor, input: { sessionId: number; notes: string }): Promise<Outcome<{ sessionId: number; reply: Message }>> {
  return actOnSession(deps, actor, 'session.notes', input.sessionId, async (trx, { session, now }) => {
    const parsed = notesInput.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    if (session.status === 'PROPOSED' || session.status === 'CANCELLED') return fail('wrong-state', 'Notes belong to a confirmed session, or one that took place.');
    const sealed = deps.cipher.seal(parsed.data.notes, notesContext(session.id));
    await trx.updateTable('mentoring_sessions').set({ notes_encrypted: sealed, updated_at: now }).where('id', '=', session.id).execute();
    return ok({ sessionId: session.id, reply: privateMessage(['Notes saved. Only the two of you can read them.'], { title: 'Session notes' }) });
  });
}

/** One session with its notes opened, for either side of the pair. */
export async function viewSession(
  deps: CoreDeps & { readonly cipher: FieldCipher },
  actor: Actor,
  input: { sessionId: number },
): Promise<Outcome<{ sessionId: number; status: string; notes: string | null; reply: Message }>> {
  return actOnSession(deps, actor, 'session.view', input.sessionId, async (_trx, { session }) => {
    const notes = session.notesSealed === null ? null : deps.cipher.open(session.notesSealed, notesContext(session.id));
    const reply = privateMessage([`Status: ${session.status.toLowerCase()}.`], {
      title: 'Session',
      fields: [...sessionFields(session), ...(notes ? [{ name: 'Notes', value: [notes] }] : [])],
    });
    return ok({ sessionId: session.id, status: session.status, notes, reply });
  });
}
