import path from 'node:path';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';

export const viewsDirectory = path.join(import.meta.dirname, '..', '..', 'views');
export const publicDirectory = path.join(import.meta.dirname, '..', '..', 'public');

/**
 * Eta views in web-admin/views with one layout (layout.eta) around every
 * page. `<%= %>` escapes (autoEscape is Eta's default and is pinned here);
 * `<%~ %>` is kept for markup the code built and escaped itself (the SVG
 * charts, includes). The stylesheet is served from web-admin/public.
 */
export async function registerViews(app: FastifyInstance, options: { cacheTemplates: boolean }): Promise<void> {
  await app.register(view, {
    engine: { eta: new Eta({ autoEscape: true, autoTrim: [false, 'nl'] }) },
    templates: viewsDirectory,
    layout: 'layout.eta',
    production: options.cacheTemplates,
  });
  await app.register(fastifyStatic, { root: publicDirectory, prefix: '/assets/', index: false, maxAge: '1h' });
}
