import { eraseMemberData } from '../../../../core/privacy/erase-member-data.js';
import { problemReply } from '../../../../core/problem-reply.js';
import { privateMessage } from '../../../../core/reply.js';
import type { ActionHandler } from '../../handler.js';

/** `data:erase`: the confirmed erasure. */
export const eraseData: ActionHandler = async ({ deps, actor, respond }) => {
  const outcome = await eraseMemberData(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};

/** `data:keep`: the member changed their mind. */
export const keepData: ActionHandler = async ({ respond }) => {
  await respond.send(privateMessage(['Nothing was erased.']));
};
