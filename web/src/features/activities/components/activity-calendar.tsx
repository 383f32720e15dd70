import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { ActivitySummary } from '@linli/contract/activities';
import { Alert, Button, Flex, Segmented, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage } from '../../../app/i18n';
import { ErrorAlert } from '../../../components/error-alert';
import { type ActivityFilters, listAllActivities } from '../api';
import { addDays, chinaDay, chinaTime, mondayOf, monthGrid } from './activity-options';
import { ActivityStatusTag } from './status-tags';

type Mode = 'month' | 'week';

function periodOf(mode: Mode, anchor: string): { from: string; to: string } {
  return mode === 'month'
    ? monthGrid(anchor.slice(0, 7))
    : { from: mondayOf(anchor), to: addDays(mondayOf(anchor), 6) };
}

function move(mode: Mode, anchor: string, step: 1 | -1): string {
  if (mode === 'week') {
    return addDays(anchor, 7 * step);
  }
  const [year, month] = anchor.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(year, month - 1 + step, 1));
  return next.toISOString().slice(0, 10);
}

function dayLabel(day: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(currentLanguage(), { ...options, timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * The same activities as the list, by day: a month of whole weeks or one week, as a real table
 * (weekday column headers, one cell per day) so screen readers announce the day of each entry.
 * An activity is shown on the day it starts (China time, as the server counts days).
 */
export function ActivityCalendar({ filters }: { filters: ActivityFilters }) {
  const { t } = useTranslation();
  const today = chinaDay(new Date());
  const [mode, setMode] = useState<Mode>('month');
  const [anchor, setAnchor] = useState(today);
  const period = periodOf(mode, anchor);
  const [state, setState] = useState<{
    items: ActivitySummary[];
    isTruncated: boolean;
    error: unknown;
    isLoading: boolean;
  }>({ items: [], isTruncated: false, error: null, isLoading: true });
  const { from: _from, to: _to, ...rest } = filters;
  const restKey = JSON.stringify(rest);
  const query = useMemo(
    () => ({ ...(JSON.parse(restKey) as ActivityFilters), from: period.from, to: period.to }),
    [restKey, period.from, period.to],
  );

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ ...current, isLoading: true, error: null }));
    listAllActivities(query, controller.signal).then(
      (result) => setState({ ...result, error: null, isLoading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ items: [], isTruncated: false, error, isLoading: false });
        }
      },
    );
    return () => controller.abort();
  }, [query]);

  const byDay = useMemo(() => {
    const map = new Map<string, ActivitySummary[]>();
    for (const item of state.items) {
      const day = chinaDay(item.startsAt);
      map.set(day, [...(map.get(day) ?? []), item]);
    }
    return map;
  }, [state.items]);

  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    days.push(day);
  }
  const weeks: string[][] = [];
  for (let i = 0; i < days.length; i += 7) {
    weeks.push(days.slice(i, i + 7));
  }
  const title =
    mode === 'month'
      ? dayLabel(`${anchor.slice(0, 7)}-01`, { year: 'numeric', month: 'long' })
      : t('activityPages.calendar.weekTitle', {
          from: dayLabel(period.from, { month: 'long', day: 'numeric' }),
          to: dayLabel(period.to, { month: 'long', day: 'numeric' }),
        });
  const month = anchor.slice(0, 7);

  return (
    <div className="linli-calendar">
      <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 12 }}>
        <Flex align="center" gap="small">
          <Button
            icon={<LeftOutlined aria-hidden />}
            aria-label={mode === 'month' ? t('activityPages.calendar.prevMonth') : t('activityPages.calendar.prevWeek')}
            onClick={() => setAnchor(move(mode, anchor, -1))}
          />
          <h2 className="linli-card-title" aria-live="polite" style={{ minWidth: 180, textAlign: 'center' }}>
            {title}
          </h2>
          <Button
            icon={<RightOutlined aria-hidden />}
            aria-label={mode === 'month' ? t('activityPages.calendar.nextMonth') : t('activityPages.calendar.nextWeek')}
            onClick={() => setAnchor(move(mode, anchor, 1))}
          />
          <Button onClick={() => setAnchor(today)}>{t('activityPages.calendar.today')}</Button>
        </Flex>
        <Segmented<Mode>
          aria-label={t('activityPages.calendar.view')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'month', label: t('activityPages.calendar.month') },
            { value: 'week', label: t('activityPages.calendar.week') },
          ]}
        />
      </Flex>
      <ErrorAlert error={state.error} />
      {state.isTruncated ? (
        <Alert type="warning" showIcon message={t('activityPages.calendar.truncated', { count: state.items.length })} />
      ) : null}
      <Spin spinning={state.isLoading}>
        <table className={`linli-calendar-grid linli-calendar-${mode}`}>
          <caption className="linli-visually-hidden">{title}</caption>
          <thead>
            <tr>
              {days.slice(0, 7).map((day) => (
                <th key={day} scope="col">
                  {dayLabel(day, { weekday: 'short' })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((day) => {
                  const entries = byDay.get(day) ?? [];
                  const isOtherMonth = mode === 'month' && day.slice(0, 7) !== month;
                  return (
                    <td
                      key={day}
                      className={[day === today ? 'is-today' : '', isOtherMonth ? 'is-other-month' : ''].join(' ')}
                      aria-current={day === today ? 'date' : undefined}
                    >
                      <div className="linli-calendar-day">
                        <span aria-hidden>{Number(day.slice(8))}</span>
                        <span className="linli-visually-hidden">
                          {dayLabel(day, { month: 'long', day: 'numeric', weekday: 'long' })}
                          {entries.length === 0 ? ` ${t('activityPages.calendar.none')}` : ''}
                        </span>
                      </div>
                      {entries.length > 0 ? (
                        <ul>
                          {entries.map((item) => (
                            <li key={item.id}>
                              <Link to={`/activities/${item.id}`} title={item.title}>
                                <Typography.Text type="secondary">{chinaTime(item.startsAt)}</Typography.Text>{' '}
                                {item.title}
                              </Link>
                              {mode === 'week' ? (
                                <div>
                                  <ActivityStatusTag status={item.status} />
                                  <Typography.Text type="secondary">{item.orgName}</Typography.Text>
                                </div>
                              ) : (
                                <span className="linli-visually-hidden"> {t(`activities.status.${item.status}`)}</span>
                              )}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Spin>
    </div>
  );
}
