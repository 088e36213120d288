import { describe, expect, it } from 'vitest';
import { axisMax, columnChart, escapeXml, funnelChart, pairedBarChart } from './svg-chart.js';

describe('SVG charts', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 501].map(axisMax)).toEqual([1, 1, 5, 10, 20, 200, 1000]);
  });

  it('draws one labelled column per point, accessible by title and description', () => {
    const svg = columnChart({ id: 'c', title: 'Started', description: 'Per month', points: [{ label: 'Jan', value: 2 }, { label: 'Feb', value: 0 }] });
    expect(svg).toContain('role="img" aria-labelledby="c-title c-desc"');
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('<title>Jan: 2</title>');
  });

  it('draws a funnel against its first stage, with each stage’s share of it', () => {
    const svg = funnelChart({ id: 'f', title: 'Funnel', description: 'Members by stage', stages: [{ label: 'Onboarded', value: 40 }, { label: 'Matched', value: 10 }, { label: 'Completed', value: 0 }] });
    expect(svg).toContain('aria-labelledby="f-title f-desc"');
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('<title>Matched: 10 (25%)</title>');
    expect(svg).toMatch(/width="0" height="20"><title>Completed: 0 \(0%\)/);
    expect(funnelChart({ id: 'e', title: 't', description: 'd', stages: [{ label: 'Onboarded', value: 0 }] })).toContain('<title>Onboarded: 0</title>');
  });

  it('escapes every label, so the markup is safe to insert as it is', () => {
    const svg = pairedBarChart({ id: 'p', title: '<b>', description: 'x', legend: ['a', 'b'], rows: [{ label: '<script>alert(1)</script>', values: [1, 3] }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
    expect(escapeXml(`"'&`)).toBe('&#34;&#39;&#38;');
  });
});
