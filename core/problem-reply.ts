import type { Problem } from './outcome.js';
import { privateMessage, type Message, type ModalSpec } from './reply.js';

/**
 * The private message that tells a person what to fix. With the form they
 * submitted, each field is named by its label ("Years of experience in tech:
 * give a whole number…") rather than its input id; the adapter can reopen the
 * form prefilled with what they typed.
 */
export function problemReply(problem: Problem, form?: ModalSpec): Message {
  const labels = new Map(form?.inputs.map((input) => [input.id, input.label]) ?? []);
  const fields = (problem.fields ?? []).map((field) => ({ name: labels.get(field.field) ?? field.field, value: [field.message] }));
  return privateMessage([problem.message], fields.length > 0 ? { fields } : {});
}
