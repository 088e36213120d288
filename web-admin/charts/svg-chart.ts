/**
 * Small server-side SVG charts, drawn as inline markup: no script, no
 * external file, nothing the content security policy must allow. Colours come
 * from classes styled in admin.css. Each chart carries a <title> and <desc>
 * for screen readers; pages also print the numbers as a table beside it.
 *
 * Every text that goes into the markup passes through {@link escapeXml}: the
 * result is safe to insert unescaped (`<%~ %>`).
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface ColumnChartInput {
  /** Unique on the page: it links the SVG to its title and description. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly points: readonly { readonly label: string; readonly value: number }[];
}

/** A niceish upper bound for an axis: 1, 2, 5 or 10 times a power of ten, never below 1. */
export function axisMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Vertical columns, one per point (e.g. mentorships started per month), with the value over each. */
export function columnChart(input: ColumnChartInput): string {
  const width = 640;
  const height = 240;
  const left = 36;
  const bottom = 36;
  const top = 16;
  const plotHeight = height - top - bottom;
  const plotWidth = width - left - 8;
  const max = axisMax(Math.max(0, ...input.points.map((point) => point.value)));
  const slot = plotWidth / Math.max(1, input.points.length);
  const barWidth = Math.max(4, slot * 0.62);
  const id = escapeXml(input.id);

  const grid = [0, 0.5, 1].map((fraction) => {
    const y = round(top + plotHeight * (1 - fraction));
    return `<line class="chart-grid" x1="${left}" x2="${width - 8}" y1="${y}" y2="${y}"/><text class="chart-axis" x="${left - 6}" y="${y + 4}" text-anchor="end">${round(max * fraction)}</text>`;
  });
  const bars = input.points.map((point, index) => {
    const barHeight = round((point.value / max) * plotHeight);
    const x = round(left + index * slot + (slot - barWidth) / 2);
    const y = round(top + plotHeight - barHeight);
    const centre = round(x + barWidth / 2);
    return [
      `<rect class="chart-bar-a" x="${x}" y="${y}" width="${round(barWidth)}" height="${barHeight}"><title>${escapeXml(`${point.label}: ${point.value}`)}</title></rect>`,
      point.value > 0 ? `<text class="chart-value" x="${centre}" y="${y - 4}" text-anchor="middle">${point.value}</text>` : '',
      `<text class="chart-axis" x="${centre}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(point.label)}</text>`,
    ].join('');
  });
  return svg(id, width, height, input.title, input.description, [...grid, ...bars].join(''));
}

export interface PairedBarChartInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly legend: readonly [string, string];
  readonly rows: readonly { readonly label: string; readonly values: readonly [number, number] }[];
}

/** Horizontal pairs of bars, one pair per row (e.g. a skill's mentors against the members who want it). */
export function pairedBarChart(input: PairedBarChartInput): string {
  const width = 640;
  const labelWidth = 150;
  const rowHeight = 34;
  const top = 30;
  const plotWidth = width - labelWidth - 40;
  const height = top + Math.max(1, input.rows.length) * rowHeight + 8;
  const max = axisMax(Math.max(0, ...input.rows.flatMap((row) => [...row.values])));
  const id = escapeXml(input.id);

  const legend = input.legend.map((name, index) => {
    const x = labelWidth + index * 150;
    return `<rect class="chart-bar-${index === 0 ? 'a' : 'b'}" x="${x}" y="6" width="12" height="12"/><text class="chart-axis" x="${x + 18}" y="16">${escapeXml(name)}</text>`;
  });
  const rows = input.rows.map((row, index) => {
    const y = top + index * rowHeight;
    const bars = row.values.map((value, which) => {
      const barWidth = round((value / max) * plotWidth);
      const barY = y + which * 13;
      return `<rect class="chart-bar-${which === 0 ? 'a' : 'b'}" x="${labelWidth}" y="${barY}" width="${barWidth}" height="11"><title>${escapeXml(`${row.label}, ${input.legend[which]}: ${value}`)}</title></rect>`
        + `<text class="chart-value" x="${round(labelWidth + barWidth + 4)}" y="${barY + 10}">${value}</text>`;
    });
    return `<text class="chart-label" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeXml(truncateLabel(row.label))}</text>${bars.join('')}`;
  });
  return svg(id, width, height, input.title, input.description, [...legend, ...rows].join(''));
}

export interface FunnelChartInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** In order; each stage's bar is drawn against the first, with its share of the first. */
  readonly stages: readonly { readonly label: string; readonly value: number }[];
}

/** Horizontal bars, one per stage, widest first (e.g. members onboarded, matched, ...), each with its count and share of the first stage. */
export function funnelChart(input: FunnelChartInput): string {
  const width = 640;
  const labelWidth = 150;
  const rowHeight = 34;
  const top = 8;
  const plotWidth = width - labelWidth - 110;
  const height = top + Math.max(1, input.stages.length) * rowHeight + 4;
  const first = input.stages[0]?.value ?? 0;
  const max = Math.max(1, first, ...input.stages.map((stage) => stage.value));
  const id = escapeXml(input.id);

  const rows = input.stages.map((stage, index) => {
    const y = top + index * rowHeight;
    const barWidth = round((stage.value / max) * plotWidth);
    const share = first > 0 ? ` (${Math.round((100 * stage.value) / first)}%)` : '';
    return `<text class="chart-label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeXml(truncateLabel(stage.label))}</text>`
      + `<rect class="chart-bar-a" x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="20"><title>${escapeXml(`${stage.label}: ${stage.value}${share}`)}</title></rect>`
      + `<text class="chart-value" x="${round(labelWidth + barWidth + 6)}" y="${y + 18}">${escapeXml(`${stage.value}${share}`)}</text>`;
  });
  return svg(id, width, height, input.title, input.description, rows.join(''));
}

function truncateLabel(label: string): string {
  return label.length > 20 ? `${label.slice(0, 19)}…` : label;
}

function svg(id: string, width: number, height: number, title: string, description: string, content: string): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${content}</svg>`;
}
