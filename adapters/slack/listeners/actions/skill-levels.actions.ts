import { interactionId } from '../../../../core/interaction-ids.js';
import { openSkillLevels } from '../../../../core/profiles/open-skill-levels.js';
import { setSkillLevels } from '../../../../core/profiles/set-skill-levels.js';
import { StaleInteractionError } from '../../errors.js';
import type { ActionHandler } from '../../handler.js';

/**
 * `profile:save-levels:<page>`, Slack's own: saves the page as the shared
 * handler does, but a saved page turns into what follows in the same modal
 * (`response_action: update`): the next page, then, for a member still
 * onboarding (the levels come right after the goals form), the step they are
 * at; otherwise the answer. Refused, each problem shows under its field.
 */
export const saveSkillLevels: ActionHandler = async ({ deps, actor, respond }, { args, values }) => {
  const [arg] = args;
  if (!arg || !/^\d{1,2}$/.test(arg)) throw new StaleInteractionError(`skill-levels page ${String(arg)} is not a page number`);
  const page = Number(arg);
  const outcome = await setSkillLevels(deps, actor, { page, values });
  if (!outcome.ok) {
    const form = outcome.problem.fields ? await openSkillLevels(deps, actor, { page }) : null;
    return respond.problem(outcome.problem, form?.ok ? form.value : undefined, interactionId('profile', 'levels', page));
  }
  const { reply, nextPage, onboarding } = outcome.value;
  const form = nextPage ?? onboarding?.modal;
  await (form ? respond.showModal(form) : respond.send(onboarding?.message ?? reply));
};
