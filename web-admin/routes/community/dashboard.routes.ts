import type { FastifyPluginAsync } from 'fastify';
import { viewDashboard } from '../../../core/admin/dashboard.js';
import { columnChart, funnelChart, pairedBarChart } from '../../charts/svg-chart.js';
import type { AdminSiteOptions } from '../../options.js';
import { adminOf } from './admin-of.js';
import { problemStatus, render } from '../../render.js';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-03-02' → '2 Mar': short enough for twelve columns. */
const dayAndMonth = (date: string) => `${Number(date.slice(8, 10))} ${monthNames[Number(date.slice(5, 7)) - 1] ?? ''}`;

/** `GET /c/:communityId`: the program's numbers and queues, and four charts, each with its table. */
export const dashboardRoutes: FastifyPluginAsync<AdminSiteOptions> = async (app, options) => {
  app.get('/', async (request, reply) => {
    const admin = adminOf(request);
    const outcome = await viewDashboard({ db: options.db, clock: options.clock }, admin.actor);
    if (!outcome.ok) return render(request, reply, 'error', { title: 'Dashboard', message: outcome.problem.message }, problemStatus(outcome.problem));
    const dashboard = outcome.value;
    const months = dashboard.startedPerMonth.map((point) => ({ label: monthNames[Number(point.month.slice(5)) - 1] ?? point.month, month: point.month, value: point.count }));
    const weeks = dashboard.sessionsPerWeek.map((point) => ({ label: dayAndMonth(point.week), week: point.week, value: point.count }));
    const { funnel } = dashboard;
    const stages = [
      { label: 'Onboarded', value: funnel.onboarded },
      { label: 'Matched', value: funnel.matched },
      { label: 'First session', value: funnel.firstSession },
      { label: 'Completed', value: funnel.completed },
    ].map((stage) => ({ ...stage, share: funnel.onboarded === 0 ? null : stage.value / funnel.onboarded }));
    const supplyRows = dashboard.skillSupply.map((skill) => ({ label: skill.name, values: [skill.mentors, skill.seekers] as const }));
    return render(request, reply, 'dashboard', {
      title: `${admin.community.name}: dashboard`,
      nav: 'dashboard',
      dashboard,
      months,
      weeks,
      stages,
      startedChart: columnChart({
        id: 'started-chart',
        title: 'Mentorships started per month',
        description: `Mentorships accepted in each of the last 12 months, from ${months[0]?.month ?? ''} to ${months.at(-1)?.month ?? ''}.`,
        points: months,
      }),
      sessionsChart: columnChart({
        id: 'sessions-chart',
        title: 'Sessions per week',
        description: `Sessions (not cancelled) in each of the last 12 weeks, Monday to Sunday, from the week of ${weeks[0]?.week ?? ''} to this week (${weeks.at(-1)?.week ?? ''}).`,
        points: weeks,
      }),
      funnelChart: funnelChart({
        id: 'funnel-chart',
        title: 'From onboarding to a completed mentorship',
        description: `Members at each stage, each stage counting those who also reached the ones before: ${stages.map((stage) => `${stage.label.toLowerCase()} ${stage.value}`).join(', ')}.`,
        stages,
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
