import type { Kysely } from 'kysely';
import type { CommunitySettings } from '../communities/settings.js';
import type { MemberRecord, MemberSkill } from '../members/member.js';
import type { Outcome } from '../outcome.js';
import type { FormValues, ModalSpec } from '../reply.js';
import type { Skill } from '../skills/skill.repository.js';
import type { Database } from '../store/database.js';

/** The parts of a profile a member fills in by form, during onboarding and when editing later. */
export type ProfileSectionName = 'PROFILE' | 'GOALS' | 'SCHEDULE';
export const profileSectionNames: readonly ProfileSectionName[] = ['PROFILE', 'GOALS', 'SCHEDULE'];

/** What a section needs to build its form and check answers. */
export interface SectionContext {
  readonly member: MemberRecord;
  readonly skills: readonly MemberSkill[];
  /** The community's active skills. */
  readonly catalog: readonly Skill[];
  readonly settings: CommunitySettings;
}

/** Writes checked answers; runs inside the caller's transaction. */
export type SaveSection = (db: Kysely<Database>, now: Date) => Promise<void>;

/**
 * One profile section: its form, prefilled from the profile, and the check of
 * a submission. `parse` writes nothing: it returns either the problem, naming
 * each field by its input id, or the function that saves, so nothing is ever
 * half-saved.
 */
export interface ProfileSection {
  readonly name: ProfileSectionName;
  /** Short, for step titles and buttons. */
  readonly title: string;
  form(context: SectionContext, customId: string): ModalSpec;
  parse(values: FormValues, context: SectionContext): Outcome<SaveSection>;
}
