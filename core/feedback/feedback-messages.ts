import { interactionId } from '../interaction-ids.js';
import type { MemberRecord } from '../members/member.js';
import type { Message } from '../reply.js';

export const feedbackNotices = {
  /** To the subject of new feedback: who gave it, and a button to read it (feedback is visible to both sides). */
  received: (author: MemberRecord, mentorshipId: number): Message => ({
    kind: 'message',
    visibility: 'private',
    title: 'New feedback',
    body: [{ mention: author.platformUserId }, ' left feedback on your mentorship.'],
    actions: [{ type: 'button', customId: interactionId('feedback', 'view', mentorshipId), label: 'Read it', style: 'secondary' }],
  }),
};
