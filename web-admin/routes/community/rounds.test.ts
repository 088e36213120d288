import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, type BuiltCommunity, type BuiltMember } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { buildWebApp, signedIn, type Visitor } from '../../../test/web-admin.js';

/** Matching rounds on the admin site: the list, a preview, running one and its results, against the real database. */
describe('community routes: matching rounds', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;
  let community: BuiltCommunity;
  let owner: BuiltMember;
  let visitor: Visitor;
  let base: string;

  const round = (id: number) => database.db.selectFrom('matching_rounds').select(['status', 'started_by']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
    community = await makeCommunity(database.db, { name: 'Rounds' });
    owner = await makeMember(database.db, community, { role: 'OWNER', displayName: 'Olive Owner', skills: [] });
    visitor = await signedIn(app, database.db, clock, community, owner);
    base = `/c/${community.id}`;
    await makeMember(database.db, community, { displayName: 'Mo <Mentor>', mentorshipRole: 'MENTOR', skills: [{ slug: 'backend', direction: 'OFFER', level: 4 }] });
    await makeMember(database.db, community, { displayName: 'Mia Mentee', mentorshipRole: 'MENTEE', skills: [{ slug: 'backend', direction: 'SEEK', level: 2 }] });
    await makeMember(database.db, community, { displayName: 'Al Alone', mentorshipRole: 'MENTEE', skills: [{ slug: 'ai-ml', direction: 'SEEK', level: 1 }] });
  });
  afterAll(() => app.close());

  it('lists rounds from the navigation, and previews a scheduled one: pairs with score and reasons, the unmatched with why, scores, greedy', async () => {
    const scheduled = await database.db.insertInto('matching_rounds').values({ community_id: community.id, scheduled_for: new Date('2026-03-09T09:00:00Z') }).returning('id').executeTakeFirstOrThrow();
    const dashboard = await visitor.get(base);
    expect(dashboard.body).toContain(`href="${base}/rounds"`);
    const list = await visitor.get(`${base}/rounds`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('The next round is due 9 Mar 2026, 09:00 UTC');
    expect(list.body).toContain(`href="${base}/rounds/${scheduled.id}/preview"`);

    const preview = await visitor.get(`${base}/rounds/${scheduled.id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Mo &lt;Mentor&gt;');
    expect(preview.body).not.toContain('Mo <Mentor>');
    expect(preview.body).toMatch(/<th scope="row">Mo &lt;Mentor&gt;<\/th><td>Mia Mentee<\/td><td class="num">\d+\.\d<\/td>/);
    expect(preview.body).toContain('<li>Backend: offered at level 4, wanted at level 2</li>');
    expect(preview.body).toMatch(/<th scope="row">Al Alone<\/th><td>mentee<\/td><td>no mentor offers the wanted skill<\/td>/);
    expect(preview.body).toContain('taking the best pairs first: 0.0% less, 1 pair<');
    expect(preview.body).toMatch(/<svg class="chart"[^>]*role="img" aria-labelledby="scores-chart-title scores-chart-desc"/);
    expect(preview.body).toContain('<summary>Show as a table</summary>');
    expect(preview.body).toContain(`action="${base}/rounds/${scheduled.id}/run"`);
    // Previewing stores the stats and sends nothing.
    expect(await round(scheduled.id)).toMatchObject({ status: 'PREVIEWED' });
    expect(await database.db.selectFrom('outbox').select('id').where('community_id', '=', community.id).execute()).toEqual([]);
  });

  it('runs the round: its page shows the pairs proposed and how they answered; stored, sent once, audited', async () => {
    const { id } = await database.db.selectFrom('matching_rounds').select('id').where('community_id', '=', community.id).where('status', '=', 'PREVIEWED').executeTakeFirstOrThrow();
    const page = `${base}/rounds/${id}/preview`;
    const ran = await visitor.submit(page, `${base}/rounds/${id}/run`);
    expect([ran.statusCode, ran.headers.location]).toEqual([303, `${base}/rounds/${id}?done=ran`]);
    expect(await round(id)).toEqual({ status: 'COMPLETED', started_by: owner.id });
    const suggestions = await database.db.selectFrom('suggestions').select(['id', 'status']).where('matching_round_id', '=', id).execute();
    expect(suggestions).toHaveLength(1);
    const dms = await database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', `round:${id}:%`).execute();
    expect(dms).toHaveLength(3); // both sides of the pair, and the member left out
    const audit = await database.db.selectFrom('audit_log').select(['actor_member_id', 'target_id', 'details']).where('community_id', '=', community.id).where('action', '=', 'matching.round-run').execute();
    expect(audit).toEqual([{ actor_member_id: owner.id, target_id: String(id), details: { pairs: 1, totalScore: expect.any(Number) } }]);

    await database.db.updateTable('suggestions').set({ status: 'DECLINED', responded_at: clock.now() }).where('id', '=', suggestions[0]!.id).execute();
    const results = await visitor.get(String(ran.headers.location));
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('The round ran');
    expect(results.body).toMatch(/<dt>Pairs proposed<\/dt><dd>1<\/dd>/);
    expect(results.body).toMatch(/<dt>Declined<\/dt><dd>1<\/dd>/);
    expect(results.body).toMatch(/<dt>Accepted<\/dt><dd>0<\/dd>/);
    expect(results.body).toMatch(/<dt>Waiting for an answer<\/dt><dd>0<\/dd>/);
    expect(results.body).toContain('Mo &lt;Mentor&gt;');
    expect(results.body).toContain('no mentor offers the wanted skill');

    // Once run: running again is refused with the core's message, and its preview leads to the results.
    const again = await visitor.submit(`${base}/rounds/${id}`, `${base}/rounds/${id}/run`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This round has already run.');
    expect(await database.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `round:${id}:%`).execute()).toHaveLength(3);
    const preview = await visitor.get(`${base}/rounds/${id}/preview`);
    expect([preview.statusCode, preview.headers.location]).toEqual([303, `${base}/rounds/${id}`]);
  });

  it('previews a new round when none is waiting (a POST), and lists it', async () => {
    const response = await visitor.submit(`${base}/rounds`, `${base}/rounds/preview`);
    expect(response.statusCode).toBe(303);
    const id = Number(/\/rounds\/(\d+)\/preview$/.exec(String(response.headers.location))?.[1]);
    expect(await round(id)).toEqual({ status: 'PREVIEWED', started_by: owner.id });
    expect((await visitor.get(String(response.headers.location))).statusCode).toBe(200);
    const list = await visitor.get(`${base}/rounds`);
    expect(list.body).toContain(`href="${base}/rounds/${id}/preview"`);
  });

  it('answers 404 for a round id that does not exist or is not a number', async () => {
    for (const path of ['/rounds/99999999', '/rounds/99999999/preview', '/rounds/abc', '/rounds/abc/preview']) expect((await visitor.get(`${base}${path}`)).statusCode, path).toBe(404);
    expect((await visitor.submit(`${base}/rounds`, `${base}/rounds/99999999/run`)).statusCode).toBe(404);
  });
});
