import { createLoginLink } from '../../admin/create-login-link.js';
import { commandCatalog } from '../../commands/commands.js';
import { showHelp } from '../../help/show-help.js';
import { findMemberByPlatformUser } from '../../members/member.repository.js';
import { eraseConfirmation } from '../../privacy/erase-confirmation.js';
import { exportMemberData } from '../../privacy/export-member-data.js';
import { problemReply } from '../../problem-reply.js';
import { openNotificationSettings } from '../../profiles/open-notification-settings.js';
import { viewMemberProfile } from '../../profiles/view-member-profile.js';
import { viewOwnProfile } from '../../profiles/view-own-profile.js';
import { privateMessage } from '../../reply.js';
import type { SharedCommandHandler } from '../interaction.js';

/** `/mentor profile [member]`: your own profile with its edit buttons, or another member's public one. */
const profile: SharedCommandHandler = async ({ deps, actor, community, respond }, { options }) => {
  await respond.defer();
  const target = options.member;
  if (!target || target === actor.platformUserId) {
    const own = await viewOwnProfile(deps, actor);
    return respond.send(own.ok ? own.value.reply : problemReply(own.problem));
  }
  const member = await findMemberByPlatformUser(deps.db, community.id, target);
  if (!member) return respond.send(problemReply({ code: 'not-found', message: 'That member has no profile to show.' }));
  const other = await viewMemberProfile(deps, actor, { memberId: member.id });
  await respond.send(other.ok ? other.value.reply : problemReply(other.problem));
};

/** `/mentor settings`: the notification form (a form must be the first answer: one read, no deferral). */
const settings: SharedCommandHandler = async ({ deps, actor, respond }) => {
  const form = await openNotificationSettings(deps, actor);
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `/mentor help`: generated from commands.json, showing what the person may use. */
const help: SharedCommandHandler = async ({ actor, respond }) => {
  const outcome = showHelp(actor, commandCatalog);
  await respond.send(outcome.ok ? outcome.value : problemReply(outcome.problem));
};

/**
 * `/mentor admin`: a single-use sign-in link to the admin site, valid for ten
 * minutes, in a private reply (the link signs in as the person). The core
 * allows active admins and owners only.
 */
const admin: SharedCommandHandler = async ({ deps, actor, publicUrl, respond }) => {
  await respond.defer();
  if (!publicUrl) return respond.send(privateMessage(['The admin site is not set up on this bot (no public URL is configured). Ask whoever runs the bot.']));
  const link = await createLoginLink(deps, actor, { publicUrl });
  await respond.send(link.ok ? link.value.message : problemReply(link.problem));
};

/** `/mentor data export`: everything the program holds about the member, only for them. */
const dataExport: SharedCommandHandler = async ({ deps, actor, respond }) => {
  await respond.defer();
  const outcome = await exportMemberData(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};

/** `/mentor data delete`: asks first; the button runs the erasure. */
const dataDelete: SharedCommandHandler = async ({ respond }) => {
  await respond.send(eraseConfirmation());
};

/** A member's own things: profile, notification settings, help, the admin link, their data. */
export const memberCommands: Readonly<Record<string, SharedCommandHandler>> = {
  profile,
  settings,
  help,
  admin,
  'data export': dataExport,
  'data delete': dataDelete,
};
