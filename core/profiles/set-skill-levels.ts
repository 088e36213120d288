import { z } from 'zod';
import { authorizeMember } from '../access/authorize.js';
import type { Actor } from '../access/actor.js';
import type { CoreDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { choiceValues } from '../forms/form-values.js';
import { interactionId } from '../interaction-ids.js';
import { setSkillLevel } from '../members/member.repository.js';
import { onboardingPrompt, type OnboardingPrompt } from '../onboarding/onboarding-prompt.js';
import { loadSectionContext } from '../onboarding/section-context.js';
import { fail, ok, type Outcome } from '../outcome.js';
import { privateMessage, type FormValues, type Message, type ModalSpec } from '../reply.js';
import { levelInputId, levelsPageCount, skillLevelsModal } from './skill-levels.js';

const level = z.enum(['1', '2', '3', '4', '5'], 'Choose a level from 1 (beginner) to 5 (expert).').transform(Number);

/** What saving one page of levels leads to. */
export interface LevelsSaved {
  /**
   * The answer: a button to the next page while there is one; after the
   * last, for a member still onboarding, Continue to the step they are at.
   */
  readonly reply: Message;
  /** The next page, which a platform chaining forms in one modal (Slack) shows instead of `reply`. */
  readonly nextPage: ModalSpec | null;
  /** After the last page, the onboarding step of a member still onboarding, which Slack shows instead of `reply`. */
  readonly onboarding: OnboardingPrompt | null;
}

/**
 * Saves the levels of one page of the skill-levels form. Every value must be
 * a level of a skill the member has; otherwise nothing is saved. Answers with
 * the next page while there is one, then (during onboarding, where the levels
 * come right after the goals) with the way on to the next onboarding step.
 */
export async function setSkillLevels(deps: Pick<CoreDeps, 'db'>, actor: Actor, input: { page: number; values: FormValues }): Promise<Outcome<LevelsSaved>> {
  const auth = authorizeMember(actor, 'profile.skill-levels');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;

  return deps.db.transaction().execute(async (trx) => {
    const context = await loadSectionContext(trx, communityId, memberId);
    if (!context) throw new NotFoundError(`member ${memberId} is not in community ${communityId}`);
    const skills = context.skills.filter((skill) => !skill.archived);
    const byInput = new Map(skills.map((skill) => [levelInputId(skill), skill]));
    const problems: { field: string; message: string }[] = [];
    const changes: { skillId: number; direction: 'OFFER' | 'SEEK'; level: number }[] = [];
    for (const id of Object.keys(input.values)) {
      const skill = byInput.get(id);
      const parsed = level.safeParse(choiceValues(input.values, id)[0]);
      if (!skill) problems.push({ field: id, message: 'That skill is no longer on your profile; open the form again.' });
      else if (!parsed.success) problems.push({ field: id, message: parsed.error.issues[0]?.message ?? 'Choose a level from 1 to 5.' });
      else changes.push({ skillId: skill.skillId, direction: skill.direction, level: parsed.data });
    }
    if (problems.length > 0) return fail('invalid-input', 'Some levels need fixing.', problems);
    for (const change of changes) await setSkillLevel(trx, memberId, change.skillId, change.direction, change.level);

    const next = input.page + 1;
    if (next < levelsPageCount(skills)) {
      return ok({
        reply: privateMessage(['Levels saved. A few more skills to rate:'], {
          actions: [{ type: 'button', customId: interactionId('profile', 'levels', next), label: 'Next skills', style: 'primary' }],
        }),
        nextPage: skillLevelsModal(skills, next),
        onboarding: null,
      });
    }
    const step = context.member.onboardingStep;
    if (step === 'DONE') return ok({ reply: privateMessage(['Levels saved.']), nextPage: null, onboarding: null });
    // Reloaded so the step's forms show the levels just saved.
    const saved = await loadSectionContext(trx, communityId, memberId);
    if (!saved) throw new NotFoundError(`member ${memberId} vanished while saving levels`);
    return ok({
      reply: privateMessage(['Levels saved. Continue with the next step of joining.'], {
        actions: [{ type: 'button', customId: interactionId('onboard', 'open', step), label: 'Continue', style: 'primary' }],
      }),
      nextPage: null,
      onboarding: onboardingPrompt(saved, step),
    });
  });
}
