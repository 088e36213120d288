import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCommunity } from '../bot/seed/demo-community.js';
import { createLoginLink } from '../core/admin/create-login-link.js';
import { resolveActor } from '../core/access/resolve-actor.js';
import { systemClock } from '../core/ports/clock.js';
import { useTestDatabase } from '../test/database.js';
import { webApp } from './app.js';
import { siteCipher, testSecretKey } from '../test/web-admin.js';

/**
 * The site in a real browser (Debian's Chromium through playwright-core),
 * against a server on 127.0.0.1 and the demo community. No JavaScript runs in
 * the pages: everything here is links and forms. A missing Chromium fails
 * the run: install it with `apt-get install -y chromium`.
 */
const chromiumPath = '/usr/bin/chromium';

describe('the admin site in a browser', () => {
  const database = useTestDatabase();
  let server: FastifyInstance;
  let browser: Browser;
  let origin: string;
  let communityId: number;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`Chromium is not installed at ${chromiumPath}: run apt-get install -y chromium (the browser tests need it)`);
    communityId = (await seedDemoCommunity(database.db, siteCipher)).communityId;
    server = Fastify({ logger: false });
    // The origin is only known once listening; cookies are not Secure on http, whatever the public URL says.
    await server.register(webApp, {
      readiness: [],
      isShuttingDown: () => false,
      admin: { db: database.db, clock: systemClock, publicUrl: 'http://127.0.0.1', secretKey: testSecretKey, secureCookies: false },
    });
    origin = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A browser context signed in as the demo owner (Ada) through a real login link. */
  async function signIn(): Promise<{ context: BrowserContext; page: Page }> {
    const actor = await resolveActor(database.db, { communityId, platformUserId: 'demo-ada' });
    const link = await createLoginLink({ db: database.db, clock: systemClock }, actor, { publicUrl: origin });
    if (!link.ok) throw new Error(link.problem.message);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(link.value.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${origin}/c/${communityId}`);
    return { context, page };
  }

  it('signs in with a link and lands on the dashboard', async () => {
    const { context, page } = await signIn();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    expect(await page.locator('svg.chart').count()).toBe(4);
    const screenshots = process.env.ADMIN_SCREENSHOTS;
    if (screenshots) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: path.join(screenshots, 'dashboard-desktop.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(screenshots, 'dashboard-phone.png'), fullPage: true });
    }
    // Used once: the same link now says so.
    await context.close();
  }, 60_000);

  it('suspends a member with a reason', async () => {
    const { context, page } = await signIn();
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByLabel('Reason for suspending Dana Levi').fill('Shared another member’s private details');
    const dana = await database.db.selectFrom('members').select('id').where('community_id', '=', communityId).where('platform_user_id', '=', 'demo-dana').executeTakeFirstOrThrow();
    await page.locator(`#member-${dana.id}`).getByRole('button', { name: 'Suspend' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('The member was suspended');
    const row = await database.db.selectFrom('members').select(['status', 'status_reason']).where('platform_user_id', '=', 'demo-dana').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'SUSPENDED', status_reason: 'Shared another member’s private details' });
    await context.close();
  }, 60_000);

  it('changes a setting, and shows a mistake next to its field', async () => {
    const { context, page } = await signIn();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Colour').fill('purple');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.locator('#field-branding-colour-error').textContent()).toBe('Use a hex colour such as #5865F2.');
    await page.getByLabel('Colour').fill('#7B2FBE');
    await page.getByLabel('Program name').fill('Demo Mentorship Circle');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Settings saved.');
    const stored = await database.db.selectFrom('communities').select('settings').where('id', '=', communityId).executeTakeFirstOrThrow();
    expect(stored.settings).toMatchObject({ programName: 'Demo Mentorship Circle', branding: { colour: '#7B2FBE' } });
    await context.close();
  }, 60_000);

  it('downloads a CSV export', async () => {
    const { context, page } = await signIn();
    await page.getByRole('link', { name: 'Exports' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Mentorships (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`community-${communityId}-mentorships.csv`);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe('id,status,mentor,mentee,description,end date,requested at,accepted at,ended at,last activity at,messages,sessions completed');
    expect(csv).toContain('Ada Okafor');
    await context.close();
  }, 60_000);

  it('previews the next matching round, runs it, and shows how the pairs answer', async () => {
    const { context, page } = await signIn();
    await page.getByRole('link', { name: 'Matching rounds' }).click();
    await page.getByRole('button', { name: 'Preview the next round' }).click();
    await page.waitForURL(/\/rounds\/\d+\/preview$/);
    const roundId = Number(/\/rounds\/(\d+)\/preview$/.exec(page.url())?.[1]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Preview of matching round #${roundId}`);
    const pairs = await page.getByRole('table', { name: 'Proposed pairs, best score first' }).locator('tbody tr').count();
    expect(pairs).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: 'Pair scores' }).count()).toBe(1);
    // Previewing sent nothing.
    expect(await database.db.selectFrom('suggestions').select('id').where('matching_round_id', '=', roundId).execute()).toEqual([]);

    await page.getByRole('button', { name: 'Run this round' }).click();
    await page.waitForURL(`${origin}/c/${communityId}/rounds/${roundId}?done=ran`);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('The round ran');
    const round = await database.db.selectFrom('matching_rounds').select('status').where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(round.status).toBe('COMPLETED');
    const suggestions = await database.db.selectFrom('suggestions').select('status').where('matching_round_id', '=', roundId).execute();
    expect(suggestions).toHaveLength(pairs);
    expect(await page.getByRole('table', { name: 'The round’s pairs and their answers, best score first' }).locator('tbody tr').count()).toBe(pairs);
    await context.close();
  }, 60_000);

  it('finds no error page and no broken link when an owner follows every link', async () => {
    const { context, page } = await signIn();
    const seen = new Set<string>();
    const queue = ['/'];
    const failures: string[] = [];
    while (queue.length > 0 && seen.size < 300) {
      const target = queue.shift() ?? '/';
      if (seen.has(target)) continue;
      seen.add(target);
      if (target.endsWith('.csv')) {
        const response = await context.request.get(origin + target);
        if (response.status() >= 400) failures.push(`${target}: ${response.status()}`);
        continue;
      }
      const response = await page.goto(origin + target);
      const status = response?.status() ?? 0;
      if (status >= 400 || status === 0) failures.push(`${target}: ${status}`);
      if (await page.getByText('Something went wrong').count()) failures.push(`${target}: error page`);
      const hrefs = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((anchor) => (anchor as unknown as { href: string }).href));
      for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        const next = url.pathname + url.search;
        if (!seen.has(next)) queue.push(next);
      }
    }
    expect(failures).toEqual([]);
    expect(seen.size).toBeGreaterThan(25);
    // The new pages are among those followed: the rounds, a round's results, the danger zone.
    for (const path of ['/rounds', '/danger-zone']) expect(seen.has(`/c/${communityId}${path}`), path).toBe(true);
    expect([...seen].some((path) => /^\/c\/\d+\/rounds\/\d+$/.test(path))).toBe(true);
    await context.close();
  }, 180_000);
});
