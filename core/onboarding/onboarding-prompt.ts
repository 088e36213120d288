import { interactionId } from '../interaction-ids.js';
import { skillLevelsModal } from '../profiles/skill-levels.js';
import type { OnboardingStep } from '../store/database.js';
import { privateMessage, type Message, type ModalSpec } from '../reply.js';
import type { SectionContext } from './section.js';
import { isSectionStep, sections, stepAfter, stepLabel } from './steps.js';

/**
 * Where a member stands in onboarding and what to show them: a message, and
 * for form steps the modal its button opens. The adapter shows the message;
 * when the button is pressed it asks again and opens `modal` (Discord only
 * opens a modal in answer to a button or command, never to another modal).
 */
export interface OnboardingPrompt {
  readonly step: OnboardingStep;
  readonly message: Message;
  readonly modal: ModalSpec | null;
  /**
   * The first page of the skill-levels form, which comes before `modal` at
   * the step right after the goals when the member chose skills (levels do
   * not fit the goals form, so they start at 3). Discord offers it with a
   * button on `message`; Slack shows it in place of the submitted goals form,
   * and its last page leads on to this step (see `setSkillLevels`).
   */
  readonly levels: ModalSpec | null;
}

const intro: Record<'PROFILE' | 'GOALS' | 'SCHEDULE', string> = {
  PROFILE: 'Tell the community who you are: your job title, your experience and a few words about you.',
  GOALS: 'Do you want to mentor, be mentored, or both? Pick the kinds of mentorship and the skills.',
  SCHEDULE: 'Give your timezone and when you are usually free, so matches fit your week.',
};

export function onboardingPrompt(context: SectionContext, step: OnboardingStep): OnboardingPrompt {
  const { settings, member } = context;
  if (isSectionStep(step)) {
    const section = sections[step];
    const actions = [{ type: 'button' as const, customId: interactionId('onboard', 'open', step), label: 'Continue', style: 'primary' as const }];
    // Levels do not fit the goals form, so they are offered right after it.
    const levels = step === stepAfter('GOALS', settings) ? skillLevelsModal(context.skills.filter((skill) => !skill.archived), 0) : null;
    if (levels) actions.push({ type: 'button', customId: interactionId('profile', 'levels', 0), label: 'Set skill levels', style: 'primary' });
    return {
      step,
      message: privateMessage([intro[step]], { title: `${settings.programName} · ${stepLabel(step, settings)}: ${section.title}`, actions }),
      modal: section.form(context, interactionId('onboard', 'submit', step)),
      levels,
    };
  }
  if (step === 'CODE_OF_CONDUCT') {
    return {
      step,
      message: privateMessage([settings.codeOfConduct.text], {
        title: `${settings.programName} · ${stepLabel(step, settings)}: Code of conduct`,
        actions: [{ type: 'button', customId: interactionId('onboard', 'submit', 'CODE_OF_CONDUCT'), label: 'I accept', style: 'success' }],
      }),
      modal: null,
      levels: null,
    };
  }
  const waiting = member.status === 'PENDING_APPROVAL' ? ' An admin will approve your membership before you appear in matching.' : '';
  return {
    step,
    message: privateMessage([`Your profile is complete.${waiting} You can change any part of it later.`], {
      title: `Welcome to ${settings.programName}`,
      actions: [{ type: 'button', customId: interactionId('profile', 'view'), label: 'View my profile', style: 'secondary' }],
    }),
    modal: null,
    levels: null,
  };
}
