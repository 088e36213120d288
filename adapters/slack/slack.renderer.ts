import type { types } from '@slack/bolt';
import type { Attachment, ButtonAction, Message, MessageField, ModalInput, ModalSpec, RichText, SelectAction, SelectOption } from '../../core/reply.js';

/**
 * The one Slack renderer: neutral replies from the core become Block Kit.
 * Text is mrkdwn with `&`, `<` and `>` escaped, mentions are `<@U…>`, and
 * times are `<!date^unix^…|fallback>` tokens, so every reader's client shows
 * them in their own timezone. Limits are Slack's; text past them is cut and
 * marked with an ellipsis.
 */

type KnownBlock = types.KnownBlock;
type PlainTextOption = types.PlainTextOption;

/** Slack's Block Kit limits that the renderer enforces. */
export const slackLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  actionElements: 25,
  buttonText: 75,
  optionText: 75,
  selectOptions: 100,
  placeholder: 150,
  viewTitle: 24,
  viewButton: 24,
  inputText: 3000,
  fallbackText: 3000,
} as const;

/** A message as chat.postMessage, chat.postEphemeral and response URLs take it. */
export interface RenderedMessage {
  /** The notification and screen-reader fallback; Slack wants it next to blocks. */
  readonly text: string;
  readonly blocks: KnownBlock[];
  /** Private replies go out ephemeral. */
  readonly ephemeral: boolean;
}

/** What a submitted form needs back besides its values, carried in the view's `private_metadata`. */
export interface ViewMetadata {
  /** The channel the command ran in, for a private follow-up after the form closed. */
  readonly channelId?: string;
}

const timeTokens = { full: '{date_long} {time}', relative: '{ago}', date: '{date_long}' } as const;

export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes the three characters mrkdwn reserves for its own tokens. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a time reads as where Slack cannot localize it (notifications, old clients): UTC, explicit. */
function fallbackTime(at: Date, style: 'full' | 'relative' | 'date'): string {
  const iso = at.toISOString();
  return style === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Rich text as mrkdwn. Time segments may arrive as ISO strings (outbox payloads are JSON). */
export function renderRichText(text: RichText): string {
  return text
    .map((segment) => {
      if (typeof segment === 'string') return escapeMrkdwn(segment);
      if ('mention' in segment) return `<@${segment.mention}>`;
      const at = new Date(segment.time);
      return `<!date^${Math.floor(at.getTime() / 1000)}^${timeTokens[segment.style]}|${fallbackTime(at, segment.style)}>`;
    })
    .join('');
}

/** Rich text as plain text, for the `text` fallback: mentions stay tokens, times their fallback. */
function plainText(text: RichText): string {
  return text.map((segment) => (typeof segment === 'string' ? segment : 'mention' in segment ? `<@${segment.mention}>` : fallbackTime(new Date(segment.time), segment.style))).join('');
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: cut(text, max), emoji: true };
}

function mrkdwnSection(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, slackLimits.sectionText) } };
}

function fieldText(field: MessageField): string {
  return cut(`*${escapeMrkdwn(field.name)}*\n${renderRichText(field.value) || ' '}`, slackLimits.fieldText);
}

/** Inline fields side by side (a section's `fields`, two columns), the others one per section. */
function fieldBlocks(fields: readonly MessageField[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let inline: MessageField[] = [];
  const flush = () => {
    for (let start = 0; start < inline.length; start += slackLimits.fieldsPerSection) {
      blocks.push({ type: 'section', fields: inline.slice(start, start + slackLimits.fieldsPerSection).map((field) => ({ type: 'mrkdwn', text: fieldText(field) })) });
    }
    inline = [];
  };
  for (const field of fields) {
    if (field.inline) {
      inline.push(field);
      continue;
    }
    flush();
    blocks.push(mrkdwnSection(fieldText(field)));
  }
  flush();
  return blocks;
}

function option(choice: SelectOption): PlainTextOption {
  return {
    text: plain(choice.label, slackLimits.optionText),
    value: choice.value,
    ...(choice.description ? { description: plain(choice.description, slackLimits.optionText) } : {}),
  };
}

function button(action: ButtonAction): types.Button {
  const style = action.style === 'danger' ? 'danger' : action.style === 'primary' || action.style === 'success' ? 'primary' : undefined;
  return { type: 'button', action_id: action.customId, text: plain(action.label, slackLimits.buttonText), ...(style ? { style } : {}) };
}

function selectElement(select: Pick<SelectAction, 'customId' | 'options' | 'maxValues' | 'initialValues' | 'placeholder'>): types.StaticSelect | types.MultiStaticSelect {
  const options = select.options.slice(0, slackLimits.selectOptions).map(option);
  const initial = options.filter((choice) => choice.value !== undefined && select.initialValues?.includes(choice.value));
  const placeholder = plain(select.placeholder ?? 'Choose…', slackLimits.placeholder);
  if (select.maxValues <= 1) {
    return { type: 'static_select', action_id: select.customId, options, placeholder, ...(initial[0] ? { initial_option: initial[0] } : {}) };
  }
  return {
    type: 'multi_static_select', action_id: select.customId, options, placeholder, max_selected_items: Math.min(select.maxValues, options.length),
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  };
}

/**
 * Buttons and single selects in actions blocks (25 elements each); a
 * multiple select sits alone as a section's accessory, since Slack does not
 * allow it in an actions block.
 */
export function actionBlocks(actions: readonly (ButtonAction | SelectAction)[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let row: (types.Button | types.StaticSelect)[] = [];
  const flush = () => {
    if (row.length > 0) blocks.push({ type: 'actions', block_id: `actions-${blocks.length}`, elements: row });
    row = [];
  };
  for (const action of actions) {
    if (action.type === 'select' && action.maxValues > 1) {
      flush();
      blocks.push({ type: 'section', block_id: `select-${blocks.length}`, text: { type: 'mrkdwn', text: escapeMrkdwn(action.placeholder ?? 'Choose') }, accessory: selectElement(action) });
      continue;
    }
    row.push(action.type === 'button' ? button(action) : (selectElement(action) as types.StaticSelect));
    if (row.length === slackLimits.actionElements) flush();
  }
  flush();
  return blocks;
}

/**
 * A file as code blocks: Slack has no attachments on messages without the
 * files API (files:write and a three-step upload), so the content is shown
 * inline, cut into sections that fit, at most `room` of them.
 */
function attachmentBlocks(file: Attachment, room: number): KnownBlock[] {
  const chunkSize = slackLimits.sectionText - 8;
  const escaped = escapeMrkdwn(file.content);
  const chunks: string[] = [];
  // Cut on escaped text so an entity like &amp; is never split; back off to a line end when one is near.
  for (let start = 0; start < escaped.length; ) {
    let end = Math.min(escaped.length, start + chunkSize);
    if (end < escaped.length) {
      const newline = escaped.lastIndexOf('\n', end);
      const amp = escaped.lastIndexOf('&', end);
      if (newline > start + chunkSize / 2) end = newline + 1;
      else if (amp > end - 6) end = amp;
    }
    chunks.push(escaped.slice(start, end));
    start = end;
  }
  const fits = chunks.length + 1 <= room;
  const shown = fits ? chunks : chunks.slice(0, Math.max(0, room - 2));
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `\`${escapeMrkdwn(file.fileName)}\` (${file.contentType})` }] },
    ...shown.map((chunk) => mrkdwnSection(`\`\`\`${chunk}\`\`\``)),
  ];
  if (!fits) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'This file is longer than one Slack message holds; the rest was left out.' }] });
  return blocks;
}

