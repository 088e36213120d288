import type { MemberRole, MemberStatus, MentorshipRole, OnboardingStep, SkillDirection } from '../store/database.js';
import type { AvailabilityWindow } from './availability.js';
import type { NotificationPreferences } from './notification-preferences.js';

/** The kinds of mentorship a member may look for or offer. */
export const mentorshipTypes = ['CAREER_GROWTH', 'TECHNICAL_SKILLS', 'CODE_REVIEW', 'INTERVIEW_PREP', 'LEADERSHIP'] as const;
export type MentorshipType = (typeof mentorshipTypes)[number];

export const mentorshipTypeLabels: Record<MentorshipType, string> = {
  CAREER_GROWTH: 'Career growth',
  TECHNICAL_SKILLS: 'Technical skills',
  CODE_REVIEW: 'Code review',
  INTERVIEW_PREP: 'Interview preparation',
  LEADERSHIP: 'Leadership',
};

/** Everything stored about a member, as the core reads it. */
export interface MemberRecord {
  readonly id: number;
  readonly communityId: number;
  readonly platformUserId: string;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly status: MemberStatus;
  readonly onboardingStep: OnboardingStep;
  readonly onboardedAt: Date | null;
  readonly bio: string | null;
  readonly jobTitle: string | null;
  readonly yearsExperience: number | null;
  readonly mentorshipRole: MentorshipRole | null;
  readonly mentorshipTypes: readonly string[];
  readonly timezone: string | null;
  readonly availability: readonly AvailabilityWindow[];
  readonly menteeCapacity: number;
  readonly notTakingMenteesUntil: Date | null;
  readonly notificationPreferences: NotificationPreferences;
  readonly codeOfConductAcceptedAt: Date | null;
  readonly statusReason: string | null;
  readonly joinedAt: Date;
  readonly leftAt: Date | null;
  readonly erasedAt: Date | null;
}

/** A skill on a member's profile, with its catalog entry. */
export interface MemberSkill {
  readonly skillId: number;
  readonly name: string;
  readonly slug: string;
  readonly category: string;
  readonly direction: SkillDirection;
  readonly level: number;
  readonly archived: boolean;
}

export const skillLevelLabels = ['Beginner', 'Basic', 'Intermediate', 'Advanced', 'Expert'] as const;

/** 'Advanced (4)' for level 4. */
export function skillLevelLabel(level: number): string {
  return `${skillLevelLabels[level - 1] ?? 'Level'} (${level})`;
}
