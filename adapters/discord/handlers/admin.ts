import { createLoginLink } from '../../../core/admin/create-login-link.js';
import { problemReply } from '../../../core/problem-reply.js';
import { privateMessage } from '../../../core/reply.js';
import type { CommandHandler } from '../handler.js';

/**
 * `/mentor admin`: a single-use sign-in link to the admin site, in a private
 * reply (the link signs in as the person). The core allows admins and owners only.
 */
export const admin: CommandHandler = async ({ deps, actor, publicUrl, respond }) => {
  await respond.defer();
  if (!publicUrl) return respond.send(privateMessage(['The admin site is not set up on this bot (no public URL is configured). Ask whoever runs the bot.']));
  const link = await createLoginLink(deps, actor, { publicUrl });
  await respond.send(link.ok ? link.value.message : problemReply(link.problem));
};
