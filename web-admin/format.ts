/** Formatting helpers the templates use (`it.fmt`), so pages show dates and numbers one way. */
export const format = {
  /** 12 Mar 2026 */
  date(value: Date | string | null | undefined): string {
    if (!value) return '—';
    const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
  },
  /** 12 Mar 2026, 18:00 UTC */
  dateTime(value: Date | null | undefined): string {
    if (!value) return '—';
    return `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false }).format(value)} UTC`;
  },
  /** The machine-readable form for <time datetime>. */
  iso(value: Date | null | undefined): string {
    return value ? value.toISOString() : '';
  },
  percent(value: number | null): string {
    return value === null ? '—' : `${Math.round(value * 100)}%`;
  },
  decimal(value: number | null, digits = 1): string {
    return value === null ? '—' : value.toFixed(digits);
  },
  /** PENDING_APPROVAL → pending approval */
  label(value: string | null | undefined): string {
    return value ? value.toLowerCase().replace(/_/g, ' ') : '—';
  },
  /** A CSS class suffix for a status badge. */
  tone(status: string): string {
    if (['ACTIVE', 'ACCEPTED', 'COMPLETED', 'CONFIRMED', 'DONE', 'SENT'].includes(status)) return 'good';
    if (['PENDING', 'PENDING_APPROVAL', 'AWAITING_APPROVAL', 'PAUSED', 'PROPOSED', 'OPEN', 'SCHEDULED', 'PREVIEWED'].includes(status)) return 'wait';
    if (['SUSPENDED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'MISSED', 'DEAD', 'DECLINED'].includes(status)) return 'bad';
    return 'plain';
  },
};
