import type { AvailabilityWindow } from '../members/availability.js';
import type { MemberRecord, MemberSkill } from '../members/member.js';
import type { NotificationPreferences } from '../members/notification-preferences.js';
import type { MemberRole, MemberStatus, MentorshipRole, OnboardingStep } from '../store/database.js';
import type { PersonalStats } from './personal-stats.js';

/** What other members see: what matching needs, nothing private. */
export interface PublicProfile {
  readonly memberId: number;
  readonly platformUserId: string;
  readonly displayName: string;
  readonly jobTitle: string | null;
  readonly yearsExperience: number | null;
  readonly bio: string | null;
  readonly mentorshipRole: MentorshipRole | null;
  readonly mentorshipTypes: readonly string[];
  readonly offers: readonly MemberSkill[];
  readonly seeks: readonly MemberSkill[];
  readonly timezone: string | null;
  readonly availability: readonly AvailabilityWindow[];
  readonly menteeCapacity: number;
  readonly notTakingMenteesUntil: Date | null;
  readonly stats: PersonalStats;
}

/** The member's own view: the public profile plus their settings and standing. */
export interface OwnProfile extends PublicProfile {
  readonly role: MemberRole;
  readonly status: MemberStatus;
  readonly onboardingStep: OnboardingStep;
  readonly notificationPreferences: NotificationPreferences;
  readonly codeOfConductAcceptedAt: Date | null;
}

export function toPublicProfile(member: MemberRecord, skills: readonly MemberSkill[], stats: PersonalStats): PublicProfile {
  return {
    memberId: member.id,
    platformUserId: member.platformUserId,
    displayName: member.displayName,
    jobTitle: member.jobTitle,
    yearsExperience: member.yearsExperience,
    bio: member.bio,
    mentorshipRole: member.mentorshipRole,
    mentorshipTypes: member.mentorshipTypes,
    offers: skills.filter((skill) => skill.direction === 'OFFER'),
    seeks: skills.filter((skill) => skill.direction === 'SEEK'),
    timezone: member.timezone,
    availability: member.availability,
    menteeCapacity: member.menteeCapacity,
    notTakingMenteesUntil: member.notTakingMenteesUntil,
    stats,
  };
}

export function toOwnProfile(member: MemberRecord, skills: readonly MemberSkill[], stats: PersonalStats): OwnProfile {
  return {
    ...toPublicProfile(member, skills, stats),
    role: member.role,
    status: member.status,
    onboardingStep: member.onboardingStep,
    notificationPreferences: member.notificationPreferences,
    codeOfConductAcceptedAt: member.codeOfConductAcceptedAt,
  };
}
