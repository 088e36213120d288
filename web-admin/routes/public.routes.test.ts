import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, makeCommunity, makeMember, type BuiltCommunity } from '../../test/builders.js';
import { useTestDatabase } from '../../test/database.js';
import { buildWebApp, Visitor } from '../../test/web-admin.js';

describe('public program pages', () => {
  const database = useTestDatabase();
  const clock = fixedClock('2026-03-04T12:00:00Z');
  let app: FastifyInstance;
  let community: BuiltCommunity;

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock });
    community = await makeCommunity(database.db, { settings: { programName: 'Pair Up', about: 'We pair people.', faq: [{ question: 'Who can join?', answer: 'Everyone in the server.' }] } });
    await makeMember(database.db, community, { role: 'OWNER' });
  });
  afterAll(() => app.close());

  it('shows the landing, about, FAQ and contact pages to anyone', async () => {
    const visitor = new Visitor(app);
    const landing = await visitor.get(`/p/${community.id}`);
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('Pair Up');
    expect(landing.body).toContain('<dt>Members</dt><dd>1</dd>');
    expect((await visitor.get(`/p/${community.id}/about`)).body).toContain('We pair people.');
    expect((await visitor.get(`/p/${community.id}/faq`)).body).toContain('Who can join?');
    expect((await visitor.get(`/p/${community.id}/contact`)).body).toContain('name="website"');
  });

  it('is 404 for a community that does not exist', async () => {
    for (const path of ['/p/999999', '/p/999999/faq', '/p/nope/about', '/p/999999/contact']) expect((await new Visitor(app).get(path)).statusCode, path).toBe(404);
  });

  it('sends a contact message to the admins; an invalid one is 400 with the fields’ messages', async () => {
    const visitor = new Visitor(app);
    const page = `/p/${community.id}/contact`;
    const invalid = await visitor.submit(page, page, { name: '', replyTo: '', message: 'hi' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="field-name-error">Tell us your name.</);
    expect(invalid.body).toMatch(/id="field-message-error">Write at least a sentence/);
    const sent = await visitor.submit(page, page, { name: 'Vera', replyTo: 'vera@example.org', message: 'Can I mentor in Go?' });
    expect([sent.statusCode, sent.headers.location]).toEqual([303, `${page}?done=sent`]);
    const queued = await database.db.selectFrom('outbox').select('payload').where('community_id', '=', community.id).execute();
    expect(JSON.stringify(queued)).toContain('Can I mentor in Go?');
    expect((await visitor.get(String(sent.headers.location))).body).toContain('Your message is on its way');
    expect((await new Visitor(app).submit(page, page, { name: 'x', message: 'no token here' }, { csrf: false })).statusCode).toBe(403);
  });

  it('drops a message whose honeypot field is filled, answering as if it was sent', async () => {
    const before = await database.db.selectFrom('outbox').select('id').where('community_id', '=', community.id).execute();
    const page = `/p/${community.id}/contact`;
    const response = await new Visitor(app).submit(page, page, { name: 'Bot', message: 'Buy cheap things now!!', website: 'http://spam.example' });
    expect(response.statusCode).toBe(303);
    const after = await database.db.selectFrom('outbox').select('id').where('community_id', '=', community.id).execute();
    expect(after).toHaveLength(before.length);
  });

  it('rate-limits the contact form per address', async () => {
    const limited = await buildWebApp({ db: database.db, clock });
    const visitor = new Visitor(limited);
    const page = `/p/${community.id}/contact`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await visitor.submit(page, page, { name: 'Spam', message: 'x', website: 'filled' })).statusCode);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    await limited.close();
  });
});
