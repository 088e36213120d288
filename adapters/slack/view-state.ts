import type { FieldProblem } from '../../core/outcome.js';
import type { FormValues } from '../../core/reply.js';
import type { ViewMetadata } from './slack.renderer.js';

/** One input's state in a submitted view, as Slack sends it. */
interface InputState {
  readonly type: string;
  readonly value?: string | null;
  readonly selected_option?: { readonly value: string } | null;
  readonly selected_options?: readonly { readonly value: string }[];
}

export type ViewStateValues = Readonly<Record<string, Readonly<Record<string, InputState>>>>;

/**
 * A submitted view's answers as the core reads them, keyed by action id (the
 * input's id): text as a string (empty when left blank), selects as the chosen values.
 */
export function formValues(state: ViewStateValues | undefined): FormValues {
  const values: Record<string, string | readonly string[]> = {};
  for (const block of Object.values(state ?? {})) {
    for (const [actionId, input] of Object.entries(block)) {
      if (input.type === 'plain_text_input') values[actionId] = input.value ?? '';
      else if (input.type === 'static_select') values[actionId] = input.selected_option ? [input.selected_option.value] : [];
      else if (input.type === 'multi_static_select') values[actionId] = (input.selected_options ?? []).map((choice) => choice.value);
    }
  }
  return values;
}

/**
 * The core's field problems as `response_action: 'errors'` wants them: by
 * block id, which the renderer makes the input's id. A problem naming no
 * input of this form (the whole form) is shown under the first input.
 */
export function fieldErrors(problems: readonly FieldProblem[], blockIds: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const first = blockIds[0];
  for (const problem of problems) {
    const blockId = blockIds.includes(problem.field) ? problem.field : first;
    if (!blockId) continue;
    errors[blockId] = errors[blockId] ? `${errors[blockId]} ${problem.message}` : problem.message;
  }
  return errors;
}

/** The input block ids of a view, in order. */
export function inputBlockIds(view: { readonly blocks?: readonly { readonly type: string; readonly block_id?: string }[] }): string[] {
  return (view.blocks ?? []).filter((block) => block.type === 'input' && block.block_id).map((block) => block.block_id!);
}

/** `private_metadata` back into what the renderer put there; anything unreadable is no metadata. */
export function readViewMetadata(raw: string | undefined): ViewMetadata {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    const channelId = (parsed as { channelId?: unknown }).channelId;
    return typeof channelId === 'string' ? { channelId } : {};
  } catch {
    return {};
  }
}
