import type { ActivityCounts } from '@linli/contract/activities';
import { Card, Col, Row, Spin, Table, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { TFunction } from 'i18next';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { type ActivityFilters, type Campaign, countActivities } from '../api';
import { campaignLabel, useCampaigns } from './use-choices';

// only the parts drawn here, not the whole library
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type CountRow = { key: string; label: string; count: number };

/** A horizontal bar chart; hidden from assistive technology, which reads the table beside it. */
function Bars({ rows, color }: { rows: CountRow[]; color: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) {
      return;
    }
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const ordered = [...rows].reverse();
    chart.setOption({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((row) => row.label), axisLabel: { fontSize: 13 } },
      series: [
        {
          type: 'bar',
          data: ordered.map((row) => row.count),
          itemStyle: { color },
          label: { show: true, position: 'right' },
          barMaxWidth: 22,
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [rows, color]);
  return <div ref={ref} aria-hidden style={{ height: Math.max(160, rows.length * 36 + 24), width: '100%' }} />;
}

/** A chart with its data as a table (WCAG 1.1.1: the table is the chart's text equivalent). */
function CountsCard({ title, rows, color, total }: { title: string; rows: CountRow[]; color: string; total: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card
      title={
        <h3 className="linli-card-title" id={titleId}>
          {title}
        </h3>
      }
      size="small"
    >
      <Bars rows={rows} color={color} />
      <Table<CountRow>
        aria-labelledby={titleId}
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('activityPages.counts.category'), dataIndex: 'label', key: 'label' },
          { title: t('activityPages.counts.count'), dataIndex: 'count', key: 'count', align: 'right' },
          {
            title: t('activityPages.counts.share'),
            key: 'share',
            align: 'right',
            render: (_value, row) => (total > 0 ? `${Math.round((row.count / total) * 100)}%` : '—'),
          },
        ]}
        locale={{ emptyText: t('activityPages.counts.empty') }}
      />
    </Card>
  );
}

function fieldRows(t: TFunction, counts: ActivityCounts): CountRow[] {
  return counts.byField.map((row) => ({ key: row.field, label: t(`activities.field.${row.field}`), count: row.count }));
}

function campaignRows(t: TFunction, counts: ActivityCounts, campaigns: Campaign[]): CountRow[] {
  return counts.byCampaign.map((row) => ({
    key: row.campaign ?? '-',
    label: campaignLabel(t, row.campaign, campaigns),
    count: row.count,
  }));
}

/** 按领域、按主题活动统计: the counts of the filtered activities as two bar charts with data tables. */
export function CountsPanel({ filters }: { filters: ActivityFilters }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [counts, setCounts] = useState<ActivityCounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const filtersKey = JSON.stringify(filters);
  const byField = useMemo(() => (counts ? fieldRows(t, counts) : []), [t, counts]);
  const byCampaign = useMemo(() => (counts ? campaignRows(t, counts, campaigns) : []), [t, counts, campaigns]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey stands for filters
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    countActivities(filters, controller.signal).then(setCounts, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [filtersKey]);

  return (
    <Spin spinning={!counts && !error}>
      <ErrorAlert error={error} />
      {counts ? (
        <>
          <Typography.Paragraph aria-live="polite">
            {t('activityPages.counts.total', { count: counts.total })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <CountsCard
                title={t('activityPages.counts.byField')}
                rows={byField}
                color="#b7410e"
                total={counts.total}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountsCard
                title={t('activityPages.counts.byCampaign')}
                rows={byCampaign}
                color="#1d4ed8"
                total={counts.total}
              />
            </Col>
          </Row>
        </>
      ) : null}
    </Spin>
  );
}
