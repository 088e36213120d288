import { createLoginLink } from '../../../../core/admin/create-login-link.js';
import { problemReply } from '../../../../core/problem-reply.js';
import type { CommandHandler } from '../../handler.js';

/**
 * `/mentor admin`: a single-use link into the admin site, valid for ten
 * minutes. The reply is always private (the link signs in as the person).
 * The core allows active admins and owners only and refuses everyone else.
 */
export const admin: CommandHandler = async ({ deps, actor, publicUrl, respond }) => {
  const outcome = await createLoginLink(deps, actor, { publicUrl });
  await respond.send(outcome.ok ? outcome.value.message : problemReply(outcome.problem));
};
