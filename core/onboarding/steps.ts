import type { CommunitySettings } from '../communities/settings.js';
import type { OnboardingStep } from '../store/database.js';
import { aboutYouSection } from './about-you.section.js';
import { goalsSection } from './goals.section.js';
import { scheduleSection } from './schedule.section.js';
import type { ProfileSection, ProfileSectionName } from './section.js';

const order: readonly OnboardingStep[] = ['PROFILE', 'GOALS', 'SCHEDULE', 'CODE_OF_CONDUCT', 'DONE'];

export const sections: Record<ProfileSectionName, ProfileSection> = {
  PROFILE: aboutYouSection,
  GOALS: goalsSection,
  SCHEDULE: scheduleSection,
};

/** The steps this community's onboarding has, in order: the code of conduct only when it must be accepted. */
export function stepsFor(settings: CommunitySettings): OnboardingStep[] {
  return order.filter((step) => step !== 'CODE_OF_CONDUCT' || settings.codeOfConduct.required);
}

/** The step after `step`; DONE after the last. */
export function stepAfter(step: OnboardingStep, settings: CommunitySettings): OnboardingStep {
  const steps = stepsFor(settings);
  const index = steps.indexOf(step);
  return steps[index + 1] ?? 'DONE';
}

/** Whether `step` comes before `other` in the onboarding order. */
export function isBefore(step: OnboardingStep, other: OnboardingStep): boolean {
  return order.indexOf(step) < order.indexOf(other);
}

/** 'Step 2 of 4', counting only the steps this community has. */
export function stepLabel(step: OnboardingStep, settings: CommunitySettings): string {
  const steps = stepsFor(settings);
  return `Step ${steps.indexOf(step) + 1} of ${steps.length - 1}`;
}

export function isSectionStep(step: OnboardingStep): step is ProfileSectionName {
  return step === 'PROFILE' || step === 'GOALS' || step === 'SCHEDULE';
}
