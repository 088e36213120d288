import { StaleInteractionError } from '../../errors.js';
import { interactionId } from '../../interaction-ids.js';
import { profileSectionNames, type ProfileSectionName } from '../../onboarding/section.js';
import { eraseMemberData } from '../../privacy/erase-member-data.js';
import { problemReply } from '../../problem-reply.js';
import { editProfile } from '../../profiles/edit-profile.js';
import { openNotificationSettings } from '../../profiles/open-notification-settings.js';
import { openProfileEditor } from '../../profiles/open-profile-editor.js';
import { openSkillLevels } from '../../profiles/open-skill-levels.js';
import { setSkillLevels } from '../../profiles/set-skill-levels.js';
import { updateNotificationPreferences } from '../../profiles/update-notification-preferences.js';
import { viewOwnProfile } from '../../profiles/view-own-profile.js';
import { privateMessage } from '../../reply.js';
import type { SharedActionHandler } from '../interaction.js';

function sectionArg(args: readonly string[]): ProfileSectionName {
  const [section] = args;
  if (!profileSectionNames.includes(section as ProfileSectionName)) throw new StaleInteractionError(`profile section ${String(section)} does not exist`);
  return section as ProfileSectionName;
}

function pageArg(args: readonly string[]): number {
  const [page] = args;
  if (!page || !/^\d{1,2}$/.test(page)) throw new StaleInteractionError(`skill-levels page ${String(page)} is not a page number`);
  return Number(page);
}

/** `profile:view`: the member's own profile. */
const viewProfile: SharedActionHandler = async ({ deps, actor, respond }) => {
  await respond.defer();
  const outcome = await viewOwnProfile(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};

/** `profile:edit:<section>`: that part's form, prefilled. */
const openProfileSection: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const form = await openProfileEditor(deps, actor, { section: sectionArg(args) });
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `profile:save:<section>`: saves the edited part, all or nothing; mistakes are named by their fields. */
const saveProfileSection: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const section = sectionArg(args);
  await respond.defer();
  const outcome = await editProfile(deps, actor, { section, values });
  if (outcome.ok) return respond.send(outcome.value.reply);
  const form = outcome.problem.fields ? await openProfileEditor(deps, actor, { section }) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined, interactionId('profile', 'edit', section));
};

/** `profile:levels:<page>`: a page of the skill-levels form. */
const openLevels: SharedActionHandler = async ({ deps, actor, respond }, { args }) => {
  const form = await openSkillLevels(deps, actor, { page: pageArg(args) });
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `profile:save-levels:<page>`: saves that page; the answer offers the next one, or the next onboarding step. */
const saveLevels: SharedActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const page = pageArg(args);
  await respond.defer();
  const outcome = await setSkillLevels(deps, actor, { page, values });
  if (outcome.ok) return respond.send(outcome.value.reply);
  const form = outcome.problem.fields ? await openSkillLevels(deps, actor, { page }) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined, interactionId('profile', 'levels', page));
};

/** `notifications:edit`: the notification form, prefilled. */
const openNotifications: SharedActionHandler = async ({ deps, actor, respond }) => {
  const form = await openNotificationSettings(deps, actor);
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `notifications:save`: saves the form whole, or names what to fix. */
const saveNotifications: SharedActionHandler = async ({ deps, actor, respond }, { values }) => {
  await respond.defer();
  const outcome = await updateNotificationPreferences(deps, actor, { values });
  if (outcome.ok) return respond.send(privateMessage(['Your notification settings are saved.'], { title: 'Notifications' }));
  const form = outcome.problem.fields ? await openNotificationSettings(deps, actor) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined, interactionId('notifications', 'edit'));
};

/** `data:erase`: the confirmed erasure. */
const eraseData: SharedActionHandler = async ({ deps, actor, respond }) => {
  await respond.defer();
  const outcome = await eraseMemberData(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};

/** `data:keep`: the member changed their mind. */
const keepData: SharedActionHandler = async ({ respond }) => {
  await respond.send(privateMessage(['Nothing was erased.']));
};

/** A member's own profile, notification settings and data, by `area:action`. */
export const memberActions: ReadonlyArray<readonly [string, SharedActionHandler]> = [
  ['profile:view', viewProfile],
  ['profile:edit', openProfileSection],
  ['profile:save', saveProfileSection],
  ['profile:levels', openLevels],
  ['profile:save-levels', saveLevels],
  ['notifications:edit', openNotifications],
  ['notifications:save', saveNotifications],
  ['data:erase', eraseData],
  ['data:keep', keepData],
];
