/**
 * The platform-neutral reply model. The core answers with these values; each
 * adapter has one renderer that turns them into Discord components and embeds
 * or Slack Block Kit. Nothing here knows either platform, but the limits below
 * are the stricter of the two (mostly Discord's), so every reply renders on both.
 */

/** A piece of rich text: plain text, a mention of a platform user, or a time shown in the reader's locale. */
export type TextSegment =
  | string
  | { readonly mention: string }
  | { readonly time: Date; readonly style: 'full' | 'relative' | 'date' };

/** Rich text is a list of segments; the renderer joins them. */
export type RichText = readonly TextSegment[];

/** Who sees a message: only the person who asked, the mentorship pair, or the whole channel. */
export type Visibility = 'private' | 'pair' | 'channel';

export interface MessageField {
  readonly name: string;
  readonly value: RichText;
  readonly inline?: boolean;
}

export interface ButtonAction {
  readonly type: 'button';
  readonly customId: string;
  readonly label: string;
  readonly style: 'primary' | 'secondary' | 'success' | 'danger';
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

export interface SelectAction {
  readonly type: 'select';
  readonly customId: string;
  readonly placeholder?: string;
  readonly options: readonly SelectOption[];
  readonly minValues: number;
  readonly maxValues: number;
  readonly initialValues?: readonly string[];
}

export type MessageAction = ButtonAction | SelectAction;

/** A file sent with the message, such as a data export or a session's calendar file (.ics). */
export interface Attachment {
  readonly fileName: string;
  readonly contentType: 'application/json' | 'text/calendar';
  readonly content: string;
}

/**
 * A message. Actions are listed in order; the renderer lays them out (Discord:
 * up to five buttons per row, a select on its own row, at most five rows).
 */
export interface Message {
  readonly kind: 'message';
  readonly visibility: Visibility;
  readonly title?: string;
  readonly body: RichText;
  readonly fields?: readonly MessageField[];
  readonly actions?: readonly MessageAction[];
  readonly attachments?: readonly Attachment[];
}

export interface TextInputSpec {
  readonly type: 'text';
  /** Key of the value in the submission. */
  readonly id: string;
  readonly label: string;
  readonly style: 'short' | 'paragraph';
  readonly required: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly value?: string;
  readonly placeholder?: string;
}

export interface SelectInputSpec {
  readonly type: 'select';
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  readonly options: readonly SelectOption[];
  readonly minValues: number;
  readonly maxValues: number;
  readonly initialValues?: readonly string[];
  readonly placeholder?: string;
}

export type ModalInput = TextInputSpec | SelectInputSpec;

/** A form the adapter opens (Discord modal, Slack view). Build it with {@link modal} to check the limits. */
export interface ModalSpec {
  readonly kind: 'modal';
  readonly customId: string;
  readonly title: string;
  readonly submitLabel: string;
  readonly inputs: readonly ModalInput[];
}

/** What a submitted form carries: text inputs as strings, selects as the chosen values. */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/** Discord's limits, the stricter platform's, checked when a modal is built. */
export const modalLimits = {
  inputs: 5,
  titleLength: 45,
  labelLength: 45,
  textLength: 4000,
  selectOptions: 25,
  placeholderLength: 100,
  optionLabelLength: 100,
} as const;

/**
 * Builds a modal spec and checks it against the platforms' limits. A violation
 * is a bug in the code that built it, so it throws instead of returning a problem.
 */
export function modal(spec: Omit<ModalSpec, 'kind'>): ModalSpec {
  const broken = modalLimitViolation(spec);
  if (broken) throw new RangeError(`modal ${spec.customId}: ${broken}`);
  return { kind: 'modal', ...spec };
}

function modalLimitViolation(spec: Omit<ModalSpec, 'kind'>): string | null {
  if (spec.inputs.length === 0 || spec.inputs.length > modalLimits.inputs) return `has ${spec.inputs.length} inputs`;
  if (spec.title.length > modalLimits.titleLength) return 'title too long';
  for (const input of spec.inputs) {
    if (input.label.length > modalLimits.labelLength) return `label of ${input.id} too long`;
    if ((input.placeholder?.length ?? 0) > modalLimits.placeholderLength) return `placeholder of ${input.id} too long`;
    if (input.type === 'text') {
      if ((input.maxLength ?? 0) > modalLimits.textLength || (input.value?.length ?? 0) > modalLimits.textLength) return `${input.id} too long`;
    } else {
      const count = input.options.length;
      if (count === 0 || count > modalLimits.selectOptions) return `${input.id} has ${count} options`;
      if (input.minValues < 0 || input.minValues > input.maxValues || input.maxValues > count) return `${input.id} has bad min/max`;
      if (input.options.some((option) => option.label.length > modalLimits.optionLabelLength)) return `${input.id} option label too long`;
    }
  }
  return null;
}

/** Shortens text to a platform limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A private message to the person who asked: the most common reply. */
export function privateMessage(body: RichText, extra: Omit<Message, 'kind' | 'visibility' | 'body'> = {}): Message {
  return { kind: 'message', visibility: 'private', body, ...extra };
}
