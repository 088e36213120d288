import type { Kysely } from 'kysely';
import type { Database, FeedbackKind } from '../store/database.js';

export interface FeedbackRecord {
  readonly id: number;
  readonly mentorshipId: number;
  readonly sessionId: number | null;
  readonly authorId: number | null;
  readonly subjectId: number | null;
  readonly kind: FeedbackKind;
  readonly rating: number;
  readonly comment: string | null;
  readonly wentWell: string | null;
  readonly testimonial: string | null;
  readonly testimonialPublic: boolean;
  readonly createdAt: Date;
}

/** A mentorship's feedback, both sides', oldest first. */
export async function listMentorshipFeedback(db: Kysely<Database>, mentorshipId: number): Promise<FeedbackRecord[]> {
  const rows = await db
    .selectFrom('feedback')
    .select(['id', 'mentorship_id', 'session_id', 'author_id', 'subject_id', 'kind', 'rating', 'comment', 'went_well', 'testimonial', 'testimonial_public', 'created_at'])
    .where('mentorship_id', '=', mentorshipId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id, mentorshipId: row.mentorship_id, sessionId: row.session_id, authorId: row.author_id, subjectId: row.subject_id, kind: row.kind, rating: row.rating,
    comment: row.comment, wentWell: row.went_well, testimonial: row.testimonial, testimonialPublic: row.testimonial_public, createdAt: row.created_at,
  }));
}
