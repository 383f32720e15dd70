import type { NeedStats, NeedStatsRow } from '@linli/contract/needs';
import { Card, DatePicker, Form, Spin, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getNeedStats } from '../api';
import { type DurationBar, DurationChart } from '../components/duration-chart';

type Row = NeedStatsRow & { key: string; name: string };

const hours = (t: TFunction, value: number | null) =>
  value === null ? t('common.empty') : t('needs.console.statsHours', { value });

function statsColumns(t: TFunction): ColumnsType<Row> {
  return [
    { title: t('needs.console.statsName'), dataIndex: 'name', key: 'name', fixed: 'left' },
    { title: t('needs.console.statsPosted'), dataIndex: 'posted', key: 'posted', align: 'right' },
    { title: t('needs.console.statsOpen'), dataIndex: 'open', key: 'open', align: 'right' },
    { title: t('needs.console.statsDone'), dataIndex: 'done', key: 'done', align: 'right' },
    {
      title: t('needs.console.statsResponseMedian'),
      key: 'responseMedian',
      align: 'right',
      render: (_value, row) => hours(t, row.response.medianHours),
    },
    {
      title: t('needs.console.statsResponseP90'),
      key: 'responseP90',
      align: 'right',
      render: (_value, row) => hours(t, row.response.p90Hours),
    },
    {
      title: t('needs.console.statsCompletionMedian'),
      key: 'completionMedian',
      align: 'right',
      render: (_value, row) => hours(t, row.completion.medianHours),
    },
    {
      title: t('needs.console.statsCompletionP90'),
      key: 'completionP90',
      align: 'right',
      render: (_value, row) => hours(t, row.completion.p90Hours),
    },
    {
      title: t('needs.console.statsAverageStars'),
      key: 'averageStars',
      align: 'right',
      render: (_value, row) => row.averageStars ?? t('common.empty'),
    },
  ];
}

/** A chart of the medians over a table of every figure (the chart's text equivalent). */
function FiguresCard({ title, rows, total }: { title: string; rows: Row[]; total: Row | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  const bars = useMemo<DurationBar[]>(
    () =>
      rows.map((row) => ({
        key: row.key,
        label: row.name,
        response: row.response.medianHours,
        completion: row.completion.medianHours,
      })),
    [rows],
  );
  const names = useMemo(
    () => ({ response: t('needs.console.statsResponseMedian'), completion: t('needs.console.statsCompletionMedian') }),
    [t],
  );
  return (
    <Card
      size="small"
      title={
        <h2 className="linli-card-title" id={titleId}>
          {title}
        </h2>
      }
    >
      {rows.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('needs.console.statsChart')}
          </Typography.Paragraph>
          <DurationChart rows={bars} names={names} />
        </>
      ) : null}
      <Table<Row>
        aria-labelledby={titleId}
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={statsColumns(t)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('needs.console.statsEmpty') }}
        summary={() =>
          total && rows.length > 0 ? (
            <Table.Summary.Row>
              {statsColumns(t).map((column, index) => (
                <Table.Summary.Cell key={String(column.key)} index={index} align={column.align}>
                  {index === 0 ? (
                    <strong>{t('needs.console.statsTotal')}</strong>
                  ) : column.render ? (
                    (column.render(undefined, total, 0) as string)
                  ) : (
                    String(total[(column as { dataIndex: keyof Row }).dataIndex] ?? '')
                  )}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}

/**
 * 需求统计: response (点单 → 接单) and completion (接单 → 办结) times, median and p90, with counts,
 * for the current jurisdiction per child area and per organization.
 */
export function NeedStatsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [stats, setStats] = useState<NeedStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setStats(null);
    getNeedStats({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, controller.signal).then(
      setStats,
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
        }
      },
    );
    return () => controller.abort();
  }, [from, to]);

  const byArea = useMemo<Row[]>(
    () => stats?.byArea.map((row) => ({ ...row, key: row.areaCode, name: row.areaName })) ?? [],
    [stats],
  );
  const byOrg = useMemo<Row[]>(
    () => stats?.byOrganization.map((row) => ({ ...row, key: row.orgId, name: row.orgName })) ?? [],
    [stats],
  );
  const total = stats ? { ...stats.total, key: 'total', name: t('needs.console.statsTotal') } : null;

  return (
    <Page title={t('needs.console.statsTitle')}>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('needs.console.filters.dates')} htmlFor="linli-need-stats-range">
          <DatePicker.RangePicker
            id={{ start: 'linli-need-stats-range' }}
            value={range}
            onChange={(value) => setRange(value)}
            allowEmpty={[true, true]}
            placeholder={[t('needs.console.filters.from'), t('needs.console.filters.to')]}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      <Spin spinning={!stats && !error}>
        {stats ? (
          <>
            <Typography.Paragraph aria-live="polite">
              {t('needs.console.statsIntro', { area: stats.areaFullName })}
            </Typography.Paragraph>
            <Tabs
              items={[
                {
                  key: 'area',
                  label: t('needs.console.statsByArea'),
                  children: <FiguresCard title={t('needs.console.statsByArea')} rows={byArea} total={total} />,
                },
                {
                  key: 'org',
                  label: t('needs.console.statsByOrg'),
                  children: <FiguresCard title={t('needs.console.statsByOrg')} rows={byOrg} total={total} />,
                },
              ]}
            />
          </>
        ) : null}
      </Spin>
    </Page>
  );
}
