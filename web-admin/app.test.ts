import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { fixedClock } from '../test/builders.js';
import { useTestDatabase } from '../test/database.js';
import { webApp } from './app.js';
import { buildWebApp } from '../test/web-admin.js';

describe('the web app', () => {
  const database = useTestDatabase();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildWebApp({ db: database.db, clock: fixedClock('2026-03-04T12:00:00Z') });
  });
  afterAll(() => app.close());

  it('keeps the health checks as JSON, outside the site’s hooks', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }]);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
  });

  it('answers unknown pages with the HTML 404 page and security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<main id="main"');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves the stylesheet', async () => {
    const css = await app.inject({ method: 'GET', url: '/assets/admin.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('without admin options, serves only the health checks', async () => {
    const bare = Fastify({ logger: false });
    await bare.register(webApp, { readiness: [], isShuttingDown: () => false });
    expect((await bare.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await bare.inject({ method: 'GET', url: '/login' })).statusCode).toBe(404);
    await bare.close();
  });
});
