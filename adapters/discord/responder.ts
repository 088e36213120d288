import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';
import type { InteractionResponder } from '../../core/interactions/interaction.js';
import { problemReply } from '../../core/problem-reply.js';
import { withRetryButton } from './retry.js';
import { renderMessage, renderModal, type RenderedMessage } from './discord.renderer.js';

/**
 * How a handler answers one interaction, whatever state it is in. Discord
 * wants an answer within 3 s: handlers whose work touches the database call
 * `defer()` first (the reply then has 15 minutes), except those that open a
 * modal, which must be the very first answer and so only read before it.
 */
export interface Responder extends InteractionResponder {
  /** Whether Discord has had an answer (so an error handler must edit or follow up instead). */
  readonly acknowledged: boolean;
}

type ReplyPayload = Pick<InteractionReplyOptions, 'content' | 'embeds' | 'components' | 'files' | 'allowedMentions'>;

function payload(rendered: RenderedMessage): ReplyPayload {
  return {
    ...(rendered.content ? { content: rendered.content } : {}),
    embeds: rendered.embeds,
    components: rendered.components,
    files: rendered.files.map((file) => ({ attachment: file.data, name: file.name })),
    allowedMentions: rendered.allowedMentions,
  };
}

export function createResponder(interaction: RepliableInteraction): Responder {
  const responder: Responder = {
    get acknowledged() {
      return interaction.deferred || interaction.replied;
    },
    async defer() {
      if (interaction.deferred || interaction.replied) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    },
    async send(message) {
      const rendered = renderMessage(message);
      const body = payload(rendered);
      const flags = rendered.ephemeral ? MessageFlags.Ephemeral : undefined;
      if (!interaction.deferred && !interaction.replied) {
        await interaction.reply({ ...body, ...(flags ? { flags } : {}) });
      } else if (interaction.deferred && !interaction.replied && rendered.ephemeral) {
        await interaction.editReply(body);
      } else {
        // A deferral is private; a message meant for more eyes goes out as a follow-up.
        await interaction.followUp({ ...body, ...(flags ? { flags } : {}) });
      }
    },
    async showModal(spec) {
      if (interaction.isModalSubmit()) throw new Error(`cannot open modal ${spec.customId} in answer to a modal`);
      if (interaction.deferred || interaction.replied) throw new Error(`cannot open modal ${spec.customId} after answering`);
      await interaction.showModal(renderModal(spec));
    },
    async problem(problem, form, reopenId) {
      const reply = problemReply(problem, form);
      await responder.send(form && reopenId ? withRetryButton(reply, reopenId) : reply);
    },
  };
  return responder;
}
