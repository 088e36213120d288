import { sql, type Kysely } from 'kysely';
import { CorruptDataError } from '../errors.js';
import { availability } from '../members/availability.js';
import type { Database, MentorshipStatus } from '../store/database.js';
import { toMatchingMember, UtcOffsets, type MatchingLimits, type MatchingMember, type StoredMatchingFacts } from './matching-profile.js';

/** Statuses of a mentorship that is still going on (a request counts: it holds a seat while it waits). */
export const openMentorshipStatuses: readonly MentorshipStatus[] = ['PENDING', 'AWAITING_APPROVAL', 'ACCEPTED', 'PAUSED'];

export interface MatchingSnapshot {
  readonly members: MatchingMember[];
  /** Active skills of the community by id, for the explanations. */
  readonly skillNames: ReadonlyMap<number, string>;
}

/**
 * Everything matching needs about the community's ACTIVE, onboarded members, one query per table.
 * With `onlyMemberId`, just that member (empty when they do not take part in matching).
 */
export async function loadMatchingSnapshot(
  db: Kysely<Database>,
  communityId: number,
  limits: MatchingLimits,
  now: Date,
  options: { onlyMemberId?: number } = {},
): Promise<MatchingSnapshot> {
  const only = options.onlyMemberId;
  let memberQuery = db
    .selectFrom('members')
    .select(['id', 'mentorship_role', 'mentorship_types', 'timezone', 'availability', 'years_experience', 'mentee_capacity', 'not_taking_mentees_until'])
    .where('community_id', '=', communityId)
    .where('status', '=', 'ACTIVE')
    .where('onboarding_step', '=', 'DONE')
    .where('erased_at', 'is', null);
  if (only !== undefined) memberQuery = memberQuery.where('id', '=', only);

  let skillQuery = db
    .selectFrom('member_skills')
    .innerJoin('members', 'members.id', 'member_skills.member_id')
    .innerJoin('skills', 'skills.id', 'member_skills.skill_id')
    .select(['member_skills.member_id', 'member_skills.skill_id', 'member_skills.direction', 'member_skills.level'])
    .where('members.community_id', '=', communityId)
    .where('members.status', '=', 'ACTIVE')
    .where('skills.archived_at', 'is', null);
  if (only !== undefined) skillQuery = skillQuery.where('member_skills.member_id', '=', only);

  let openQuery = db
    .selectFrom('mentorships')
    .select(['mentor_id', 'mentee_id'])
    .where('community_id', '=', communityId)
    .where('status', 'in', openMentorshipStatuses);
  if (only !== undefined) openQuery = openQuery.where((eb) => eb.or([eb('mentor_id', '=', only), eb('mentee_id', '=', only)]));

  const [memberRows, skillRows, openRows, answerRows, skillNameRows] = await Promise.all([
    memberQuery.execute(),
    skillQuery.execute(),
    openQuery.execute(),
    medianAnswerHours(db, communityId, only),
    db.selectFrom('skills').select(['id', 'name']).where('community_id', '=', communityId).where('archived_at', 'is', null).execute(),
  ]);

  const skillsOf = new Map<number, StoredMatchingFacts['skills'][number][]>();
  for (const row of skillRows) {
    let list = skillsOf.get(row.member_id);
    if (!list) skillsOf.set(row.member_id, (list = []));
    list.push({ skillId: row.skill_id, direction: row.direction, level: row.level });
  }
  const openAsMentor = new Map<number, number>();
  const openAsMentee = new Map<number, number>();
  for (const row of openRows) {
    if (row.mentor_id !== null) openAsMentor.set(row.mentor_id, (openAsMentor.get(row.mentor_id) ?? 0) + 1);
    if (row.mentee_id !== null) openAsMentee.set(row.mentee_id, (openAsMentee.get(row.mentee_id) ?? 0) + 1);
  }
  const answers = new Map(answerRows.map((row) => [row.memberId, row.hours]));

  const offsets = new UtcOffsets(now);
  const members = memberRows.map((row) => {
    const windows = availability.safeParse(row.availability);
    if (!windows.success) throw new CorruptDataError(`member ${row.id} has unreadable availability`);
    const facts: StoredMatchingFacts = {
      memberId: row.id,
      mentorshipRole: row.mentorship_role,
      mentorshipTypes: row.mentorship_types,
      timezone: row.timezone,
      availability: windows.data,
      yearsExperience: row.years_experience,
      menteeCapacity: row.mentee_capacity,
      notTakingMenteesUntil: row.not_taking_mentees_until,
      // Sorted so the same profile always scores in the same order, whatever order the rows came in.
      skills: (skillsOf.get(row.id) ?? []).sort((left, right) => left.skillId - right.skillId),
      openAsMentor: openAsMentor.get(row.id) ?? 0,
      openAsMentee: openAsMentee.get(row.id) ?? 0,
      medianAnswerHours: answers.get(row.id) ?? null,
    };
    return toMatchingMember(facts, limits, now, offsets);
  });
  members.sort((left, right) => left.memberId - right.memberId);
  return { members, skillNames: new Map(skillNameRows.map((row) => [row.id, row.name])) };
}

