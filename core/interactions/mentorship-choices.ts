import { sql } from 'kysely';
import type { Actor } from '../access/actor.js';
import { authorizeMember } from '../access/authorize.js';
import type { CoreDeps } from '../deps.js';
import { runningMentorshipStatuses } from '../mentorships/mentorship.js';
import { ok, type Outcome } from '../outcome.js';
import type { MentorshipStatus } from '../store/database.js';
import { mentorshipLabel } from './choose-mentorship.js';

/** A mentorship as a choice: its id as the value, "Mentoring Ana: description" as the name. */
export interface MentorshipChoiceItem {
  readonly value: string;
  readonly name: string;
}

/**
 * The member's own mentorships matching what they typed (the other member's
 * name or the description), newest first, at most 25: the choices of a
 * `mentorship` option while typing (Discord's autocomplete). Running ones
 * unless `statuses` says otherwise (`feedback` also offers ended ones).
 */
export async function listMentorshipChoices(
  deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  input: { typed: string; statuses?: readonly MentorshipStatus[] },
): Promise<Outcome<MentorshipChoiceItem[]>> {
  const auth = authorizeMember(actor, 'mentorship.list-own');
  if (!auth.ok) return auth;
  const { communityId, memberId } = auth.value;
  const typed = input.typed.trim();
  const pattern = `%${typed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const rows = await deps.db
    .selectFrom('mentorships as m')
    .leftJoin('members as other', (join) =>
      join.on((eb) => eb('other.id', '=', eb.case().when('m.mentor_id', '=', memberId).then(eb.ref('m.mentee_id')).else(eb.ref('m.mentor_id')).end())),
    )
    .select(['m.id', 'm.mentor_id', 'm.description', 'other.display_name', 'other.erased_at'])
    .where('m.community_id', '=', communityId)
    .where((eb) => eb.or([eb('m.mentor_id', '=', memberId), eb('m.mentee_id', '=', memberId)]))
    .where('m.status', 'in', [...(input.statuses ?? runningMentorshipStatuses)])
    .$if(typed !== '', (query) =>
      query.where(sql<boolean>`(m.description ilike ${pattern} or (other.erased_at is null and other.display_name ilike ${pattern}))`))
    .orderBy('m.id', 'desc')
    .limit(25)
    .execute();
  return ok(rows.map((row) => ({
    value: String(row.id),
    name: mentorshipLabel(row.mentor_id === memberId ? 'MENTOR' : 'MENTEE', row.erased_at === null ? row.display_name : null, row.description),
  })));
}
