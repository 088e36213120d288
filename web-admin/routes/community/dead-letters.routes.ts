import type { FastifyPluginAsync } from 'fastify';
import { retryDelivery } from '../../../core/admin/retry-delivery.js';
import { listDeadLetters } from '../../../core/outbox/dead-letters.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

/** `/c/:communityId/dead-letters`: messages the bot gave up delivering, and a retry button for each. */
export const deadLettersRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  async function page(request: Parameters<typeof adminOf>[0]) {
    const admin = adminOf(request);
    return { title: `${admin.community.name}: failed messages`, nav: 'dead-letters', letters: await listDeadLetters(options.db, admin.community.id) };
  }

  app.get('/dead-letters', async (request, reply) => {
    const notice = (request.query as Record<string, unknown>).done === 'retried' ? 'The message is queued again; the bot will try to deliver it in a moment.' : null;
    return render(request, reply, 'dead-letters', { ...(await page(request)), notice });
  });

  app.post<{ Params: { outboxId: string } }>('/dead-letters/:outboxId/retry', async (request, reply) => {
    const outboxId = parseId(request.params.outboxId);
    if (outboxId === null) throw notFound();
    const outcome = await retryDelivery(options, adminOf(request).actor, { outboxId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return render(request, reply, 'dead-letters', { ...(await page(request)), problem: outcome.problem.message }, problemStatus(outcome.problem));
    }
    return redirectWithNotice(reply, `${communityPath(request)}/dead-letters`, 'retried');
  });
};