/**
 * Median hours each member took to answer the requests they received: from the request to its first
 * move out of PENDING (accepted, rejected, or expired unanswered, which counts its whole wait).
 * Withdrawn requests are left out: the sender moved, not the receiver.
 */
async function medianAnswerHours(db: Kysely<Database>, communityId: number, only: number | undefined): Promise<{ memberId: number; hours: number }[]> {
  const onlyFilter = only === undefined ? sql`` : sql`and m.receiver_id = ${only}`;
  const result = await sql<{ member_id: number | string; hours: number | string }>`
    select m.receiver_id as member_id,
           percentile_cont(0.5) within group (order by extract(epoch from (answer.at - m.created_at)) / 3600) as hours
      from mentorships m
      join lateral (
        select min(e.created_at) as at from mentorship_events e
         where e.mentorship_id = m.id and e.from_status = 'PENDING' and e.to_status <> 'WITHDRAWN'
      ) answer on answer.at is not null
     where m.community_id = ${communityId} and m.receiver_id is not null ${onlyFilter}
     group by m.receiver_id`.execute(db);
  return result.rows.map((row) => ({ memberId: Number(row.member_id), hours: Math.max(0, Number(row.hours)) }));
}

/**
 * Pairs never to suggest, either way round: a declined suggestion, any mentorship or request between
 * them except one the sender withdrew (open, past, rejected, expired), and a block either way. With
 * `memberId`, only the pairs that member is part of.
 */
export async function loadExcludedPairs(db: Kysely<Database>, communityId: number, memberId?: number): Promise<ExcludedPairs> {
  let declined = db.selectFrom('suggestions').select(['mentor_id as left', 'mentee_id as right']).where('community_id', '=', communityId).where('status', '=', 'DECLINED');
  let together = db
    .selectFrom('mentorships')
    .select(['mentor_id as left', 'mentee_id as right'])
    .where('community_id', '=', communityId)
    .where('status', '<>', 'WITHDRAWN');
  let blocks = db
    .selectFrom('member_blocks')
    .innerJoin('members', 'members.id', 'member_blocks.member_id')
    .select(['member_blocks.member_id as left', 'member_blocks.blocked_member_id as right'])
    .where('members.community_id', '=', communityId);
  if (memberId !== undefined) {
    declined = declined.where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)]));
    together = together.where((eb) => eb.or([eb('mentor_id', '=', memberId), eb('mentee_id', '=', memberId)]));
    blocks = blocks.where((eb) => eb.or([eb('member_blocks.member_id', '=', memberId), eb('member_blocks.blocked_member_id', '=', memberId)]));
  }
  const pairs = new ExcludedPairs();
  for (const rows of await Promise.all([declined.execute(), together.execute(), blocks.execute()])) {
    for (const row of rows) if (row.left !== null && row.right !== null) pairs.add(Number(row.left), Number(row.right));
  }
  return pairs;
}

/** A symmetric set of member pairs: (a, b) is in it exactly when (b, a) is. */
export class ExcludedPairs {
  private readonly others = new Map<number, Set<number>>();

  add(a: number, b: number): void {
    this.side(a).add(b);
    this.side(b).add(a);
  }

  has(a: number, b: number): boolean {
    return this.others.get(a)?.has(b) ?? false;
  }

  /** Everyone `memberId` must not be paired with. */
  of(memberId: number): ReadonlySet<number> {
    return this.others.get(memberId) ?? new Set();
  }

  private side(memberId: number): Set<number> {
    let set = this.others.get(memberId);
    if (!set) this.others.set(memberId, (set = new Set()));
    return set;
  }
}

/**
 * A cheap fingerprint of what the matching index is built from: it changes when a member joins, leaves or
 * edits their profile or skills, a mentorship moves, or the settings change. Aggregates over indexed
 * columns, so a large community answers in milliseconds.
 */
export async function matchingFingerprint(db: Kysely<Database>, communityId: number): Promise<string> {
  const result = await sql<{ fingerprint: string }>`
    select concat_ws('|',
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from members where community_id = ${communityId}),
      (select count(*) || ':' || coalesce(sum(ms.level * (ms.skill_id % 1000 + 1)), 0)
         from member_skills ms join members mb on mb.id = ms.member_id where mb.community_id = ${communityId}),
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from mentorships where community_id = ${communityId}),
      (select updated_at::text from communities where id = ${communityId})
    ) as fingerprint`.execute(db);
  return result.rows[0]?.fingerprint ?? '';
}
