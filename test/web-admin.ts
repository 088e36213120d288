import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { createFieldCipher } from '../adapters/crypto/field-cipher.js';
import { startWebSession } from '../core/admin/web-sessions.js';
import type { Clock } from '../core/ports/clock.js';
import { reportMember, reportMentorship } from '../core/reports/create-report.js';
import type { ReportCategory } from '../core/store/database.js';
import type { Database } from '../core/store/database.js';
import { actorFor, expectOk, type BuiltCommunity, type BuiltMember } from './builders.js';
import { webApp } from '../web-admin/app.js';
import type { AdminSiteOptions } from '../web-admin/options.js';

export const testSecretKey = 'test-secret-key-0123456789abcdef0123456789';

/** The web app with the admin site, as `bot/app.ts` builds it, for `inject` (no port). */
export async function buildWebApp(options: { db: Kysely<Database>; clock: Clock } & Partial<AdminSiteOptions>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(webApp, {
    readiness: [],
    isShuttingDown: () => false,
    admin: { publicUrl: 'http://admin.test', secretKey: testSecretKey, ...options },
  });
  await app.ready();
  return app;
}

/** A browser's cookie jar, just enough for inject: remembers Set-Cookie and sends the cookies back. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      // Only a cleared cookie counts as gone (expiry in 1970): tests run on fixed clocks, not the wall clock.
      const expired = (cookie.expires && cookie.expires.getTime() <= 0) || cookie.maxAge === 0 || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A visitor with their own cookies: GET pages, POST forms with the page's CSRF token. */
export class Visitor {
  readonly jar = new CookieJar();

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.jar.header() } });
    this.jar.store(response);
    return response;
  }

  /** Loads `formPage` for a token (like a browser showing the form), then posts `fields` to `url`. */
  async submit(formPage: string, url: string, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const page = await this.get(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (options.csrf !== false && !token) throw new Error(`no CSRF token on ${formPage} (status ${page.statusCode})`);
    return this.post(url, options.csrf === false ? fields : { ...fields, _csrf: token ?? '' });
  }

  async post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    this.jar.store(response);
    return response;
  }
}

/** A visitor signed in as the member (a session row and its cookie, as a used login link would leave them). */
export async function signedIn(app: FastifyInstance, db: Kysely<Database>, clock: Clock, community: BuiltCommunity, member: BuiltMember): Promise<Visitor> {
  const visitor = new Visitor(app);
  const session = await startWebSession(db, { platform: community.platform, platformUserId: member.platformUserId }, clock.now());
  visitor.jar.set('mentor_session', session.token);
  return visitor;
}

/** The field cipher the site builds from {@link testSecretKey}: reports filed with it open on the site's pages. */
export const siteCipher = createFieldCipher(testSecretKey);

/** A report filed by `reporter` through the reports core, about a member or a mentorship they are in; its id. */
export async function fileReport(
  db: Kysely<Database>,
  clock: Clock,
  reporter: BuiltMember,
  about: { memberId: number } | { mentorshipId: number },
  values: { category?: ReportCategory; details?: string } = {},
): Promise<number> {
  const deps = { db, clock, cipher: siteCipher };
  const input = { category: values.category ?? 'HARASSMENT', details: values.details ?? 'Sent insulting messages after our session ended.' };
  const filed = 'memberId' in about
    ? await reportMember(deps, actorFor(reporter), { memberId: about.memberId, values: input })
    : await reportMentorship(deps, actorFor(reporter), { mentorshipId: about.mentorshipId, values: input });
  return expectOk(filed).reportId;
}
