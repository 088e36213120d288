import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../core/admin/record-audit.js';
import type { Problem } from '../../../core/outcome.js';
import { addSkill } from '../../../core/skills/add-skill.js';
import { archiveSkill } from '../../../core/skills/archive-skill.js';
import { renameSkill } from '../../../core/skills/rename-skill.js';
import { listSkills } from '../../../core/skills/skill.repository.js';
import type { AdminSiteOptions } from '../../options.js';
import { communityPath } from '../../plugins/app/community-scope.js';
import { fieldErrors, formValue, notFound, parseId, problemStatus, redirectWithNotice, render } from '../../render.js';
import { adminOf } from './admin-of.js';

const notices: Record<string, string> = { added: 'Skill added.', renamed: 'Skill renamed.', archived: 'Skill archived: it no longer appears in menus.' };

/** `/c/:communityId/skills`: the skills catalog; add, rename, archive (the skills core decides who may). */
export const skillsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  const deps = { db: options.db, clock: options.clock };

  async function showList(request: FastifyRequest, reply: FastifyReply, extra: { status?: number; problem?: Problem; skillId?: number | 'new'; values?: Record<string, string> } = {}) {
    const admin = adminOf(request);
    const skills = await listSkills(options.db, admin.community.id, { includeArchived: true });
    return render(request, reply, 'skills', {
      title: `${admin.community.name}: skills`,
      nav: 'skills',
      skills,
      notice: notices[String((request.query as Record<string, unknown>).done)] ?? null,
      problem: extra.problem?.message ?? null,
      problemSkillId: extra.skillId ?? null,
      errors: fieldErrors(extra.problem?.fields),
      values: extra.values ?? {},
    }, extra.status ?? 200);
  }

  app.get('/skills', async (request, reply) => showList(request, reply));

  app.post('/skills', async (request, reply) => {
    const admin = adminOf(request);
    const values = { name: formValue(request.body, 'name'), category: formValue(request.body, 'category') };
    const outcome = await addSkill(deps, admin.actor, { name: values.name, ...(values.category ? { category: values.category } : {}) });
    if (!outcome.ok) return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, skillId: 'new', values });
    await recordAudit(options.db, admin.actor, { action: 'skill.added', targetType: 'skill', targetId: outcome.value.id, details: { name: outcome.value.name } });
    return redirectWithNotice(reply, `${communityPath(request)}/skills`, 'added');
  });

  app.post<{ Params: { skillId: string } }>('/skills/:skillId/rename', async (request, reply) => {
    const admin = adminOf(request);
    const skillId = parseId(request.params.skillId);
    if (skillId === null) throw notFound();
    const values = { name: formValue(request.body, 'name') };
    const outcome = await renameSkill(deps, admin.actor, { skillId, name: values.name });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, skillId, values });
    }
    await recordAudit(options.db, admin.actor, { action: 'skill.renamed', targetType: 'skill', targetId: skillId, details: { name: outcome.value.name } });
    return redirectWithNotice(reply, `${communityPath(request)}/skills`, 'renamed');
  });

  app.post<{ Params: { skillId: string } }>('/skills/:skillId/archive', async (request, reply) => {
    const admin = adminOf(request);
    const skillId = parseId(request.params.skillId);
    if (skillId === null) throw notFound();
    const outcome = await archiveSkill(deps, admin.actor, { skillId });
    if (!outcome.ok) {
      if (outcome.problem.code === 'not-found') throw notFound();
      return showList(request, reply, { status: problemStatus(outcome.problem), problem: outcome.problem, skillId });
    }
    await recordAudit(options.db, admin.actor, { action: 'skill.archived', targetType: 'skill', targetId: skillId, details: { name: outcome.value.name } });
    return redirectWithNotice(reply, `${communityPath(request)}/skills`, 'archived');
  });
};
