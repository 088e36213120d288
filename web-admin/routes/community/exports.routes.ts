import type { FastifyPluginAsync } from 'fastify';
import { csvExports, exportCsv, type CsvExport } from '../../../core/admin/export-csv.js';
import { recordAudit } from '../../../core/admin/record-audit.js';
import type { AdminSiteOptions } from '../../options.js';
import { notFound, problemStatus, render } from '../../render.js';
import { adminOf } from './admin-of.js';

/** `/c/:communityId/exports`: CSV downloads of members, mentorships and sessions (each download is audited). */
export const exportsRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  app.get('/exports', async (request, reply) => {
    const admin = adminOf(request);
    return render(request, reply, 'exports', { title: `${admin.community.name}: exports`, nav: 'exports', exports: csvExports });
  });

  app.get<{ Params: { name: string } }>('/exports/:name', async (request, reply) => {
    const admin = adminOf(request);
    const name = request.params.name.replace(/\.csv$/, '');
    if (!(csvExports as readonly string[]).includes(name) || !request.params.name.endsWith('.csv')) throw notFound();
    const outcome = await exportCsv(options, admin.actor, { export: name as CsvExport });
    if (!outcome.ok) return render(request, reply, 'error', { title: 'Export', message: outcome.problem.message }, problemStatus(outcome.problem));
    await recordAudit(options.db, admin.actor, { action: 'data.exported', targetType: 'export', targetId: name });
    // The byte order mark makes spreadsheet programs read the file as UTF-8.
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${outcome.value.filename}"`)
      .send(`\uFEFF${outcome.value.csv}`);
  });
};
