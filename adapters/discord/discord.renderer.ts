import {
  ButtonStyle, ComponentType, LabelBuilder, ModalBuilder, StringSelectMenuBuilder, TextInputBuilder, TextInputStyle,
  type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIButtonComponentWithCustomId,
  type APISelectMenuOption, type APIStringSelectComponent,
} from 'discord.js';
import type { ButtonAction, Message, ModalSpec, RichText, SelectAction, SelectOption } from '../../core/reply.js';

/**
 * The one Discord renderer: neutral replies from the core become embeds,
 * components and modals. Times become `<t:unix:STYLE>` tokens, which every
 * reader's client shows in their own timezone and language; mentions become
 * `<@id>`. Limits are Discord's; text past them is cut, marked with an ellipsis.
 */

/** Discord's message limits that the renderer enforces. */
export const discordLimits = {
  rows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  buttonLabel: 80,
  optionText: 100,
  placeholder: 150,
} as const;

const brandColour = 0x5865f2;
const timeStyles = { full: 'F', relative: 'R', date: 'D' } as const;

export interface RenderedFile {
  readonly name: string;
  readonly data: Buffer;
  readonly contentType: string;
}

/** A message as Discord's API takes it, plus the files to upload and whether only the reader sees it. */
export interface RenderedMessage {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  readonly files: RenderedFile[];
  /** Private replies become ephemeral interaction responses. */
  readonly ephemeral: boolean;
  /** Only user mentions may ping, never @everyone or roles. */
  readonly allowedMentions: { readonly parse: ['users'] };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Rich text as Discord markdown. Time segments may arrive as ISO strings (outbox payloads are JSON). */
export function renderRichText(text: RichText): string {
  return text
    .map((segment) => {
      if (typeof segment === 'string') return segment;
      if ('mention' in segment) return `<@${segment.mention}>`;
      const unix = Math.floor(new Date(segment.time).getTime() / 1000);
      return `<t:${unix}:${timeStyles[segment.style]}>`;
    })
    .join('');
}

function mentionedUsers(text: RichText): string[] {
  return [...new Set(text.flatMap((segment) => (typeof segment === 'object' && 'mention' in segment ? [segment.mention] : [])))];
}

const buttonStyles: Record<ButtonAction['style'], ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

function renderOption(option: SelectOption, chosen: readonly string[] | undefined): APISelectMenuOption {
  return {
    label: cut(option.label, discordLimits.optionText),
    value: option.value,
    ...(option.description ? { description: cut(option.description, discordLimits.optionText) } : {}),
    ...(chosen?.includes(option.value) ? { default: true } : {}),
  };
}

function renderButton(action: ButtonAction): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: buttonStyles[action.style], label: cut(action.label, discordLimits.buttonLabel), custom_id: action.customId };
}

function renderSelect(action: SelectAction): APIStringSelectComponent {
  const options = action.options.slice(0, discordLimits.selectOptions);
  return {
    type: ComponentType.StringSelect,
    custom_id: action.customId,
    min_values: Math.min(action.minValues, options.length),
    max_values: Math.max(1, Math.min(action.maxValues, options.length)),
    options: options.map((option) => renderOption(option, action.initialValues)),
    ...(action.placeholder ? { placeholder: cut(action.placeholder, discordLimits.placeholder) } : {}),
  };
}

/** Lays actions out in rows: up to five buttons per row, a select alone in its row, at most five rows. */
export function layoutActions(actions: readonly (ButtonAction | SelectAction)[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIComponentInMessageActionRow[][] = [];
  let buttons: APIButtonComponentWithCustomId[] = [];
  const closeButtons = () => {
    if (buttons.length > 0) rows.push(buttons);
    buttons = [];
  };
  for (const action of actions) {
    if (action.type === 'select') {
      closeButtons();
      rows.push([renderSelect(action)]);
    } else {
      buttons.push(renderButton(action));
      if (buttons.length === discordLimits.buttonsPerRow) closeButtons();
    }
  }
  closeButtons();
  return rows.slice(0, discordLimits.rows).map((components) => ({ type: ComponentType.ActionRow, components }));
}

/** A neutral message as a Discord message: one embed (title, body, fields), components and files. */
export function renderMessage(message: Message): RenderedMessage {
  const description = renderRichText(message.body);
  const fields = (message.fields ?? []).slice(0, discordLimits.embedFields).map((field) => ({
    name: cut(field.name, discordLimits.fieldName),
    value: cut(renderRichText(field.value), discordLimits.fieldValue) || '\u200b',
    ...(field.inline ? { inline: true } : {}),
  }));
  const embed: APIEmbed = {
    color: brandColour,
    ...(message.title ? { title: cut(message.title, discordLimits.embedTitle) } : {}),
    ...(description ? { description: cut(description, discordLimits.embedDescription) } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
  const hasEmbed = Boolean(embed.title || embed.description || embed.fields);
  // Mentions inside embeds never notify, so a message for the pair names them in the content too.
  const pings = message.visibility === 'pair' ? mentionedUsers(message.body).map((id) => `<@${id}>`).join(' ') : '';
  return {
    ...(pings ? { content: pings } : {}),
    embeds: hasEmbed ? [embed] : [],
    components: layoutActions(message.actions ?? []),
    files: (message.attachments ?? []).map((file) => ({ name: file.fileName, data: Buffer.from(file.content, 'utf8'), contentType: file.contentType })),
    ephemeral: message.visibility === 'private',
    allowedMentions: { parse: ['users'] },
  };
}

/**
 * A neutral form as a Discord modal: each input in a Label component (type 18)
 * around a text input (type 4) or a string select (type 3). Modals have no
 * custom submit label; Discord always shows "Submit".
 */
export function renderModal(spec: ModalSpec): ModalBuilder {
  const labels = spec.inputs.map((input) => {
    const label = new LabelBuilder().setLabel(input.label);
    if (input.type === 'text') {
      const text = new TextInputBuilder()
        .setCustomId(input.id)
        .setStyle(input.style === 'short' ? TextInputStyle.Short : TextInputStyle.Paragraph)
        .setRequired(input.required);
      if (input.minLength !== undefined) text.setMinLength(input.minLength);
      if (input.maxLength !== undefined) text.setMaxLength(input.maxLength);
      if (input.placeholder) text.setPlaceholder(input.placeholder);
      if (input.value) text.setValue(input.value);
      return label.setTextInputComponent(text);
    }
    const select = new StringSelectMenuBuilder()
      .setCustomId(input.id)
      .setRequired(input.required)
      .setMinValues(input.minValues)
      .setMaxValues(input.maxValues)
      .addOptions(input.options.map((option) => renderOption(option, input.initialValues)));
    if (input.placeholder) select.setPlaceholder(input.placeholder);
    return label.setStringSelectMenuComponent(select);
  });
  return new ModalBuilder().setCustomId(spec.customId).setTitle(spec.title).addLabelComponents(labels);
}
