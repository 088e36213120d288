import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember } from '../../../test/builders.js';
import { useTestDatabase } from '../../../test/database.js';
import { buildWebApp, signedIn } from '../../../test/web-admin.js';

/** The settings that apply to one platform only: the Slack pair space. */
describe('settings page: the Slack pair space', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
  });
  afterAll(() => app.close());

  const fields = {
    programName: 'Pairs', about: '', requestExpiryDays: '7', 'reminders.silentPairDays': '14', 'codeOfConduct.text': '',
    'branding.name': '', 'branding.colour': '#112233', 'branding.logoUrl': '',
  };
  const stored = async (id: number) => (await database.db.selectFrom('communities').select('settings').where('id', '=', id).executeTakeFirstOrThrow()).settings;

  it('is offered to a Slack workspace, and a group DM is saved as its choice', async () => {
    const community = await makeCommunity(database.db, { platform: 'slack', externalId: 'T0SETTINGS' });
    const visitor = await signedIn(app, database.db, clock, community, await makeMember(database.db, community, { role: 'OWNER' }));
    const base = `/c/${community.id}`;
    const form = await visitor.get(`${base}/settings`);
    expect(form.body).toContain('name="slack.pairSpace"');
    expect(form.body).toMatch(/<option value="private-channel" selected>/);

    const saved = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'slack.pairSpace': 'group-dm' });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${base}/settings?done=saved`]);
    expect(await stored(community.id)).toMatchObject({ slack: { pairSpace: 'group-dm' } });
    expect((await visitor.get(`${base}/settings`)).body).toMatch(/<option value="group-dm" selected>/);

    const refused = await visitor.submit(`${base}/settings`, `${base}/settings`, { ...fields, 'slack.pairSpace': 'thread' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="field-slack-pairSpace-error">Choose a private channel or a group DM for the pairs.<');
    expect(await stored(community.id)).toMatchObject({ slack: { pairSpace: 'group-dm' } });
  });

  it('is not shown to a Discord server, whose saved settings leave it out', async () => {
    const community = await makeCommunity(database.db);
    const visitor = await signedIn(app, database.db, clock, community, await makeMember(database.db, community, { role: 'OWNER' }));
    const base = `/c/${community.id}`;
    expect((await visitor.get(`${base}/settings`)).body).not.toContain('slack.pairSpace');
    await visitor.submit(`${base}/settings`, `${base}/settings`, fields);
    expect(await stored(community.id)).not.toHaveProperty('slack');
  });
});
