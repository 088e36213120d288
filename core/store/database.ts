import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it: one interface per table, kept in step with
 * `migrations/` by hand (a test checks every column exists). Timestamps come
 * back as Date; calendar dates (`date` columns) as 'YYYY-MM-DD' strings, since
 * a date has no time zone and a JS Date would invent one.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<number>;
/** A calendar date, 'YYYY-MM-DD'. */
export type DateOnly = string;

export type Platform = 'discord' | 'slack';
export type MemberRole = 'REGULAR' | 'ADMIN' | 'OWNER';
export type MemberStatus = 'PENDING_APPROVAL' | 'ACTIVE' | 'SUSPENDED' | 'LEFT';
export type OnboardingStep = 'PROFILE' | 'GOALS' | 'SCHEDULE' | 'CODE_OF_CONDUCT' | 'DONE';
export type MentorshipRole = 'MENTOR' | 'MENTEE' | 'BOTH';
export type SkillDirection = 'OFFER' | 'SEEK';
export type MentorshipStatus =
  | 'PENDING' | 'AWAITING_APPROVAL' | 'ACCEPTED' | 'PAUSED'
  | 'REJECTED' | 'WITHDRAWN' | 'EXPIRED' | 'CANCELLED' | 'COMPLETED';
export type ActorKind = 'MEMBER' | 'ADMIN' | 'SYSTEM';
export type SessionStatus = 'PROPOSED' | 'CONFIRMED' | 'CANCELLED' | 'COMPLETED' | 'MISSED';
export type SessionKind = 'VIDEO_CALL' | 'CODE_REVIEW' | 'Q_AND_A' | 'PROJECT_REVIEW' | 'CAREER_GUIDANCE' | 'PAIR_PROGRAMMING';
export type GoalStatus = 'OPEN' | 'DONE' | 'DROPPED';
export type TaskPriority = 'LOW' | 'MEDIUM' | 'HIGH';
export type FeedbackKind = 'SESSION' | 'FINAL';
export type ReportCategory = 'HARASSMENT' | 'NO_SHOW' | 'INAPPROPRIATE_REQUEST' | 'OTHER';
export type ReportStatus = 'OPEN' | 'IN_REVIEW' | 'RESOLVED';
export type SuggestionStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED';
export type MatchingRoundStatus = 'SCHEDULED' | 'PREVIEWED' | 'RUNNING' | 'COMPLETED' | 'CANCELLED';
export type OutboxStatus = 'PENDING' | 'SENT' | 'DEAD';

