import { viewHome } from '../../home/view-home.js';
import { requestsMessages } from '../../home/home-messages.js';
import { suggestionsForMember, type LookingFor } from '../../home/member-suggestions.js';
import { findMemberByPlatformUser } from '../../members/member.repository.js';
import { listMemberMentorships } from '../../mentorships/list-member-mentorships.js';
import { openRequestForm } from '../../mentorships/open-request-form.js';
import { resumeMentorship } from '../../mentorships/resume-mentorship.js';
import { fail, type Outcome } from '../../outcome.js';
import { listCommunitySkills } from '../../skills/list-community-skills.js';
import { chooseMentorship } from '../choose-mentorship.js';
import type { InteractionContext, SharedCommandHandler } from '../interaction.js';
import { endConfirmation, pauseFormFor } from '../relation-forms.js';

/** `/mentor home`: what waits for the member, their mentorships and suggestions (an invitation before joining). */
const home: SharedCommandHandler = async ({ deps, actor, respond }) => {
  await respond.defer();
  const outcome = await viewHome(deps, actor);
  if (!outcome.ok) return respond.problem(outcome.problem);
  for (const message of outcome.value.messages) await respond.send(message);
};

/** The skill a person named: a catalog slug (Discord's autocomplete value) or its name (typed on Slack). */
async function skillNamed(context: InteractionContext, typed: string): Promise<Outcome<number>> {
  const skills = await listCommunitySkills(context.deps, context.actor);
  if (!skills.ok) return skills;
  const wanted = typed.trim().toLowerCase();
  const skill = skills.value.find((candidate) => candidate.slug === wanted || candidate.name.toLowerCase() === wanted);
  if (skill) return { ok: true, value: skill.id };
  return fail('invalid-input', `"${typed}" is not a skill in this community's catalog. Give a skill's name as your profile lists it, or leave the skill out.`);
}

function lookingForOption(value: string | undefined): LookingFor | undefined | null {
  if (value === undefined) return undefined;
  return value === 'mentor' || value === 'mentee' ? value : null;
}

/** `/mentor find [skill] [looking-for]`: ranked suggestions with their reasons, each with Request and Not buttons. */
const find: SharedCommandHandler = async (context, { options }) => {
  const { deps, actor, respond } = context;
  await respond.defer();
  const lookingFor = lookingForOption(options['looking-for']);
  if (lookingFor === null) return respond.problem({ code: 'invalid-input', message: 'Say whether you are looking for a mentor or a mentee.' });
  let skillId: number | undefined;
  if (options.skill) {
    const skill = await skillNamed(context, options.skill);
    if (!skill.ok) return respond.problem(skill.problem);
    skillId = skill.value;
  }
  const found = await suggestionsForMember(deps, actor, { lookingFor, skillId });
  await (found.ok ? respond.send(found.value.reply) : respond.problem(found.problem));
};

/** `/mentor request member`: the request form for that member (a form must be the first answer: reads only). */
const request: SharedCommandHandler = async ({ deps, actor, community, respond }, { options }) => {
  const receiver = options.member ? await findMemberByPlatformUser(deps.db, community.id, options.member) : null;
  if (!receiver || receiver.erasedAt) {
    return respond.problem({ code: 'not-found', message: 'That person has not joined the mentorship program. Ask them to run the join command first.' });
  }
  const form = await openRequestForm(deps, actor, { receiverMemberId: receiver.id });
  await (form.ok ? respond.showModal(form.value) : respond.problem(form.problem));
};

/** `/mentor requests`: requests waiting for the member's answer (with their buttons) and theirs waiting for others. */
const requests: SharedCommandHandler = async ({ deps, actor, community, respond }) => {
  await respond.defer();
  const outcome = await listMemberMentorships(deps, actor);
  if (!outcome.ok) return respond.problem(outcome.problem);
  for (const message of requestsMessages(outcome.value.requests, community.timezone)) await respond.send(message);
};

/**
 * `/mentor pause [mentorship]`: the form asking until when (and why). Inside
 * the pair's space it applies to that mentorship; with several and no hint,
 * the answer asks which one. A form must be the first answer: reads only.
 */
const pause: SharedCommandHandler = async ({ deps, actor, community, placeId, respond }, { path, options }) => {
  const choice = await chooseMentorship(deps, actor, { path, option: options.mentorship, placeId, statuses: ['ACCEPTED'], noneMessage: 'You have no running mentorship to pause.' });
  if (!choice.ok) return respond.problem(choice.problem);
  if (choice.value.kind === 'ask') return respond.send(choice.value.message);
  const form = await pauseFormFor(deps.db, { community, memberId: actor.memberId, mentorshipId: choice.value.mentorshipId, now: deps.clock.now() });
  await (form.ok ? respond.showModal(form.value) : respond.problem(form.problem));
};

/** `/mentor resume [mentorship]`: a paused mentorship runs again now, before its resume date. */
const resume: SharedCommandHandler = async ({ deps, actor, placeId, respond }, { path, options }) => {
  await respond.defer();
  const choice = await chooseMentorship(deps, actor, { path, option: options.mentorship, placeId, statuses: ['PAUSED'], noneMessage: 'You have no paused mentorship to resume.' });
  if (!choice.ok) return respond.problem(choice.problem);
  if (choice.value.kind === 'ask') return respond.send(choice.value.message);
  const outcome = await resumeMentorship(deps, actor, { mentorshipId: choice.value.mentorshipId });
  await (outcome.ok ? respond.send(outcome.value.reply) : respond.problem(outcome.problem));
};

/** `/mentor end [mentorship]`: asks first; its button asks for the reason, then ends the mentorship early. */
const end: SharedCommandHandler = async ({ deps, actor, community, placeId, respond }, { path, options }) => {
  await respond.defer();
  const choice = await chooseMentorship(deps, actor, { path, option: options.mentorship, placeId, noneMessage: 'You have no running mentorship to end.' });
  if (!choice.ok) return respond.problem(choice.problem);
  if (choice.value.kind === 'ask') return respond.send(choice.value.message);
  const question = actor.memberId === null ? null : await endConfirmation(deps.db, community.id, actor.memberId, choice.value.mentorshipId);
  await (question ? respond.send(question) : respond.problem({ code: 'not-found', message: 'That mentorship does not exist any more.' }));
};

/** Finding people and running the relation: home, find, request, requests, pause, resume, end. */
export const relationCommands: Readonly<Record<string, SharedCommandHandler>> = {
  home,
  find,
  request,
  requests,
  pause,
  resume,
  end,
};
