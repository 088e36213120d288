import { StaleInteractionError } from '../errors.js';
import type { Outcome } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import { problemReply } from '../problem-reply.js';
import type { FormValues, ModalSpec } from '../reply.js';
import type { CoreDeps } from '../deps.js';
import type { InteractionContext } from './interaction.js';

/**
 * Small pieces the toolkit's handlers share: reading a form's answers, the
 * id in a custom id, and answering with a form or its problem.
 */

/** A text answer, or undefined when left blank (optional fields then mean "none", not an empty value). */
export function textOf(values: FormValues, id: string): string | undefined {
  const value = values[id];
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? undefined : value;
}

/** A single select's answer (both platforms send a list), or undefined when nothing was chosen. */
export function choiceOf(values: FormValues, id: string): string | undefined {
  const value = values[id];
  return typeof value === 'string' ? value || undefined : value?.[0];
}

/** The numeric id a custom id carries (`session:confirm:42`); anything else is a stale or forged id. */
export function idArg(args: readonly string[], what: string): number {
  const [raw] = args;
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new StaleInteractionError(`${what} id ${String(raw)} is not a number`);
  return Number(raw);
}

/** The core's dependencies with the field cipher, for the use cases that seal or open text. */
export function sealing(context: Pick<InteractionContext, 'deps' | 'cipher'>): CoreDeps & { readonly cipher: FieldCipher } {
  return { ...context.deps, cipher: context.cipher };
}

/** Opens a form the core built, or says why it cannot be opened. */
export async function answerWithForm(context: Pick<InteractionContext, 'respond'>, form: Outcome<ModalSpec>): Promise<void> {
  await (form.ok ? context.respond.showModal(form.value) : context.respond.send(problemReply(form.problem)));
}
