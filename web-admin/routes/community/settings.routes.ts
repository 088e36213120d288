import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../core/admin/record-audit.js';
import { findCommunity } from '../../../core/communities/community.repository.js';
import type { CommunitySettings } from '../../../core/communities/settings.js';
import { updateSettings } from '../../../core/communities/update-settings.js';
import { viewSettings } from '../../../core/communities/view-settings.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath, requireOwner } from '../../plugins/app/community-scope.js';
import { fieldErrors, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';
import { faqRowCount, numberListFields, readSettingsForm, settingsToForm, type SettingsFormValues } from './settings-form.js';

/** The core names a list item's problem by its index (`reminders.sessionHoursBefore.1`); the form has one input for the whole list. */
function listProblemsOnTheirInput(errors: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const list = numberListFields.find((name) => field.startsWith(`${name}.`));
    result[list ?? field] ??= message;
  }
  return result;
}

/**
 * `/c/:communityId/settings` (owners): program policies, reminders, code of
 * conduct, branding and the public pages' text. The core validates the whole
 * document; a problem shows the form again (400) with the message by its field.
 */
export const settingsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showForm(request: FastifyRequest, reply: FastifyReply, values: SettingsFormValues, extra: { errors?: Record<string, string>; problem?: string; status?: number } = {}) {
    const admin = adminOf(request);
    const saved = (request.query as Record<string, unknown>).done === 'saved';
    // Platform-only settings (the Slack pair space) are shown where they apply.
    const platform = (await findCommunity(options.db, admin.community.id))?.platform ?? null;
    return render(request, reply, 'settings', {
      title: `${admin.community.name}: settings`,
      nav: 'settings',
      platform,
      values,
      faqRows: faqRowCount(values),
      errors: extra.errors ?? {},
      problem: extra.problem ?? null,
      notice: saved && !extra.problem ? 'Settings saved.' : null,
    }, extra.status ?? 200);
  }

  app.get('/settings', async (request, reply) => {
    requireOwner(request);
    const outcome = await viewSettings(deps, adminOf(request).actor);
    if (!outcome.ok) return render(request, reply, 'error', { title: 'Settings', message: outcome.problem.message }, problemStatus(outcome.problem));
    return showForm(request, reply, settingsToForm(outcome.value));
  });

  app.post('/settings', async (request, reply) => {
    requireOwner(request);
    const admin = adminOf(request);
    const form = readSettingsForm(request.body);
    if (Object.keys(form.problems).length > 0) {
      return showForm(request, reply, form.values, { errors: form.problems, problem: 'Some settings need fixing.', status: 400 });
    }
    const before = await viewSettings(deps, admin.actor);
    const outcome = await updateSettings(deps, admin.actor, form.changes);
    if (!outcome.ok) {
      return showForm(request, reply, form.values, { errors: listProblemsOnTheirInput(fieldErrors(outcome.problem.fields)), problem: outcome.problem.message, status: problemStatus(outcome.problem) });
    }
    await recordAudit(options.db, admin.actor, { action: 'settings.updated', targetType: 'community', targetId: admin.community.id, details: { changed: changedSections(before.ok ? before.value : null, outcome.value) } });
    return redirectWithNotice(reply, `${communityPath(request)}/settings`, 'saved');
  });
};

/** The top-level settings whose value changed, for the audit log (names only: values may be long). */
function changedSections(before: CommunitySettings | null, after: CommunitySettings): string[] {
  return (Object.keys(after) as (keyof CommunitySettings)[]).filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]));
}
