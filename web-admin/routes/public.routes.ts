import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { contactAdmins } from '../../core/admin/contact-admins.js';
import { viewPublicProgram, type PublicProgram } from '../../core/admin/public-program.js';
import type { AdminSiteOptions } from '../options.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, render } from '../render.js';

/** The form field bots fill in and people never see; a filled one means the message is dropped quietly. */
export const honeypotField = 'website';

/**
 * The public pages of a community's program: landing page with live numbers
 * and public testimonials, about, FAQ, and a contact form that reaches the
 * admins. Anyone may read them; an unknown or inactive community is 404.
 */
export const publicRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function program(request: FastifyRequest): Promise<PublicProgram> {
    const communityId = parseId((request.params as Record<string, unknown>).communityId);
    const found = communityId === null ? null : await viewPublicProgram(deps, communityId);
    if (!found) throw notFound();
    return found;
  }

  app.get('/p/:communityId', async (request, reply) => {
    const publicProgram = await program(request);
    return render(request, reply, 'public/landing', { title: publicProgram.programName, publicProgram, nav: 'landing' });
  });

  app.get('/p/:communityId/about', async (request, reply) => {
    const publicProgram = await program(request);
    return render(request, reply, 'public/about', { title: `About ${publicProgram.programName}`, publicProgram, nav: 'about' });
  });

  app.get('/p/:communityId/faq', async (request, reply) => {
    const publicProgram = await program(request);
    return render(request, reply, 'public/faq', { title: 'Frequently asked questions', publicProgram, nav: 'faq' });
  });

  app.get('/p/:communityId/contact', async (request, reply) => {
    const publicProgram = await program(request);
    const sent = (request.query as Record<string, unknown>).done === 'sent';
    return render(request, reply, 'public/contact', { title: 'Contact the organisers', publicProgram, nav: 'contact', sent });
  });

  app.post('/p/:communityId/contact', { config: { rateLimit: { max: 5, timeWindow: 10 * 60_000 } } }, async (request, reply) => {
    const publicProgram = await program(request);
    const done = `/p/${publicProgram.communityId}/contact?done=sent`;
    // A bot filled the hidden field: answer as if it worked, so it learns nothing.
    if (formValue(request.body, honeypotField) !== '') return reply.redirect(done, 303);
    const values = { name: formValue(request.body, 'name'), replyTo: formValue(request.body, 'replyTo'), message: formValue(request.body, 'message') };
    const outcome = await contactAdmins(deps, { communityId: publicProgram.communityId, values });
    if (!outcome.ok) {
      return render(request, reply, 'public/contact', {
        title: 'Contact the organisers', publicProgram, nav: 'contact', sent: false, values, errors: fieldErrors(outcome.problem.fields), problem: outcome.problem.message,
      }, problemStatus(outcome.problem));
    }
    return reply.redirect(done, 303);
  });
};
