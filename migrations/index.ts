import type { Migration } from 'kysely';
import * as createCommunitiesAndMembers from './0001_create_communities_and_members.js';
import * as createSkills from './0002_create_skills.js';
import * as createMentorships from './0003_create_mentorships.js';
import * as createMentorshipToolkit from './0004_create_mentorship_toolkit.js';
import * as createMatching from './0005_create_matching.js';
import * as createOutboxAndJobs from './0006_create_outbox_and_jobs.js';
import * as createAdminAccess from './0007_create_admin_access.js';
import * as createSlackInstallations from './0008_create_slack_installations.js';
import * as addMentorshipExtension from './0009_add_mentorship_extension.js';
import * as addCommunityUninstalledAt from './0010_add_community_uninstalled_at.js';

/**
 * Every migration, by name, in order. Listed in code rather than read from the
 * folder so the same list works under tsx, the compiled build and vitest.
 * A migration never changes after it lands: add a new file instead.
 */
export const migrations: Record<string, Migration> = {
  '0001_create_communities_and_members': createCommunitiesAndMembers,
  '0002_create_skills': createSkills,
  '0003_create_mentorships': createMentorships,
  '0004_create_mentorship_toolkit': createMentorshipToolkit,
  '0005_create_matching': createMatching,
  '0006_create_outbox_and_jobs': createOutboxAndJobs,
  '0007_create_admin_access': createAdminAccess,
  '0008_create_slack_installations': createSlackInstallations,
  '0009_add_mentorship_extension': addMentorshipExtension,
  '0010_add_community_uninstalled_at': addCommunityUninstalledAt,
};
