import { Card, Col, Row, Statistic, Table } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoaded } from '../../../components/use-loaded';
import { getVolunteerOverview } from '../api';

// only the parts drawn here, not the whole library
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type StarRow = { key: number; label: string; count: number };

/** Vertical bars per star level; hidden from assistive technology, which reads the table beside it. */
function StarBars({ rows }: { rows: StarRow[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) {
      return;
    }
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((row) => row.label), axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: rows.map((row) => row.count),
          itemStyle: { color: '#b45309' },
          label: { show: true, position: 'top' },
          barMaxWidth: 36,
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [rows]);
  return <div ref={ref} aria-hidden style={{ height: 220, width: '100%' }} />;
}

/**
 * 志愿者概况: how many volunteers the user may read (jurisdiction or teams), their confirmed
 * hours and the star levels held — a chart with its data as a table (WCAG 1.1.1).
 */
export function VolunteerOverviewCard() {
  const { t } = useTranslation();
  const titleId = useId();
  const overview = useLoaded((signal) => getVolunteerOverview(signal), 'overview');
  const rows = useMemo<StarRow[]>(
    () =>
      (overview.data?.byStar ?? []).map((count, level) => ({
        key: level,
        label:
          level === 0 ? t('volunteerConsole.overview.noStar') : t('volunteerConsole.stars.label', { count: level }),
        count,
      })),
    [overview.data, t],
  );
  const total = overview.data?.volunteers ?? 0;
  return (
    <Card
      size="small"
      loading={!overview.data && !overview.error}
      title={
        <h2 className="linli-card-title" id={titleId}>
          {t('volunteerConsole.overview.title')}
        </h2>
      }
    >
      <ErrorAlert error={overview.error} />
      {overview.data ? (
        <Row gutter={[24, 16]}>
          <Col xs={24} md={6}>
            <Statistic title={t('volunteerConsole.overview.volunteers')} value={overview.data.volunteers} />
            <Statistic
              title={t('volunteerConsole.overview.hours')}
              value={overview.data.confirmedHours}
              precision={1}
              style={{ marginTop: 16 }}
            />
            {overview.data.fiveStarPending > 0 ? (
              <Statistic
                title={t('volunteerConsole.overview.fivePending')}
                value={overview.data.fiveStarPending}
                style={{ marginTop: 16 }}
              />
            ) : null}
          </Col>
          <Col xs={24} md={10}>
            <StarBars rows={rows} />
          </Col>
          <Col xs={24} md={8}>
            <Table<StarRow>
              aria-labelledby={titleId}
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rows}
              caption={<span className="linli-visually-hidden">{t('volunteerConsole.overview.tableCaption')}</span>}
              columns={[
                { title: t('volunteerConsole.overview.level'), dataIndex: 'label', key: 'label' },
                { title: t('volunteerConsole.overview.count'), dataIndex: 'count', key: 'count', align: 'right' },
                {
                  title: t('volunteerConsole.overview.share'),
                  key: 'share',
                  align: 'right',
                  render: (_value, row) => (total > 0 ? `${Math.round((row.count / total) * 100)}%` : '—'),
                },
              ]}
            />
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
