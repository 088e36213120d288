import { profileSectionNames, type ProfileSectionName } from '../../../../core/onboarding/section.js';
import { problemReply } from '../../../../core/problem-reply.js';
import { editProfile } from '../../../../core/profiles/edit-profile.js';
import { openProfileEditor } from '../../../../core/profiles/open-profile-editor.js';
import { openSkillLevels } from '../../../../core/profiles/open-skill-levels.js';
import { setSkillLevels } from '../../../../core/profiles/set-skill-levels.js';
import { viewOwnProfile } from '../../../../core/profiles/view-own-profile.js';
import { StaleInteractionError } from '../../errors.js';
import type { ActionHandler } from '../../handler.js';

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
export const viewProfile: ActionHandler = async ({ deps, actor, respond }) => {
  const outcome = await viewOwnProfile(deps, actor);
  await respond.send(outcome.ok ? outcome.value.reply : problemReply(outcome.problem));
};

/** `profile:edit:<section>`: that part's form, prefilled. */
export const openProfileSection: ActionHandler = async ({ deps, actor, respond }, { args }) => {
  const form = await openProfileEditor(deps, actor, { section: sectionArg(args) });
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `profile:save:<section>`: saves the edited part, all or nothing; mistakes show under their fields. */
export const saveProfileSection: ActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const section = sectionArg(args);
  const outcome = await editProfile(deps, actor, { section, values });
  if (outcome.ok) return respond.send(outcome.value.reply);
  const form = outcome.problem.fields ? await openProfileEditor(deps, actor, { section }) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined);
};

/** `profile:levels:<page>`: a page of the skill-levels form. */
export const openLevels: ActionHandler = async ({ deps, actor, respond }, { args }) => {
  const form = await openSkillLevels(deps, actor, { page: pageArg(args) });
  await (form.ok ? respond.showModal(form.value) : respond.send(problemReply(form.problem)));
};

/** `profile:save-levels:<page>`: saves that page; the answer offers the next one. */
export const saveLevels: ActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const page = pageArg(args);
  const outcome = await setSkillLevels(deps, actor, { page, values });
  if (outcome.ok) return respond.send(outcome.value);
  const form = outcome.problem.fields ? await openSkillLevels(deps, actor, { page }) : null;
  await respond.problem(outcome.problem, form?.ok ? form.value : undefined);
};
