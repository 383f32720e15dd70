import type { Dashboard, Figure, MetricKey } from '@linli/contract/statistics';
import { Card, Col, Empty, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { drillDownHref } from '../api';
import { ChildChart } from './child-chart';

/** A registry metric's label (campaign figures carry their own name). */
export function metricLabel(t: TFunction, key: string): string {
  return t(`statistics.metrics.${key as MetricKey}`);
}

/** The figure's name: a campaign's own name, else the metric's label. */
export function figureLabel(t: TFunction, figure: Pick<Figure, 'key' | 'label'>): string {
  return figure.label ?? metricLabel(t, figure.key);
}

export function unitLabel(t: TFunction, unit: Figure['unit']): string {
  return t(`statistics.units.${unit}`);
}

export function formatValue(t: TFunction, value: number | null, unit: Figure['unit'], hasSource = true): string {
  if (!hasSource) {
    return t('statistics.noSource');
  }
  if (value === null) {
    return '—';
  }
  const text = value.toLocaleString('zh-CN');
  return unit === 'percent' ? `${text}%` : text;
}

type ChildRow = { code: string; name: string; value: number | null; numerator?: number; denominator?: number };

/** One figure as a card: its number opens the list behind it; choosing the card shows its breakdown. */
function FigureCard({ figure, isSelected, onSelect }: { figure: Figure; isSelected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const label = figureLabel(t, figure);
  return (
    <Card
      size="small"
      className={isSelected ? 'linli-figure-card linli-figure-card-selected' : 'linli-figure-card'}
      styles={{ body: { padding: 12 } }}
    >
      <Flex vertical gap={4} align="start">
        <button
          type="button"
          className="linli-figure-select"
          aria-pressed={isSelected}
          onClick={onSelect}
          title={t('statistics.showBreakdown')}
        >
          {label}
        </button>
        <Typography.Text strong style={{ fontSize: 22 }}>
          {figure.drillDown && figure.hasSource ? (
            <Link
              to={drillDownHref(figure.drillDown)}
              aria-label={t('statistics.openList', { figure: label, value: formatValue(t, figure.value, figure.unit) })}
            >
              {formatValue(t, figure.value, figure.unit)}
            </Link>
          ) : (
            formatValue(t, figure.value, figure.unit, figure.hasSource)
          )}
          {figure.hasSource && figure.value !== null && figure.unit !== 'percent' ? (
            <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 4 }}>
              {unitLabel(t, figure.unit)}
            </Typography.Text>
          ) : null}
        </Typography.Text>
        {figure.denominator !== undefined && figure.hasSource ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('statistics.ratio', { numerator: figure.numerator ?? 0, denominator: figure.denominator })}
          </Typography.Text>
        ) : null}
        {!figure.hasSource ? <Tag>{t('statistics.noSourceTag')}</Tag> : null}
      </Flex>
    </Card>
  );
}

/** The chosen figure by child area: a chart with ECharts' description and a sortable table; a child's name drills down. */
export function FigureBreakdown({ dashboard, figure }: { dashboard: Dashboard; figure: Figure }) {
  const { t } = useTranslation();
  const titleId = useId();
  const label = figureLabel(t, figure);
  const rows = useMemo<ChildRow[]>(() => figure.children, [figure]);
  const isLeaf = dashboard.children.length === 0;
  return (
    <Card
      size="small"
      title={
        <h3 className="linli-card-title" id={titleId}>
          {t('statistics.breakdownTitle', { figure: label, area: dashboard.area.name })}
        </h3>
      }
      extra={
        figure.drillDown && figure.hasSource ? (
          <Link to={drillDownHref(figure.drillDown)}>{t('statistics.openListShort')}</Link>
        ) : null
      }
    >
      {!figure.hasSource ? (
        <Typography.Paragraph>{t('statistics.noSourceExplained')}</Typography.Paragraph>
      ) : isLeaf ? (
        <Empty description={t('statistics.noChildren')} />
      ) : (
        <>
          <ChildChart title={label} rows={rows} unit={unitLabel(t, figure.unit)} />
          <Table<ChildRow>
            aria-labelledby={titleId}
            size="small"
            rowKey="code"
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            dataSource={rows}
            columns={[
              {
                title: t('statistics.childArea'),
                dataIndex: 'name',
                key: 'name',
                sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
                render: (_v, row) => <Link to={`/statistics?area=${row.code}`}>{row.name}</Link>,
              },
              {
                title: t('statistics.areaCode'),
                dataIndex: 'code',
                key: 'code',
                sorter: (a, b) => a.code.localeCompare(b.code),
                defaultSortOrder: 'ascend',
              },
              {
                title: `${label}（${unitLabel(t, figure.unit)}）`,
                dataIndex: 'value',
                key: 'value',
                align: 'right',
                sorter: (a, b) => (a.value ?? -1) - (b.value ?? -1),
                render: (_v, row) => formatValue(t, row.value, figure.unit),
              },
              ...(figure.unit === 'percent' || figure.unit === 'average'
                ? [
                    {
                      title: t('statistics.numeratorDenominator'),
                      key: 'ratio',
                      align: 'right' as const,
                      render: (_v: unknown, row: ChildRow) =>
                        row.denominator === undefined ? '—' : `${row.numerator ?? 0} / ${row.denominator}`,
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** A group's figures as cards; the chosen one's breakdown below. */
export function FigureGroup({
  dashboard,
  figures,
  selected,
  onSelect,
}: {
  dashboard: Dashboard;
  figures: Figure[];
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const current = figures.find((f) => f.key === selected) ?? figures[0];
  return (
    <Flex vertical gap="middle">
      <Row gutter={[12, 12]}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} sm={8} md={6} xl={4}>
            <FigureCard
              figure={figure}
              isSelected={figure.key === current?.key}
              onSelect={() => onSelect(figure.key)}
            />
          </Col>
        ))}
      </Row>
      {current ? <FigureBreakdown dashboard={dashboard} figure={current} /> : null}
    </Flex>
  );
}
