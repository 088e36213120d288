import { describe, expect, it } from 'vitest';
import { actorFor, expectOk, expectProblem, makeCommunity, makeMember, makeMentorship } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { openReportForm, reportValuesFromForm } from './report-form.js';

describe('the report form', () => {
  const database = useTestDatabase();
  const deps = () => ({ db: database.db });

  it('is about a member by id or platform user, or the other side of the pair space it is used in', async () => {
    const community = await makeCommunity(database.db);
    const me = await makeMember(database.db, community);
    const other = await makeMember(database.db, community);
    const { id: mentorshipId } = await makeMentorship(database.db, community, { mentor: other, mentee: me, spaceId: 'thread-1' });
    expect(expectOk(await openReportForm(deps(), actorFor(me), { subject: { platformUserId: other.platformUserId } })).customId).toBe(`mentor:report:file-member:${other.id}`);
    expect(expectOk(await openReportForm(deps(), actorFor(me), { subject: { placeId: 'thread-1' } })).customId).toBe(`mentor:report:file-mentorship:${mentorshipId}`);
    const elsewhere = expectProblem(await openReportForm(deps(), actorFor(me), { subject: { placeId: 'general' } }));
    expect(elsewhere).toMatchObject({ code: 'invalid-input', fields: [{ field: 'member', message: 'Name the member the report is about.' }] });
    expect(expectProblem(await openReportForm(deps(), actorFor(me), { subject: { memberId: me.id } })).message).toBe('You cannot report yourself.');
    expect(expectProblem(await openReportForm(deps(), actorFor(other), { subject: { platformUserId: 'nobody-here' } })).code).toBe('not-found');
    const stranger = await makeMember(database.db, community);
    expect(expectProblem(await openReportForm(deps(), actorFor(stranger), { subject: { mentorshipId } })).code).toBe('not-found');
  });

  it('carries a reported message’s link, added to the details only after the reporter’s own words', async () => {
    const community = await makeCommunity(database.db);
    const me = await makeMember(database.db, community);
    const other = await makeMember(database.db, community);
    const form = expectOk(await openReportForm(deps(), actorFor(me), { subject: { memberId: other.id }, messageLink: 'https://chat.example.org/m/1', excerpt: 'you again?' }));
    expect(form.inputs.map((input) => [input.id, input.type === 'text' ? input.value : undefined])).toEqual([
      ['category', undefined], ['details', undefined], ['message', 'https://chat.example.org/m/1\n“you again?”'],
    ]);
    const words = 'Sent me this at 3 am, twice.';
    expect(reportValuesFromForm({ category: ['HARASSMENT'], details: words, message: 'https://chat.example.org/m/1' })).toEqual({
      category: 'HARASSMENT', details: `${words}\n\nAbout this message: https://chat.example.org/m/1`,
    });
    // Too short on its own: left as typed, so the core names the details field.
    expect(reportValuesFromForm({ category: ['OTHER'], details: 'Rude.', message: 'https://chat.example.org/m/1' }).details).toBe('Rude.');
  });
});
