import type { MemberActor } from '../access/actor.js';
import type { CommunityProfile } from '../communities/community.repository.js';
import type { CoreDeps } from '../deps.js';
import type { Problem } from '../outcome.js';
import type { FieldCipher } from '../ports/field-cipher.js';
import type { Log } from '../ports/log.js';
import type { FormValues, Message, ModalSpec } from '../reply.js';

/**
 * The platform-neutral side of one interaction (a command, a button, a
 * select or a form submission). Handlers written against these types work on
 * both platforms unchanged: each adapter's own context and responder are
 * supersets of them, so the adapters register these handlers next to their
 * own in one table.
 */

/** How a handler answers, whatever the platform and the state of the interaction. */
export interface InteractionResponder {
  /**
   * Acknowledges privately now, if nothing has answered yet; call it before
   * work that touches the database, except in handlers that open a form (a
   * form must be the first answer, so they only read before it).
   */
  defer(): Promise<void>;
  /** A neutral message: the first answer, the deferred one, or a follow-up. */
  send(message: Message): Promise<void>;
  /** Opens a form; only as the first answer to a command or a button (Slack also replaces a submitted form). */
  showModal(spec: ModalSpec): Promise<void>;
  /**
   * A problem from the core. After a form submission whose fields were wrong,
   * Slack shows each message under its field and keeps the form open;
   * Discord cannot reopen a form in answer to a form, so it answers with the
   * problems and a button with `reopenId` that opens `form` again.
   */
  problem(problem: Problem, form?: ModalSpec, reopenId?: string): Promise<void>;
}

/** Who acts where, and how to answer. */
export interface InteractionContext {
  readonly deps: CoreDeps;
  /** Seals and opens sensitive free text (report details, session notes) for the use cases that take it. */
  readonly cipher: FieldCipher;
  readonly log: Log;
  readonly community: CommunityProfile;
  /** Re-resolved from the database on every interaction: the core authorizes each call with it. */
  readonly actor: MemberActor;
  /** How the person is called on the platform, for a member row created on first meeting. */
  readonly displayName: string;
  readonly respond: InteractionResponder;
  /** Where the admin site is served (`PUBLIC_URL`), for login links; unset when there is none. */
  readonly publicUrl?: string;
  /**
   * The platform's id of the channel or thread the interaction came from,
   * when it came from one: a command used inside a pair's private space
   * applies to that mentorship.
   */
  readonly placeId?: string;
}

/** `/mentor <path> [options]`: options by their commands.json name; a user option holds the platform user id. */
export interface CommandInput {
  readonly path: string;
  readonly options: Readonly<Record<string, string>>;
}

/** A subcommand, found by its path (`session list`). Thin: read the options, call the core, answer. */
export type SharedCommandHandler = (context: InteractionContext, input: CommandInput) => Promise<void>;

/**
 * A button, select or form submission, found by the area and action of its id
 * (`request:accept`). `args` are the id's remaining parts; `values` the form's
 * fields (text as strings, selects as arrays) or a select's choice under `selected`.
 */
export type SharedActionHandler = (context: InteractionContext, input: { readonly args: readonly string[]; readonly values: FormValues }) => Promise<void>;
