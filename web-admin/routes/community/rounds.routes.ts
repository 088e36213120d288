import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../core/admin/record-audit.js';
import { listRounds, viewRound } from '../../../core/admin/round-records.js';
import { previewRound } from '../../../core/matching/preview-round.js';
import { unmatchedReasonLabels } from '../../../core/matching/round.reply.js';
import { runRound } from '../../../core/matching/run-round.js';
import type { Problem } from '../../../core/outcome.js';
import { columnChart } from '../../charts/svg-chart.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

/** A page lists at most this many pairs and unmatched members; the rest are counted. */
const shownRows = 200;

const notices: Record<string, string> = {
  ran: 'The round ran: each pair got a direct message to accept or decline, and each member left out was told why.',
};

/**
 * `/c/:communityId/rounds`: the community's matching rounds. Previewing solves
 * a round exactly as it would run and shows the pairs with their scores and
 * reasons, who stays unmatched and why, the score distribution and what a
 * greedy pass would have given; nothing is sent. Running it (a POST, audited)
 * sends the suggestions, and its page then follows how each pair answers.
 * The matching core scopes every round to the admin's community.
 */
export const roundsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showList(request: FastifyRequest, reply: FastifyReply, extra: { status?: number; problem?: Problem } = {}) {
    const admin = adminOf(request);
    const listed = await listRounds(options, admin.actor);
    const rounds = listed.ok ? listed.value.rounds : [];
    return render(request, reply, 'rounds', {
      title: `${admin.community.name}: matching rounds`,
      nav: 'rounds',
      rounds,
      truncated: listed.ok && listed.value.truncated,
      // The earliest round not yet run is the one a preview picks.
      nextOpen: rounds.filter((round) => round.status === 'SCHEDULED' || round.status === 'PREVIEWED').at(-1) ?? null,
      problem: extra.problem?.message ?? (listed.ok ? null : listed.problem.message),
    }, extra.status ?? (listed.ok ? 200 : problemStatus(listed.problem)));
  }

  async function showRound(request: FastifyRequest, reply: FastifyReply, roundId: number, extra: { status?: number; problem?: Problem } = {}) {
    const admin = adminOf(request);
    const outcome = await viewRound(options, admin.actor, { roundId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return render(request, reply, 'error', { title: 'Matching round', message: outcome.problem.message }, problemStatus(outcome.problem));
    }
    const round = outcome.value;
    return render(request, reply, 'round', {
      title: `Matching round #${round.id}`,
      nav: 'rounds',
      round,
      pairs: round.pairs.slice(0, shownRows),
      unmatched: round.unmatched.slice(0, shownRows),
      reasonLabels: unmatchedReasonLabels,
      notice: extra.problem ? null : (notices[String((request.query as Record<string, unknown>).done)] ?? null),
      problem: extra.problem?.message ?? null,
    }, extra.status ?? 200);
  }

  app.get('/rounds', async (request, reply) => showList(request, reply));

  // A POST: with no round waiting, previewing creates one for now.
  app.post('/rounds/preview', async (request, reply) => {
    const outcome = await previewRound(deps, adminOf(request).actor);
    if (!outcome.ok) return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem });
    return reply.redirect(`${communityPath(request)}/rounds/${outcome.value.roundId}/preview`, 303);
  });

  app.get<{ Params: { roundId: string } }>('/rounds/:roundId/preview', async (request, reply) => {
    const roundId = parseId(request.params.roundId);
    if (roundId === null) throw notFound();
    const admin = adminOf(request);
    // Solving stores the round's stats (PREVIEWED) and sends nothing, so reloading the page is harmless.
    const outcome = await previewRound(deps, admin.actor, { roundId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      // A round that already ran (or was cancelled) has its own page instead.
      if (outcome.problem.code === 'wrong-state') return reply.redirect(`${communityPath(request)}/rounds/${roundId}`, 303);
      return render(request, reply, 'error', { title: 'Matching round', message: outcome.problem.message }, problemStatus(outcome.problem));
    }
    const preview = outcome.value;
    const scores = preview.stats.scores;
    const buckets = (scores?.histogram ?? []).map((bucket) => ({ ...bucket, label: `${bucket.from.toFixed(1)}–${bucket.to.toFixed(1)}`, value: bucket.count }));
    return render(request, reply, 'round-preview', {
      title: `Preview of matching round #${preview.roundId}`,
      nav: 'rounds',
      preview,
      pairs: preview.pairs.slice(0, shownRows),
      unmatched: preview.unmatched.slice(0, shownRows),
      reasonLabels: unmatchedReasonLabels,
      buckets,
      scoresChart: scores === null ? null : columnChart({
        id: 'scores-chart',
        title: 'Pair scores',
        description: `How many proposed pairs score in each fifth of the range from ${scores.min.toFixed(1)} to ${scores.max.toFixed(1)}; the median is ${scores.median.toFixed(1)}.`,
        points: buckets,
      }),
    });
  });

  app.post<{ Params: { roundId: string } }>('/rounds/:roundId/run', async (request, reply) => {
    const roundId = parseId(request.params.roundId);
    if (roundId === null) throw notFound();
    const admin = adminOf(request);
    const outcome = await runRound(deps, admin.actor, { roundId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showRound(request, reply, roundId, { status: problemStatus(outcome.problem), problem: outcome.problem });
    }
    const { stats } = outcome.value;
    await recordAudit(options.db, admin.actor, { action: 'matching.round-run', targetType: 'matching-round', targetId: roundId, details: { pairs: stats.matched, totalScore: stats.totalScore } });
    return redirectWithNotice(reply, `${communityPath(request)}/rounds/${roundId}`, 'ran');
  });

  app.get<{ Params: { roundId: string } }>('/rounds/:roundId', async (request, reply) => {
    const roundId = parseId(request.params.roundId);
    if (roundId === null) throw notFound();
    return showRound(request, reply, roundId);
  });
};
