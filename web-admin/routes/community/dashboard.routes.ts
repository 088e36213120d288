import type { FastifyPluginAsync } from 'fastify';
import { viewDashboard } from '../../../core/admin/dashboard.js';
import { columnChart, pairedBarChart } from '../../charts/svg-chart.js';
import type { AdminSiteOptions } from '../../options.js';
import { adminOf } from './admin-of.js';
import { problemStatus, render } from '../../render.js';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `GET /c/:communityId`: the program's numbers and two charts, each with its table. */
export const dashboardRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  app.get('/', async (request, reply) => {
    const admin = adminOf(request);
    const outcome = await viewDashboard({ db: options.db, clock: options.clock }, admin.actor);
    if (!outcome.ok) return render(request, reply, 'error', { title: 'Dashboard', message: outcome.problem.message }, problemStatus(outcome.problem));
    const dashboard = outcome.value;
    const months = dashboard.startedPerMonth.map((point) => ({ label: monthNames[Number(point.month.slice(5)) - 1] ?? point.month, month: point.month, value: point.count }));
    const supplyRows = dashboard.skillSupply.map((skill) => ({ label: skill.name, values: [skill.mentors, skill.seekers] as const }));
    return render(request, reply, 'dashboard', {
      title: `${admin.community.name}: dashboard`,
      nav: 'dashboard',
      dashboard,
      months,
      startedChart: columnChart({
        id: 'started-chart',
        title: 'Mentorships started per month',
        description: `Mentorships accepted in each of the last 12 months, from ${months[0]?.month ?? ''} to ${months.at(-1)?.month ?? ''}.`,
        points: months,
      }),
      supplyChart: supplyRows.length === 0 ? null : pairedBarChart({
        id: 'supply-chart',
        title: 'Skills: mentors against members who want them',
        description: 'For each skill, the active members who offer it and the active members who want to learn it.',
        legend: ['Mentors offering', 'Members wanting'],
        rows: supplyRows,
      }),
    });
  });
};
