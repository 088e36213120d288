import type { RespondFn, webApi } from '@slack/bolt';
import type { Problem } from '../../core/outcome.js';
import { problemReply } from '../../core/problem-reply.js';
import type { InteractionResponder } from '../../core/interactions/interaction.js';
import type { ModalSpec } from '../../core/reply.js';
import { FormNotOpenedError } from './errors.js';
import { messageView, renderMessage, renderModal, type ViewMetadata } from './slack.renderer.js';
import { fieldErrors } from './view-state.js';

/**
 * Where an interaction came from, which decides how it can be answered:
 * - a command or a button on a message: `responseUrl` (private or channel
 *   replies for 30 minutes, in any channel, bot invited or not);
 * - a button inside a modal or the App Home: the `view` (updated in place, or
 *   a modal opened over the App Home);
 * - a submitted form: its answer is the acknowledgement itself
 *   (`response_action: update | errors`), so nothing is acknowledged early.
 */
export interface InteractionSurface {
  readonly userId: string;
  readonly triggerId?: string;
  readonly responseUrl?: string;
  /** The channel of a command or message button; carried through forms in `private_metadata`. */
  readonly channelId?: string;
  readonly view?: { readonly id: string; readonly type: 'modal' | 'home' };
  /** For a form submission: the ids of its input blocks, to put field errors next to them. */
  readonly submittedInputs?: readonly string[];
}

/**
 * How a handler answers one interaction. Slack wants an acknowledgement
 * within 3 s; the router acknowledges commands and buttons before any work, so
 * handlers never race it. A trigger id opens one view, within 3 s of the click.
 */
export interface Responder extends InteractionResponder {
  /**
   * A problem from the core. After a form submission with field problems,
   * each is shown under its field and the form stays open (`response_action:
   * errors`); otherwise it is sent as a private message naming the fields.
   * (`reopenId` is Discord's: a Slack form never closed.)
   */
  problem(problem: Problem, form?: ModalSpec, reopenId?: string): Promise<void>;
  /** Acknowledges with nothing if nothing answered yet: a submitted form that got no answer closes. */
  close(): Promise<void>;
  /** Whether Slack has had its acknowledgement. */
  readonly acknowledged: boolean;
}

export type AckFn = (body?: unknown) => Promise<void>;

export function createResponder(input: { surface: InteractionSurface; client: webApi.WebClient; ack: AckFn; respond?: RespondFn | undefined }): Responder {
  const { surface, client, respond } = input;
  const submission = surface.submittedInputs !== undefined;
  const metadata: ViewMetadata = surface.channelId ? { channelId: surface.channelId } : {};
  let acknowledged = false;
  let triggerUsed = false;

  async function ack(body?: unknown): Promise<void> {
    if (acknowledged) return;
    acknowledged = true;
    await input.ack(body);
  }

  async function openView(view: ReturnType<typeof renderModal>): Promise<void> {
    if (!surface.triggerId || triggerUsed) throw new FormNotOpenedError('expired');
    triggerUsed = true;
    try {
      await client.views.open({ trigger_id: surface.triggerId, view });
    } catch (error) {
      throw FormNotOpenedError.from(error);
    }
  }

  const responder: Responder = {
    get acknowledged() {
      return acknowledged;
    },
    async defer() {
      if (!submission) await ack();
    },
    async send(message) {
      if (submission && !acknowledged) return ack({ response_action: 'update', view: messageView(message, metadata) });
      await ack();
      if (surface.view?.type === 'modal' && !submission) {
        await client.views.update({ view_id: surface.view.id, view: messageView(message, metadata) });
        return;
      }
      const rendered = renderMessage(message);
      if (surface.responseUrl && respond) {
        await respond({ response_type: rendered.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: rendered.text, blocks: rendered.blocks });
        return;
      }
      if (surface.view?.type === 'home' && surface.triggerId && !triggerUsed) return openView(messageView(message));
      if (surface.channelId && rendered.ephemeral) {
        await client.chat.postEphemeral({ channel: surface.channelId, user: surface.userId, text: rendered.text, blocks: rendered.blocks });
        return;
      }
      // A user id as the channel posts into the app's DM with that person (the App Home's Messages tab).
      await client.chat.postMessage({ channel: surface.userId, text: rendered.text, blocks: rendered.blocks });
    },
    async showModal(spec) {
      const view = renderModal(spec, metadata);
      if (submission && !acknowledged) return ack({ response_action: 'update', view });
      await ack();
      if (surface.view?.type === 'modal') {
        await client.views.update({ view_id: surface.view.id, view });
        return;
      }
      await openView(view);
    },
    close: () => ack(),
    async problem(problem, form) {
      if (submission && !acknowledged && problem.fields && problem.fields.length > 0) {
        return ack({ response_action: 'errors', errors: fieldErrors(problem.fields, surface.submittedInputs ?? []) });
      }
      await responder.send(problemReply(problem, form));
    },
  };
  return responder;
}