/** The blocks of a neutral message, within `maxBlocks` (50 in a message, 100 in a view). */
export function messageBlocks(message: Message, maxBlocks: number = slackLimits.messageBlocks): KnownBlock[] {
  const head: KnownBlock[] = [];
  if (message.title) head.push({ type: 'header', text: plain(message.title, slackLimits.headerText) });
  const body = renderRichText(message.body);
  if (body) head.push(mrkdwnSection(body));
  head.push(...fieldBlocks(message.fields ?? []));
  const actions = actionBlocks(message.actions ?? []);
  // Actions are what the reader does next: they always fit; files take what room is left.
  const room = maxBlocks - head.length - actions.length;
  const files = (message.attachments ?? []).flatMap((file) => attachmentBlocks(file, room));
  return [...head, ...files.slice(0, Math.max(0, room)), ...actions].slice(0, maxBlocks);
}

/** A neutral message as Slack takes it: blocks, a text fallback, and whether it is private. */
export function renderMessage(message: Message): RenderedMessage {
  const fallback = [message.title, plainText(message.body)].filter(Boolean).join(': ');
  return { text: cut(fallback || 'Mentor', slackLimits.fallbackText), blocks: messageBlocks(message), ephemeral: message.visibility === 'private' };
}

function inputBlock(input: ModalInput): types.InputBlock {
  const label = plain(input.label, 2000);
  const optional = !input.required;
  if (input.type === 'select') {
    return { type: 'input', block_id: input.id, label, optional, element: selectElement({ ...input, customId: input.id }) };
  }
  const maxLength = input.maxLength === undefined ? undefined : Math.min(input.maxLength, slackLimits.inputText);
  const element: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: input.id,
    multiline: input.style === 'paragraph',
    ...(input.minLength !== undefined && input.minLength > 0 ? { min_length: Math.min(input.minLength, slackLimits.inputText) } : {}),
    ...(maxLength !== undefined ? { max_length: maxLength } : {}),
    ...(input.value ? { initial_value: input.value } : {}),
    ...(input.placeholder ? { placeholder: plain(input.placeholder, slackLimits.placeholder) } : {}),
  };
  return { type: 'input', block_id: input.id, label, optional, element };
}

/**
 * A neutral form as a modal: one input block per input, block id and action
 * id both the input's id (so submitted values and field errors are keyed the
 * way the core names its fields). Titles and buttons are cut to Slack's 24 characters.
 */
export function renderModal(spec: ModalSpec, metadata: ViewMetadata = {}): types.ModalView {
  return {
    type: 'modal',
    callback_id: spec.customId,
    title: plain(spec.title, slackLimits.viewTitle),
    submit: plain(spec.submitLabel, slackLimits.viewButton),
    close: plain('Cancel', slackLimits.viewButton),
    private_metadata: JSON.stringify(metadata),
    blocks: spec.inputs.map(inputBlock),
  };
}

/** The callback id of a modal that only shows a message: it has no submit button, so it is never submitted. */
export const messageViewCallbackId = 'mentor:message';

/** A message shown in a modal (an answer to a button inside a form, or the step after a form). */
export function messageView(message: Message, metadata: ViewMetadata = {}): types.ModalView {
  return {
    type: 'modal',
    callback_id: messageViewCallbackId,
    title: plain('Mentor', slackLimits.viewTitle),
    close: plain('Close', slackLimits.viewButton),
    private_metadata: JSON.stringify(metadata),
    blocks: messageBlocks(message, slackLimits.viewBlocks),
  };
}

/** The App Home tab: messages one after the other, a divider between them. */
export function homeView(messages: readonly Message[]): types.HomeView {
  const blocks = messages.flatMap((message, index) => [...(index > 0 ? [{ type: 'divider' } as KnownBlock] : []), ...messageBlocks(message, slackLimits.viewBlocks)]);
  return { type: 'home', blocks: blocks.slice(0, slackLimits.viewBlocks) };
}