export interface CommunitiesTable {
  id: Id;
  platform: Platform;
  external_id: string;
  name: string;
  timezone: Generated<string>;
  status: Generated<'ACTIVE' | 'INACTIVE'>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  settings_version: Generated<number>;
  /** Set when an owner uninstalled the program (the community is then INACTIVE); null when the platform took the bot's access away, or never. */
  uninstalled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembersTable {
  id: Id;
  community_id: number;
  platform_user_id: string;
  display_name: string;
  role: Generated<MemberRole>;
  status: Generated<MemberStatus>;
  onboarding_step: Generated<OnboardingStep>;
  onboarded_at: Timestamp | null;
  bio: string | null;
  job_title: string | null;
  years_experience: number | null;
  mentorship_role: MentorshipRole | null;
  mentorship_types: Generated<string[]>;
  timezone: string | null;
  availability: ColumnType<unknown[], string | undefined, string>;
  mentee_capacity: Generated<number>;
  not_taking_mentees_until: Timestamp | null;
  notification_preferences: ColumnType<Record<string, unknown>, string | undefined, string>;
  code_of_conduct_accepted_at: Timestamp | null;
  status_reason: string | null;
  joined_at: CreatedAt;
  left_at: Timestamp | null;
  erased_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MemberBlocksTable {
  member_id: number;
  blocked_member_id: number;
  created_at: CreatedAt;
}

export interface SkillsTable {
  id: Id;
  community_id: number;
  name: string;
  slug: string;
  category: Generated<string>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface MemberSkillsTable {
  member_id: number;
  skill_id: number;
  direction: SkillDirection;
  level: number;
}

export interface MentorshipsTable {
  id: Id;
  community_id: number;
  mentor_id: number | null;
  mentee_id: number | null;
  sender_id: number | null;
  receiver_id: number | null;
  status: Generated<MentorshipStatus>;
  description: string;
  end_date: DateOnly;
  expires_at: Timestamp | null;
  paused_until: DateOnly | null;
  accepted_at: Timestamp | null;
  ended_at: Timestamp | null;
  space_id: string | null;
  message_count: Generated<number>;
  last_activity_at: Timestamp | null;
  matching_round_id: number | null;
  /** A new end date one side proposed, waiting for the other to agree. */
  extension_end_date: DateOnly | null;
  extension_proposed_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MentorshipEventsTable {
  id: Id;
  mentorship_id: number;
  from_status: MentorshipStatus | null;
  to_status: MentorshipStatus;
  actor_kind: ActorKind;
  actor_member_id: number | null;
  reason: string | null;
  created_at: CreatedAt;
}

export interface MentoringSessionsTable {
  id: Id;
  mentorship_id: number;
  proposed_by: number | null;
  status: Generated<SessionStatus>;
  kind: SessionKind;
  starts_at: Timestamp;
  duration_minutes: number;
  agenda: string | null;
  location: string | null;
  notes_encrypted: string | null;
  calendar_sequence: Generated<number>;
  change_reason: string | null;
  /** The reminder job's watermark for every reminder more than an hour ahead (see SessionRecord.advanceRemindersHandledAt). */
  reminded_day_before_at: Timestamp | null;
  /** When the 1-hour reminder was queued. */
  reminded_hour_before_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GoalsTable {
  id: Id;
  mentorship_id: number;
  title: string;
  description: string | null;
  due_date: DateOnly | null;
  status: Generated<GoalStatus>;
  created_by: number | null;
  completed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface TasksTable {
  id: Id;
  mentorship_id: number;
  goal_id: number | null;
  title: string;
  assignee_role: 'MENTOR' | 'MENTEE';
  priority: Generated<TaskPriority>;
  due_date: DateOnly | null;
  done_at: Timestamp | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface FeedbackTable {
  id: Id;
  mentorship_id: number;
  session_id: number | null;
  author_id: number | null;
  subject_id: number | null;
  kind: FeedbackKind;
  rating: number;
  comment: string | null;
  went_well: string | null;
  testimonial: string | null;
  testimonial_public: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ReportsTable {
  id: Id;
  community_id: number;
  reporter_id: number | null;
  reported_member_id: number | null;
  mentorship_id: number | null;
  category: ReportCategory;
  details_encrypted: string;
  status: Generated<ReportStatus>;
  assigned_admin_id: number | null;
  admin_notes_encrypted: string | null;
  resolution_message: string | null;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
}

export interface MatchingRoundsTable {
  id: Id;
  community_id: number;
  status: Generated<MatchingRoundStatus>;
  scheduled_for: Timestamp;
  started_by: number | null;
  total_score: number | null;
  stats: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  completed_at: Timestamp | null;
}

export interface MatchingRoundSkipsTable {
  round_id: number;
  member_id: number;
  created_at: CreatedAt;
}

export interface SuggestionsTable {
  id: Id;
  community_id: number;
  mentor_id: number;
  mentee_id: number;
  matching_round_id: number | null;
  score: number;
  reasons: ColumnType<unknown[], string | undefined, string>;
  status: Generated<SuggestionStatus>;
  declined_by: number | null;
  created_at: CreatedAt;
  responded_at: Timestamp | null;
}

export interface OutboxTable {
  id: Id;
  community_id: number | null;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  dedupe_key: string;
  status: Generated<OutboxStatus>;
  due_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface JobRunsTable {
  job: string;
  slot: string;
  claimed_by: string;
  claimed_at: CreatedAt;
  finished_at: Timestamp | null;
  error: string | null;
}

export interface AuditLogTable {
  id: Id;
  community_id: number;
  actor_member_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
}

export interface LoginLinksTable {
  id: Id;
  member_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface WebSessionsTable {
  token_hash: string;
  platform: Platform;
  platform_user_id: string;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface SlackInstallationsTable {
  id: Id;
  team_id: string;
  enterprise_id: string | null;
  bot_user_id: string | null;
  bot_token_encrypted: string;
  installer_user_id: string | null;
  scopes: Generated<string[]>;
  installation_encrypted: string | null;
  installed_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface Database {
  communities: CommunitiesTable;
  members: MembersTable;
  member_blocks: MemberBlocksTable;
  skills: SkillsTable;
  member_skills: MemberSkillsTable;
  mentorships: MentorshipsTable;
  mentorship_events: MentorshipEventsTable;
  mentoring_sessions: MentoringSessionsTable;
  goals: GoalsTable;
  tasks: TasksTable;
  feedback: FeedbackTable;
  reports: ReportsTable;
  matching_rounds: MatchingRoundsTable;
  matching_round_skips: MatchingRoundSkipsTable;
  suggestions: SuggestionsTable;
  outbox: OutboxTable;
  job_runs: JobRunsTable;
  audit_log: AuditLogTable;
  login_links: LoginLinksTable;
  web_sessions: WebSessionsTable;
  slack_installations: SlackInstallationsTable;
}

export type Community = Selectable<CommunitiesTable>;
export type NewCommunity = Insertable<CommunitiesTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type Mentorship = Selectable<MentorshipsTable>;
export type NewMentorship = Insertable<MentorshipsTable>;
