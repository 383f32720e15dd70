import type { ReportKind } from '@linli/contract/organizations';
import type { TFunction } from 'i18next';

/** The report kinds in the order a form offers them (contract `reportKinds`, restated to keep zod out of the bundle). */
export const reportKindChoices: readonly ReportKind[] = ['workReport', 'annualReport'];

/** What a date picker holds (a dayjs value); duck-typed so the bundle needs no direct dayjs import. */
type PickedDate = { format: (pattern: string) => string };

/** A period of a kind: the quarter (`2026-Q3`) or the year (`2026`) a date falls in. */
function periodOfDate(year: number, month: number, kind: ReportKind): string {
  return kind === 'annualReport' ? String(year) : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The period that is running now, in the reader's time zone. */
export function currentPeriod(kind: ReportKind, now = new Date()): string {
  return periodOfDate(now.getFullYear(), now.getMonth() + 1, kind);
}

/** The period before the running one: last quarter, or last year. */
export function previousPeriod(kind: ReportKind, now = new Date()): string {
  if (kind === 'annualReport') {
    return String(now.getFullYear() - 1);
  }
  const month = now.getMonth() + 1 - 3;
  return month >= 1
    ? periodOfDate(now.getFullYear(), month, kind)
    : periodOfDate(now.getFullYear() - 1, month + 12, kind);
}

/** The first day of a period as `YYYY-MM-DD`: what a quarter or year picker takes as its value. */
export function periodStart(period: string): string {
  const [year, quarter] = period.split('-Q');
  const month = quarter ? (Number(quarter) - 1) * 3 + 1 : 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The period a picker's value stands for; undefined when nothing is picked. */
export function pickedPeriod(value: PickedDate | string | null | undefined, kind: ReportKind): string | undefined {
  if (!value) {
    return undefined;
  }
  if (typeof value === 'string') {
    if (/^\d{4}(-Q[1-4])?$/.test(value)) {
      return value;
    }
    const [year, month] = value.split('-');
    return periodOfDate(Number(year), Number(month ?? '1'), kind);
  }
  return periodOfDate(Number(value.format('YYYY')), Number(value.format('M')), kind);
}

/** Whether a period lies after another of the same kind (`2026-Q4` > `2026-Q3`, `2027` > `2026`). */
export function isLaterPeriod(period: string, than: string): boolean {
  return period > than;
}

/** `2026年第3季度` / `2026年`, or in English `Q3 2026` / `2026`. */
export function periodLabel(t: TFunction, period: string): string {
  const [year = '', quarter] = period.split('-Q');
  return quarter ? t('reports.periodQuarter', { year, quarter }) : t('reports.periodYear', { year });
}
